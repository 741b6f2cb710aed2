import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeHearing, type Api } from '../helpers/complete-hearing';
import { apiOfPage, callApi } from './api';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account } from './pages/accounts';
import { waitForSaved } from './pages/hearing';

/**
 * Issue 17, item 5: dates typed and shown dd/mm/yyyy whatever the browser's locale (the window's
 * locale is Chromium's --lang and navigator.language, which also picks the interface language),
 * stored ISO; an invalid or half-typed date stays on screen with its message, is never sent and
 * never shown as saved.
 */
const UNIT = 'Brigade Dates (fictive)';
const OFFICER = account('officer', 'dates.officer', 'Dora Fictive');

const LOCALES = [
  ['fr-BE', 'fr'],
  ['nl-BE', 'nl'],
  ['de-BE', 'de'],
  ['en-US', 'en'],
] as const;

type Catalog = { answer: Record<string, string> };
const catalog = (language: string) =>
  JSON.parse(fs.readFileSync(`forms/catalogs/officer/${language}.json`, 'utf8')) as Catalog;

describe('dates typed and shown dd/mm/yyyy whatever the browser locale', () => {
  const app = useBrowserHost({ name: 'dates', units: [UNIT], users: [OFFICER] });

  /** A window of its own in `locale` (Chromium's --lang), signed in as the officer. */
  async function windowIn(locale: string): Promise<{ page: Page; api: Api }> {
    const page = await app.newPage({ locale, viewport: { width: 1366, height: 768 } });
    await page.goto(app.origin);
    await page.locator('input[type=password]').waitFor();
    const login = await callApi(page, 'session.login', { username: OFFICER.username, password: OFFICER.password });
    expect(login.ok, JSON.stringify(login.error)).toBe(true);
    await page.reload();
    return { page, api: apiOfPage(page) };
  }

  it.each(LOCALES)('in a %s browser', async (locale, language) => {
    const { page, api } = await windowIn(locale);
    const texts = catalog(language).answer;
    const birthDate = () => page.locator('[data-field="victimBirthDate"] input');
    const stored = async (hearingId: string) =>
      (await api('hearings.load', { hearingId })).answers.find((a) => a.fieldId === 'victimBirthDate')?.value;
    const saveState = () => page.locator('[data-save-state]').getAttribute('data-save-state');

    const hearingId = (await api('hearings.create', {})).hearing.id;
    await app.goto(`hearing/${hearingId}/people`, page);
    await birthDate().waitFor();
    expect(await page.evaluate(() => navigator.language)).toBe(locale);
    expect(await page.locator('html').getAttribute('lang')).toBe(language);
    // Never the browser's own date control, whose order follows the locale.
    expect(await page.locator('input[type=date], input[type=datetime-local]').count()).toBe(0);
    expect(await birthDate().getAttribute('placeholder')).toBe(texts.datePlaceholder);
    await birthDate().pressSequentially('17/04/1991');
    await waitForSaved(page);
    expect(await stored(hearingId)).toBe('1991-04-17');
    expect(await page.locator('[data-field="victimBirthDate"] .field-error').count()).toBe(0);
    await page.reload();
    await birthDate().waitFor();
    expect(await birthDate().inputValue()).toBe('17/04/1991');

    // A day that does not exist: refused on screen, never sent, never "saved".
    const field = page.locator('[data-field="victimBirthDate"]');
    await birthDate().fill('31/02/1991');
    await field.getByText(texts.impossibleDate!).waitFor();
    await page.locator('[data-save-state="invalid"]').waitFor();
    expect(await birthDate().getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, `people step with an invalid date (${locale})`);
    await page.screenshot({ path: path.join(os.tmpdir(), `hd17-date-invalid-${language}.png`) });

    // Half-typed: the order to type is said; still nothing sent, still not "saved".
    await birthDate().fill('12/05');
    await field.getByText(texts.dateFormat!).waitFor();
    await page.waitForTimeout(800);
    expect(await saveState()).toBe('invalid');
    expect(await stored(hearingId)).toBe('1991-04-17');
    expect(await birthDate().inputValue()).toBe('12/05');

    // Another step keeps saying it: the answer left invalid is not saved.
    await page.locator('nav.steps a[href$="/facts"]').click();
    await page.locator('[data-field="narrative"]').waitFor();
    expect(await saveState()).toBe('invalid');
    await page.locator('nav.steps a[href$="/people"]').click();
    await birthDate().waitFor();
    expect(await birthDate().inputValue()).toBe('12/05');

    // Corrected: saved, and "saved" again.
    await birthDate().fill('12/05/1991');
    await waitForSaved(page);
    expect(await stored(hearingId)).toBe('1991-05-12');

    // The record of a closed hearing: stored dates read dd/mm/yyyy, no ISO left on screen.
    const closed = await completeHearing({
      people: { victimBirthDate: '1988-09-03' },
      facts: { period: { on: '2026-11-20' } },
    }).take(api);
    await app.goto(`hearing/${closed}/people`, page);
    const shown = page.locator('[data-field="victimBirthDate"] dd');
    await shown.waitFor();
    expect(await shown.textContent()).toBe('03/09/1988');
    await page.locator('nav.steps a[href$="/facts"]').click();
    const period = page.locator('[data-field="period"] dd').first();
    await period.waitFor();
    expect(await period.textContent()).toMatch(/ 20\/11\/2026$/);
    expect(await page.locator('.step-form').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await expectAccessible(page, `closed facts step (${locale})`);
    await page.context().close();
  });
});
