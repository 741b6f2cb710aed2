import { tokenise, type NormalisedText, type Token } from './normalise';
import { digitRuns, type DigitRun } from './phones';
import { STREET_SUFFIXES } from './words';
import type { ProtectedKind } from './protected-matcher';

/** A text being searched, read once: its words and its runs of digits. */
export interface TextView {
  text: string;
  normalised: NormalisedText;
  tokens: Token[];
  runs: DigitRun[];
  /** For each digit token: it belongs to a date, a phone or a reference ("12/03/2026", "0496 12 34 56"), so it is no house number or postcode. */
  inLongNumber: boolean[];
}

export function viewOf(text: string): TextView {
  const { normalised, tokens } = tokenise(text);
  const runs = digitRuns(text, tokens);
  const inLongNumber = new Array<boolean>(tokens.length).fill(false);
  for (const run of runs) {
    // "42 - 4000" (a house number and a postcode) stays two numbers; "12/03/2026" and "0496 12 34 56" are one.
    const long =
      run.tokens.length >= 3 || run.digits.length >= 7 || run.tokens.some((i) => tokens[i]!.word.length >= 6);
    if (long) for (const i of run.tokens) inLongNumber[i] = true;
  }
  return { text, normalised, tokens, runs, inLongNumber };
}

/** A match by token indexes (first and last inclusive), before it is mapped to the original text. */
export interface RawMatch {
  first: number;
  last: number;
  certainty: 'definite' | 'near';
  kind: ProtectedKind;
  rule: string;
  field: string;
  /** Extend the passage over the address parts around it (address.ts). */
  extend?: (view: TextView, first: number, last: number) => [number, number];
  /** Take in a "+" written just before (phone numbers). */
  plusBefore?: boolean;
}

const SUFFIXES = new Set(STREET_SUFFIXES);

/**
 * Whether a word of the text is the protected word: the same, its plural or singular, or (for
 * street names) glued to a street type ("linden" in "lindenstr"). 'fuzzy' is one letter off in a
 * long word (a typo), which only ever makes a near match or stands beside other evidence.
 */
export function sameWord(token: string, word: string, compound = false): 'exact' | 'fuzzy' | null {
  if (token === word) return 'exact';
  const difference = token.length - word.length;
  if (word.length >= 4 && difference === 1 && isPluralEnding(token) && token.startsWith(word)) return 'exact';
  if (word.length >= 5 && difference === -1 && isPluralEnding(word) && word.startsWith(token)) return 'exact';
  if (compound && difference >= 2 && token.startsWith(word) && SUFFIXES.has(token.slice(word.length))) return 'exact';
  if (word.length >= 7 && difference >= -1 && difference <= 1 && withinOneEdit(token, word)) return 'fuzzy';
  return null;
}

function isPluralEnding(word: string): boolean {
  const last = word.charCodeAt(word.length - 1);
  return last === 0x73 || last === 0x78;
}

/** The key under which a word and its plural meet ("glycines" and "glycine"). */
export function singular(word: string): string {
  return word.length >= 5 && isPluralEnding(word) ? word.slice(0, -1) : word;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a.length > b.length) [a, b] = [b, a];
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.slice(i) === b.slice(i + 1);
}

/** Words written inside an e-mail address to hide it from robots: "nadia (dot) benali (at) example (dot) be". */
export const EMAIL_OBFUSCATIONS: ReadonlySet<string> = new Set([
  'dot',
  'point',
  'punt',
  'punkt',
  'at',
  'arobase',
  'arrobase',
  'apenstaartje',
  'klammeraffe',
  'chez',
]);

/** Whether the text's words from `at` spell `words` (up to two words of `fillers` may stand between); the index of the last one, or -1. */
export function sequenceAt(tokens: Token[], at: number, words: string[], fillers: ReadonlySet<string> | null): number {
  let j = at;
  for (let k = 0; k < words.length; k++) {
    if (k > 0) {
      j++;
      let skipped = 0;
      while (
        fillers !== null &&
        j < tokens.length &&
        skipped < 2 &&
        tokens[j]!.word !== words[k] &&
        fillers.has(tokens[j]!.word)
      ) {
        j++;
        skipped++;
      }
    }
    const token = tokens[j];
    if (token === undefined || sameWord(token.word, words[k]!) !== 'exact') return -1;
  }
  return j;
}
