import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiOfPage, callApi } from './api';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account } from './pages/accounts';
import { waitForSaved } from './pages/hearing';

/**
 * Issue 16, item 1: the victim's and the suspect's national register or BIS number, in the people
 * step. Typed with any separators and stored as eleven digits; a number the register's rule
 * refuses is said at once, with why, is never sent and never shown as saved, and stays in the
 * input as typed; a birth date the number contradicts is pointed out without stopping the save.
 * Every number here is invented (test/unit/national-number.test.ts).
 */
const UNIT = 'Brigade Registre (fictive)';
const OFFICER = account('officer', 'register.officer', 'Rita Fictive');

type Catalog = { answer: { nationalNumber: Record<string, string> } };
const texts = (JSON.parse(fs.readFileSync('forms/catalogs/officer/fr.json', 'utf8')) as Catalog).answer.nationalNumber;

describe('national register and BIS numbers in the people step', () => {
  const app = useBrowserHost({ name: 'national-number', units: [UNIT], users: [OFFICER] });

  it('refuses a wrong check digit at once, keeps what was typed, and saves the corrected number as its digits', async () => {
    const page = await app.newPage({ locale: 'fr-BE', viewport: { width: 1366, height: 768 } });
    await page.goto(app.origin);
    await page.locator('input[type=password]').waitFor();
    const login = await callApi(page, 'session.login', { username: OFFICER.username, password: OFFICER.password });
    expect(login.ok, JSON.stringify(login.error)).toBe(true);
    await page.reload();
    const api = apiOfPage(page);

    const hearingId = (await api('hearings.create', {})).hearing.id;
    const stored = async (fieldId: string) =>
      (await api('hearings.load', { hearingId })).answers.find((a) => a.fieldId === fieldId)?.value;
    const saveState = () => page.locator('[data-save-state]').getAttribute('data-save-state');
    const victim = page.locator('[data-field="victimNationalNumber"]');
    const number = victim.locator('input');
    const birthDate = page.locator('[data-field="victimBirthDate"] input');

    await app.goto(`hearing/${hearingId}/people`, page);
    await number.waitFor();
    // Asked right after her birth date, then her birthplace.
    const order = await page
      .locator('.step-form > .field')
      .evaluateAll((fields) => fields.map((f) => f.getAttribute('data-field')));
    expect(order.slice(order.indexOf('victimBirthDate'), order.indexOf('victimBirthDate') + 3)).toEqual([
      'victimBirthDate',
      'victimNationalNumber',
      'victimBirthPlace',
    ]);
    expect(await number.getAttribute('placeholder')).toBe(texts.placeholder);
    await birthDate.pressSequentially('12/04/1978');
    await waitForSaved(page);

    // The last digit mistyped: said at once, with why; nothing sent, nothing "saved".
    await number.pressSequentially('78.04.12-157.83');
    await victim.getByText(texts.checkDigits!).waitFor();
    await page.locator('[data-save-state="invalid"]').waitFor();
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    expect(await number.inputValue()).toBe('78.04.12-157.83');
    await page.waitForTimeout(800);
    expect(await saveState()).toBe('invalid');
    expect(await stored('victimNationalNumber')).toBeUndefined();
    await expectAccessible(page, 'people step with a refused national number');
    await victim.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(os.tmpdir(), 'hd16-national-number-fr.png') });

    // A date that cannot be: the other reason, in its own words.
    await number.fill('83.02.30-045.36');
    await victim.getByText(texts.date!).waitFor();

    // Corrected: saved as its eleven digits, and shown grouped when the step opens again.
    await number.fill('78.04.12-157.82');
    await waitForSaved(page);
    expect(await stored('victimNationalNumber')).toBe('78041215782');
    expect(await victim.locator('.field-error').count()).toBe(0);
    expect(await victim.locator('.field-warning').count()).toBe(0);
    await page.reload();
    await number.waitFor();
    expect(await number.inputValue()).toBe('78.04.12-157.82');

    // A birth date the number contradicts: pointed out, both saved all the same.
    await birthDate.fill('13/04/1978');
    await victim.getByText(texts.birthDateDiffers!).waitFor();
    await waitForSaved(page);
    expect(await stored('victimBirthDate')).toBe('1978-04-13');
    expect(await stored('victimNationalNumber')).toBe('78041215782');
    await birthDate.fill('12/04/1978');
    await waitForSaved(page);
    expect(await victim.locator('.field-warning').count()).toBe(0);

    // His BIS number typed in groups of spaces: his digits.
    const suspectNumber = page.locator('[data-field="suspectNationalNumber"] input');
    await suspectNumber.pressSequentially('99 25 03 127 97');
    await waitForSaved(page);
    expect(await stored('suspectNationalNumber')).toBe('99250312797');
    await page.context().close();
  });
});
