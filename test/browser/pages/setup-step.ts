import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from '../axe';
import { waitForSaved } from './hearing';

/** What the scenario types in the set-up step (invented). */
export const TYPED = {
  interpreterReference: 'Interprète juré n° 4711 (Arabe)',
  supportPerson: 'Samira, amie — « personne de confiance »',
  victimWishes:
    "Elle ne veut pas que ses enfants l'entendent.\nElle préfère être appelée sur le numéro de sa sœur : 0470 12 34 56.",
};

/** The set-up step ("Préparation"), in French. */
export class SetupStep {
  constructor(readonly page: Page) {}

  /** Opens a new hearing from "My hearings" and answers the set-up; returns once main has confirmed the last save. */
  async fillNewHearing(): Promise<void> {
    await this.page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    await expectAccessible(this.page, 'my hearings');
    await this.page.getByRole('button', { name: 'Nouvelle audition' }).click();
    await this.answer();
  }

  /** Answers every set-up question of the hearing on screen. */
  async answer(): Promise<void> {
    const page = this.page;
    await page.getByRole('heading', { name: 'Préparation' }).waitFor();
    await page.getByRole('group', { name: 'Langue de la procédure' }).getByLabel('Français').check();
    await page.getByLabel('Langue que la victime comprend le mieux').selectOption('ar');
    await page.getByRole('group', { name: 'Interprète demandé' }).getByLabel('Oui').check();
    // The follow-ups appear only once their question is answered yes.
    await page.getByRole('group', { name: 'Interprète présent' }).getByLabel('Oui').check();
    await page.getByLabel("Nom ou référence de l'interprète").fill(TYPED.interpreterReference);
    await page
      .getByRole('group', { name: 'Une personne de son choix accompagne la victime' })
      .getByLabel('Oui')
      .check();
    await page.getByLabel("Qui l'accompagne (nom, qualité)").fill(TYPED.supportPerson);
    await page.getByRole('group', { name: 'Le local est adapté et discret' }).getByLabel('Oui').check();
    await page
      .getByRole('group', { name: 'Je suis formé·e aux violences fondées sur le genre' })
      .getByLabel('Oui')
      .check();
    await page.getByRole('group', { name: "Genre de l'agent souhaité par la victime" }).getByLabel('Une femme').check();
    await page.getByRole('group', { name: 'Sa préférence a pu être respectée' }).getByLabel('Oui').check();
    await page.getByRole('group', { name: 'Elle peut parler en sécurité maintenant' }).getByLabel('Oui').check();
    await this.wishes().fill(TYPED.victimWishes);
    await waitForSaved(page);
    await expectAccessible(page, 'hearing set-up');
  }

  /** Her wishes for the hearing, a free text. */
  wishes() {
    return this.page.getByLabel("Souhaits de la victime pour l'audition et la suite");
  }

  /** The answers `answer` gave, as the screen shows them. */
  async expectAnswers(): Promise<void> {
    const page = this.page;
    await page.getByRole('heading', { name: 'Préparation' }).waitFor();
    expect(await page.getByRole('group', { name: 'Langue de la procédure' }).getByLabel('Français').isChecked()).toBe(
      true,
    );
    expect(await page.getByLabel('Langue que la victime comprend le mieux').inputValue()).toBe('ar');
    expect(await page.getByRole('group', { name: 'Interprète présent' }).getByLabel('Oui').isChecked()).toBe(true);
    expect(await page.getByLabel("Nom ou référence de l'interprète").inputValue()).toBe(TYPED.interpreterReference);
    expect(await page.getByLabel("Qui l'accompagne (nom, qualité)").inputValue()).toBe(TYPED.supportPerson);
    expect(
      await page
        .getByRole('group', { name: "Genre de l'agent souhaité par la victime" })
        .getByLabel('Une femme')
        .isChecked(),
    ).toBe(true);
    expect(await this.wishes().inputValue()).toBe(TYPED.victimWishes);
  }
}
