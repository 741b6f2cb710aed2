import type { Page } from 'playwright-core';
import { HearingPage } from './hearing';

/** The Art. 16 risk step, driven by its form names so that any interface language works. */
export class RiskStep {
  constructor(readonly page: Page) {}

  /**
   * Answers every item (no, unless `answers` says otherwise by item id) and the barriers (none by
   * default). The source stays the victim's, the step's default; items an earlier step answered
   * are answered again only when `answers` names them.
   */
  async answer(
    answers: Record<string, 'yes' | 'no' | 'unknown' | 'refused'> = {},
    barriers: string[] = [],
  ): Promise<void> {
    const page = this.page;
    const hearing = new HearingPage(page);
    await hearing.open('risk', 'a1');
    const items = (await hearing.questionsOffering('yes')).filter((n) => /^[a-e][0-9]$/.test(n));
    const fromEarlierSteps = await page
      .locator('[data-field] .earlier-answer')
      .evaluateAll((notes) => notes.map((n) => n.closest('[data-field]')!.getAttribute('data-field')));
    for (const item of items) {
      const answer = answers[item.toUpperCase()];
      if (answer === undefined && fromEarlierSteps.includes(item)) continue;
      await page.locator(`input[name="${item}"][value="${answer ?? 'no'}"]`).check();
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
