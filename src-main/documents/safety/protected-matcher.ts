import { AddressMatcher, parseAddress } from './addresses';
import { extractContacts, type PhoneNumber } from './contacts';
import { normaliseForMatching, tokenise, type Token } from './normalise';
import { runTokenSpan, type DigitRun } from './phones';
import { EMAIL_OBFUSCATIONS, sameWord, sequenceAt, singular, viewOf, type RawMatch, type TextView } from './text-view';
import { COMMON_WORDS, LOCALITY_SYNONYMS, NAME_STOPWORDS, STREET_TYPES } from './words';

export { normaliseForMatching };

/**
 * Finds, in any text bound for her paper, the passages that may say where she is or how to reach
 * her (victim-copy.md "Safety rules", issue 11): by the parts of an address, the digits of a phone
 * number, e-mail addresses and handles, the distinctive words of a place's name, the names of her
 * safe contact, and phrases. Pure: the document model and the final PDF check both call it.
 */

export type ProtectedKind = 'address' | 'stayingAt' | 'safeChannel' | 'shelter' | 'riskWording' | 'officerWithheld';

/** One stored value that must never reach her paper, and where it is stored (for messages to the officer). */
export interface ProtectedSource {
  kind: ProtectedKind;
  field: string;
  value: string;
}

export interface ProtectedMatch {
  /** UTF-16 offsets in the ORIGINAL text (not the normalised one): text.slice(start, end) is the passage to withhold. */
  start: number;
  end: number;
  /** definite: always withheld, the officer cannot release it. near: withheld by default, the officer may release it with a reason ("may reveal where she is"). */
  certainty: 'definite' | 'near';
  kind: ProtectedKind;
  /**
   * Which rule matched: 'streetNumber' | 'postcodeLocality' | 'phone' | 'email' | 'handle' | 'website' |
   * 'placeName' | 'personName' | 'phrase' | 'street' | 'postcode' | 'locality' | 'sameStreetOtherNumber' |
   * 'otherStreetSamePostcode' | 'phonePart' | 'nameWord'.
   */
  rule: string;
  /** The ProtectedSource.field it came from. */
  field: string;
}

export interface ProtectedMatcher {
  /** Sorted by start, non-overlapping (overlapping matches are merged; definite wins over near). */
  find(text: string): ProtectedMatch[];
  readonly empty: boolean;
}

type Certainty = ProtectedMatch['certainty'];

interface SequencePattern {
  words: string[];
  certainty: Certainty;
  kind: ProtectedKind;
  rule: string;
  field: string;
  /** Words that may stand between the words: fillers of names ("Rose et Blanche"), words hiding an e-mail address. */
  fillers: ReadonlySet<string> | null;
}

/** Word sequences, looked up by their first word: one pass over the text whatever their number. */
class SequenceIndex {
  private readonly byFirst = new Map<string, SequencePattern[]>();
  /** Long single words also found one letter off (a typo): near only. */
  private readonly fuzzyByLength = new Map<number, SequencePattern[]>();

  get size(): number {
    return this.byFirst.size;
  }

  add(pattern: SequencePattern): void {
    if (pattern.words.length === 0) return;
    const key = singular(pattern.words[0]!);
    const list = this.byFirst.get(key) ?? [];
    const same = (p: SequencePattern) =>
      p.words.join(' ') === pattern.words.join(' ') &&
      p.certainty === pattern.certainty &&
      p.field === pattern.field &&
      p.fillers === pattern.fillers;
    if (!list.some(same)) list.push(pattern);
    this.byFirst.set(key, list);
    if (pattern.words.length === 1 && pattern.words[0]!.length >= 7 && !/^[0-9]/.test(pattern.words[0]!)) {
      const fuzzy = this.fuzzyByLength.get(pattern.words[0]!.length) ?? [];
      fuzzy.push({ ...pattern, certainty: 'near' });
      this.fuzzyByLength.set(pattern.words[0]!.length, fuzzy);
    }
  }

  find(view: TextView, out: RawMatch[]): void {
    const { tokens } = view;
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i]!.word;
      for (const p of this.byFirst.get(singular(word)) ?? []) {
        const last = sequenceAt(tokens, i, p.words, p.fillers);
        if (last >= 0) out.push({ first: i, last, certainty: p.certainty, kind: p.kind, rule: p.rule, field: p.field });
      }
      if (word.length < 6 || tokens[i]!.digits) continue;
      for (let length = word.length - 1; length <= word.length + 1; length++) {
        for (const p of this.fuzzyByLength.get(length) ?? []) {
          if (sameWord(word, p.words[0]!) === 'fuzzy')
            out.push({ first: i, last: i, certainty: 'near', kind: p.kind, rule: p.rule, field: p.field });
        }
      }
    }
  }
}

