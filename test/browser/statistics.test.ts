import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveStep } from '../helpers/complete-hearing';
import { callApi } from './api';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account, ADMIN, switchUser } from './pages/accounts';

/** Invented people and unit. */
const UNIT = 'Brigade Statistique (fictive)';
const OFFICER = account('officer', 'st.officer', 'Olga Fictive');
const SUPERVISOR = account('supervisor', 'st.supervisor', 'Simon Verzonnen');
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
  const app = useBrowserHost({
    name: 'statistics',
    context: { acceptDownloads: true },
    units: [UNIT],
    users: [OFFICER, SUPERVISOR],
  });

  beforeAll(async () => {
    // Hearings through the API (their own screens have their own tests).
    for (let i = 0; i < HEARINGS; i++) {
      const hearingId = (await app.api('hearings.create', {})).hearing.id;
      const save = (formId: string, values: Record<string, unknown>) => saveStep(app.api, hearingId, formId, values);
      await save('people', { victimSurname: VICTIM_SURNAME });
      await save('facts', { formsOfViolence: i < 5 ? ['physical', 'psychological'] : ['economic'] });
      await save('measures', { residenceBanState: i < 5 ? 'granted' : 'requested' });
    }
  });

  it('is not offered to an officer', async () => {
    expect(await app.page.getByRole('navigation').getByRole('link', { name: 'Statistiques (art. 9)' }).count()).toBe(0);
    await app.goto('statistics');
    await app.page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    expect(await app.page.getByRole('heading', { name: 'Statistiques (art. 9)' }).count()).toBe(0);
    expect(
      (await callApi(app.page, 'statistics.export', { from: '2026-01-01', to: '2026-12-31', granularity: 'month' }))
        .error?.code,
    ).toBe('FORBIDDEN');
  });

  it('shows a supervisor the counts by month, small ones hidden, and saves them as CSV', async () => {
    await switchUser(app.page, SUPERVISOR);
    await app.page.getByRole('navigation').getByRole('link', { name: 'Statistiques (art. 9)' }).click();
    await app.page.getByRole('heading', { name: 'Statistiques (art. 9)', level: 1 }).waitFor();
    await expectAccessible(app.page, 'statistics form');

    // A reversed range is named at once, beside the field, and nothing is asked of main.
    const today = brusselsToday();
    const typed = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    // The period opens on this year so far, written as Belgian police write a day.
    expect(await app.page.getByLabel('Du', { exact: true }).inputValue()).toBe(`01/01/${today.slice(0, 4)}`);
    expect(await app.page.getByLabel('Au (inclus)').inputValue()).toBe(typed(today));
    // A day that does not exist is named beside its field.
    await app.page.getByLabel('Du', { exact: true }).fill(`31/02/${today.slice(0, 4)}`);
    await app.page.getByRole('button', { name: 'Afficher les chiffres' }).click();
    expect(await app.page.getByLabel('Du', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await app.page.locator('#statistics-range-error').waitFor();
    await app.page.getByLabel('Du', { exact: true }).fill(typed(today));
    await app.page.getByLabel('Au (inclus)').fill(`01/01/${today.slice(0, 4)}`);
    await app.page.getByRole('button', { name: 'Afficher les chiffres' }).click();
    await app.page.getByText('La date de fin précède la date de début.').waitFor();
    expect(await app.page.getByLabel('Au (inclus)').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(app.page, 'statistics form with an error');

    // By keyboard: the dates, the breakdown, then the button.
    await app.page.getByLabel('Du', { exact: true }).fill(`1.1.${today.slice(0, 4)}`);
    await app.page.getByLabel('Au (inclus)').fill(typed(today));
    await app.page.getByRole('group', { name: 'Par', exact: true }).getByLabel('mois', { exact: true }).focus();
    await app.page.keyboard.press('Space');
    await app.page.keyboard.press('Tab');
    await app.page.keyboard.press('Enter');
    const table = app.page.getByRole('table', { name: /Nombre de plaintes du/ });
    await table.waitFor();

    const month = Number(today.slice(5, 7));
    const headers = (await table.locator('thead th').allTextContents()).slice(1);
    expect(headers).toHaveLength(month);
    const valuesOf = async (name: string) =>
      (
        await table
          .locator('tr')
          .filter({ has: app.page.getByRole('rowheader', { name, exact: true }) })
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
    // Repeat victimisation (issue 16): no hearing here is linked to persons, so no pair, hidden as small.
    const repeatPairs =
      'Couples victime-suspect ayant une plainte dans la période et une autre dans les 12 mois qui la précèdent';
    expect((await valuesOf(repeatPairs)).at(-1)).toBe('< 5');
    await app.page.getByText('« < 5 » : moins de 5 cas').waitFor();
    await app.page.getByText("« masqué » : un nombre d'au moins 5").waitFor();
    expect(await app.page.content()).not.toContain(VICTIM_SURNAME);
    await expectAccessible(app.page, 'statistics table');

    // The wide table scrolls on its own and can be reached by keyboard.
    expect(await app.page.getByRole('region', { name: /Nombre de plaintes du/ }).getAttribute('tabindex')).toBe('0');

    // STATISTICS_SCREENSHOT=/some/file.png keeps a picture of the screen for a reviewer.
    if (process.env.STATISTICS_SCREENSHOT)
      await app.page.screenshot({ path: process.env.STATISTICS_SCREENSHOT, fullPage: true });

    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByRole('button', { name: 'Enregistrer en CSV' }).click(),
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
    expect(lines).toContain(`${thisMonth};repeatVictimisation;pairs;${repeatPairs};<5;small`);
    expect(csv).not.toContain(VICTIM_SURNAME);
    await app.page.getByRole('status').filter({ hasText: 'Fichier préparé' }).waitFor();
  });

  it('is offered to the administrator beside the accounts and the directory', async () => {
    await switchUser(app.page, ADMIN);
    const nav = app.page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Comptes' }).waitFor();
    await nav.getByRole('link', { name: 'Statistiques (art. 9)' }).click();
    await app.page.getByRole('heading', { name: 'Statistiques (art. 9)', level: 1 }).waitFor();
    expect(await nav.getByRole('link', { name: 'Statistiques (art. 9)' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Comptes' }).getAttribute('aria-current')).toBeNull();
  });
});
