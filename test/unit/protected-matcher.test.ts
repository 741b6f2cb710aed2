import { describe, expect, it } from 'vitest';
import { normaliseForMatching, tokenise } from '../../src-main/documents/safety/normalise';
import { nationalNumber } from '../../src-main/documents/safety/phones';
import {
  compileProtectedMatcher,
  type ProtectedMatch,
  type ProtectedSource,
} from '../../src-main/documents/safety/protected-matcher';
import { HARMLESS_TEXTS, PROTECTED_SOURCES, PROTECTED_SPELLINGS } from '../fixtures/protected-spellings';

const profile = compileProtectedMatcher(PROTECTED_SOURCES);

/** The text as printed: every matched passage cut out. */
function cut(text: string, matches: ProtectedMatch[]): string {
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += `${text.slice(last, m.start)}\u0000`;
    last = m.end;
  }
  return out + text.slice(last);
}

/** Whether the secret still reads in the printed text, literally or once normalised. */
function survives(text: string, secret: string, matches: ProtectedMatch[]): boolean {
  const printed = cut(text, matches);
  return (
    printed.includes(secret) || normaliseForMatching(printed).text.includes(normaliseForMatching(secret).text.trim())
  );
}

function passages(matcher: { find(text: string): ProtectedMatch[] }, text: string): string[] {
  return matcher.find(text).map((m) => `${text.slice(m.start, m.end)} (${m.certainty} ${m.rule})`);
}

const only = (...sources: ProtectedSource[]) => compileProtectedMatcher(sources);
const address = (value: string) => only({ kind: 'address', field: 'people.victimAddress', value });

describe('normaliseForMatching', () => {
  const norm = (text: string) => normaliseForMatching(text).text;

  it('folds case, accents and compatibility forms', () => {
    expect(norm('Liège ÉTUVE Ｌｉｅｇｅ ﬁn')).toBe('liege etuve liege fin');
    expect(norm('Lie\u0300ge')).toBe('liege');
    expect(norm('İstanbul')).toBe('istanbul');
  });

  it('unifies apostrophes and quotes, and turns punctuation into single spaces', () => {
    for (const apostrophe of ["'", '’', '‘', '`', '´', 'ʼ', '＇']) expect(norm(`l${apostrophe}Étuve`)).toBe('l etuve');
    expect(norm('«Horizon» “Horizon” „Horizon“')).toBe('horizon horizon horizon ');
    expect(norm('0496/12.34.56')).toBe('0496 12 34 56');
    expect(norm('  a \t\n  b  ')).toBe('a b ');
  });

  it('drops invisible and direction-control characters without splitting the word', () => {
    for (const invisible of [
      '\u00AD',
      '\u200B',
      '\u200C',
      '\u200D',
      '\u2060',
      '\uFEFF',
      '\u180E',
      '\u200E',
      '\u200F',
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u061C',
    ]) {
      expect(norm(`Til${invisible}leuls`)).toBe('tilleuls');
    }
  });

  it('maps look-alike letters and special Latin letters', () => {
    expect(norm('Аvenue Тilleuls Нorizon')).toBe('avenue tilleuls horizon'); // Cyrillic А Т Н
    expect(norm('аеорсхуіјѕкмтнв')).toBe('aeopcxyijskmthb');
    expect(norm('οαειкνρτυχ ΟΑΕΙΚΝΡΤΥΧ')).toBe('oaeikvptux oaeikvptux');
    expect(norm('Straße Œuvre Æther Søren Łódź Đurić')).toBe('strasse oeuvre aether soren lodz duric');
  });

  it("reads the Persian and Arabic keyboards' forms of one letter as one, and drops the tatweel", () => {
    // "Nadia" typed with a Persian yeh and with an Arabic yeh; "Karim" with the Persian and Arabic kaf.
    expect(norm('نادیه')).toBe(norm('ناديه'));
    expect(norm('کریم')).toBe(norm('كريم'));
    expect(norm('نادية')).toBe(norm('نادیه'));
    expect(norm('كـريـم')).toBe(norm('كريم'));
    const persianSafeContact = only({
      kind: 'safeChannel',
      field: 'people.victimSafeChannelDetail',
      value: 'خواهرم نادیه',
    });
    expect(passages(persianSafeContact, 'خواهرم ناديه زنگ می‌زند')).not.toEqual([]);
  });

  it('reads Arabic-Indic, Persian and fullwidth digits as ASCII', () => {
    expect(norm('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(norm('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(norm('０４９６')).toBe('0496');
  });

  it('maps every normalised character back to the original text', () => {
    const text = `\u200FRue de l’E\u0301tuve 😀 Til\u00ADleuls ٤٢ Straße`;
    const { text: normalised, offsets } = normaliseForMatching(text);
    expect(offsets).toHaveLength(normalised.length + 1);
    expect(offsets.at(-1)).toBe(text.length);
    for (let i = 1; i < offsets.length; i++) expect(offsets[i]!).toBeGreaterThanOrEqual(offsets[i - 1]!);
    const tokens = tokenise(text).tokens;
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'Rue',
      'de',
      'l',
      'E\u0301tuve',
      'Til\u00ADleuls',
      '٤٢',
      'Straße',
    ]);
    expect(tokens.map((t) => t.word)).toEqual(['rue', 'de', 'l', 'etuve', 'tilleuls', '42', 'strasse']);
  });

  it('splits letters from digits, so "n°42", "nr42" and "42a" read as their parts', () => {
    expect(tokenise('nr42a l90').tokens.map((t) => t.word)).toEqual(['nr', '42', 'a', 'l', '90']);
  });
});

