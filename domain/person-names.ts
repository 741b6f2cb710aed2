/**
 * Matching a person by name (issue 16, item 2): the app proposes earlier persons whose names are
 * close enough, and the officer confirms or declines; nothing here links anyone. Names reach the
 * store typed by different officers from different documents, so the same person turns up with
 * and without accents, with first and last names swapped, with a slip of the keyboard, and in
 * the several Latin spellings of an Arabic or Cyrillic name (Mohamed, Muhammad, Mouhamad). Three
 * layers, each simple enough to explain to the officer who asks why someone was proposed:
 *
 * 1. `normaliseName`: one spelling per way of writing, whatever the script or the keyboard.
 * 2. `skeletonKey`: a coarse key under which the usual transliteration variants collide; it is
 *    what an index stores (`searchKeys`) and is deliberately lossy.
 * 3. `nameSimilarity`: a score in [0, 1] over whole names, which decides what is proposed
 *    (`CANDIDATE_THRESHOLD`) and in which order.
 */

export interface PersonName {
  firstNames: string;
  lastName: string;
}

/**
 * From this score a person is proposed as a candidate. Chosen so that one slip in a name of four
 * letters or more, a swap, a missing middle or second name, or a transliteration variant still
 * passes, while a different first name with the same last name (a sibling) does not.
 */
export const CANDIDATE_THRESHOLD = 0.8;

/*
 * Letters that Unicode does not decompose into a base letter and a mark. đ becomes d, as in
 * Vietnamese (Đặng, Dang); the Serbo-Croatian habit of writing it dj (Đoković, Djokovic) is left
 * to the fuzzy comparison.
 */
const LATIN_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŀ: 'l',
};

/*
 * Cyrillic, close to BGN/PCGN (the spelling of English-language passports and of most Latin
 * documents) rather than to French habits (ou, tch, j), which the skeleton key then reconciles:
 * е and ё both e, so that Евгений and Yevgeny differ only in a first vowel, which the key ignores.
 * Ukrainian і ї є ґ, Belarusian ў and the Serbian and Macedonian letters are read the same way; the
 * Ukrainian г (h) is read as the Russian one (g), since nothing in one word tells the languages apart.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
  ђ: 'd',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dzh',
  ѓ: 'g',
  ќ: 'k',
  ѕ: 'dz',
};

/*
 * Arabic (and the Persian letters of Arabic script), one consonant for one letter, since short
 * vowels are rarely written: محمد gives mhmd, which the skeleton key holds equal to Mohamed. The
 * long-vowel letters become vowels (ا a, و ou as in French Youssef, ي y, ى and ة a); ع, which Latin
 * spellings render as the vowel next to it (Ali, Omar, Abd), becomes a; ء is dropped. Emphatic and
 * plain consonants are merged (ص and س both s) because Latin spellings do not tell them apart.
 */
const ARABIC: Record<string, string> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ء: '',
  ؤ: 'o',
  ئ: 'i',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: 'a',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'a',
  و: 'ou',
  ي: 'y',
  ى: 'a',
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  ڤ: 'v',
  گ: 'g',
  ک: 'k',
  ی: 'y',
  ـ: '',
};

const SCRIPT_LETTERS: Record<string, string> = { ...LATIN_LETTERS, ...CYRILLIC, ...ARABIC };

/**
 * One spelling per way of writing a name: lower case, no accents or other marks, Cyrillic and
 * Arabic in Latin letters, apostrophes, hyphens, dots and anything else that is not a letter as
 * single spaces. Letters of other scripts are kept as they are. Idempotent.
 */
export function normaliseName(text: string): string {
  const lower = text
    .normalize('NFKC')
    .toLowerCase()
    // The Arabic article is a word of its own in Latin spellings (El Alaoui, Abd el-Kader).
    .replace(/(^|[^\p{L}\p{M}])ال(?=\p{L})/gu, '$1al ');
  let transliterated = '';
  for (const char of lower) transliterated += SCRIPT_LETTERS[char] ?? char;
  return transliterated
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
}

/**
 * A pure function of a string, remembered: a search scores hundreds of stored names, and a zone's
 * names repeat (every Mohamed, every Peeters), so each is normalised and keyed once rather than at
 * every comparison (most of a search's time before). Bounded: forgotten all at once when full.
 */
function remembered<T>(compute: (text: string) => T, capacity = 20_000): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    const hit = known.get(text);
    if (hit !== undefined) return hit;
    if (known.size >= capacity) known.clear();
    const value = compute(text);
    known.set(text, value);
    return value;
  };
}

