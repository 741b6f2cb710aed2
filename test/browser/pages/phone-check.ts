import type { Page } from 'playwright-core';

/** The phone check in the digital-violence step (src-renderer/features/phone-check), by its French texts and data- attributes. */
export class PhoneCheck {
  constructor(readonly page: Page) {}

  section() {
    return this.page.locator('[data-phone-check]');
  }

  flow() {
    return this.page.locator('.phone-check-flow');
  }

  /** Waits for the flow to show a step (`consent`, `guide`, `scan`, `findings`, `closing`, `done`). */
  async atStep(step: string): Promise<void> {
    await this.page.locator(`.phone-check-flow[data-step="${step}"]`).waitFor();
  }

  async startAndroid(): Promise<void> {
    await this.section().getByRole('button', { name: 'Vérifier un téléphone Android' }).click();
    await this.atStep('consent');
  }

  /** Ticks the four points of her consent and records it. */
  async consent(): Promise<void> {
    for (const box of await this.flow().locator('.consent-points input[type=checkbox]').all()) await box.check();
    await this.flow().getByRole('button', { name: 'Enregistrer son consentement' }).click();
    await this.atStep('guide');
  }

  async startScan(): Promise<void> {
    await this.flow()
      .getByRole('button', { name: /lancer l.analyse/ })
      .click();
  }

  findings() {
    return this.page.locator('[data-phone-level]');
  }
}