describe('addresses', () => {
  const tilleuls = address('Avenue des Tilleuls 42, 4000 Liège');

  it('withholds the street with the house number in any order and abbreviation, and the whole address around it', () => {
    expect(passages(tilleuls, 'Il habite au 42, av. des Tilleuls, 4000 Liège depuis mars.')).toEqual([
      '42, av. des Tilleuls, 4000 Liège (definite streetNumber)',
    ]);
    expect(passages(tilleuls, 'n°42 av Tilleuls')).toEqual(['n°42 av Tilleuls (definite streetNumber)']);
    expect(passages(tilleuls, 'tilleuls nr 42a')).toEqual(['tilleuls nr 42a (definite streetNumber)']);
    expect(passages(tilleuls, 'dans la rue des Tilleuls 42 bte 3, le soir')).toEqual([
      'rue des Tilleuls 42 bte 3 (definite streetNumber)',
    ]);
  });

  it('withholds the postcode with the locality, in any of its names', () => {
    for (const text of ['4000 Liège', 'Liège (4000', 'B-4000 Liege', '4000 Luik', '4000 Lüttich', 'Liege 4000']) {
      expect(passages(tilleuls, text)).toEqual([`${text} (definite postcodeLocality)`]);
    }
  });

  it('marks as near another full address of her postcode, her street without her number, her postcode or her locality alone', () => {
    expect(passages(tilleuls, 'Commissariat, Rue Royale 202, 4000 Liège')).toEqual([
      'Rue Royale 202, 4000 Liège (near otherStreetSamePostcode)',
    ]);
    expect(passages(tilleuls, 'Koningsstraat 202, 4000 Luik')).toEqual([
      'Koningsstraat 202, 4000 Luik (near otherStreetSamePostcode)',
    ]);
    expect(passages(tilleuls, "sur l'avenue des Tilleuls")).toEqual(['avenue des Tilleuls (near street)']);
    expect(passages(tilleuls, 'avenue des Tilleuls 17')).toEqual([
      'avenue des Tilleuls 17 (near sameStreetOtherNumber)',
    ]);
    expect(passages(tilleuls, 'code postal 4000')).toEqual(['4000 (near postcode)']);
    expect(passages(tilleuls, 'elle vit à Liège')).toEqual(['Liège (near locality)']);
  });

  it('reads Dutch and German compound street names by their stem', () => {
    const linden = address('Lindenstraat 7, 9000 Gent');
    for (const text of [
      'Lindenstraat 7',
      'Lindenstr. 7',
      'Linden straat 7',
      'lindenstraat nr. 7',
      '7 Lindenstr',
      'Linden 7',
    ]) {
      expect(linden.find(text).map((m) => m.certainty)).toEqual(['definite']);
    }
    expect(passages(linden, '9000 Gand')).toEqual(['9000 Gand (definite postcodeLocality)']);
    const kirch = address('Kirchstraße 12, 4700 Eupen');
    expect(passages(kirch, 'Sie wohnt Kirchstr. 12 in Eupen.')).toEqual([
      'Kirchstr. 12 in Eupen (definite streetNumber)',
    ]);
  });

  it('parses a box, a number written first and an address without postcode', () => {
    const etuve = address("Rue de l'Étuve 12 bte 3, 1000 Bruxelles");
    expect(passages(etuve, 'rue de l’Etuve 12/3')).toEqual(['rue de l’Etuve 12/3 (definite streetNumber)']);
    expect(passages(etuve, '1000 Brussel')).toEqual(['1000 Brussel (definite postcodeLocality)']);
    expect(passages(address('42 rue Haute, Namur'), 'Haute 42')).toEqual(['Haute 42 (definite streetNumber)']);
    expect(passages(address('Rue Haute 42 Namur'), 'rue haute 42 à Namur')).toEqual([
      'rue haute 42 à Namur (definite streetNumber)',
    ]);
  });

  it('does not take common street words, other streets with her number, amounts or dates for her address', () => {
    for (const text of [
      'dans la rue',
      "sur l'avenue",
      'Rue des Glaïeuls 42, 1000 Bruxelles',
      'le bus 42',
      'Il a dépensé 4000 euros.',
      '4000 €',
      'Le 12/03/2026.',
      'Rue Royale 202, 1000 Bruxelles',
      'rue de la Haute-Marche 12',
    ]) {
      expect(passages(tilleuls, text), text).toEqual([]);
    }
    // Her number must stand with her street, nothing but address words between them.
    const gare = address('Rue de la Gare 1, 4000 Liège');
    expect(passages(gare, 'Il attendait à la gare avec 1 enfant.')).toEqual([]);
    expect(passages(gare, 'gare 1')).toEqual(['gare 1 (definite streetNumber)']);
    expect(passages(tilleuls, 'Il habite avenue des Tilleuls depuis 42 ans.')).toEqual([
      'avenue des Tilleuls (near street)',
    ]);
    // A one-word street of a common adjective is near only when named as a street.
    const haute = address('Rue Haute 42, 1000 Bruxelles');
    expect(passages(haute, 'à haute voix')).toEqual([]);
    expect(passages(haute, 'dans la rue Haute')).toEqual(['rue Haute (near street)']);
  });
});

