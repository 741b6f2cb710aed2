import type { Token } from './normalise';
import type { ProtectedKind } from './protected-matcher';
import { sameWord, sequenceAt, singular, type RawMatch, type TextView } from './text-view';
import {
  BOX_MARKERS,
  COUNTRY_WORDS,
  LOCALITY_SYNONYMS,
  NAME_STOPWORDS,
  NUMBER_MARKERS,
  STREET_SUFFIXES,
  STREET_TYPES,
} from './words';

/**
 * Addresses by their parts (issue 11): "Avenue des Tilleuls 42, 4000 Liège" is also "av. des
 * Tilleuls 42", "42 avenue des tilleuls", "Tilleuls 42", "n°42 av Tilleuls" and "4000 Liège".
 */
export interface AddressParts {
  /** Distinctive words of the street, a glued street type cut off ("lindenstraat" → "linden"). */
  streetWords: string[];
  /** Words of the street that may be left out when written (roman numerals, single letters). */
  optionalStreetWords: string[];
  /** Whether the stored street is named with a street type ("rue", "-straat"). */
  typed: boolean;
  houseNumber: string | null;
  postcode: string | null;
  /** The locality's names, each a word sequence: as stored and as other languages call it. */
  localities: string[][];
}

/** "lindenstraat" → "linden", "kirchstr" → "kirch"; null when the word does not end in a street type. */
export function streetStem(word: string): string | null {
  for (const suffix of STREET_SUFFIXES)
    if (word.length >= suffix.length + 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  return null;
}

const SEGMENT_BREAK = /[,;\n|]/;
const isNumber = (t: Token | undefined): t is Token => t !== undefined && t.digits;
const sameNumber = (a: string, b: string): boolean => a.replace(/^0+/, '') === b.replace(/^0+/, '');
const houseNumberLike = (t: Token | undefined): t is Token => isNumber(t) && t.word.length <= 4 && Number(t.word) > 0;

/**
 * The parts of an address written in `tokens` (the stored value or one part of it). With
 * `requireStreetType`, a street counts only when it is named with a street type (a place she stays
 * at is mostly words, "chez ma sœur Nadia, rue X 3, 1180 Uccle"). Returns the token indexes used.
 */
export function parseAddress(
  value: string,
  tokens: Token[],
  requireStreetType: boolean,
): { parts: AddressParts; used: Set<number> } | null {
  if (tokens.length === 0) return null;
  const segmentOf: number[] = [];
  let segment = 0;
  tokens.forEach((token, i) => {
    if (i > 0 && SEGMENT_BREAK.test(value.slice(tokens[i - 1]!.end, token.start))) segment++;
    segmentOf.push(segment);
  });
  const segmentStart = (i: number) => i === 0 || segmentOf[i - 1] !== segmentOf[i];
  const digitIndexes = tokens.flatMap((t, i) => (t.digits ? [i] : []));
  const isTyped = (t: Token) => STREET_TYPES.has(t.word) || streetStem(t.word) !== null;

  const used = new Set<number>();
  let postcodeAt = -1;
  for (const i of digitIndexes) {
    const t = tokens[i]!;
    if (t.word.length < 4 || t.word.length > 5) continue;
    if (i !== digitIndexes[0] || segmentStart(i) || COUNTRY_WORDS.has(tokens[i - 1]?.word ?? '')) postcodeAt = i;
  }
  if (postcodeAt >= 0) {
    used.add(postcodeAt);
    if (COUNTRY_WORDS.has(tokens[postcodeAt - 1]?.word ?? '') && segmentOf[postcodeAt - 1] === segmentOf[postcodeAt])
      used.add(postcodeAt - 1);
  }

  let houseAt = -1;
  for (const i of digitIndexes) {
    if (i === postcodeAt || !houseNumberLike(tokens[i])) continue;
    if (BOX_MARKERS.has(tokens[i - 1]?.word ?? '') && houseAt >= 0) continue;
    const segmentTokens = tokens.filter((_, k) => segmentOf[k] === segmentOf[i]);
    if (requireStreetType && !segmentTokens.some(isTyped)) continue;
    houseAt = i;
    break;
  }

  // The locality: after the postcode in its part, or a part of words alone after the street.
  const locality: number[] = [];
  if (postcodeAt >= 0) {
    const postcodeSegment = segmentOf[postcodeAt]!;
    for (let k = postcodeAt + 1; k < tokens.length && segmentOf[k] === postcodeSegment && !tokens[k]!.digits; k++)
      locality.push(k);
    // "…, 4000, Liège": the locality in the next part.
    if (locality.length === 0 && segmentOf[postcodeAt + 1] === postcodeSegment + 1) {
      for (let k = postcodeAt + 1; k < tokens.length && segmentOf[k] === postcodeSegment + 1 && !tokens[k]!.digits; k++)
        locality.push(k);
    }
  } else if (houseAt >= 0) {
    const houseSegment = segmentOf[houseAt]!;
    const lastSegment = segmentOf[tokens.length - 1]!;
    if (lastSegment > houseSegment) {
      const lastTokens = tokens.flatMap((t, k) => (segmentOf[k] === lastSegment ? [k] : []));
      if (lastTokens.every((k) => !tokens[k]!.digits && !isTyped(tokens[k]!))) locality.push(...lastTokens);
    }
  }
  while (locality.length > 0 && COUNTRY_WORDS.has(tokens[locality.at(-1)!]!.word) && locality.length > 1)
    used.add(locality.pop()!);
  for (const k of locality) used.add(k);

  // The street: the part holding the house number (or the first part), without number, box and locality.
  const streetSegment =
    houseAt >= 0 ? segmentOf[houseAt]! : requireStreetType ? segmentOf[tokens.findIndex(isTyped)] : 0;
  if (houseAt >= 0) {
    used.add(houseAt);
    const glued = tokens[houseAt + 1];
    if (glued && !glued.digits && glued.word.length === 1 && glued.start === tokens[houseAt]!.end)
      used.add(houseAt + 1);
    if (NUMBER_MARKERS.has(tokens[houseAt - 1]?.word ?? '')) used.add(houseAt - 1);
    for (let k = houseAt + 1; k < tokens.length && segmentOf[k] === streetSegment; k++) {
      const isBox = BOX_MARKERS.has(tokens[k]!.word) && isNumber(tokens[k + 1]);
      if (isBox) {
        used.add(k).add(k + 1);
        k++;
      } else if (tokens[k]!.digits && value.slice(tokens[k - 1]!.end, tokens[k]!.start).includes('/')) used.add(k);
    }
  }
  const streetTokens: Token[] = [];
  if (streetSegment !== undefined) {
    tokens.forEach((t, k) => {
      if (segmentOf[k] !== streetSegment || used.has(k) || t.digits) return;
      // "Avenue des Tilleuls 42 Liège" without a comma: the words after the number are the locality.
      if (houseAt >= 0 && k > houseAt && houseAt > 0 && segmentOf[houseAt - 1] === streetSegment && postcodeAt < 0) {
        locality.push(k);
        used.add(k);
        return;
      }
      streetTokens.push(t);
      used.add(k);
    });
  }
  const typed = streetTokens.some(isTyped);
  const hasTypeWord = streetTokens.some((t) => STREET_TYPES.has(t.word));
  const streetWords: string[] = [];
  const optionalStreetWords: string[] = [];
  for (const t of streetTokens) {
    if (
      STREET_TYPES.has(t.word) ||
      NAME_STOPWORDS.has(t.word) ||
      NUMBER_MARKERS.has(t.word) ||
      COUNTRY_WORDS.has(t.word)
    )
      continue;
    const stem = hasTypeWord ? null : streetStem(t.word);
    const word = stem ?? t.word;
    if (/^[ivxlc]{1,4}$/.test(word) || word.length === 1) optionalStreetWords.push(word);
    else streetWords.push(word);
  }
  if (requireStreetType && !typed) streetWords.length = 0;

  const localityWords = locality
    .map((k) => tokens[k]!.word)
    .filter((w) => !COUNTRY_WORDS.has(w) || locality.length === 1);
  const localities: string[][] = [];
  if (localityWords.length > 0) {
    const stored = localityWords.join(' ');
    for (const name of LOCALITY_SYNONYMS.get(stored) ?? [stored]) localities.push(name.split(' '));
  }
  const postcode = postcodeAt >= 0 ? tokens[postcodeAt]!.word : null;
  const houseNumber = houseAt >= 0 && streetWords.length > 0 ? tokens[houseAt]!.word : null;
  if (streetWords.length === 0 && postcode === null && localities.length === 0) return null;
  return { parts: { streetWords, optionalStreetWords, typed, houseNumber, postcode, localities }, used };
}

/** Words that may stand between the parts of an address: "au 42", "maison 42", "résidence". */
const ADDRESS_GLUE = new Set([
  'au',
  'aux',
  'maison',
  'huis',
  'haus',
  'house',
  'immeuble',
  'batiment',
  'gebouw',
  'blok',
  'bloc',
  'numero',
  'nummer',
]);

/** Words after a number that make it an amount, a duration or a quantity, not a postcode. */
const UNIT_WORDS = new Set(
  'euro euros eur e usd dollars km m kg g cm mm ans an jaar jaren jahre years year fois keer mal times x personnes mensen personen people pieces stuks minutes min heures uur h pct procent pourcent percent'.split(
    ' ',
  ),
);
const MONTHS = new Set(
  'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre januari februari maart april mei juni juli augustus oktober december januar februar marz august dezember january february march may june july october jan feb mar apr jun jul aug sep sept oct okt nov dec'.split(
    ' ',
  ),
);
const YEAR_WORDS = new Set(
  'en in depuis sinds seit since annee jaar jahr year ete zomer sommer summer hiver winter fin debut eind anfang end begin'.split(
    ' ',
  ),
);

/** The compiled matcher of one address. */
export class AddressMatcher {
  private readonly localityWords: Set<string>;
  private readonly localityFirstWords: Set<string>;

  constructor(
    readonly parts: AddressParts,
    private readonly kind: ProtectedKind,
    private readonly field: string,
    /** Where she stays: her locality alone is definite there. */
    private readonly localityDefinite: boolean,
  ) {
    this.localityWords = new Set(parts.localities.flat().filter((w) => !NAME_STOPWORDS.has(w)));
    this.localityFirstWords = new Set(parts.localities.map((name) => singular(name[0]!)));
  }

  private streetWordAt(view: TextView, i: number): 'exact' | 'fuzzy' | null {
    const token = view.tokens[i];
    if (token === undefined || token.digits) return null;
    let best: 'exact' | 'fuzzy' | null = null;
    for (const w of this.parts.streetWords) {
      const same = sameWord(token.word, w, true);
      if (same === 'exact') return 'exact';
      best ??= same;
    }
    return best;
  }

  /** The indexes where each of the street's words stands within [from, to], or null when one is missing. */
  private streetWithin(view: TextView, from: number, to: number, exactOnly: boolean): number[] | null {
    const found: number[] = [];
    for (const w of this.parts.streetWords) {
      let at = -1;
      for (let k = Math.max(0, from); k <= Math.min(view.tokens.length - 1, to); k++) {
        const token = view.tokens[k]!;
        if (token.digits) continue;
        const same = sameWord(token.word, w, true);
        if (same === 'exact' || (same === 'fuzzy' && !exactOnly)) {
          at = k;
          break;
        }
      }
      if (at < 0) return null;
      found.push(at);
    }
    return found;
  }

  private isStreetTypeBefore(view: TextView, at: number): boolean {
    for (let k = at - 1; k >= Math.max(0, at - 3); k--) {
      const w = view.tokens[k]!.word;
      if (STREET_TYPES.has(w)) return true;
      if (!NAME_STOPWORDS.has(w)) return false;
    }
    return false;
  }

  private match(first: number, last: number, certainty: 'definite' | 'near', rule: string): RawMatch {
    return {
      first,
      last,
      certainty,
      kind: this.kind,
      rule,
      field: this.field,
      extend:
        rule === 'otherStreetSamePostcode' || rule === 'postcode' || rule === 'locality' ? undefined : this.extend,
    };
  }

  find(view: TextView, out: RawMatch[]): void {
    const { tokens } = view;
    const { streetWords, houseNumber, postcode } = this.parts;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.digits) {
        if (view.inLongNumber[i]) continue;
        if (houseNumber !== null && sameNumber(token.word, houseNumber)) {
          // Her number with all her street's words, nothing but address words between them.
          const [from, to] = this.addressRun(view, i);
          const street = this.streetWithin(view, from, to, false);
          if (street) out.push(this.match(Math.min(i, ...street), Math.max(i, ...street), 'definite', 'streetNumber'));
        }
        if (postcode !== null && token.word === postcode) this.findPostcode(view, i, out);
        continue;
      }
      // A mention of her street: starts at a word of it that stands first among its words.
      if (streetWords.length > 0 && sameWord(token.word, streetWords[0]!, true) === 'exact') {
        const span = 2 + 2 * streetWords.length;
        const street = this.streetWithin(view, i - span, i + span, true);
        if (!street) continue;
        const first = Math.min(...street);
        const last = Math.max(...street);
        let otherNumber = -1;
        for (let k = Math.max(0, first - 4); k <= Math.min(tokens.length - 1, last + 4); k++) {
          const t = tokens[k]!;
          if (
            houseNumberLike(t) &&
            !view.inLongNumber[k] &&
            t.word !== postcode &&
            (houseNumber === null || !sameNumber(t.word, houseNumber))
          ) {
            otherNumber = k;
            break;
          }
        }
        const glued = tokens[i]!.word !== streetWords[0] && sameWord(tokens[i]!.word, streetWords[0]!) === null;
        const named = this.isStreetTypeBefore(view, first) || glued;
        if (houseNumber === null) {
          // She lives in the street itself (no number stored): a street named as a street is definite.
          out.push(this.match(first, last, named || streetWords.length >= 2 ? 'definite' : 'near', 'street'));
        } else if (otherNumber >= 0) {
          out.push(
            this.match(Math.min(first, otherNumber), Math.max(last, otherNumber), 'near', 'sameStreetOtherNumber'),
          );
        } else if (named || streetWords.length >= 2 || streetWords[0]!.length >= 6) {
          out.push(this.match(first, last, 'near', 'street'));
        }
      }
      // Her locality alone, in any of its names.
      if (this.localityFirstWords.has(singular(token.word))) {
        for (const name of this.parts.localities) {
          const end = sequenceAt(tokens, i, name, NAME_STOPWORDS);
          if (end >= 0 && name.join('').length >= 3)
            out.push(this.match(i, end, this.localityDefinite ? 'definite' : 'near', 'locality'));
        }
      }
    }
  }

  /** Her postcode at `i`: with her locality beside it definite, unless it ends another full address; alone near. */
  private findPostcode(view: TextView, i: number, out: RawMatch[]): void {
    const { tokens } = view;
    let first = -1;
    let last = -1;
    for (const name of this.parts.localities) {
      // "4000 Liège", "B-4000 Liège", "4000 - Liège"
      for (let s = i + 1; s <= i + 3 && s < tokens.length && first < 0; s++) {
        const end = sequenceAt(tokens, s, name, NAME_STOPWORDS);
        if (end >= 0) [first, last] = [i, end];
        if (!COUNTRY_WORDS.has(tokens[s]!.word) && !NAME_STOPWORDS.has(tokens[s]!.word)) break;
      }
      // "Liège (4000)", "Liège, B-4000"
      for (let e = i - 1; e >= i - 3 && e >= 0 && first < 0; e--) {
        for (let s = Math.max(0, e - name.length - 2); s <= e; s++) {
          if (sequenceAt(tokens, s, name, NAME_STOPWORDS) === e) {
            [first, last] = [s, i];
            break;
          }
        }
        if (!COUNTRY_WORDS.has(tokens[e]!.word)) break;
      }
    }
    if (first >= 0) {
      const other = this.otherAddressBefore(view, first);
      if (other >= 0) out.push(this.match(other, last, 'near', 'otherStreetSamePostcode'));
      else out.push(this.match(first, last, 'definite', 'postcodeLocality'));
      return;
    }
    if (this.looksLikeAmountOrYear(view, i)) return;
    out.push(this.match(i, i, 'near', 'postcode'));
  }

  /** The start of a complete address of another street just before `at` ("Rue Royale 202, 4000 Liège"), or -1. */
  private otherAddressBefore(view: TextView, at: number): number {
    const { tokens } = view;
    let k = at - 1;
    while (k >= 0 && COUNTRY_WORDS.has(tokens[k]!.word)) k--;
    const from = Math.max(0, k - 8);
    let number = -1;
    let street = -1;
    for (let j = k; j >= from; j--) {
      const t = tokens[j]!;
      if (number < 0 && houseNumberLike(t) && !view.inLongNumber[j]) number = j;
      if (!t.digits && (STREET_TYPES.has(t.word) || streetStem(t.word) !== null) && !NAME_STOPWORDS.has(t.word))
        street = j;
    }
    if (number < 0 || street < 0 || k - number > 4) return -1;
    // Her own street there: it is her address, not another one.
    if (this.parts.streetWords.length > 0 && this.streetWithin(view, Math.min(street, number) - 2, at, false))
      return -1;
    return Math.min(street, number);
  }

  private looksLikeAmountOrYear(view: TextView, i: number): boolean {
    const { tokens, text } = view;
    const token = tokens[i]!;
    const next = tokens[i + 1]?.word ?? '';
    const previous = tokens[i - 1]?.word ?? '';
    if (
      UNIT_WORDS.has(next) ||
      /^\s*[\p{Sc}%]/u.test(text.slice(token.end, token.end + 3)) ||
      /[\p{Sc}]\s*$/u.test(text.slice(Math.max(0, token.start - 3), token.start))
    )
      return true;
    const value = Number(token.word);
    return (
      value >= 1900 && value <= 2100 && (MONTHS.has(previous) || YEAR_WORDS.has(previous) || /^\d{1,2}$/.test(previous))
    );
  }

  private softGap(view: TextView, a: number, b: number): boolean {
    return /^[\s,.;:()\-/'’`°«»"–]{0,4}$/u.test(view.text.slice(view.tokens[a]!.end, view.tokens[b]!.start));
  }

  /** A word that belongs to her address: her street's words, a street type, her number, box, postcode or locality. */
  private firm(view: TextView, k: number): boolean {
    const { tokens, text } = view;
    const t = tokens[k]!;
    if (t.digits) {
      if (view.inLongNumber[k]) return false;
      if (
        (this.parts.houseNumber !== null && sameNumber(t.word, this.parts.houseNumber)) ||
        t.word === this.parts.postcode
      )
        return true;
      const before = tokens[k - 1];
      return (
        before !== undefined &&
        (BOX_MARKERS.has(before.word) || (before.digits && text.slice(before.end, t.start).trim() === '/'))
      );
    }
    if (STREET_TYPES.has(t.word) || this.localityWords.has(t.word) || this.streetWordAt(view, k) !== null) return true;
    // "B-4000": the country before her postcode.
    if (COUNTRY_WORDS.has(t.word) && tokens[k + 1]?.word === this.parts.postcode) return true;
    if (this.parts.optionalStreetWords.includes(t.word)) return true;
    // "42a": a letter glued to the number.
    const before = tokens[k - 1];
    return t.word.length === 1 && before !== undefined && before.digits && before.end === t.start;
  }

  /** A word that may stand inside an address without being part of hers ("de", "n°", "bte", "au"). */
  private filler(view: TextView, k: number): boolean {
    const w = view.tokens[k]!.word;
    return (
      NAME_STOPWORDS.has(w) ||
      NUMBER_MARKERS.has(w) ||
      BOX_MARKERS.has(w) ||
      COUNTRY_WORDS.has(w) ||
      ADDRESS_GLUE.has(w)
    );
  }

  /** The run of address words around token `i`: what "Tilleuls 42", "42, av. des Tilleuls" or "n° 42 de l'avenue des Tilleuls" are made of. */
  private addressRun(view: TextView, i: number): [number, number] {
    const inside = (k: number) => this.firm(view, k) || this.filler(view, k);
    let a = i;
    while (a > 0 && this.softGap(view, a - 1, a) && inside(a - 1)) a--;
    let b = i;
    while (b < view.tokens.length - 1 && this.softGap(view, b, b + 1) && inside(b + 1)) b++;
    return [a, b];
  }

  /** Take in the contiguous parts of her address around a match: type, fillers, number, box, postcode, locality. */
  private readonly extend = (view: TextView, first: number, last: number): [number, number] => {
    const { tokens } = view;
    const inside = (k: number) => this.firm(view, k) || this.filler(view, k);
    const numberMarker = (k: number) => NUMBER_MARKERS.has(tokens[k]!.word) && isNumber(tokens[k + 1]);
    // Fillers at the edges ("la" in "dans la rue") stay printed; those between firm parts are inside.
    let a = first;
    for (let k = first - 1; k >= 0 && this.softGap(view, k, k + 1) && inside(k); k--)
      if (this.firm(view, k) || numberMarker(k)) a = k;
    let b = last;
    for (let k = last + 1; k < tokens.length && this.softGap(view, k - 1, k) && inside(k); k++)
      if (this.firm(view, k)) b = k;
    return [a, b];
  };
}
