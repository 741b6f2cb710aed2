import { describe, expect, it } from 'vitest';
import {
  CANDIDATE_THRESHOLD,
  nameSimilarity,
  normaliseName,
  searchKeys,
  skeletonKey,
  type PersonName,
} from '../../domain/person-names';

// Every person here is invented; the names are common ones, put together at random.
const person = (firstNames: string, lastName: string): PersonName => ({ firstNames, lastName });
const score = (a: PersonName, b: PersonName) => nameSimilarity(a, b);

describe('normalised names (issue 16, item 2)', () => {
  it('drops accents and case, and spells the letters Unicode does not decompose', () => {
    expect(normaliseName('Zoë Ćorić')).toBe('zoe coric');
    expect(normaliseName('Strauß')).toBe('strauss');
    expect(normaliseName('Ærø Œdipe Øyvind Łukasz Đặng')).toBe('aero oedipe oyvind lukasz dang');
    expect(normaliseName('İlknur Işık')).toBe('ilknur isik');
    expect(normaliseName('Ｍｏｈａｍｅｄ')).toBe('mohamed');
  });

  it('turns apostrophes, hyphens, dots and runs of spaces into single spaces', () => {
    expect(normaliseName("  O'Brien-D’Hondt ")).toBe('o brien d hondt');
    expect(normaliseName('J.-P.   Van den Bossche')).toBe('j p van den bossche');
  });

  it('spells Cyrillic in Latin letters, Ukrainian letters included', () => {
    expect(normaliseName('Олександр Черненко')).toBe('oleksandr chernenko');
    expect(normaliseName('Щукіна Юлія')).toBe('shchukina yuliya');
    expect(normaliseName('Євгеній Ґалущак')).toBe('yevgeniy galushchak');
    expect(normaliseName('Дарья Хрусталёва')).toBe('darya khrustaleva');
  });

  it('spells Arabic as its consonants, the article as a word, the vowel marks dropped', () => {
    expect(normaliseName('محمد')).toBe('mhmd');
    expect(normaliseName('مُحَمَّد')).toBe('mhmd');
    expect(normaliseName('ﻣﺤﻤﺪ')).toBe('mhmd'); // presentation forms
    expect(normaliseName('يوسف العلوي')).toBe('yousf al alouy');
  });

  it('gives the same result when applied twice', () => {
    for (const name of ['Zoë Ćorić', 'Олександр', 'عبد القادر', 'D’Hondt-Maës', 'Strauß'])
      expect(normaliseName(normaliseName(name))).toBe(normaliseName(name));
  });
});

describe('skeleton keys', () => {
  const collide = (names: string[]) => new Set(names.map(skeletonKey));

  it('make the usual transliterations of one Arabic name collide, from Latin and from Arabic script', () => {
    expect(collide(['Mohammed', 'Mohamed', 'Muhammad', 'Mouhamad', 'Mohammad', 'محمد'])).toEqual(new Set(['mhmd']));
    expect(collide(['Youssef', 'Yusuf', 'Youssouf', 'Yousef', 'يوسف'])).toEqual(new Set(['asf']));
    expect(collide(['Abdelkader', 'Abd el-Kader', 'Abdul Qadir', 'عبد القادر', 'عبدالقادر'])).toEqual(
      new Set(['abdkdr']),
    );
    expect(collide(['Abderrahmane', 'Abdelrahman', 'عبد الرحمن'])).toEqual(new Set(['abdrhmn']));
    expect(collide(['Aïcha', 'Aisha', 'عائشة'])).toEqual(new Set(['ax']));
    expect(collide(['Khadija', 'Khadidja', 'خديجة'])).toEqual(new Set(['kdj']));
    expect(collide(['Walid', 'Oualid', 'وليد'])).toEqual(new Set(['ald']));
    // A final h is silent: Fatimah, and ة or ه at the end of an Arabic word.
    expect(collide(['Fatima', 'Fatimah', 'فاطمة'])).toEqual(new Set(['ftm']));
    expect(collide(['Abdallah', 'Abdellah', 'عبد الله'])).toEqual(new Set(['abdl']));
  });

  it('make the usual transliterations of one Cyrillic name collide', () => {
    expect(collide(['Oleksandr', 'Aleksandr', 'Alexandre', 'Alexander', 'Олександр', 'Александр'])).toEqual(
      new Set(['alksndr']),
    );
    expect(collide(['Tchernenko', 'Chernenko', 'Tschernenko', 'Черненко'])).toEqual(new Set(['xrnnk']));
    expect(collide(['Evgeny', 'Yevgeny', 'Евгений'])).toEqual(new Set(['avgn']));
    expect(collide(['Nguyễn', 'Nguyen'])).toEqual(new Set(['ngn']));
  });

  it('keep different names apart', () => {
    expect(skeletonKey('Mohamed')).not.toBe(skeletonKey('Ahmed'));
    expect(skeletonKey('Youssef')).not.toBe(skeletonKey('Yassine'));
    expect(skeletonKey('Abdelkader')).not.toBe(skeletonKey('Abdelhakim'));
    expect(skeletonKey('Chernenko')).not.toBe(skeletonKey('Chernyshenko'));
  });
});

