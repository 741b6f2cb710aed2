import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brusselsDay } from '../../domain/brussels-time';
import { callApi, createAccount } from './api';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account, ADMIN, switchUser } from './pages/accounts';

/** Invented people and unit. */
const UNIT = 'Unité Fictive Langues';
const OFFICER = account('officer', 'lg.officer', 'Léa Fictive');
const TITLE = 'Langues de la victime';
/** The top bar's short name for the screen. */
const LINK = 'Langues';
const BROKEN_FILE = 'xx.json';
const BROKEN_PROBLEM = 'rights.interpreter: Invalid input: expected string, received undefined';
/** An invented sworn translator. */
const TRANSLATOR = 'Mira Valkeniers, traductrice jurée (fictive)';
const NNBSP = '\u202f';

describe('the victim languages screen', () => {
  const app = useBrowserHost({ name: 'languages' });

  it('lists the 19 victim catalogs for the administrator, Arabic right to left, each flagged as not reviewed', async () => {
    const link = app.page.getByRole('navigation').getByRole('link', { name: LINK, exact: true });
    await link.click();
    await app.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(new URL(app.page.url()).hash).toBe('#/languages');
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(
      await app.page.getByRole('navigation').getByRole('link', { name: 'Comptes' }).getAttribute('aria-current'),
    ).toBeNull();

    const table = app.page.getByRole('table', { name: 'Catalogues de la victime' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(19);
    await app.page.getByText('19 langues proposées aux victimes.').waitFor();

    // Each language under its code, its own name marked with its language and direction.
    const row = (code: string, within = table) =>
      within.getByRole('row').filter({ has: app.page.getByRole('rowheader', { name: code, exact: true }) });
    const arabic = row('ar');
    const endonym = arabic.locator('[lang="ar"]');
    expect(await endonym.textContent()).toBe('العربية');
    expect(await endonym.getAttribute('dir')).toBe('rtl');
    expect(await arabic.getByRole('cell', { name: 'Arabe', exact: true }).count()).toBe(1);
    expect(await arabic.getByRole('cell', { name: 'De droite à gauche' }).count()).toBe(1);
    expect(await row('pl').locator('[lang="pl"]').getAttribute('dir')).toBe('ltr');
    for (const code of ['fa', 'ps'])
      expect(await row(code).locator(`[lang="${code}"]`).getAttribute('dir'), code).toBe('rtl');

    // Nobody reviewed any of them yet: every row says so, and the risk is spelled out above the table.
    expect(await table.getByText('Non relue', { exact: true }).count()).toBe(19);
    expect(await table.locator('tbody tr.unreviewed').count()).toBe(19);
    expect(await table.getByText("Personne pour l'instant").count()).toBe(19);
    const risk = app.page.getByRole('region', { name: "19 catalogues que personne n'a relus" });
    await risk.getByText("une formulation juridique que personne n'a relue").waitFor();
    await app.page.getByText('Tous les fichiers du dossier des catalogues ont été chargés.').waitFor();
    await expectAccessible(app.page, 'victim languages');

    // From the risk notice to the way of reviewing a catalog, by keyboard.
    const how = risk.getByRole('button', { name: 'Marquer un catalogue comme relu, ajouter une langue' });
    await how.focus();
    await app.page.keyboard.press('Enter');
    const howTitle = app.page.getByRole('heading', {
      level: 2,
      name: 'Marquer un catalogue comme relu, ajouter une langue',
    });
    expect(await howTitle.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(new URL(app.page.url()).hash).toBe('#/languages');
    await app.page.getByRole('heading', { level: 3, name: 'Pour marquer un catalogue comme relu' }).waitFor();
    // Recorded on this screen, no file to edit: the steps name the row's button.
    await app.page.getByText('sur la ligne de la langue, choisissez Marquer comme relu').waitFor();
    expect(await app.page.locator('.languages-how pre').count()).toBe(0);

    // The same screen in Dutch, the officer-interface names following.
    await app.page.getByLabel("Langue de l'interface").selectOption('nl');
    await app.page.getByRole('heading', { level: 1, name: 'Talen van het slachtoffer' }).waitFor();
    const dutch = app.page.getByRole('table', { name: 'Catalogi voor het slachtoffer' });
    expect(await row('ar', dutch).getByRole('cell', { name: 'Arabisch', exact: true }).count()).toBe(1);
    expect(await row('ar', dutch).getByRole('cell', { name: 'Van rechts naar links' }).count()).toBe(1);
    expect(await dutch.getByText('Niet nagelezen', { exact: true }).count()).toBe(19);
    await expectAccessible(app.page, 'victim languages in Dutch');
    await app.page.getByLabel('Taal van de interface').selectOption('fr');
    await app.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  });

  it('lists a file main refused, with its problems', async () => {
    // Main refuses a broken file at start; here its answer is given one more, as it would be.
    await app.page.route('**/api/invoke', async (route) => {
      if (!route.request().postData()?.includes('"documents.victimCatalogs"')) return route.fallback();
      const response = await route.fetch();
      const body = (await response.json()) as {
        ok: boolean;
        value: { refused: { file: string; problems: string[] }[] };
      };
      body.value.refused.push({ file: BROKEN_FILE, problems: [BROKEN_PROBLEM, 'meta.status: Invalid option'] });
      await route.fulfill({ response, json: body });
    });
    await app.page.reload();
    await app.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const refused = app.page.getByRole('region', { name: '1 fichier refusé' });
    await refused.getByRole('heading', { level: 3, name: BROKEN_FILE }).waitFor();
    await refused.getByText(BROKEN_PROBLEM).waitFor();
    expect(await refused.locator('ul[lang="en"] li').count()).toBe(2);
    // An error to read, not an alert that interrupts.
    expect(await app.page.getByRole('alert').count()).toBe(0);
    await expectAccessible(app.page, 'victim languages with a refused file');
    await app.page.unroute('**/api/invoke');
  });

  it('records a catalog as sworn from its row, with who recorded it and when, no file edited', async () => {
    // A laptop's screen: the form opened from a row is seen whole.
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.goto('languages');
    await app.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const table = app.page.getByRole('table', { name: 'Catalogues de la victime' });
    const arabic = table.getByRole('row').filter({ has: app.page.getByRole('rowheader', { name: 'ar', exact: true }) });
    const open = arabic.getByRole('button', { name: `Marquer comme relu${NNBSP}: Arabe` });
    await open.click();
    const dialog = app.page.getByRole('alertdialog', { name: `Relecture du catalogue${NNBSP}: Arabe` });
    await dialog.waitFor();
    expect(await dialog.evaluate((el) => el === document.activeElement)).toBe(true);

    // Nothing typed: each field says what it needs, and nothing is sent.
    await dialog.getByRole('button', { name: 'Enregistrer la relecture' }).click();
    expect(await dialog.getByText('Obligatoire.').count()).toBe(2);
    const reviewer = dialog.getByLabel('Relu par (nom et qualité)');
    const day = dialog.getByLabel('Date de la relecture');
    expect(await reviewer.getAttribute('aria-invalid')).toBe('true');
    // A day that has not come yet is refused on screen.
    const tomorrow = brusselsDay(Date.now() + 86_400_000)
      .split('-')
      .reverse()
      .join('/');
    await day.fill(tomorrow);
    await day.blur();
    await dialog.getByText("Une relecture ne peut pas être datée d'après aujourd'hui.").waitFor();

    const today = brusselsDay(Date.now()).split('-').reverse().join('/');
    await dialog.getByRole('radio', { name: 'Traduction jurée' }).check();
    await reviewer.fill(TRANSLATOR);
    await day.fill(today);
    await day.blur();
    await app.page
      .getByText("Une relecture ne peut pas être datée d'après aujourd'hui.")
      .waitFor({ state: 'detached' });
    await app.page.screenshot({ path: path.join(os.tmpdir(), 'hd-languages-review-dialog.png') });
    await expectAccessible(app.page, 'victim languages with the review form open');

    await dialog.getByRole('button', { name: 'Enregistrer la relecture' }).click();
    await dialog.waitFor({ state: 'detached' });
    await app.page
      .getByRole('status')
      .filter({ hasText: `Relecture enregistrée${NNBSP}: Arabe.` })
      .waitFor();
    await arabic.getByText('Traduction jurée').waitFor();
    expect(await arabic.getByText('Non relue').count()).toBe(0);
    expect((await arabic.getAttribute('class')) ?? '').not.toContain('unreviewed');
    await arabic.getByText(TRANSLATOR).waitFor();
    expect(await arabic.locator('.catalog-recorded').textContent()).toMatch(
      new RegExp(`^Enregistré par ${ADMIN.displayName} le `),
    );
    // Focus is back on the row's button; the others stay as their files say.
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await table.getByText('Non relue', { exact: true }).count()).toBe(18);
    await app.page.getByRole('region', { name: "18 catalogues que personne n'a relus" }).waitFor();
    await expectAccessible(app.page, 'victim languages after a review');
    await arabic.scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: path.join(os.tmpdir(), 'hd-languages-reviewed.png') });

    // Kept in the database: read again as the screen opens, and the form starts from it for a correction.
    await app.page.reload();
    await arabic.getByText(TRANSLATOR).waitFor();
    await open.click();
    expect(await dialog.getByLabel('Relu par (nom et qualité)').inputValue()).toBe(TRANSLATOR);
    expect(await dialog.getByLabel('Date de la relecture').inputValue()).toBe(today);
    expect(await dialog.getByRole('radio', { name: 'Traduction jurée' }).isChecked()).toBe(true);
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await app.page.setViewportSize({ width: 1280, height: 900 });
  });

  it('is not offered to an officer', async () => {
    const unitId = (await callApi(app.page, 'units.save', { name: UNIT })).value!.unit.id;
    await createAccount(app.page, { ...OFFICER, unitId });
    await switchUser(app.page, OFFICER);
    await app.page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    expect(await app.page.getByRole('navigation').getByRole('link', { name: LINK, exact: true }).count()).toBe(0);
    await app.goto('languages');
    await app.page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    expect(await app.page.getByRole('heading', { name: TITLE }).count()).toBe(0);
    await switchUser(app.page, ADMIN);
    await app.page.getByRole('heading', { name: 'Comptes' }).waitFor();
  });
});
