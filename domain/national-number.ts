/**
 * The Belgian identification numbers a person is recorded under (issue 16, item 1): the national
 * register number (numéro de registre national, rijksregisternummer) and, for people who are not
 * in the national register, the BIS number of the Crossroads Bank for Social Security. Both are
 * eleven digits, YYMMDD-SSS-CC, and the same rule is used by main (before storing and looking up a
 * person) and by the people step (to tell the officer at once that a number is mistyped).
 *
 * Sources:
 * - National register number: royal decree of 3 April 1984 on the composition of the national
 *   register's identification number, as amended by the royal decree of 25 November 1997 (the "2"
 *   prefix for births from 2000); the register's instruction T.I. 000 (sequence odd for a man,
 *   even for a woman; check digits 97 minus the nine first digits modulo 97).
 * - Unknown parts of a birth date: month and/or day 00 when they were not known, the month and
 *   day also set to 00 when a day's sequence runs out, and the fictitious YYMMDD 000001 when
 *   nothing of the date was known (python-stdnum, `stdnum.be.nn`, summarising T.I. 000).
 * - BIS number: royal decree of 8 February 1991 (published by the Crossroads Bank, ksz-bcss.fgov.be),
 *   art. 2: the month is increased by 40 when the person's sex was known when the number was given,
 *   by 20 when it was not; art. 3: only when it was known is the sequence even for a woman and odd
 *   for a man; art. 4, as amended by the royal decree of 13 October 1998: the same mod-97 check,
 *   with the same "2" prefix from 2000.
 * - Not checked: the sequence's range (001-997 for men, 002-998 for women in T.I. 000), since
 *   refusing a real number because of a rule about how numbers are handed out would be worse
 *   than accepting a typing slip the check digits already catch nearly always.
 */

export type NationalNumberKind = 'national' | 'bis';
export type NationalNumberRefusal = 'format' | 'checkDigits' | 'date';

export type ParsedNationalNumber =
  | {
      ok: true;
      kind: NationalNumberKind;
      /** The eleven digits, without separators: what is stored and looked up. */
      digits: string;
      /** YYYY-MM-DD, or null when the number says the month or the day was not known. */
      birthDate: string | null;
      /** Null only for the fictitious date that stands for a wholly unknown birth date. */
      birthYear: number | null;
      sequence: number;
      /** Null for a BIS number given while the person's sex was not known. */
      sex: 'male' | 'female' | null;
    }
  | { ok: false; reason: NationalNumberRefusal };

/** Spaces (including no-break ones), dots and dashes: the ways people group the digits. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;

function compact(text: string): string {
  return text.replace(SEPARATORS, '');
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * Reads a number as it is typed (`85.07.30-033.28`, `85 07 30 033 28`, `85073003328`). The check
 * digits are tested before the date because they decide the century, and the century decides
 * whether a 29 February exists.
 */
export function parseNationalNumber(text: string): ParsedNationalNumber {
  const digits = compact(text);
  if (!/^\d{11}$/.test(digits)) return { ok: false, reason: 'format' };

  const body = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  // The two variants can never both match: 2,000,000,000 is not a multiple of 97.
  let century: number;
  if (97 - (body % 97) === check) century = 1900;
  else if (97 - ((2_000_000_000 + body) % 97) === check) century = 2000;
  else return { ok: false, reason: 'checkDigits' };

  const yy = Number(digits.slice(0, 2));
  const encodedMonth = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  const sequence = Number(digits.slice(6, 9));

  const shift = encodedMonth <= 12 ? 0 : encodedMonth >= 20 && encodedMonth <= 32 ? 20 : encodedMonth >= 40 ? 40 : -1;
  const month = encodedMonth - shift;
  if (shift < 0 || month > 12) return { ok: false, reason: 'date' };
  const kind: NationalNumberKind = shift === 0 ? 'national' : 'bis';
  const sexKnown = shift !== 20;

  const sex = sexKnown ? (sequence % 2 === 1 ? 'male' : 'female') : null;
  const year = century + yy;
  const accepted = { ok: true, kind, digits, sequence, sex } as const;

  if (yy === 0 && month === 0 && day === 1) return { ...accepted, birthDate: null, birthYear: null };
  // A month 00 is either unknown or a day whose sequence ran out (the day digits then count the
  // resets), so the day digits say nothing about the date and are not checked.
  if (month === 0 || day === 0) return { ...accepted, birthDate: null, birthYear: year };
  if (day > daysInMonth(year, month)) return { ok: false, reason: 'date' };
  return { ...accepted, birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`, birthYear: year };
}

/**
 * The usual written form, YY.MM.DD-SSS.CC, of a number typed in any of the forms the parser reads;
 * null when it is not eleven digits. It does not judge the check digits: a refused number is still
 * shown as typed, grouped, so the officer can compare it with the card.
 */
export function formatNationalNumber(text: string): string | null {
  const d = compact(text);
  if (!/^\d{11}$/.test(d)) return null;
  return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
}