describe('name similarity', () => {
  const reference = person('Youssef', 'Benali');

  it('is 1 for the same names written with or without accents, case and hyphens', () => {
    expect(score(person('Inès', 'Peeters-Maës'), person('INES', 'Peeters Maes'))).toBe(1);
    expect(score(reference, reference)).toBe(1);
  });

  it('proposes the names swapped, a slip of one letter and two letters swapped', () => {
    expect(score(reference, person('Benali', 'Youssef'))).toBeGreaterThanOrEqual(CANDIDATE_THRESHOLD);
    expect(score(reference, person('Youssef', 'Benalli'))).toBeGreaterThanOrEqual(CANDIDATE_THRESHOLD);
    expect(score(reference, person('Youssef', 'Bneali'))).toBeGreaterThanOrEqual(CANDIDATE_THRESHOLD);
    expect(score(reference, person('Yousdef', 'Benali'))).toBeGreaterThanOrEqual(CANDIDATE_THRESHOLD);
  });

  it('proposes two neighbouring letters swapped in each name, and a swap of the names with a slip in each', () => {
    expect(score(person('Martin', 'Dupont'), person('Matrin', 'Dupotn'))).toBeGreaterThanOrEqual(CANDIDATE_THRESHOLD);
    expect(score(reference, person('Bemali', 'Youssed'))).toBeGreaterThanOrEqual(CANDIDATE_THRESHOLD);
  });

  it('ranks the straight reading above the swapped one', () => {
    expect(score(reference, person('Benali', 'Youssef'))).toBeLessThan(score(reference, reference));
  });

  it('proposes an Arabic name written in Arabic script or in another Latin spelling', () => {
    expect(score(person('Youssef', 'Benali'), person('يوسف', 'بن علي'))).toBeGreaterThanOrEqual(CANDIDATE_THRESHOLD);
    expect(score(person('Muhammad', 'El Alaoui'), person('Mohamed', 'Alaoui'))).toBeGreaterThanOrEqual(
      CANDIDATE_THRESHOLD,
    );
    expect(score(person('Abd el-Kader', 'Haddad'), person('عبد القادر', 'حداد'))).toBeGreaterThanOrEqual(
      CANDIDATE_THRESHOLD,
    );
    expect(score(person('Khadidja', 'Ouazzani'), person('Khadija', 'Wazzani'))).toBeGreaterThanOrEqual(
      CANDIDATE_THRESHOLD,
    );
  });

  it('proposes a Cyrillic name written in Cyrillic or in another Latin spelling', () => {
    expect(score(person('Oleksandr', 'Chernenko'), person('Олександр', 'Черненко'))).toBeGreaterThanOrEqual(
      CANDIDATE_THRESHOLD,
    );
    expect(score(person('Alexandre', 'Tchernenko'), person('Олександр', 'Черненко'))).toBeGreaterThanOrEqual(
      CANDIDATE_THRESHOLD,
    );
    expect(score(person('Ievgueni', 'Kovalenko'), person('Евгений', 'Коваленко'))).toBeGreaterThanOrEqual(
      CANDIDATE_THRESHOLD,
    );
  });

  it('proposes a compound name of which a word was left out', () => {
    expect(score(person('Maria Dolores', 'Garcia Lopez'), person('Maria', 'Garcia'))).toBeGreaterThanOrEqual(
      CANDIDATE_THRESHOLD,
    );
    expect(score(person('Jean-Pierre', 'Van den Bossche'), person('Jean Pierre', 'Vandenbossche'))).toBe(1);
    // The whole name typed into the last name's field, with a slip; the name split at another word.
    expect(score(person('', 'Youssef Benalli'), reference)).toBeGreaterThanOrEqual(CANDIDATE_THRESHOLD);
    expect(score(person('Youssef Ben', 'Ali'), reference)).toBeGreaterThanOrEqual(CANDIDATE_THRESHOLD);
  });

  it('scores a different person with a similar name clearly lower', () => {
    const sibling = score(reference, person('Yassine', 'Benali'));
    expect(sibling).toBeLessThan(CANDIDATE_THRESHOLD - 0.2);
    expect(score(person('Mohamed Amine', 'Benali'), person('Mohamed Ali', 'Benali'))).toBeLessThan(CANDIDATE_THRESHOLD);
    expect(score(person('Mohamed', 'Benali'), person('Mohamed', 'Benaissa'))).toBeLessThan(CANDIDATE_THRESHOLD);
    expect(score(person('Ali', 'Benali'), person('Ola', 'Benali'))).toBeLessThan(CANDIDATE_THRESHOLD);
    expect(score(person('Marc', 'Dubois'), person('Natasha', 'Ivanova'))).toBeLessThan(0.3);
  });

  it('puts one slip on the proposed side of the threshold and another first name on the other', () => {
    expect(score(person('Lea', 'Dupont'), person('Leo', 'Dupont'))).toBeGreaterThanOrEqual(CANDIDATE_THRESHOLD);
    expect(score(person('Inès', 'Dupont'), person('Agnès', 'Dupont'))).toBeLessThan(CANDIDATE_THRESHOLD);
    expect(CANDIDATE_THRESHOLD).toBeGreaterThan(0.5);
    expect(CANDIDATE_THRESHOLD).toBeLessThan(1);
  });

  it('stays within [0, 1] and does not depend on which name comes first', () => {
    const pairs: [PersonName, PersonName][] = [
      [reference, person('Benali', 'Youssef')],
      [person('Maria Dolores', 'Garcia Lopez'), person('Maria', 'Garcia')],
      [person('', ''), reference],
      [person('Muhammad', 'El Alaoui'), person('محمد', 'العلوي')],
    ];
    for (const [a, b] of pairs) {
      expect(score(a, b)).toBeCloseTo(score(b, a), 10);
      expect(score(a, b)).toBeGreaterThanOrEqual(0);
      expect(score(a, b)).toBeLessThanOrEqual(1);
    }
    expect(score(person('', ''), person('', ''))).toBe(0);
  });
});

