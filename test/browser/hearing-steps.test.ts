import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-core';
import { launchChromium, startHost, type RunningHost } from './harness';
import { expectAccessible, openFirstHearing, waitForSaved } from './scenario';

const NARRATIVE = "Il est arrivé vers 22 h. Il a crié, m'a poussée contre le mur et a pris mon téléphone.\nLes enfants étaient dans leur chambre.";

describe('the hearing steps', () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    host = await startHost(tempDir('hd-steps-'));
    page = await (await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await openFirstHearing(page, host.url);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const group = (name: string) => page.getByRole('group', { name, exact: true });
  const step = (name: string) => page.getByRole('navigation', { name: "Étapes de l'audition" }).getByRole('link', { name, exact: true });

  it('records the people, with two children exposed as co-victims', async () => {
    await step('Personnes').click();
    await page.getByRole('heading', { name: 'Personnes' }).waitFor();
    // The step title takes the focus, for keyboard and screen-reader users.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('step-title');
    await page.getByLabel('Nom de la victime').fill('Fictive');
    await page.getByLabel('Prénoms de la victime').fill('Inès Marie');
    await page.getByLabel('Date de naissance de la victime').fill('1991-04-17');
    await group('Son adresse ne doit pas être communiquée').getByLabel('Oui').check();
    await group('Le suspect est son').getByLabel('Ex-partenaire').check();
    await group('Ils vivent ensemble').getByLabel('Non').check();
    for (const [index, name] of ['Léa', 'Tom'].entries()) {
      await page.getByRole('button', { name: `Ajouter : Enfant ${index + 1}` }).click();
      const child = group(`Enfant ${index + 1}`);
      await child.getByLabel('Prénom').fill(name);
      await child.getByRole('group', { name: "Le suspect est pour l'enfant" }).getByLabel('Son parent').check();
      await child.getByRole('group', { name: 'Exposé aux violences' }).getByLabel('Oui').check();
      await child.getByRole('group', { name: 'Présent lors des faits' }).getByLabel('Non').check();
    }
    // A third child added by mistake: removing it asks first, and keeps the other two.
    await page.getByRole('button', { name: 'Ajouter : Enfant 3' }).click();
    await group('Enfant 3').getByRole('button', { name: 'Retirer Enfant 3' }).click();
    await page.getByRole('button', { name: 'Le garder' }).click();
    await group('Enfant 3').getByRole('button', { name: 'Retirer Enfant 3' }).click();
    await page.getByRole('button', { name: 'Le retirer avec ses réponses' }).click();
    expect(await group('Enfant 3').count()).toBe(0);
    await waitForSaved(page);
    await expectAccessible(page, 'people step');
  });

  it('records the facts: her words first, a period, several forms of violence', async () => {
    await page.getByRole('link', { name: 'Étape suivante : Faits →' }).click();
    await page.getByRole('heading', { name: 'Faits' }).waitFor();
    await page.getByLabel("Ce qui s'est passé, avec ses mots").fill(NARRATIVE);
    await group('Quand').getByLabel('Entre deux dates').check();
    await page.getByLabel('Du', { exact: true }).fill('2026-11-20');
    await page.getByLabel('Au', { exact: true }).fill('2026-11-02');
    await page.getByText('Le début de la période est postérieur à sa fin.').waitFor();
    await page.getByLabel('Au', { exact: true }).fill('2026-11-21');
    await page.getByLabel('Où').fill('Domicile commun, Liège');
    for (const form of ['Physique', 'Psychologique', 'Économique']) await group('Formes de violence').getByLabel(form).check();
    await group('Blessures').getByLabel('Oui').check();
    await page.getByLabel('Quelles blessures').fill('Hématome au bras gauche');
    await group('Une arme ou un objet a été utilisé ou montré').getByLabel('Elle préfère ne pas répondre').check();
    await waitForSaved(page);
    await expectAccessible(page, 'facts step');
  });

  it('finds both steps exactly as typed after a reload, and counts what is left', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Faits' }).waitFor();
    expect(await page.getByLabel("Ce qui s'est passé, avec ses mots").inputValue()).toBe(NARRATIVE);
    expect(await page.getByLabel('Du', { exact: true }).inputValue()).toBe('2026-11-20');
    expect(await page.getByLabel('Au', { exact: true }).inputValue()).toBe('2026-11-21');
    const checked = [];
    for (const form of ['Physique', 'Psychologique', 'Sexuelle', 'Économique']) checked.push(await group('Formes de violence').getByLabel(form).isChecked());
    expect(checked).toEqual([true, true, false, true]);
    expect(await group('Une arme ou un objet a été utilisé ou montré').getByLabel('Elle préfère ne pas répondre').isChecked()).toBe(true);
    // Earlier incidents and earlier complaints are still to answer.
    expect(await page.locator('.steps li', { hasText: 'Faits' }).locator('.step-state').textContent()).toBe('2 à compléter');

    await step('Personnes').click();
    expect(await group('Enfant 2').getByLabel('Prénom').inputValue()).toBe('Tom');
    expect(await group('Enfant 1').getByRole('group', { name: 'Exposé aux violences' }).getByLabel('Oui').isChecked()).toBe(true);
    expect(await group('Le suspect est son').getByLabel('Ex-partenaire').isChecked()).toBe(true);
    expect(await page.getByLabel('Date de naissance de la victime').inputValue()).toBe('1991-04-17');
  });
});