/** The words of a normalised name; shared and frozen, since callers keep what they are given. */
const tokensOf = remembered((text: string): readonly string[] => {
  const normalised = normaliseName(text);
  return Object.freeze(normalised === '' ? [] : normalised.split(' '));
});

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/*
 * Spellings of one sound, longest first; a symbol may stand for several: x is the sh sound of
 * ch, sh, sch, tch, tsch (Chernenko, Tchernenko, Tschernenko; Achraf, Ashraf), j the sound of j,
 * dj, zh, dzh (Khadija, Khadidja; Zhukov, Joukov), w a vowel like ou (Walid, Oualid).
 */
const SOUNDS: readonly (readonly [string, string])[] = [
  ['tsch', 'x'],
  ['shch', 'x'],
  ['sch', 'x'],
  ['tch', 'x'],
  ['dzh', 'j'],
  ['sh', 'x'],
  ['ch', 'x'],
  ['zh', 'j'],
  ['dj', 'j'],
  ['kh', 'k'],
  ['gh', 'g'],
  ['ph', 'f'],
  ['th', 't'],
  ['dh', 'd'],
  ['ck', 'k'],
  ['ou', 'u'],
  ['oo', 'u'],
  ['tz', 'ts'],
  ['q', 'k'],
  ['x', 'ks'],
  ['w', 'u'],
];

const keyOfWord = remembered(function keyOfWord(word: string): string {
  // "Servant of": the article's l is dropped after abd, so that Abdelkader, Abd el-Kader,
  // Abdul Qadir and Abderrahmane, Abdelrahman meet whether or not the article was assimilated.
  const spelled = word.replace(/^abd[aeiou]*l(?=.)/, 'abd');
  const symbols: string[] = [];
  for (let i = 0; i < spelled.length;) {
    const sound = SOUNDS.find(([spelling]) => spelled.startsWith(spelling, i));
    if (sound) {
      symbols.push(...sound[1]);
      i += sound[0].length;
      continue;
    }
    const char = spelled[i] as string;
    if (char === 'c') symbols.push('eiy'.includes(spelled[i + 1] ?? '') ? 's' : 'k');
    else symbols.push(char);
    i += 1;
  }
  // A final h is silent in Latin spellings (Sarah, Fatimah, Abdallah) and ة or ه in Arabic.
  if (symbols.length > 1 && symbols[symbols.length - 1] === 'h') symbols.pop();
  const collapsed = symbols.filter((symbol, i) => symbol !== symbols[i - 1]);
  const [first, ...rest] = collapsed;
  if (first === undefined) return '';
  return (VOWELS.has(first) ? 'a' : first) + rest.filter((symbol) => !VOWELS.has(symbol)).join('');
});

/**
 * The skeleton of a name, all its words run together: the first sound (every vowel, and y, as one
 * vowel class) followed by the consonant sounds, doubled letters collapsed. Transliteration
 * variants collide (Mohammed, Muhamad, محمد: mhmd; Oleksandr, Aleksandr, Alexandre: alksndr);
 * so do some different names (Mahmoud and Mohamed, Ali and Ola), which is why the key only finds
 * candidates and the score ranks them.
 */
export function skeletonKey(text: string): string {
  return keyOfWord(tokensOf(text).join(''));
}

/*
 * Words that are articles or particles of a name rather than a name: they may be written or left
 * out (El Alaoui, Alaoui; Van den Bossche, Bossche) without the name being another one.
 */
const PARTICLES = new Set(['al', 'el', 'ul', 'de', 'del', 'der', 'den', 'van', 'von', 'du', 'da', 'di', 'le', 'la']);

interface Word {
  text: string;
  key: string;
}

const word = remembered((text: string): Word => Object.freeze({ text, key: keyOfWord(text) }));

/** A skeleton key equal to another's counts this much; short keys collide more, so count less. */
const KEY_MATCH = 0.9;
const SHORT_KEY_MATCH = 0.8;
/** Each word of the longer name that has no counterpart in the shorter one costs this much. */
const MISSING_WORD = 0.08;
/** A swapped first and last name is as good as a straight one, but ranks just after it. */
const SWAPPED = 0.97;
/** Names compared as one bag of words, when the officer split them differently between fields. */
const POOLED = 0.9;
/** A first or last name missing on one side leaves the other to decide, with less certainty. */
const ONE_FIELD = 0.9;