/** Words of a name that are not a name on their own ("Karim Ben Ali": "ben" is also Dutch "am"). */
const NAME_PARTICLES = new Set([
  'ben',
  'bin',
  'bint',
  'ibn',
  'abu',
  'el',
  'al',
  'ould',
  'da',
  'di',
  'do',
  'dos',
  'das',
  'del',
  'della',
  'le',
  'la',
  'mc',
  'mac',
  'o',
  'y',
]);
/** Words after which a word names a locality ("à Uccle", "in Gent"). */
const LOCATIVES = new Set(['a', 'in', 'te', 'en', 'near', 'pres', 'nabij', 'bei', 'at', 'vers', 'naar', 'nach']);

/** The words of a value left once contacts and an address are read out, kept when they may name a place or a person. */
function distinctiveWords(value: string, tokens: Token[], used: Set<number>): { word: string; locative: boolean }[] {
  const candidates = tokens.flatMap((t, i) => {
    if (
      used.has(i) ||
      t.digits ||
      t.word.length < 2 ||
      COMMON_WORDS.has(t.word) ||
      NAME_STOPWORDS.has(t.word) ||
      STREET_TYPES.has(t.word)
    )
      return [];
    return [
      {
        word: t.word,
        locative: LOCATIVES.has(tokens[i - 1]?.word ?? ''),
        capitalised: /^\p{Lu}/u.test(value.slice(t.start, t.end)),
      },
    ];
  });
  // Written with capitals, the capitalised words are the names ("chez ma sœur Nadia, près de la gare").
  const mixedCase = /\p{Ll}/u.test(value) && /\p{Lu}/u.test(value);
  const capitalised = candidates.filter((c) => c.capitalised);
  return mixedCase && capitalised.length > 0 ? capitalised : candidates;
}

function permutations(words: string[]): string[][] {
  if (words.length <= 1 || words.length > 4) return [words];
  return words.flatMap((w, i) =>
    permutations([...words.slice(0, i), ...words.slice(i + 1)]).map((rest) => [w, ...rest]),
  );
}

interface Passage {
  normalised: string;
  kind: ProtectedKind;
  field: string;
}

interface Compiled {
  sequences: SequenceIndex;
  phones: (PhoneNumber & { kind: ProtectedKind; field: string })[];
  addresses: AddressMatcher[];
  passages: Passage[];
}

function compileSource(source: ProtectedSource, into: Compiled): void {
  const value = source.value.normalize('NFC').trim();
  if (value === '') return;
  const { kind, field } = source;
  const { tokens } = tokenise(value);
  if (tokens.length === 0) return;
  const seq = (words: string[], certainty: Certainty, rule: string, fillers: ReadonlySet<string> | null = null) =>
    into.sequences.add({ words, certainty, kind, rule, field, fillers });

  if (kind === 'riskWording') {
    seq(
      tokens.map((t) => t.word),
      'definite',
      'phrase',
    );
    return;
  }
  if (kind === 'officerWithheld') {
    const normalised = normaliseForMatching(value).text.trim();
    if (normalised.replace(/ /g, '').length >= 2) into.passages.push({ normalised, kind, field });
    return;
  }

  const contacts = extractContacts(value, tokens, kind === 'shelter');
  for (const phone of contacts.phones) into.phones.push({ ...phone, kind, field });
  const used = new Set(contacts.used);
  const rest = tokens.filter((_, i) => !used.has(i));

  const address = parseAddress(value, rest, kind !== 'address');
  if (address) {
    into.addresses.push(new AddressMatcher(address.parts, kind, field, kind === 'stayingAt'));
    for (const t of address.used) used.add(tokens.indexOf(rest[t]!));
  }

  const words = distinctiveWords(value, tokens, used);
  if (kind === 'safeChannel') {
    const names = words.map((w) => w.word);
    if (names.length === 1) seq(names, 'definite', 'personName');
    if (names.length >= 2) {
      for (const order of permutations(names)) seq(order, 'definite', 'personName', NAME_STOPWORDS);
      for (const name of names) if (name.length >= 3 && !NAME_PARTICLES.has(name)) seq([name], 'near', 'nameWord');
    }
  } else {
    // A place (where she stays, a shelter; an address that could not be read as one).
    if (words.length >= 2)
      seq(
        words.map((w) => w.word),
        'definite',
        'placeName',
        NAME_STOPWORDS,
      );
    for (const { word, locative } of words) {
      const locality = LOCALITY_SYNONYMS.get(word);
      if (kind === 'stayingAt' && (locality || locative)) {
        for (const name of locality ?? [word]) seq(name.split(' '), 'definite', 'locality', NAME_STOPWORDS);
      } else if (word.length >= 5) seq([word], 'definite', 'placeName');
      else if (word.length >= 3) seq([word], 'near', 'placeName');
    }
  }
  // After the names, so that a passage that is both reports the name.
  for (const s of contacts.sequences) seq(s.words, 'definite', s.rule, s.rule === 'email' ? EMAIL_OBFUSCATIONS : null);
  // Where she stays, in the words around its names ("chez sa tante" of "chez sa tante à Spa"): may reveal where she is.
  if (kind === 'stayingAt') {
    const distinctive = new Set(words.map((w) => w.word));
    let part: Token[] = [];
    const flush = () => {
      while (part.length > 0 && NAME_STOPWORDS.has(part.at(-1)!.word)) part.pop();
      while (part.length > 0 && NAME_STOPWORDS.has(part[0]!.word)) part.shift();
      const ws = part.map((t) => t.word);
      if (ws.length >= 2 && ws.join(' ').length >= 8) seq(ws, 'near', 'phrase');
      part = [];
    };
    tokens.forEach((t, i) => {
      if (i > 0 && /[,;/\n()]/.test(value.slice(tokens[i - 1]!.end, t.start))) flush();
      if (!t.digits && !used.has(i) && !distinctive.has(t.word)) part.push(t);
      else flush();
    });
    flush();
  }
}

