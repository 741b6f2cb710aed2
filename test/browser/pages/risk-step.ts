import type { Page } from 'playwright-core';
import { HearingPage } from './hearing';

/** The Art. 16 risk step, driven by its form names so that any interface language works. */
export class RiskStep {
  constructor(readonly page: Page) {}

  /** Answers every item (no, from the victim, unless `answers` says otherwise by item id) and the barriers (none by default). */
  async answer(
    answers: Record<string, 'yes' | 'no' | 'unknown' | 'refused'> = {},
    barriers: string[] = [],
  ): Promise<void> {
    const page = this.page;
    const hearing = new HearingPage(page);
    await hearing.open('risk', 'a1');
    const items = (await hearing.questionsOffering('yes')).filter((n) => /^[a-e][0-9]$/.test(n));
    for (const item of items) {
      await page.locator(`input[name="${item}"][value="${answers[item.toUpperCase()] ?? 'no'}"]`).check();
      await page.locator(`select[name="${item}Source"]`).selectOption('victim');
    }
    const followUp = page.locator('input[name="a9FollowUp"][value="oneOrTwo"]');
    if (await followUp.count()) await followUp.check();
    for (const barrier of barriers.length > 0 ? barriers : ['none'])
      await page.locator(`input[name="barriers"][value="${barrier}"]`).check();
    await hearing.waitForSaved();
    // Answering the items is the officer's part; what follows reads the result and judges it.
    await this.revealAssessment();
  }

  /**
   * Room mode (on by default) keeps the result, the judgement and the assessments collapsed: the
   * officer's one click shows them. Does nothing when they are already shown.
   */
  async revealAssessment(): Promise<void> {
    await this.page.locator('.risk-panel').waitFor();
    const reveal = this.page.locator('.risk-panel > button.room-reveal');
    if ((await reveal.count()) > 0 && (await reveal.getAttribute('aria-expanded')) === 'false') await reveal.click();
  }

  /** The result panel beside the items: the level and why (once revealed in room mode). */
  result() {
    return this.page.locator('.risk-panel > .room-revealed > .risk-result');
  }
}
