import { randomUUID } from 'node:crypto';
import { searchKeys } from '../domain/person-names';
import { startPostgresServer } from '../test/helpers/postgres-server';
import { call, openCore, type OpenedCore, type StoreKind } from './stores';
import { summary, type Summary } from './statistics';

/**
 * Finding earlier persons (issue 16's report): `persons.candidates` through the dispatcher, as the
 * officer's screen calls it, on each store holding `persons` generated persons, each with a hearing
 * of its own. Then a generated set of later hearings: most name a stored person as another officer
 * would type it (another transliteration, no accents, first and last names swapped, one typing slip,
 * the birth date or the register number left out), the rest name someone the store does not hold.
 * Recall: the true person proposed first. False proposals: every other person proposed.
 *
 * Every name is invented: first names and surnames of several origins drawn at random and combined,
 * so no record stands for a real person. `npx tsx bench/run.ts --only=persons [--persons=N]`.
 */

/**
 * Each origin's first names, some of its frequent surnames, and the parts of invented ones (a
 * prefix, a stem, an ending), so that surnames spread as they do in a zone rather than over a
 * short list: most surnames are rare, a few are frequent.
 */
const SURNAME_PARTS: [string[], string[], string[]][] = [
  [
    ['', 'Le ', 'Du', 'De'],
    ['Bel', 'Mar', 'Four', 'Chan', 'Ros', 'Val', 'Gir', 'Bou', 'Lam', 'Dur', 'Cor'],
    ['ier', 'et', 'and', 'ot', 'eau', 'in', 'ard', 'on'],
  ],
  [
    ['', 'Van ', 'De ', 'Ver'],
    ['meul', 'hoev', 'bruyn', 'berg', 'looy', 'dael', 'heyd', 'kerck', 'wauw', 'straet'],
    ['en', 'e', 'ers', 'man', 's', 'ens', 'hove'],
  ],
  [
    ['El ', 'Ben', 'Bou', 'Ait '],
    ['ham', 'kad', 'mans', 'zah', 'tal', 'saad', 'rah', 'mokh', 'jab', 'nass'],
    ['ouri', 'i', 'ani', 'aoui', 'ari', 'ssi', 'idi'],
  ],
  [
    [''],
    ['Yıl', 'Kar', 'Ak', 'Er', 'Öz', 'Tun', 'Bay', 'Kor', 'Gül', 'Şen', 'Kılı'],
    ['dız', 'kaya', 'soy', 'han', 'türk', 'can', 'demir', 'oğlu', 'taş'],
  ],
  [
    [''],
    ['Kov', 'Shev', 'Bond', 'Tkach', 'Kravch', 'Mel', 'Horb', 'Lys', 'Pol', 'Zab', 'Nov'],
    ['enko', 'chuk', 'ski', 'ska', 'ov', 'ova', 'yk', 'ak', 'ich'],
  ],
  [
    [''],
    ['Pop', 'Ion', 'Kab', 'Mbu', 'Hox', 'Kras', 'Tshi', 'Mun', 'Ber', 'Ilu', 'Dum'],
    ['escu', 'anu', 'ongo', 'ya', 'ha', 'niqi', 'ombo', 'eanu', 'isha', 'nga'],
  ],
];

/** A syllable some invented surnames take between stem and ending. */
const MIDDLES = ['al', 'er', 'ov', 'an', 'ib', 'or', 'ad', 'em', 'ul'];

