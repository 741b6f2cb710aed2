import { describe, expect, it } from 'vitest';
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
    expect(await app.page.locator('.languages-example').textContent()).toContain('"status": "reviewed"');

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
