import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import FR from '../../forms/catalogs/officer/fr.json';
import { itemFieldId } from '../../forms/risk/risk-form';
import { completeHearing, saveStep } from '../helpers/complete-hearing';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { HearingPage, waitForSaved } from './pages/hearing';

const shot = (name: string) => path.join(os.tmpdir(), `hd17-${name}.png`);

/**
 * Issue 17, item 4: a new hearing opens with the cursor in its first question; the list shows the
 * PV number, the progress by step and the last change, and is searchable; a hearing reopened
 * from it resumes where she stopped; closing says why it cannot close and leads to the first gap,
 * and otherwise asks first, saying what closing does.
 */
describe('closing and resuming a hearing', () => {
  const app = useBrowserHost({
    name: 'closing',
    setUp: 'firstHearing',
    failOnPageError: true,
    context: { viewport: { width: 1366, height: 768 } },
  });
  const hearing = () => new HearingPage(app.page);
  const activeName = () => app.page.evaluate(() => document.activeElement?.getAttribute('name'));
  let first: string;

  it('puts the cursor in the first question of a new hearing', async () => {
    first = hearing().id();
    expect(await activeName()).toBe('procedureLanguage');
  });

  it('lists the hearing with its progress by step, and reopens it where she stopped', async () => {
    await hearing().open('people');
    await app.page.getByLabel('Nom de la victime').fill('Fictive');
    await waitForSaved(app.page);
    await app.goto('home');
    const row = app.page.locator(`tr[data-hearing="${first}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Étapes complètes : \d+ sur 10/);
    expect(await row.textContent()).toContain('Reprend à : Personnes');
    expect(await row.textContent()).toContain('pas encore');
    await row.getByRole('link').click();
    await app.page.getByRole('heading', { name: 'Personnes', exact: true }).waitFor();
    expect(app.page.url()).toMatch(new RegExp(`#/hearing/${first}$`));
    expect(await app.page.getByLabel('Nom de la victime').inputValue()).toBe('Fictive');
  });

  it('shows the PV number and finds a hearing by it or by its reference', async () => {
    await saveStep(app.api, first, 'documents', { pvNumber: 'LI.55.L1.012345/2026' });
    const other = (await app.api('hearings.create', {})).hearing;
    await app.goto('home');
    const search = app.page.getByLabel('Rechercher par référence ou n° de PV');
    await search.waitFor();
    const rows = app.page.locator('tr[data-hearing]');
    expect(await rows.count()).toBe(2);
    expect(await app.page.locator(`tr[data-hearing="${first}"]`).textContent()).toContain('LI.55.L1.012345/2026');
    await search.fill('li55 l1');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-hearing')).toBe(first);
    await search.fill(other.reference.toLowerCase());
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-hearing')).toBe(other.id);
    await search.fill('zz-nothing');
    await app.page.getByText('Aucune audition ne correspond à « zz-nothing ».').waitFor();
    expect(await rows.count()).toBe(0);
    await search.fill('');
    expect(await rows.count()).toBe(2);
    await expectAccessible(app.page, 'my hearings with progress and search');
    await app.page.screenshot({ path: shot('hearing-list') });
  });

  it('refuses to close, saying why, and takes her to the first gap', async () => {
    await app.goto(`hearing/${first}/statement`);
    const closing = app.page.getByRole('region', { name: FR.close.title });
    await closing.getByRole('button', { name: FR.close.submit }).click();
    const refusal = closing.getByRole('alert');
    expect(await refusal.textContent()).toMatch(
      /^L'audition ne peut pas encore être clôturée : \d+ éléments restent à compléter\. Le premier : Préparation › Langue de la procédure\.$/,
    );
    expect(await app.page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Préparation › Langue de la procédure',
    );
    await expectAccessible(app.page, 'closing refused');
    await app.page.screenshot({ path: shot('close-refused') });
    await app.page.keyboard.press('Enter');
    await app.page.getByRole('heading', { name: 'Préparation' }).waitFor();
    expect(await activeName()).toBe('procedureLanguage');
  });

  it('at level 4, does not close before the on-duty magistrate is recorded, and leads to that question', async () => {
    const veryHigh = await completeHearing({
      risk: {
        [itemFieldId('A3')]: 'yes',
        [itemFieldId('A5')]: 'yes',
        magistrateInformedAt: null,
        magistrateInformedTo: null,
      },
    }).take(app.api, { until: 'approved' });
    await app.goto(`hearing/${veryHigh}/statement`);
    const closing = app.page.getByRole('region', { name: FR.close.title });
    const informedAt = closing.getByRole('link', { name: `${FR.risk.title} › ${FR.risk.magistrate.informedAt}` });
    await informedAt.waitFor();
    await closing.getByRole('link', { name: `${FR.risk.title} › ${FR.risk.magistrate.informedTo}` }).waitFor();
    await informedAt.click();
    await app.page.getByRole('heading', { name: FR.risk.title }).waitFor();
    await app.page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'magistrateInformedAt');
    await app.page.keyboard.type('23/11/2026 11:40');
    await app.page.getByLabel(FR.risk.magistrate.informedTo).fill('Substitut de garde, parquet de Liège (fictif)');
    await waitForSaved(app.page);
    await app.goto(`hearing/${veryHigh}/statement`);
    await closing.getByText(FR.close.nothingMissing).waitFor();
  });

  it('asks first, saying what closing does; kept open, then closed', async () => {
    const ready = await completeHearing().take(app.api, { until: 'approved' });
    await app.goto(`hearing/${ready}/statement`);
    const closing = app.page.getByRole('region', { name: FR.close.title });
    await closing.getByText(FR.close.nothingMissing).waitFor();
    await closing.getByRole('button', { name: FR.close.submit }).click();
    const dialog = app.page.getByRole('alertdialog', { name: FR.close.confirmTitle });
    expect(await dialog.textContent()).toContain(FR.close.confirmText);
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alertdialog');
    await expectAccessible(app.page, 'closing confirmation');
    await dialog.scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: shot('close-confirm') });
    await dialog.getByRole('button', { name: FR.close.keepOpen }).click();
    expect(await dialog.count()).toBe(0);
    expect((await app.api('hearings.load', { hearingId: ready })).hearing.status).toBe('open');

    await closing.getByRole('button', { name: FR.close.submit }).click();
    await dialog.getByRole('button', { name: FR.close.confirm }).click();
    await app.page.getByText(FR.close.readOnly).waitFor();
    expect((await app.api('hearings.load', { hearingId: ready })).hearing.status).toBe('closed');
  });
});