describe('search keys', () => {
  it('are few, sorted and without particles or initials', () => {
    expect(searchKeys(person('J. Abd el-Kader', 'El Alaoui'))).toEqual(['abd', 'abdkdr', 'al', 'all', 'kdr']);
    expect(searchKeys(person('Youssef', 'Benali'))).toEqual(['asf', 'bnl']);
    // A short name is still a name: its key is kept, however unselective.
    expect(searchKeys(person('Zoé', 'Li'))).toEqual(['l', 'z']);
  });

  it('share a key between the variants a lookup must find, whichever field a word is in', () => {
    const shared = (a: PersonName, b: PersonName) => searchKeys(a).filter((key) => searchKeys(b).includes(key));
    expect(shared(person('Youssef', 'Benali'), person('Benali', 'Yusuf'))).toEqual(['asf', 'bnl']);
    expect(shared(person('Abdelkader', 'Haddad'), person('عبد القادر', 'حداد'))).toContain('abdkdr');
    expect(shared(person('Maria Dolores', 'Garcia Lopez'), person('Maria', 'Garcia'))).toEqual(['grs', 'mr']);
    expect(shared(person('Alexandre', 'Tchernenko'), person('Олександр', 'Черненко'))).toEqual(['alksndr', 'xrnnk']);
    // One slip changes one word's key, and the other word still finds the person.
    expect(shared(person('Youssef', 'Benali'), person('Youssef', 'Bemali'))).toEqual(['asf']);
  });

  it('are the same for the same name however it was typed', () => {
    expect(searchKeys(person('Inès', 'Peeters-Maës'))).toEqual(searchKeys(person('INES', 'peeters maes')));
  });
});