const ORIGINS: { first: string[]; last: string[] }[] = [
  {
    first: ['Marie', 'Sophie', 'Julie', 'Laura', 'Emma', 'Lucas', 'Thomas', 'Nicolas', 'Inès', 'Chloé', 'Céline'],
    last: ['Dubois', 'Lambert', 'Dupont', 'Martin', 'Simon', 'Laurent', 'Lefèvre', 'Mercier', 'Fontaine', 'Leroy'],
  },
  {
    first: ['Pieter', 'Jan', 'Bart', 'Lotte', 'Koen', 'Wouter', 'Sarah', 'Eline', 'Jens', 'Femke', 'Sander'],
    last: [
      'Peeters',
      'Janssens',
      'Maes',
      'Jacobs',
      'Mertens',
      'Willems',
      'Claes',
      'Goossens',
      'De Smet',
      'Van den Bossche',
    ],
  },
  {
    first: ['Mohamed', 'Ahmed', 'Youssef', 'Karim', 'Rachid', 'Said', 'Omar', 'Fatima', 'Khadija', 'Amina', 'Yasmina'],
    last: [
      'El Amrani',
      'Benali',
      'Haddad',
      'Bouzid',
      'El Idrissi',
      'Ouali',
      'Belkacem',
      'Cherif',
      'Mansouri',
      'Tahiri',
    ],
  },
  {
    first: ['Mehmet', 'Ayşe', 'Emine', 'Mustafa', 'Hüseyin', 'Elif', 'Zeynep', 'Burak', 'Derya', 'Hakan'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Koç'],
  },
  {
    first: ['Oleksandr', 'Olena', 'Natalia', 'Dmytro', 'Iryna', 'Serhiy', 'Katarzyna', 'Agnieszka', 'Piotr', 'Tomasz'],
    last: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Nowak', 'Kowalski', 'Wiśniewska', 'Petrov', 'Ivanova', 'Melnyk'],
  },
  {
    first: ['Andreea', 'Ionuț', 'Arben', 'Blerta', 'Grace', 'Patience', 'Jean-Pierre', 'Esperance', 'Dorin', 'Elona'],
    last: ['Popescu', 'Ionescu', 'Hoxha', 'Krasniqi', 'Mbuyi', 'Kabongo', 'Tshibangu', 'Munteanu', 'Berisha', 'Ilunga'],
  },
];

/** Other ways the same name is written (Latin transliterations, the original script). */
const SPELLINGS: Record<string, string[]> = {
  Mohamed: ['Mohammed', 'Muhammad', 'Mohammad', 'Mouhamed', 'محمد'],
  Ahmed: ['Ahmad', 'أحمد'],
  Youssef: ['Yusuf', 'Youcef', 'Yousef', 'يوسف'],
  Said: ['Saïd', 'Saeed', 'سعيد'],
  Omar: ['Umar', 'Omer', 'عمر'],
  Karim: ['Kareem', 'Karime', 'كريم'],
  Rachid: ['Rashid', 'Rachied', 'رشيد'],
  Fatima: ['Fatma', 'Fatimah', 'Fatiha', 'فاطمة'],
  Khadija: ['Khadidja', 'Khadiga', 'Kadija', 'خديجة'],
  Amina: ['Aminah', 'Amineh', 'آمنة'],
  Yasmina: ['Yasmine', 'Jasmina', 'ياسمينة'],
  Haddad: ['Hadad', 'حداد'],
  Benali: ['Ben Ali', 'Ben-Ali'],
  'El Amrani': ['Elamrani', 'Amrani', 'El-Amrani'],
  'El Idrissi': ['Idrissi', 'Elidrissi'],
  Cherif: ['Chérif', 'Sharif', 'Cherief'],
  Oleksandr: ['Aleksandr', 'Alexandr', 'Olexandr', 'Олександр'],
  Olena: ['Elena', 'Olena', 'Олена'],
  Natalia: ['Nataliya', 'Natalya', 'Наталія'],
  Dmytro: ['Dmitri', 'Dmitry', 'Дмитро'],
  Iryna: ['Irina', 'Ірина'],
  Serhiy: ['Sergei', 'Serhii', 'Сергій'],
  Kovalenko: ['Kowalenko', 'Коваленко'],
  Shevchenko: ['Chevtchenko', 'Schewtschenko', 'Шевченко'],
  Bondarenko: ['Бондаренко'],
  Petrov: ['Petroff', 'Петров'],
  Ivanova: ['Ivanowa', 'Иванова'],
  Melnyk: ['Melnik', 'Мельник'],
  Mehmet: ['Mehmed', 'Mehmét'],
  Hüseyin: ['Huseyin', 'Hussein'],
};

const VARIANTS = ['exact', 'spelling', 'accents', 'swapped', 'slip'] as const;
type Variant = (typeof VARIANTS)[number];

interface Seeded {
  id: string;
  surname: string;
  firstNames: string;
  birthDate: string | null;
  nationalNumber: string | null;
}

export interface PersonsBenchFigures {
  candidates: Summary;
  /** Of the queries naming a stored person: proposed first, or anywhere in the list. */
  recallFirst: number;
  recallAny: number;
  truePairs: number;
  /** Persons proposed that are not the one the hearing names, over every query. */
  falseProposals: number;
  /** Queries with at least one false proposal. */
  queriesWithFalse: number;
  queries: number;
  missedByVariant: Record<Variant, { queries: number; missed: number }>;
}

export interface PersonsBenchResult {
  persons: number;
  sqlite: PersonsBenchFigures;
  postgresql: PersonsBenchFigures;
}

/** A seeded random generator, so that both stores get the same persons and the same queries. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, pick };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function registerNumber(birthDate: string, sequence: number): string {
  const [y, m, d] = birthDate.split('-');
  const body = `${y!.slice(2)}${m}${d}${pad(sequence, 3)}`;
  const base = Number(y) >= 2000 ? 2_000_000_000 + Number(body) : Number(body);
  return body + pad(97 - (base % 97));
}

function generatePersons(count: number, rng: ReturnType<typeof random>): Seeded[] {
  const persons: Seeded[] = [];
  for (let i = 0; i < count; i++) {
    const o = Math.floor(rng.next() * ORIGINS.length);
    const origin = ORIGINS[o]!;
    const twoFirst = rng.next() < 0.15;
    const firstNames = twoFirst ? `${rng.pick(origin.first)} ${rng.pick(origin.first)}` : rng.pick(origin.first);
    const [prefixes, stems, endings] = SURNAME_PARTS[o]!;
    const prefix = rng.pick(prefixes);
    const stem = rng.pick(stems) + (rng.next() < 0.5 ? rng.pick(MIDDLES) : '');
    const surname =
      rng.next() < 0.4
        ? rng.pick(origin.last)
        : `${prefix}${prefix === '' || prefix.endsWith(' ') ? stem[0]!.toUpperCase() + stem.slice(1) : stem}${rng.pick(endings)}`;
    const known = rng.next() < 0.85;
    const birthDate = known
      ? `${1950 + Math.floor(rng.next() * 55)}-${pad(1 + Math.floor(rng.next() * 12))}-${pad(1 + Math.floor(rng.next() * 28))}`
      : null;
    const nationalNumber =
      birthDate && rng.next() < 0.3 ? registerNumber(birthDate, 1 + Math.floor(rng.next() * 996)) : null;
    persons.push({ id: randomUUID(), surname, firstNames, birthDate, nationalNumber });
  }
  return persons;
}

const NEIGHBOURS = 'qwertyuiopasdfghjklzxcvbnm';

/** One slip of the keyboard in one word: a letter swapped with the next, left out, doubled or mistyped. */
function slip(word: string, rng: ReturnType<typeof random>): string {
  const letters = [...word];
  if (letters.length < 4) return word;
  const at = 1 + Math.floor(rng.next() * (letters.length - 2));
  switch (Math.floor(rng.next() * 4)) {
    case 0:
      [letters[at], letters[at + 1]] = [letters[at + 1]!, letters[at]!];
      break;
    case 1:
      letters.splice(at, 1);
      break;
    case 2:
      letters.splice(at, 0, letters[at]!);
      break;
    default: {
      const i = NEIGHBOURS.indexOf(letters[at]!.toLowerCase());
      letters[at] = i < 0 ? 'e' : (NEIGHBOURS[(i + 1) % NEIGHBOURS.length] ?? 'e');
    }
  }
  return letters.join('');
}

/** Another way of writing a name, when one is known. */
function spell(name: string, rng: ReturnType<typeof random>): string {
  const others = SPELLINGS[name];
  return others ? rng.pick(others) : name;
}

/** Each word respelled where it can be, or the whole name (El Amrani, Benali) when it is known as one. */
const respell = (name: string, rng: ReturnType<typeof random>) =>
  SPELLINGS[name]
    ? spell(name, rng)
    : name
        .split(' ')
        .map((w) => spell(w, rng))
        .join(' ');

/** The same person as another officer types the names. */
function typedAs(person: Seeded, variant: Variant, rng: ReturnType<typeof random>) {
  let { surname, firstNames } = person;
  switch (variant) {
    case 'spelling': {
      const [f, s] = [respell(firstNames, rng), respell(surname, rng)];
      if (f === firstNames && s === surname) firstNames = slip(firstNames, rng);
      else [firstNames, surname] = [f, s];
      break;
    }
    case 'accents':
      [firstNames, surname] = [firstNames, surname].map((n) =>
        n.normalize('NFD').replace(/\p{M}/gu, '').replace('ı', 'i').toUpperCase(),
      ) as [string, string];
      break;
    case 'swapped':
      [firstNames, surname] = [surname, firstNames];
      break;
    case 'slip':
      if (rng.next() < 0.5) surname = slip(surname, rng);
      else firstNames = slip(firstNames, rng);
      break;
    case 'exact':
      break;
  }
  // Another officer may not have the birth date, or the register number.
  const birthDate = rng.next() < 0.8 ? person.birthDate : null;
  const nationalNumber = person.nationalNumber && rng.next() < 0.5 ? person.nationalNumber : null;
  return { surname, firstNames, birthDate, nationalNumber };
}

interface Query {
  /** The stored person the hearing names, or null for someone the store does not hold. */
  truth: string | null;
  variant: Variant | null;
  typed: { surname: string; firstNames: string; birthDate: string | null; nationalNumber: string | null };
}

function generateQueries(persons: Seeded[], count: number, rng: ReturnType<typeof random>): Query[] {
  const absent = generatePersons(Math.ceil(count / 5), rng);
  const queries: Query[] = [];
  let named = 0;
  for (let i = 0; i < count; i++) {
    if (i % 5 === 4) {
      const stranger = absent[Math.floor(i / 5)]!;
      queries.push({ truth: null, variant: null, typed: typedAs(stranger, 'exact', rng) });
      continue;
    }
    const person = rng.pick(persons);
    const variant = VARIANTS[named++ % VARIANTS.length]!;
    queries.push({ truth: person.id, variant, typed: typedAs(person, variant, rng) });
  }
  return queries;
}

export async function benchPersons(
  root: string,
  options: { persons?: number; queries?: number } = {},
): Promise<PersonsBenchResult> {
  const count = options.persons ?? 100_000;
  const rng = random(16);
  const persons = generatePersons(count, rng);
  const queries = generateQueries(persons, options.queries ?? Math.min(500, Math.max(50, count / 20)), rng);
  const server = await startPostgresServer({ durable: true });
  try {
    const figures = {} as Record<StoreKind, PersonsBenchFigures>;
    for (const kind of ['sqlite', 'postgresql'] as const) {
      const opened = await openCore(root, server, kind);
      try {
        await seed(opened, kind, persons);
        figures[kind] = await timeCandidates(opened, kind, queries);
      } finally {
        await opened.close();
      }
    }
    return { persons: count, ...figures };
  } finally {
    await server.stop();
  }
}

/** An administrator, a unit and two signed-in officers through the API; the persons and their hearings straight into the tables. */
async function seed(opened: OpenedCore, kind: StoreKind, persons: Seeded[]): Promise<void> {
  const { core } = opened;
  await call(core, 'admin', 'setup.createAdministrator', {
    username: 'bench.admin',
    displayName: 'Bench Admin',
    password: 'bench admin passphrase',
  });
  const { unit } = (await call(core, 'admin', 'units.save', { name: 'Bench unit' })) as { unit: { id: string } };
  const ids: string[] = [];
  for (const name of ['earlier', 'later']) {
    const given = `temporary bench ${name} passphrase`;
    const { user } = (await call(core, 'admin', 'users.create', {
      username: `bench.${name}`,
      displayName: `Bench ${name}`,
      password: given,
      role: 'officer',
      unitId: unit.id,
    })) as { user: { id: string } };
    await call(core, name, 'session.login', { username: `bench.${name}`, password: given });
    await call(core, name, 'session.changePassword', {
      currentPassword: given,
      newPassword: `bench ${name} passphrase`,
    });
    ids.push(user.id);
  }
  const earlierOfficer = ids[0]!;
  const at = Date.UTC(2025, 0, 1);
  const hearings: unknown[][] = [];
  const personRows: unknown[][] = [];
  const keyRows: unknown[][] = [];
  const links: unknown[][] = [];
  persons.forEach((p, i) => {
    const hearingId = randomUUID();
    const openedAt = at + i * 60_000;
    hearings.push([hearingId, `HD-2025-${pad(i + 1, 6)}`, earlierOfficer, 'closed', openedAt, openedAt, unit.id]);
    personRows.push([p.id, p.nationalNumber, p.surname, p.firstNames, p.birthDate, null, openedAt, earlierOfficer]);
    for (const key of searchKeys({ firstNames: p.firstNames, lastName: p.surname }))
      keyRows.push([p.id, key, p.birthDate]);
    links.push([hearingId, i % 2 === 0 ? 'victim' : 'suspect', p.id, openedAt, openedAt, earlierOfficer, 'new']);
  });
  const tables: [string, string[], unknown[][]][] = [
    ['hearings', ['id', 'reference', 'owner_id', 'status', 'created_at', 'updated_at', 'unit_id'], hearings],
    [
      'persons',
      ['id', 'national_number', 'surname', 'first_names', 'birth_date', 'birth_place', 'created_at', 'created_by'],
      personRows,
    ],
    ['person_search_keys', ['person_id', 'key', 'birth_date'], keyRows],
    [
      'hearing_persons',
      ['hearing_id', 'role', 'person_id', 'hearing_opened_at', 'linked_at', 'linked_by', 'how'],
      links,
    ],
  ];
  if (kind === 'sqlite') {
    const sqlite = core.database!.sqlite;
    sqlite.transaction(() => {
      for (const [table, columns, rows] of tables) {
        const insert = sqlite.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        for (const row of rows) insert.run(...row);
      }
    })();
    sqlite.exec('ANALYZE');
    return;
  }
  for (const [table, columns, rows] of tables) {
    const perBatch = Math.floor(30_000 / columns.length);
    for (let from = 0; from < rows.length; from += perBatch) {
      const batch = rows.slice(from, from + perBatch);
      let n = 0;
      await opened.owner(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${batch.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`).join(', ')}`,
        batch.flat(),
      );
    }
  }
  // As autovacuum leaves the tables after a bulk load: statistics and the visibility map.
  await opened.owner('VACUUM ANALYZE');
}

/** Each query: a new hearing of the other officer naming the person, then the search, timed. */
async function timeCandidates(opened: OpenedCore, kind: StoreKind, queries: Query[]): Promise<PersonsBenchFigures> {
  const { core } = opened;
  const placeholders = (n: number) =>
    Array.from({ length: n }, (_, i) => (kind === 'sqlite' ? '?' : `$${i + 1}`)).join(', ');
  const [officer] = await opened.owner(`SELECT id FROM users WHERE username = ${kind === 'sqlite' ? '?' : '$1'}`, [
    'bench.later',
  ]);
  const samples: number[] = [];
  let recallFirst = 0;
  let recallAny = 0;
  let falseProposals = 0;
  let queriesWithFalse = 0;
  const missedByVariant = Object.fromEntries(VARIANTS.map((v) => [v, { queries: 0, missed: 0 }])) as Record<
    Variant,
    { queries: number; missed: number }
  >;
  for (const [i, query] of queries.entries()) {
    const { hearing } = (await call(core, 'later', 'hearings.create', {})) as { hearing: { id: string } };
    const role = i % 2 === 0 ? 'victim' : 'suspect';
    const fields = {
      [`${role}Surname`]: query.typed.surname,
      [`${role}FirstNames`]: query.typed.firstNames,
      [`${role}BirthDate`]: query.typed.birthDate,
      [`${role}NationalNumber`]: query.typed.nationalNumber,
    };
    for (const [fieldId, value] of Object.entries(fields)) {
      if (value === null) continue;
      // The answers as the people step stores them (people@4's fields included), past the services.
      await opened.owner(
        `INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by) VALUES (${placeholders(8)})`,
        [hearing.id, 'people', 4, fieldId, JSON.stringify(value), 1, Date.now(), officer!.id],
      );
    }
    const start = performance.now();
    const { candidates } = (await call(core, 'later', 'persons.candidates', { hearingId: hearing.id, role })) as {
      candidates: { personId: string }[];
    };
    samples.push(performance.now() - start);
    const wrong = candidates.filter((c) => c.personId !== query.truth).length;
    falseProposals += wrong;
    if (wrong > 0) queriesWithFalse++;
    if (query.truth && query.variant) {
      const first = candidates[0]?.personId === query.truth;
      const any = candidates.some((c) => c.personId === query.truth);
      if (first) recallFirst++;
      if (any) recallAny++;
      missedByVariant[query.variant].queries++;
      if (!first) missedByVariant[query.variant].missed++;
    }
  }
  const truePairs = queries.filter((q) => q.truth).length;
  return {
    candidates: summary(samples.slice(Math.min(10, samples.length - 1))),
    recallFirst,
    recallAny,
    truePairs,
    falseProposals,
    queriesWithFalse,
    queries: queries.length,
    missedByVariant,
  };
}

export function personsLines(result: PersonsBenchResult): string[] {
  const lines = [`persons: ${result.persons} generated persons, each with a hearing`];
  for (const kind of ['sqlite', 'postgresql'] as const) {
    const f = result[kind];
    const name = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    lines.push(
      `${`${name} persons.candidates`.padEnd(40)} median ${f.candidates.median.toFixed(2).padStart(8)} ms   p99 ${f.candidates.p99.toFixed(2).padStart(8)} ms   (n=${f.candidates.n})`,
      `${name}: true person proposed first ${f.recallFirst}/${f.truePairs} (${((100 * f.recallFirst) / f.truePairs).toFixed(1)} %), anywhere ${f.recallAny}/${f.truePairs}; ${f.falseProposals} wrong persons proposed over ${f.queries} queries (${f.queriesWithFalse} queries with one or more)`,
      `${name}: not first by variant: ${VARIANTS.map((v) => `${v} ${f.missedByVariant[v].missed}/${f.missedByVariant[v].queries}`).join(', ')}`,
    );
  }
  return lines;
}