/** Optimal string alignment distance: Levenshtein with a swap of two neighbours as one edit. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const rows: number[][] = [];
  for (let i = 0; i <= x.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= y.length; j++) {
      const row = rows[i] as number[];
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] as number[];
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(best);
    }
  }
  return (rows[x.length] as number[])[y.length] as number;
}

function wordSimilarity(a: Word, b: Word): number {
  if (a.text === b.text) return 1;
  const longest = Math.max([...a.text].length, [...b.text].length);
  const typed = 1 - editDistance(a.text, b.text) / longest;
  if (a.key === '' || a.key !== b.key) return typed;
  if (a.key.length >= 3) return Math.max(typed, KEY_MATCH);
  // A short key says little (Ali, Ola, Eli: al): it counts only for words that begin alike.
  return a.text[0] === b.text[0] ? Math.max(typed, SHORT_KEY_MATCH) : typed;
}

/**
 * Two first names, or two last names, of one word or more: the best of the words run together
 * (Abdelkader, Abd el Kader) and of each word of the shorter matched to its own word of the longer
 * (Maria Dolores, Maria), the longer's other words costing MISSING_WORD each. A word that is
 * missing on one side is only unknown; a word that differs contradicts, so the matched words are
 * combined by their harmonic mean (Mohamed Amine and Mohamed Ali are two names).
 */
function fieldSimilarity(a: readonly string[], b: readonly string[]): number | null {
  if (a.length === 0 || b.length === 0) return null;
  // Run together, the words are compared only for being the same name split differently: an edit
  // distance over the whole would let a shared first word hide a different second one, and keys
  // of names split alike would let two short words collide as one long key (Ali Benali, Ola Benali).
  const [aJoined, bJoined] = [word(a.join('')), word(b.join(''))];
  const splitDifferently = a.length !== b.length && aJoined.key.length >= 3 && aJoined.key === bJoined.key;
  const joined = aJoined.text === bJoined.text ? 1 : splitDifferently ? KEY_MATCH : 0;
  const named = (words: readonly string[]) => {
    const kept = words.filter((w) => !PARTICLES.has(w));
    return (kept.length > 0 ? kept : words).map(word);
  };
  const [shorter, longer] = [named(a), named(b)].sort((p, q) => p.length - q.length) as [Word[], Word[]];
  const pairs = shorter
    .flatMap((s, i) => longer.map((l, j) => ({ i, j, score: wordSimilarity(s, l) })))
    .sort((p, q) => q.score - p.score);
  const usedShorter = new Set<number>();
  const usedLonger = new Set<number>();
  let inverses = 0;
  for (const { i, j, score } of pairs) {
    if (usedShorter.has(i) || usedLonger.has(j)) continue;
    usedShorter.add(i);
    usedLonger.add(j);
    inverses += score === 0 ? Infinity : 1 / score;
  }
  const aligned = shorter.length / inverses - MISSING_WORD * (longer.length - shorter.length);
  return Math.max(joined, aligned, 0);
}

/** Both names must agree: the harmonic mean lets a weak first name pull a perfect last name down. */
function bothFields(first: number | null, last: number | null): number {
  if (first === null && last === null) return 0;
  if (first === null || last === null) return ONE_FIELD * (first ?? last ?? 0);
  return first + last === 0 ? 0 : (2 * first * last) / (first + last);
}

/**
 * How alike two persons' names are, in [0, 1]: 1 for the same normalised names, from
 * CANDIDATE_THRESHOLD for a name worth proposing. First and last names are compared in both orders
 * and pooled, and the best reading counts.
 */
export function nameSimilarity(a: PersonName, b: PersonName): number {
  const [aFirst, aLast, bFirst, bLast] = [a.firstNames, a.lastName, b.firstNames, b.lastName].map(tokensOf) as [
    readonly string[],
    readonly string[],
    readonly string[],
    readonly string[],
  ];
  const straight = bothFields(fieldSimilarity(aFirst, bFirst), fieldSimilarity(aLast, bLast));
  const swapped = SWAPPED * bothFields(fieldSimilarity(aFirst, bLast), fieldSimilarity(aLast, bFirst));
  const pooled = POOLED * (fieldSimilarity([...aFirst, ...aLast], [...bFirst, ...bLast]) ?? 0);
  return Math.min(1, Math.max(straight, swapped, pooled));
}

/**
 * What an index stores for a person, to find candidates before scoring them: the skeleton key of
 * each word that is a name (not a particle, not an initial), however short (Zoé Li: z, l), and of
 * each first or last name of several words run together, so that Abd el Kader and Abdelkader share
 * one. Sorted and without repeats, so equal names give equal rows. Short keys are unselective on
 * their own; the lookup pairs them with the birth date. A slip in every word of a name escapes
 * these keys.
 */
export function searchKeys(name: PersonName): string[] {
  const keys = new Set<string>();
  for (const field of [name.firstNames, name.lastName]) {
    // An initial is dropped from the words run together too, or J. Abd el-Kader would not meet Abdelkader.
    const words = tokensOf(field).filter((w) => [...w].length > 1);
    for (const w of words) if (!PARTICLES.has(w)) keys.add(keyOfWord(w));
    if (words.length > 1) keys.add(keyOfWord(words.join('')));
  }
  return [...keys].filter((key) => key !== '').sort();
}
