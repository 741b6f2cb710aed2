import { describe, expect, it } from 'vitest';
import { saveStep } from '../helpers/complete-hearing';
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

  it('records what she denies under a heading in one action, and her safe channel once', async () => {
    const page = app.page;
    const { hearing } = await app.api('hearings.create', {});
    const channel = 'Par sa sœur (fictive), 0470 11 22 33, après 18 h';
    await saveStep(app.api, hearing.id, 'people', {
      victimSafeChannel: 'trustedPerson',
      victimSafeChannelDetail: channel,
    });
    await app.goto(`hearing/${hearing.id}/digital`);
    await page.locator('input[name="g11"]').first().waitFor();
    await page.locator('input[name="g11"][value="yes"]').check();
    // Under G1, after asking every question: the four she denied in one action; her yes stands.
    // The second heading's button (G0, then G1).
    const g1Rest = page.locator('.rest-of-section button').nth(1);
    expect(await g1Rest.textContent()).toBe('Elle a répondu non aux questions restantes de cette rubrique (4)');
    await g1Rest.click();
    await new HearingPage(page).waitForSaved();
    await page.reload();
    await page.locator('input[name="g11"]').first().waitFor();
    expect(await page.locator('input[name="g11"][value="yes"]').isChecked()).toBe(true);
    for (const prompt of ['g12', 'g13', 'g14', 'g15'])
      expect(await page.locator(`input[name="${prompt}"][value="no"]`).isChecked(), prompt).toBe(true);
    expect(await page.locator('input[name="g21"]:checked').count()).toBe(0);
    // How to reach her safely starts from the channel the people step recorded, saved as her answer here.
    expect(await page.locator('textarea[name="g93"]').inputValue()).toBe(channel);
    await expectAccessible(page, 'digital-violence step, a heading answered');
  });
});
