import type { Token } from './normalise';

/**
 * Phone numbers by their digits (issue 11): "0496 12 34 56", "0496/12.34.56", "+32 496 12 34 56",
 * "0032496123456" and "+32 (0)496 …" are one number. A number is compared by its national
 * significant number (without country code or trunk 0), found anywhere in a run of digits.
 */

/** Between two digit groups of one number: spaces and the separators people type, nothing else. */
const PHONE_GAP = /^[\s./\-()+\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u061C\u2010-\u2015\u2212]{0,4}$/u;

/** Country codes one digit long (1 North America, 7 Russia/Kazakhstan) and two digits long; the rest are three. */
const TWO_DIGIT_CODES = new Set([
  '20',
  '27',
  '30',
  '31',
  '32',
  '33',
  '34',
  '36',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '81',
  '82',
  '84',
  '86',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '98',
]);

function countryCodeLength(international: string): number {
  if (international.startsWith('1') || international.startsWith('7')) return 1;
  return TWO_DIGIT_CODES.has(international.slice(0, 2)) ? 2 : 3;
}

/**
 * The national significant number of a stored phone number: Belgian when it starts with 0 or 32
 * (the common ways it is stored), else by its country code after + or 00.
 */
export function nationalNumber(value: string): string {
  const digits = value.replace(/[^0-9]/g, '');
  const international = /^\s*\+/.test(value) ? digits : digits.startsWith('00') ? digits.slice(2) : null;
  let national: string;
  if (international !== null) national = international.slice(countryCodeLength(international));
  else if (digits.startsWith('32') && (digits.length === 10 || digits.length === 11)) national = digits.slice(2);
  else national = digits;
  // "+32 (0)496 …": the trunk 0 written inside the international form.
  return national.replace(/^0+/, '');
}

/** A run of digit groups that may be one phone number, with where each group stands. */
export interface DigitRun {
  digits: string;
  /** Token indexes of the run's groups, and the offset in `digits` where each starts. */
  tokens: number[];
  digitStarts: number[];
}

/** Every run of digit tokens joined only by phone separators, in text order. */
export function digitRuns(text: string, tokens: Token[]): DigitRun[] {
  const runs: DigitRun[] = [];
  let current: DigitRun | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.digits) {
      current = null;
      continue;
    }
    const previous = tokens[i - 1];
    const gap = text.slice(previous?.end ?? 0, token.start);
    // A slash with spaces on both sides separates items of a list ("4800 / 0496…"), not digit groups.
    const joined =
      current !== null && previous !== undefined && previous.digits && PHONE_GAP.test(gap) && !/\s\/\s/.test(gap);
    if (!joined || current === null) {
      current = { digits: '', tokens: [], digitStarts: [] };
      runs.push(current);
    }
    current.tokens.push(i);
    current.digitStarts.push(current.digits.length);
    current.digits += token.word;
  }
  return runs;
}

/** The first and last token of a run holding digits [from, to) of it. */
export function runTokenSpan(run: DigitRun, from: number, to: number): [number, number] {
  let first = 0;
  let last = 0;
  for (let k = 0; k < run.tokens.length; k++) {
    if (run.digitStarts[k]! <= from) first = k;
    if (run.digitStarts[k]! < to) last = k;
  }
  // Take in the prefix written before the national number in groups of its own: "0", "+32", "0032", "32 (0)".
  while (first > 0 && /^(?:0{0,2}32)?0?$/.test(run.digits.slice(run.digitStarts[first - 1]!, from))) first--;
  return [run.tokens[first]!, run.tokens[last]!];
}
