import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-core';
import { launchChromium, startHost, type RunningHost } from './harness';
import { callApi, createAccount, expectAccessible, firstRun, switchUser } from './scenario';

/** Invented people and unit. */
const UNIT = 'Brigade Statistique (fictive)';
const OFFICER = {
  username: 'st.officer',
  displayName: 'Olga Fictive',
  password: 'statistics officer passphrase',
  role: 'officer' as const,
};
const SUPERVISOR = {
  username: 'st.supervisor',
  displayName: 'Simon Verzonnen',
  password: 'statistics supervisor passphrase',
  role: 'supervisor' as const,
};
const VICTIM_SURNAME = 'Nomdinventaire';
const HEARINGS = 6;

/** Today in Brussels and its month, as the screen counts them. */
function brusselsToday(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Brussels',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(Date.now());
}

describe('the Art. 9 statistics screen', () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    host = await startHost(tempDir('hd-statistics-'));
    page = await (
      await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    ).newPage();
    await page.goto(host.url);
    await firstRun(page);
    // Accounts and hearings through the API (their own screens have their own tests).
    const unitId = (await callApi(page, 'units.save', { name: UNIT })).value!.unit!.id;
    for (const who of [OFFICER, SUPERVISOR]) await createAccount(page, { ...who, unitId });
    await switchUser(page, OFFICER);
    await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    for (let i = 0; i < HEARINGS; i++) {
      const hearingId = (await callApi(page, 'hearings.create', {})).value!.hearing!.id;
      const save = async (formId: string, values: Record<string, unknown>) =>
        expect(
          (
            await callApi(page, 'hearings.saveAnswers', {
              hearingId,
              formId,
              changes: Object.entries(values).map(([fieldId, value]) => ({
                fieldId,
                value: value as never,
                baseRevision: 0,
              })),
            })
          ).ok,
        ).toBe(true);
      await save('people', { victimSurname: VICTIM_SURNAME });
      await save('facts', { formsOfViolence: i < 5 ? ['physical', 'psychological'] : ['economic'] });
      await save('measures', { residenceBanState: i < 5 ? 'granted' : 'requested' });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('is not offered to an officer', async () => {
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Statistiques (art. 9)' }).count()).toBe(0);
    await page.goto(`${new URL(host.url).origin}/#/statistics`);
    await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Statistiques (art. 9)' }).count()).toBe(0);
    expect(
      (await callApi(page, 'statistics.export', { from: '2026-01-01', to: '2026-12-31', granularity: 'month' })).error
        ?.code,
    ).toBe('FORBIDDEN');
  });

  it('shows a supervisor the counts by month, small ones hidden, and saves them as CSV', async () => {
    await switchUser(page, SUPERVISOR);
    await page.getByRole('navigation').getByRole('link', { name: 'Statistiques (art. 9)' }).click();
    await page.getByRole('heading', { name: 'Statistiques (art. 9)', level: 1 }).waitFor();
    await expectAccessible(page, 'statistics form');

    // A reversed range is named at once, beside the field, and nothing is asked of main.
    const today = brusselsToday();
    await page.getByLabel('Du', { exact: true }).fill(today);
    await page.getByLabel('Au (inclus)').fill(`${today.slice(0, 4)}-01-01`);
    await page.getByRole('button', { name: 'Afficher les chiffres' }).click();
    await page.getByText('La date de fin précède la date de début.').waitFor();
    expect(await page.getByLabel('Au (inclus)').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'statistics form with an error');

    // By keyboard: the dates, the breakdown, then the button.
    await page.getByLabel('Du', { exact: true }).fill(`${today.slice(0, 4)}-01-01`);
    await page.getByLabel('Au (inclus)').fill(today);
    await page.getByRole('group', { name: 'Par', exact: true }).getByLabel('mois', { exact: true }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const table = page.getByRole('table', { name: /Nombre de plaintes du/ });
    await table.waitFor();

    const month = Number(today.slice(5, 7));
    const headers = (await table.locator('thead th').allTextContents()).slice(1);
    expect(headers).toHaveLength(month);
    const valuesOf = async (name: string) =>
      (
        await table
          .locator('tr')
          .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
          .locator('td')
          .allTextContents()
      ).map((s) => s.trim());
    const complaints = await valuesOf('Plaintes enregistrées (auditions)');
    expect(complaints.at(-1)).toBe(String(HEARINGS));
    // Earlier months had no complaint: hidden like any count below the threshold (5 by default).
    expect(complaints.slice(0, -1).every((v) => v === '< 5')).toBe(true);
    expect((await valuesOf('Physique')).at(-1)).toBe('5');
    expect((await valuesOf('Économique')).at(-1)).toBe('< 5');
    // No assessment yet: all six "not assessed", hidden with the small levels so the total gives nothing away.
    expect((await valuesOf('Pas encore évaluées')).at(-1)).toBe('masqué');
    expect((await valuesOf('Accordées')).at(-1)).toBe('5');
    await page.getByText('« < 5 » : moins de 5 cas').waitFor();
    await page.getByText("« masqué » : un nombre d'au moins 5").waitFor();
    expect(await page.content()).not.toContain(VICTIM_SURNAME);
    await expectAccessible(page, 'statistics table');

    // The wide table scrolls on its own and can be reached by keyboard.
    expect(await page.getByRole('region', { name: /Nombre de plaintes du/ }).getAttribute('tabindex')).toBe('0');

    // STATISTICS_SCREENSHOT=/some/file.png keeps a picture of the screen for a reviewer.
    if (process.env.STATISTICS_SCREENSHOT)
      await page.screenshot({ path: process.env.STATISTICS_SCREENSHOT, fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Enregistrer en CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`statistiques-art9_${today.slice(0, 4)}-01-01_${today}_month.csv`);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('period;measure;category;label;count;suppressed');
    const thisMonth = today.slice(0, 7);
    expect(lines).toContain(`${thisMonth};complaints;all;Plaintes enregistrées (auditions);${HEARINGS};`);
    expect(lines).toContain(`${thisMonth};formOfViolence;economic;Économique;<5;small`);
    expect(lines).toContain(`${thisMonth};riskLevel;notAssessed;Pas encore évaluées;;complementary`);
    expect(csv).not.toContain(VICTIM_SURNAME);
    await page.getByRole('status').filter({ hasText: 'Fichier préparé' }).waitFor();
  });

  it('is offered to the administrator beside the accounts and the directory', async () => {
    await switchUser(page, { username: 'admin.zone', password: 'admin passphrase 2026' });
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Comptes' }).waitFor();
    await nav.getByRole('link', { name: 'Statistiques (art. 9)' }).click();
    await page.getByRole('heading', { name: 'Statistiques (art. 9)', level: 1 }).waitFor();
    expect(await nav.getByRole('link', { name: 'Statistiques (art. 9)' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Comptes' }).getAttribute('aria-current')).toBeNull();
  });
});
