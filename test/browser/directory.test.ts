import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-core';
import { launchChromium, startHost, type RunningHost } from './harness';
import { expectAccessible, firstRun } from './scenario';

describe("the administrator's support directory", () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    host = await startHost(tempDir('hd-directory-'));
    page = await (await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(host.url);
    await firstRun(page);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows the seeded services as to verify, refuses a bad number or address plainly, and saves a verified entry', async () => {
    await page.getByRole('link', { name: "Annuaire d'aide" }).click();
    await page.getByRole('heading', { name: "Annuaire d'aide" }).waitFor();
    const row = page.getByRole('row', { name: /Écoute violences conjugales/ });
    expect(await row.textContent()).toContain('0800 30 030');
    expect(await row.textContent()).toContain('À vérifier');
    await expectAccessible(page, 'directory');

    await row.getByRole('button', { name: /Modifier/ }).click();
    await page.getByLabel('Téléphone').fill('0800 30 O30');
    await page.getByLabel('Site web').fill('http://ecoute.example.be');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText("Ce n'est pas un numéro tel qu'on le compose", { exact: false }).waitFor();
    await page.getByText('Indiquez une adresse sécurisée commençant par https://').waitFor();
    await expectAccessible(page, 'directory form with errors');

    await page.getByLabel('Téléphone').fill('0800 30 030');
    await page.getByLabel('Site web').fill('');
    await page.getByLabel('Vérifié le').fill('2026-11-20');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: 'Modifier le service' }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Écoute violences conjugales.*2026-11-20/ }).waitFor();
    expect(await page.getByRole('row', { name: /Écoute violences conjugales/ }).textContent()).not.toContain(
      'À vérifier',
    );
  });
});