describe('phones', () => {
  const sister = only({ kind: 'safeChannel', field: 'people.victimSafeChannelDetail', value: '0496 12 34 56' });

  it('reads a stored number as its national significant number', () => {
    expect(nationalNumber('0496 12 34 56')).toBe('496123456');
    expect(nationalNumber('+32 (0)496 12 34 56')).toBe('496123456');
    expect(nationalNumber('0032 4 123 45 67')).toBe('41234567');
    expect(nationalNumber('32496123456')).toBe('496123456');
    expect(nationalNumber('+33 6 12 34 56 78')).toBe('612345678');
    expect(nationalNumber('+44 (0)20 7946 0958')).toBe('2079460958');
  });

  it('withholds the number in every Belgian form, and only the number', () => {
    for (const written of [
      '0496 12 34 56',
      '0496/12.34.56',
      '0496123456',
      '+32 496 12 34 56',
      '0032496123456',
      '+32 (0)496 12 34 56',
      '٠٤٩٦ ١٢ ٣٤ ٥٦',
    ]) {
      const text = `appeler le ${written} le soir`;
      expect(passages(sister, text)).toEqual([`${written} (definite phone)`]);
    }
  });

  it('marks as near a run holding its last six digits', () => {
    expect(passages(sister, 'un papier avec 12 34 56')).toEqual(['12 34 56 (near phonePart)']);
    expect(passages(sister, '0497 12 34 56')).toEqual(['12 34 56 (near phonePart)']);
  });

  it('matches an international number of another country', () => {
    const french = only({ kind: 'safeChannel', field: 'f', value: '+33 6 12 34 56 78' });
    expect(passages(french, 'au 06 12 34 56 78')).toEqual(['06 12 34 56 78 (definite phone)']);
    expect(passages(french, '0033612345678')).toEqual(['0033612345678 (definite phone)']);
  });

  it('never takes a helpline, a date or a reference for her number', () => {
    for (const text of [
      '0800 30 030',
      '1712',
      '116 000',
      '112',
      '101',
      '0800 12 800',
      '12/03/2026',
      'LI.12.L1.012345/2026',
      'BE68 5390 0754 7034',
    ]) {
      expect(passages(sister, text), text).toEqual([]);
    }
  });

  it('withholds a short number only when it is the protected one', () => {
    const shortShelter = only({ kind: 'shelter', field: 'directory.x', value: '1712' });
    expect(passages(shortShelter, 'bel 1712')).toEqual(['1712 (definite phone)']);
    expect(passages(shortShelter, 'bel 117 12 00')).toEqual([]);
  });
});

