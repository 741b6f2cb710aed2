import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';

describe("the administrator's support directory", () => {
  const app = useBrowserHost({ name: 'directory' });

  it('shows the seeded services as to verify, refuses a bad number or address plainly, and saves a verified entry', async () => {
    await app.page.getByRole('link', { name: "Annuaire d'aide" }).click();
    await app.page.getByRole('heading', { name: "Annuaire d'aide" }).waitFor();
    const row = app.page.getByRole('row', { name: /Écoute violences conjugales.*Wallonie/ });
    expect(await row.textContent()).toContain('0800 30 030');
    expect(await row.textContent()).toContain('À vérifier');
    await expectAccessible(app.page, 'directory');

    await row.getByRole('button', { name: /Modifier/ }).click();
    await app.page.getByLabel('Téléphone').fill('0800 30 O30');
    await app.page.getByLabel('Site web').fill('http://ecoute.example.be');
    await app.page.getByRole('button', { name: 'Enregistrer' }).click();
    await app.page.getByText("Ce n'est pas un numéro tel qu'on le compose", { exact: false }).waitFor();
    await app.page.getByText('Indiquez une adresse sécurisée commençant par https://').waitFor();
    await expectAccessible(app.page, 'directory form with errors');

    await app.page.getByLabel('Téléphone').fill('0800 30 030');
    await app.page.getByLabel('Site web').fill('');
    // Typed as Belgian police write a day; one that does not exist is refused beside the field.
    const verified = app.page.getByLabel('Vérifié le');
    expect(await verified.getAttribute('type')).toBe('text');
    await verified.fill('31/11/2026');
    await app.page.getByRole('button', { name: 'Enregistrer' }).click();
    await app.page.locator('#service-verified-error').waitFor();
    expect(await verified.getAttribute('aria-invalid')).toBe('true');
    await app.page.getByRole('heading', { name: 'Modifier le service' }).waitFor();
    await verified.fill('20/11/2026');
    await app.page.getByRole('button', { name: 'Enregistrer' }).click();
    await app.page.getByRole('heading', { name: 'Modifier le service' }).waitFor({ state: 'detached' });
    await app.page.getByRole('row', { name: /Écoute violences conjugales.*20\/11\/2026/ }).waitFor();
    expect(await row.textContent()).not.toContain('À vérifier');
  });
});
