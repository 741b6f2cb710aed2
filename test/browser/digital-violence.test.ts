import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account } from './pages/accounts';
import { DigitalStep } from './pages/digital-step';
import { HearingPage } from './pages/hearing';
import { RiskStep } from './pages/risk-step';

/** Invented people. */
const OFFICER = account('officer', 'd.officer', 'Dana Fictive');

describe('digital violence, asked in every hearing', () => {
  const app = useBrowserHost({ name: 'digital', units: ['Brigade fictive'], users: [OFFICER], newHearing: true });

  it('a tracker in her car, a threat to publish images, her banking app controlled: signals with their prompts', async () => {
    await new DigitalStep(app.page).answer({ 'G1.3': 'yes', 'G5.2': 'yes', 'G4.1': 'yes', 'G9.3': null });
    // A yes opens what she says about it, with the follow-ups and the evidence to ask for beside it.
    const details = app.page.locator('[data-field="g13Details"]');
    // In room mode the officer's guidance waits behind its button.
    await details.getByRole('button', { name: 'Conseils' }).click();
    expect(await details.textContent()).toContain('48');
    await details.locator('textarea').fill('Un AirTag trouvé sous le siège de sa voiture le 20 novembre (fictif).');
    await expectAccessible(app.page, 'digital-violence step');
    await new DigitalStep(app.page).revealSignals();
    expect(
      await app.page
        .locator('.digital-panel [data-signal]')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-signal'))),
    ).toEqual(['R1', 'R3', 'R10']);
    expect(await app.page.locator('.digital-panel [data-signal="R1"]').textContent()).toContain('(G1.3)');
    // Suggested qualifications: facts not dated yet, so both codes, never an old number alone.
    expect(await app.page.locator('.digital-panel [data-code="newCode"]').textContent()).toContain(
      'qualification à confirmer',
    );

    await new RiskStep(app.page).answer({ A1: 'yes' });
    const result = new RiskStep(app.page).result();
    expect(Number(await result.getAttribute('data-risk-level'))).toBe(4);
    const why = (await result.locator('.risk-reasons').textContent()) ?? '';
    expect(why).toMatch(/R1 \(G1\.3\)/);
    expect(why).toMatch(/R3, R10 \(G5\.2, G4\.1\)/);
    expect(
      await result.locator('[data-signal]').evaluateAll((items) => items.map((i) => i.getAttribute('data-signal'))),
    ).toEqual(['R1', 'R3', 'R10']);
    expect(await result.textContent()).toContain('B6');
  });

  it('refuses to close while one heading is unanswered, and names it', async () => {
    await new HearingPage(app.page).open('statement');
    const checklist = app.page.getByRole('region', { name: "Clôture de l'audition" });
    const missing = checklist.getByRole('link', { name: /^Violences numériques › G9\.3 / });
    expect(await missing.count()).toBe(1);
    await checklist.getByRole('button', { name: "Clôturer l'audition" }).click();
    expect(await app.page.getByText('Cette audition est clôturée', { exact: false }).count()).toBe(0);
    await missing.click();
    await app.page.locator('[data-field="g93"]').waitFor();
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('g93');
  });
});
