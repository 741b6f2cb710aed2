import { describe, expect, it } from 'vitest';
import { formatNationalNumber, parseNationalNumber } from '../../domain/national-number';

/*
 * Every number here is invented: the nine first digits were chosen by hand and the check digits
 * worked out once from the rule (97 minus the nine digits modulo 97, the nine digits prefixed with
 * "2" for births from 2000), then written out, so that a wrong rule in the parser cannot agree
 * with itself here.
 */

describe('national register numbers (issue 16, item 1)', () => {
  it('reads a number of someone born before 2000', () => {
    expect(parseNationalNumber('78041215782')).toEqual({
      ok: true,
      kind: 'national',
      digits: '78041215782',
      birthDate: '1978-04-12',
      birthYear: 1978,
      sequence: 157,
      sex: 'male',
    });
    expect(parseNationalNumber('91113006454')).toMatchObject({ ok: true, birthDate: '1991-11-30', sex: 'female' });
  });

  it('reads a number of someone born from 2000, whose check digits are worked out with a 2 in front', () => {
    expect(parseNationalNumber('10080501335')).toMatchObject({
      ok: true,
      kind: 'national',
      birthDate: '2010-08-05',
      sequence: 13,
      sex: 'male',
    });
    expect(parseNationalNumber('04022921611')).toMatchObject({ ok: true, birthDate: '2004-02-29', sex: 'female' });
  });

  it('takes check digits 97 when the nine digits are a multiple of 97', () => {
    expect(parseNationalNumber('99250312797')).toMatchObject({ ok: true, kind: 'bis', birthDate: '1999-05-03' });
  });

  it('refuses a wrong check digit, and a slip in any other digit', () => {
    expect(parseNationalNumber('78041215783')).toEqual({ ok: false, reason: 'checkDigits' });
    expect(parseNationalNumber('78041215882')).toEqual({ ok: false, reason: 'checkDigits' });
    // Two neighbours swapped.
    expect(parseNationalNumber('78042115782')).toEqual({ ok: false, reason: 'checkDigits' });
  });

  it('lets the check digits decide the century, and the century whether 29 February exists', () => {
    // 00.02.29 with 1900's check digits: 1900 was not a leap year.
    expect(parseNationalNumber('00022904569')).toEqual({ ok: false, reason: 'date' });
    // The same date and sequence with 2000's check digits: 2000 was.
    expect(parseNationalNumber('00022904501')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parseNationalNumber('96022920285')).toMatchObject({ ok: true, birthDate: '1996-02-29' });
  });

  it('refuses a date that cannot exist even when the check digits are right', () => {
    expect(parseNationalNumber('83023004536')).toEqual({ ok: false, reason: 'date' }); // 30 February 1983
    expect(parseNationalNumber('03022911888')).toEqual({ ok: false, reason: 'date' }); // 29 February 2003
    expect(parseNationalNumber('67130002122')).toEqual({ ok: false, reason: 'date' }); // month 13
  });

  it('accepts the zeros that stand for an unknown month or day, with no birth date', () => {
    expect(parseNationalNumber('67000002128')).toMatchObject({ ok: true, birthDate: null, birthYear: 1967 });
    expect(parseNationalNumber('67050002163')).toMatchObject({ ok: true, birthDate: null, birthYear: 1967 });
    // 000001: the fictitious date of someone whose birth date was not known at all.
    expect(parseNationalNumber('00000103136')).toMatchObject({ ok: true, birthDate: null, birthYear: null });
  });

  it('reads the forms people type, and refuses what is not eleven digits', () => {
    for (const typed of [
      '78.04.12-157.82',
      '78 04 12 157 82',
      '780412-157-82',
      ' 780412 157 82 ',
      '78.04.12\u00a0157.82',
      '78.04.12–157.82',
    ])
      expect(parseNationalNumber(typed)).toMatchObject({ ok: true, digits: '78041215782' });
    for (const typed of ['', '78.04.12-157.8', '780412157822', '78.04.12/157.82', '78O41215782', 'RN 78041215782'])
      expect(parseNationalNumber(typed)).toEqual({ ok: false, reason: 'format' });
  });
});

describe('BIS numbers', () => {
  it('reads the month increased by 40: the sex was known, and the sequence tells it', () => {
    expect(parseNationalNumber('88.47.21-083.09')).toEqual({
      ok: true,
      kind: 'bis',
      digits: '88472108309',
      birthDate: '1988-07-21',
      birthYear: 1988,
      sequence: 83,
      sex: 'male',
    });
    expect(parseNationalNumber('01.43.15-112.80')).toMatchObject({
      ok: true,
      kind: 'bis',
      birthDate: '2001-03-15',
      sex: 'female',
    });
  });

  it('reads the month increased by 20: the sex was not known, whatever the sequence', () => {
    for (const typed of ['75.30.03-027.19', '75.30.03-028.18'])
      expect(parseNationalNumber(typed)).toMatchObject({ ok: true, kind: 'bis', birthDate: '1975-10-03', sex: null });
  });

  it('refuses a month that is neither a month nor a month increased by 20 or 40', () => {
    expect(parseNationalNumber('88352108322')).toEqual({ ok: false, reason: 'date' }); // 35
    expect(parseNationalNumber('88532108351')).toEqual({ ok: false, reason: 'date' }); // 53
  });
});

describe('the written form', () => {
  it('groups the digits as YY.MM.DD-SSS.CC, from any typed form', () => {
    expect(formatNationalNumber('78041215782')).toBe('78.04.12-157.82');
    expect(formatNationalNumber(' 78 04 12-157 82')).toBe('78.04.12-157.82');
    // A refused number is still grouped, so it can be compared with the card.
    expect(formatNationalNumber('78041215783')).toBe('78.04.12-157.83');
    expect(formatNationalNumber('7804121578')).toBeNull();
    expect(formatNationalNumber('78041215782x')).toBeNull();
  });
});