describe('e-mail addresses and handles', () => {
  const channel = only({
    kind: 'safeChannel',
    field: 'c',
    value: 'karim.b@example.be, Instagram: sarah_l90, @nadia.x',
  });

  it('withholds the full address and its local part', () => {
    expect(passages(channel, 'écrire à karim.b@example.be')).toEqual(['karim.b@example.be (definite email)']);
    expect(passages(channel, 'KARIM.B at example dot be')).toEqual(['KARIM.B at example dot be (definite email)']);
    expect(passages(channel, 'karim (dot) b')).toEqual(['karim (dot) b (definite email)']);
  });

  it('withholds a handle however it is written', () => {
    expect(passages(channel, 'insta @sarah_l90')).toEqual(['sarah_l90 (definite handle)']);
    expect(passages(channel, 'sarah.l90')).toEqual(['sarah.l90 (definite handle)']);
    expect(passages(channel, 'nadia.x')).toEqual(['nadia.x (definite handle)']);
  });

  it('does not withhold a common domain or a short local part alone', () => {
    expect(passages(channel, 'example.be et gmail.com')).toEqual([]);
    expect(passages(only({ kind: 'safeChannel', field: 'c', value: 'ab@example.be' }), 'ab')).toEqual([]);
  });
});

describe('places', () => {
  it('withholds the distinctive words of the name, not its common words', () => {
    const horizon = only({ kind: 'stayingAt', field: 's', value: "Maison d'accueil Horizon" });
    expect(passages(horizon, 'elle dort à Horizon')).toEqual(['Horizon (definite placeName)']);
    expect(passages(horizon, 'la maison, l’accueil, le refuge')).toEqual([]);
    const nid = only({ kind: 'shelter', field: 'd', value: 'Refuge Le Nid' });
    expect(passages(nid, 'au Nid')).toEqual(['Nid (near placeName)']);
    const two = only({ kind: 'shelter', field: 'd', value: 'Home Rose Blanche' });
    expect(passages(two, 'chez Rose Blanche')).toEqual(['Rose Blanche (definite placeName)']);
  });

  it('reads an address, a phone and a locality inside where she stays; the locality is definite there', () => {
    const sister = only({ kind: 'stayingAt', field: 's', value: 'chez ma sœur Nadia, rue Xavier 3, 1180 Uccle' });
    expect(passages(sister, 'rue Xavier 3')).toEqual(['rue Xavier 3 (definite streetNumber)']);
    expect(passages(sister, 'à Uccle')).toEqual(['Uccle (definite locality)']);
    expect(passages(sister, 'à Ukkel')).toEqual(['Ukkel (definite locality)']);
    expect(passages(sister, 'Nadia')).toEqual(['Nadia (definite placeName)']);
    const locative = only({ kind: 'stayingAt', field: 's', value: 'chez sa tante à Spa' });
    expect(passages(locative, 'elle est à Spa')).toEqual(['Spa (definite locality)']);
    expect(passages(locative, 'chez sa tante')).toEqual(['chez sa tante (near phrase)']);
  });
});

describe('safe channel names', () => {
  const brother = only({
    kind: 'safeChannel',
    field: 'c',
    value: 'mon frère Karim Benali, 0496 12 34 56, appeler uniquement après 18 h',
  });

  it('withholds the full name in any order, and marks one name word as near', () => {
    expect(passages(brother, 'Karim Benali')).toEqual(['Karim Benali (definite personName)']);
    expect(passages(brother, 'BENALI Karim')).toEqual(['BENALI Karim (definite personName)']);
    expect(passages(brother, 'mon frère Karim')).toEqual(['Karim (near nameWord)']);
  });

  it('does not take the words around the name for names', () => {
    expect(passages(brother, 'appeler uniquement après 18 h, via WhatsApp, mon frère')).toEqual([]);
  });

  it('withholds a single name word definitely when it is the only one', () => {
    const single = only({ kind: 'safeChannel', field: 'c', value: 'via sa voisine Yasmina' });
    expect(passages(single, 'Yasmina')).toEqual(['Yasmina (definite personName)']);
  });
});

describe('phrases', () => {
  it('withholds risk wording as a word sequence, not its words alone', () => {
    const risk = only(
      { kind: 'riskWording', field: 'catalog.fr', value: 'risque très élevé' },
      { kind: 'riskWording', field: 'catalog.fr', value: 'niveau 4' },
    );
    expect(passages(risk, 'RISQUE TRES ELEVE')).toEqual(['RISQUE TRES ELEVE (definite phrase)']);
    expect(passages(risk, 'niveau 4')).toEqual(['niveau 4 (definite phrase)']);
    expect(passages(risk, 'un risque, un loyer très élevé, niveau 45')).toEqual([]);
  });

  it('withholds a passage the officer selected, even cut mid-word', () => {
    const withheld = only({ kind: 'officerWithheld', field: 'review', value: 'ez ma sœur à Uc' });
    expect(passages(withheld, 'Elle dort chez ma soeur à Uccle.')).toEqual(['chez ma soeur à Uccle (definite phrase)']);
  });
});

