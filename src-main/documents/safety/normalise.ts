/**
 * The text as the protected-value matcher compares it (issue 11, victim-copy.md "Safety rules"):
 * people do not write a value the way it was stored, and a perpetrator must not find it on her paper
 * because it was typed with a typographic apostrophe, a soft hyphen or a Cyrillic "а". Every
 * character is folded to what a reader sees; an offsets map leads each normalised character back
 * to the original text, so that a match withholds exactly the passage she would have read.
 */

/** Characters a reader does not see, by code point ranges: dropped, so that "Til\u00ADleuls" reads "tilleuls". */
const INVISIBLE_RANGES: [number, number][] = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x0640, 0x0640], // Arabic tatweel (stretches a word)
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5],
  [0x180b, 0x180f], // Mongolian variation selectors and vowel separator
  [0x200b, 0x200f], // zero-width space, joiners, left-to-right and right-to-left marks
  [0x202a, 0x202e], // embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, isolates
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // zero-width no-break space
  [0xffa0, 0xffa0],
];

function isInvisible(code: number): boolean {
  return INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to);
}

/**
 * Letters of other scripts that look like Latin ones (after lower-casing), and Latin letters that
 * NFKC leaves whole. Both sides of a comparison are folded the same way, so a Russian word stays
 * comparable with itself.
 */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  е: 'e',
  ё: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  к: 'k',
  м: 'm',
  т: 't',
  н: 'h',
  в: 'b',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  // Greek
  ο: 'o',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  β: 'b',
  η: 'n',
  μ: 'u',
  ζ: 'z',
  ς: 'σ',
  // Arabic script: the Persian and Arabic keyboards' forms of one letter, ta marbuta as heh, no tatweel
  '\u06CC': '\u064A',
  '\u0649': '\u064A',
  '\u06A9': '\u0643',
  '\u06D5': '\u0647',
  '\u0629': '\u0647',
  '\u06C0': '\u0647',
  '\u0640': '',
  // Apostrophes that Unicode counts as letters (modifier letters), read as the apostrophe they show
  ʼ: "'",
  ʻ: "'",
  ʽ: "'",
  ʹ: "'",
  ʾ: "'",
  ʿ: "'",
  ˈ: "'",
  '\u02EE': "'",
  // Latin letters with a stroke or ligatures that NFKC does not decompose
  ß: 'ss',
  ẞ: 'ss',
  œ: 'oe',
  æ: 'ae',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŀ: 'l',
  ħ: 'h',
  ŧ: 't',
  ƀ: 'b',
  ɨ: 'i',
  ʉ: 'u',
};

/** Decimal digits of other scripts, by the code point of their zero. */
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0e50, 0x0ed0,
  0x0f20, 0x1040, 0x17e0, 0x1810, 0xff10,
];

function digitOf(codePoint: number): string | null {
  for (const zero of DIGIT_ZEROS) if (codePoint >= zero && codePoint <= zero + 9) return String(codePoint - zero);
  return null;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const MARK = /\p{M}/gu;

/** What one code point becomes: letters and digits folded, '' when dropped, ' ' for anything else. */
function foldCodePoint(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return char;
    if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32);
    return ' ';
  }
  if (isInvisible(code)) return '';
  const digit = digitOf(code);
  if (digit !== null) return digit;
  let out = '';
  // NFKC folds fullwidth, ligatures and compatibility forms; NFD then splits accents off to drop them.
  for (const c of char.normalize('NFKC').toLocaleLowerCase('und').normalize('NFD').replace(MARK, '')) {
    for (const mapped of LOOK_ALIKES[c] ?? c) out += LETTER_OR_DIGIT.test(mapped) ? mapped : ' ';
  }
  // A lone combining mark (an accent typed after its letter) disappears with its letter's accent.
  if (out === '' && /\p{M}/u.test(char)) return '';
  return out === '' ? ' ' : out.replace(/ +/g, ' ');
}

const foldCache = new Map<number, string>();
function fold(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return foldCodePoint(char);
  let folded = foldCache.get(code);
  if (folded === undefined) {
    folded = foldCodePoint(char);
    foldCache.set(code, folded);
  }
  return folded;
}

export interface NormalisedText {
  /** Lower-case letters and digits without accents, every other run of characters one space. */
  text: string;
  /** For each character of `text`, the UTF-16 index in the original it came from; plus one final entry, the original's length. */
  offsets: number[];
}

export function normaliseForMatching(text: string): NormalisedText {
  let out = '';
  const offsets: number[] = [];
  let lastWasSpace = true;
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    // ASCII, most of any text, without a look-up.
    if (code < 0x80) {
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
        out += text[i];
        lastWasSpace = false;
      } else if (code >= 0x41 && code <= 0x5a) {
        out += String.fromCharCode(code + 32);
        lastWasSpace = false;
      } else if (lastWasSpace) {
        i++;
        continue;
      } else {
        out += ' ';
        lastWasSpace = true;
      }
      offsets.push(i++);
      continue;
    }
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
    const folded = fold(text.slice(i, i + width));
    // By UTF-16 unit, so that `offsets` has one entry per unit of the text (an astral letter is two).
    for (let k = 0; k < folded.length; k++) {
      const c = folded[k]!;
      if (c === ' ') {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else lastWasSpace = false;
      out += c;
      offsets.push(i);
    }
    i += width;
  }
  offsets.push(text.length);
  return { text: out, offsets };
}

/** One word of a text: letters, or digits (a letter-digit boundary splits "42a" and "l90"). */
export interface Token {
  /** The normalised word. */
  word: string;
  digits: boolean;
  /** Its passage in the original text. */
  start: number;
  end: number;
  /** Its place in the normalised text. */
  normalisedStart: number;
  normalisedEnd: number;
}

/** Where the character at `index` ends in the original, with the combining marks written after it ("e\u0301"). */
function endOf(text: string, index: number): number {
  let end = index + (text.codePointAt(index)! > 0xffff ? 2 : 1);
  while (end < text.length && text.charCodeAt(end) >= 0x300 && /\p{M}/u.test(text[end]!)) end++;
  return end;
}

const isAsciiDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * The words of a text. The normalised text holds only letters, digits and single spaces, so a
 * word is a run of ASCII digits (a number) or of anything else but a space (the other numerals,
 * already folded to ASCII when decimal, count as letters).
 */
export function tokenise(text: string): { normalised: NormalisedText; tokens: Token[] } {
  const normalised = normaliseForMatching(text);
  const { text: n, offsets } = normalised;
  const tokens: Token[] = [];
  let from = 0;
  while (from < n.length) {
    const first = n.charCodeAt(from);
    if (first === 0x20) {
      from++;
      continue;
    }
    const digits = isAsciiDigit(first);
    let to = from + 1;
    while (to < n.length) {
      const code = n.charCodeAt(to);
      if (code === 0x20 || isAsciiDigit(code) !== digits) break;
      to++;
    }
    tokens.push({
      word: n.slice(from, to),
      digits,
      start: offsets[from]!,
      end: endOf(text, offsets[to - 1]!),
      normalisedStart: from,
      normalisedEnd: to,
    });
    from = to;
  }
  return { normalised, tokens };
}
