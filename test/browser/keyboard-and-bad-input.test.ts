import { describe, expect, it } from 'vitest';
import { useBrowserHost } from './fixtures';
import { waitForSaved } from './pages/hearing';

describe('keyboard alone, and answers that do not fit', () => {
  const app = useBrowserHost({ name: 'keyboard', setUp: 'firstHearing' });

  /** Presses Tab until the focused element's accessible name or label matches, at most 80 times. */
  async function tabTo(matches: (label: string) => boolean): Promise<void> {
    for (let i = 0; i < 80; i++) {
      await app.page.keyboard.press('Tab');
      const label = await app.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        // Room mode's buttons that reveal a question's guidance sit inside its fieldset: not the answer.
        if (!el || el.matches('button.room-reveal')) return '';
        const group = el.closest('fieldset')?.querySelector('legend')?.textContent ?? '';
        const own = (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
        return `${group} | ${own}`;
      });
      if (matches(label)) return;
    }
    throw new Error('never reached by Tab');
  }

  it('completes the set-up step by keyboard alone', async () => {
    await app.page.locator('#step-title').focus();
    // Radio groups: Tab reaches the group, arrow keys choose, Space confirms the first option.
    await tabTo((l) => l.startsWith('Langue de la procédure'));
    await app.page.keyboard.press('Space');
    await tabTo((l) => l.includes('Langue que la victime comprend le mieux'));
    await app.page.keyboard.type('Néerl'); // select by typing, as on any select
    await tabTo((l) => l.startsWith('Interprète demandé'));
    await app.page.keyboard.press('ArrowRight'); // Non
    for (const question of [
      'Une personne de son choix accompagne la victime',
      'Le local est adapté et discret',
      'Je suis formé·e aux violences fondées sur le genre',
      "Genre de l'agent souhaité par la victime",
      'Elle peut parler en sécurité maintenant',
    ]) {
      await tabTo((l) => l.startsWith(question));
      await app.page.keyboard.press('Space');
    }
    await waitForSaved(app.page);
    const missing = await app.page
      .locator('.steps li', { hasText: 'Préparation' })
      .locator('.step-state')
      .textContent();
    // Only the follow-up of the gender preference ("could it be met") is left: asked because she chose "a woman".
    expect(missing).toBe('1 à compléter');
    await tabTo((l) => l.startsWith('Sa préférence a pu être respectée'));
    await app.page.keyboard.press('Space');
    await waitForSaved(app.page);
    expect(await app.page.locator('.steps li', { hasText: 'Préparation' }).locator('.step-state').textContent()).toBe(
      'Complet',
    );
    expect(
      await app.page.getByRole('group', { name: 'Langue de la procédure' }).getByLabel('Français').isChecked(),
    ).toBe(true);
    expect(await app.page.getByLabel('Langue que la victime comprend le mieux').inputValue()).toBe('nl');
    expect(await app.page.getByRole('group', { name: 'Interprète demandé' }).getByLabel('Non').isChecked()).toBe(true);
  });

  it('keeps an overlong answer on screen, says why, and saves nothing wrong', async () => {
    await app.page
      .getByRole('group', { name: 'Une personne de son choix accompagne la victime' })
      .getByLabel('Oui')
      .check();
    const tooLong = 'x'.repeat(250);
    await app.page.getByLabel("Qui l'accompagne (nom, qualité)").fill(tooLong);
    await app.page.getByText('Cette réponse est trop longue pour être enregistrée.', { exact: false }).waitFor();
    expect(await app.page.getByLabel("Qui l'accompagne (nom, qualité)").inputValue()).toBe(tooLong);
    await app.page.getByLabel("Qui l'accompagne (nom, qualité)").fill('Une amie');
    await waitForSaved(app.page);
    await app.page.reload();
    await app.page.getByRole('heading', { name: 'Préparation' }).waitFor();
    expect(await app.page.getByLabel("Qui l'accompagne (nom, qualité)").inputValue()).toBe('Une amie');
  });
});