describe('merging', () => {
  it('returns sorted, non-overlapping passages, definite winning over near', () => {
    const text =
      'Nadia Benali est venue. Nadia a appelé le 0496 12 34 56. Elle vit à Liège, 4000 Liège, avenue des Tilleuls 42.';
    const matches = profile.find(text);
    for (let i = 1; i < matches.length; i++) expect(matches[i]!.start).toBeGreaterThanOrEqual(matches[i - 1]!.end);
    expect(matches.map((m) => `${text.slice(m.start, m.end)} (${m.certainty} ${m.rule})`)).toEqual([
      'Nadia Benali (definite personName)',
      'Nadia (near nameWord)',
      '0496 12 34 56 (definite phone)',
      // Her locality alone is near, but here it stands against her full address: one definite passage.
      'Liège, 4000 Liège, avenue des Tilleuls 42 (definite postcodeLocality)',
    ]);
  });

  it('is empty without sources', () => {
    expect(compileProtectedMatcher([]).empty).toBe(true);
    expect(compileProtectedMatcher([{ kind: 'address', field: 'a', value: '  ' }]).empty).toBe(true);
    expect(profile.empty).toBe(false);
  });
});

describe('the corpus of spellings (test/fixtures/protected-spellings.ts)', () => {
  it('has enough spellings and harmless texts', () => {
    expect(PROTECTED_SPELLINGS.length).toBeGreaterThanOrEqual(170);
    expect(HARMLESS_TEXTS.length).toBeGreaterThanOrEqual(60);
  });

  it('withholds every spelling, with at least its certainty', () => {
    const leaks: string[] = [];
    const weaker: string[] = [];
    for (const spelling of PROTECTED_SPELLINGS) {
      const matches = profile.find(spelling.text);
      if (survives(spelling.text, spelling.secret, matches))
        leaks.push(`${spelling.kind}: ${JSON.stringify(spelling.text)}`);
      const at = spelling.text.indexOf(spelling.secret);
      const covering = matches.filter((m) => m.start < at + spelling.secret.length && m.end > at);
      if (spelling.certainty === 'definite' && !covering.some((m) => m.certainty === 'definite'))
        weaker.push(`${spelling.kind}: ${JSON.stringify(spelling.text)}`);
    }
    console.log(
      `protected spellings: ${PROTECTED_SPELLINGS.length} tried, ${PROTECTED_SPELLINGS.length - leaks.length} withheld`,
    );
    expect(leaks).toEqual([]);
    expect(weaker).toEqual([]);
  });

  it('withholds nothing of the harmless texts', () => {
    const matched = HARMLESS_TEXTS.filter((text) => profile.find(text).length > 0).map(
      (text) => `${text} → ${passages(profile, text).join(', ')}`,
    );
    console.log(`harmless texts: ${HARMLESS_TEXTS.length} tried, ${matched.length} matched`);
    expect(matched).toEqual([]);
  });

  it('maps each match onto the original text', () => {
    for (const spelling of PROTECTED_SPELLINGS) {
      for (const m of profile.find(spelling.text)) {
        expect(m.start).toBeGreaterThanOrEqual(0);
        expect(m.end).toBeLessThanOrEqual(spelling.text.length);
        expect(m.end).toBeGreaterThan(m.start);
        // A passage starts and ends on a letter or digit, never inside a surrogate pair.
        expect(spelling.text.slice(m.start, m.end)).toMatch(
          /^[\p{L}\p{N}+][\s\S]*[\p{L}\p{N}\p{M}\u00AD]$|^[\p{L}\p{N}]$/u,
        );
      }
    }
  });
});

describe('performance', () => {
  it('reads a 20,000-word statement quickly', () => {
    const words = HARMLESS_TEXTS.join(' ').split(/\s+/);
    const statement =
      Array.from({ length: 20_000 }, (_, i) => words[i % words.length]).join(' ') +
      ' avenue des Tilleuls 42, 4000 Liège';
    for (let warm = 0; warm < 3; warm++) profile.find(statement);
    const started = performance.now();
    const matches = profile.find(statement);
    const elapsed = performance.now() - started;
    console.log(
      `20,000 words (${statement.length} characters), ${PROTECTED_SOURCES.length} sources: ${elapsed.toFixed(1)} ms warm`,
    );
    expect(matches.at(-1)?.rule).toBe('streetNumber');
  });
});
