import type { Token } from './normalise';
import { digitRuns, nationalNumber } from './phones';

/**
 * The ways to reach someone written inside a stored value: e-mail addresses, social-media handles,
 * websites and phone numbers ("ma sœur Nadia Benali 0496 12 34 56 / nadia.benali@example.be").
 * Each is returned with the token indexes it used, so the words left over can be read as names.
 */
export interface Contacts {
  /** Word sequences that are definite wherever they stand, with the rule that found them. */
  sequences: { words: string[]; rule: 'email' | 'handle' | 'website' }[];
  phones: PhoneNumber[];
  used: Set<number>;
}

export interface PhoneNumber {
  /** National significant number; matched inside any run of digits when 8 digits or more. */
  national: string;
  /** A short number (a shelter's 4 digits): matched only as the whole run. */
  exact: string | null;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const AT_HANDLE = /(?<![\p{L}\p{N}._@])@([\p{L}\p{N}._]{3,})/gu;
const PLATFORM_HANDLE =
  /\b(?:instagram|insta|ig|facebook|fb|snapchat|snap|tiktok|telegram|twitter|threads|messenger|x)\b\s*(?:(?:[:：]|=>?)\s*@?|@)([\p{L}\p{N}._-]{3,})|\b(?:instagram|insta|snapchat|snap|tiktok|telegram|twitter|facebook|fb)\s+([\p{L}\p{N}]+[._][\p{L}\p{N}._]+|[\p{L}]+[\p{N}]+[\p{L}\p{N}]*)/giu;
const WEBSITE =
  /(?:https?:\/\/)?((?:[\p{L}\p{N}-]+\.)+(?:be|com|org|net|eu|fr|nl|de|lu|info|brussels|vlaanderen|wallonie|gent|io|co|uk|ch|at|es|it|pt|pl|ro|bg|ru|ua|tr|ma|dz|tn|al|so|af|ir|er|et))(?![\p{L}\p{N}])(?:\/\S*)?/giu;
const WEB_NOISE = new Set(['www', 'http', 'https', 'm']);

function tokensWithin(tokens: Token[], start: number, end: number): number[] {
  return tokens.flatMap((t, i) => (t.start >= start && t.end <= end ? [i] : []));
}

export function extractContacts(value: string, tokens: Token[], shortPhoneToo: boolean): Contacts {
  const sequences: Contacts['sequences'] = [];
  const used = new Set<number>();
  const take = (start: number, end: number): number[] => {
    const within = tokensWithin(tokens, start, end).filter((i) => !used.has(i));
    for (const i of within) used.add(i);
    return within;
  };
  const words = (indexes: number[]) => indexes.map((i) => tokens[i]!.word);
  const longEnough = (ws: string[]) => ws.join('').length >= 4;

  for (const m of value.matchAll(EMAIL)) {
    const at = m.index + m[0].indexOf('@');
    const local = take(m.index, at);
    const domain = take(at, m.index + m[0].length);
    if (longEnough(words(local))) sequences.push({ words: words(local), rule: 'email' });
    sequences.push({ words: [...words(local), ...words(domain)], rule: 'email' });
  }
  for (const m of value.matchAll(AT_HANDLE)) {
    const start = m.index + m[0].length - m[1]!.length;
    const handle = words(take(start, start + m[1]!.replace(/[._]+$/, '').length));
    if (handle.length > 0 && longEnough(handle)) sequences.push({ words: handle, rule: 'handle' });
  }
  for (const m of value.matchAll(PLATFORM_HANDLE)) {
    const name = (m[1] ?? m[2])!;
    const start = m.index + m[0].length - name.length;
    take(m.index, start);
    const handle = words(take(start, start + name.length));
    if (handle.length > 0 && longEnough(handle)) sequences.push({ words: handle, rule: 'handle' });
  }
  for (const m of value.matchAll(WEBSITE)) {
    if (value[m.index - 1] === '@') continue;
    const site = words(take(m.index, m.index + m[0].length)).filter((w) => !WEB_NOISE.has(w));
    if (site.length === 0) continue;
    sequences.push({ words: site, rule: 'website' });
    // The site's own name without its ending ("lesglycines" of lesglycines.be).
    if (site.length >= 2 && site.slice(0, -1).join('').length >= 5)
      sequences.push({ words: site.slice(0, -1), rule: 'website' });
  }

  const phones: PhoneNumber[] = [];
  for (const run of digitRuns(value, tokens)) {
    if (run.tokens.some((i) => used.has(i))) continue;
    const wholeValueIsPhone = /^[\s\d+()./-]+$/.test(value);
    if (run.digits.length < 8 && !(shortPhoneToo && wholeValueIsPhone && run.digits.length >= 3)) continue;
    const first = tokens[run.tokens[0]!]!;
    const last = tokens[run.tokens.at(-1)!]!;
    const written = value.slice(Math.max(0, first.start - 1), last.end);
    const national = nationalNumber(written.startsWith('+') ? written : written.slice(first.start > 0 ? 1 : 0));
    phones.push({ national, exact: run.digits.length < 8 ? run.digits : null });
    for (const i of run.tokens) used.add(i);
  }
  return { sequences, phones, used };
}
