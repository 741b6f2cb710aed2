import type { Page } from 'playwright-core';
import { DIGITAL_PROMPTS, promptFieldId } from '../../../forms/digital/prompts';
import { HearingPage } from './hearing';

/** The digital-violence step, driven by its form names so that any interface language works. */
export class DigitalStep {
  constructor(readonly page: Page) {}

  /**
   * Answers every prompt: no, unless `answers` says otherwise by prompt id (`G1.3`); null leaves it
   * unanswered. The open questions are answered in words (an invented sentence).
   */
  async answer(answers: Record<string, 'yes' | 'no' | 'unsure' | 'declined' | null> = {}): Promise<void> {
    const hearing = new HearingPage(this.page);
    await hearing.open('digital', 'g02');
    for (const name of await hearing.questionsOffering('declined')) {
      const id = `G${name[1]}.${name[2]}`;
      if (answers[id] === null) continue;
      await this.page.locator(`input[name="${name}"][value="${answers[id] ?? 'no'}"]`).check();
    }
    for (const prompt of DIGITAL_PROMPTS.filter((p) => p.inWords && answers[p.id] !== null))
      await this.page
        .locator(`textarea[name="${promptFieldId(prompt.id)}"]`)
        .fill(`Sa réponse à ${prompt.id}, avec ses mots (fictive).`);
    await hearing.waitForSaved();
  }

  /** Room mode (on by default) keeps the risk signals under the questions collapsed until the officer's click. */
  async revealSignals(): Promise<void> {
    const reveal = this.page.locator('.digital-panel button.room-reveal[aria-controls="digital-signals"]');
    if ((await reveal.getAttribute('aria-expanded')) === 'false') await reveal.click();
  }
}