/** The passage's token range in the text, its edges widened to whole words. */
function findPassages(view: TextView, passages: Passage[], out: RawMatch[]): void {
  const text = view.normalised.text;
  const isWordChar = (i: number) => i >= 0 && i < text.length && text[i] !== ' ';
  for (const p of passages) {
    for (let at = text.indexOf(p.normalised); at >= 0; at = text.indexOf(p.normalised, at + 1)) {
      const end = at + p.normalised.length;
      if (p.normalised.length < 8 && (isWordChar(at - 1) || isWordChar(end))) continue;
      let first = -1;
      let last = -1;
      view.tokens.forEach((t, i) => {
        if (t.normalisedEnd > at && t.normalisedStart < end) {
          if (first < 0) first = i;
          last = i;
        }
      });
      if (first >= 0) out.push({ first, last, certainty: 'definite', kind: p.kind, rule: 'phrase', field: p.field });
    }
  }
}

function findPhones(view: TextView, phones: Compiled['phones'], out: RawMatch[]): void {
  const push = (
    run: DigitRun,
    phone: Compiled['phones'][number],
    from: number,
    to: number,
    certainty: Certainty,
    rule: string,
  ) => {
    const [first, last] = runTokenSpan(run, from, to);
    out.push({ first, last, certainty, kind: phone.kind, rule, field: phone.field, plusBefore: true });
  };
  for (const run of view.runs) {
    for (const phone of phones) {
      if (phone.exact !== null) {
        if (
          run.digits === phone.exact ||
          (phone.national.length >= 3 && run.digits.replace(/^0+/, '') === phone.national)
        )
          push(run, phone, 0, run.digits.length, 'definite', 'phone');
        continue;
      }
      // Fewer than six digits hold neither the number nor its last six.
      if (phone.national.length < 8 || run.digits.length < 6) continue;
      let found = false;
      for (let at = run.digits.indexOf(phone.national); at >= 0; at = run.digits.indexOf(phone.national, at + 1)) {
        push(run, phone, at, at + phone.national.length, 'definite', 'phone');
        found = true;
      }
      if (found) continue;
      const tail = phone.national.slice(-6);
      for (let at = run.digits.indexOf(tail); at >= 0; at = run.digits.indexOf(tail, at + 1))
        push(run, phone, at, at + tail.length, 'near', 'phonePart');
    }
  }
}

export function compileProtectedMatcher(sources: ProtectedSource[]): ProtectedMatcher {
  const compiled: Compiled = { sequences: new SequenceIndex(), phones: [], addresses: [], passages: [] };
  for (const source of sources) compileSource(source, compiled);
  const empty =
    compiled.sequences.size === 0 &&
    compiled.phones.length === 0 &&
    compiled.addresses.length === 0 &&
    compiled.passages.length === 0;

  function find(text: string): ProtectedMatch[] {
    if (empty || text === '') return [];
    const view = viewOf(text);
    const raw: RawMatch[] = [];
    compiled.sequences.find(view, raw);
    findPhones(view, compiled.phones, raw);
    for (const address of compiled.addresses) address.find(view, raw);
    findPassages(view, compiled.passages, raw);
    return mergeMatches(view, raw);
  }
  return { find, empty };
}

function mergeMatches(view: TextView, raw: RawMatch[]): ProtectedMatch[] {
  const spans = raw.map((m) => {
    const [first, last] = m.extend ? m.extend(view, m.first, m.last) : [m.first, m.last];
    let start = view.tokens[first]!.start;
    if (m.plusBefore && view.text[start - 1] === '+') start--;
    return { start, end: view.tokens[last]!.end, certainty: m.certainty, kind: m.kind, rule: m.rule, field: m.field };
  });
  // Definite first among equal starts, so that a merged passage reports the rule that makes it definite.
  spans.sort(
    (a, b) => a.start - b.start || (a.certainty === b.certainty ? b.end - a.end : a.certainty === 'definite' ? -1 : 1),
  );
  const merged: ProtectedMatch[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && span.start < previous.end) {
      previous.end = Math.max(previous.end, span.end);
      if (span.certainty === 'definite' && previous.certainty === 'near')
        Object.assign(previous, { certainty: 'definite', kind: span.kind, rule: span.rule, field: span.field });
    } else merged.push({ ...span });
  }
  return merged;
}
