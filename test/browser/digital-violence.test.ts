import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-core';
import { launchChromium, startHost, type RunningHost } from './harness';
import {
  answerDigitalStep,
  answerRiskStep,
  callApi,
  createAccount,
  expectAccessible,
  firstRun,
  switchUser,
} from './scenario';

/** Invented people. */
const OFFICER = {
  username: 'd.officer',
  displayName: 'Dana Fictive',
  password: 'digital officer passphrase',
  role: 'officer' as const,
};

describe('digital violence, asked in every hearing', () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    host = await startHost(tempDir('hd-digital-'));
    page = await (await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(host.url);
    await firstRun(page);
    // The account is made through the administrator's API (the accounts screen has its own test).
    const unitId = (await callApi(page, 'units.save', { name: 'Brigade fictive' })).value!.unit!.id;
    await createAccount(page, { ...OFFICER, unitId });
    await switchUser(page, OFFICER);
    await page.getByRole('button', { name: 'Nouvelle audition' }).click();
    await page.getByRole('heading', { name: 'Préparation' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('a tracker in her car, a threat to publish images, her banking app controlled: signals with their prompts', async () => {
    await answerDigitalStep(page, { 'G1.3': 'yes', 'G5.2': 'yes', 'G4.1': 'yes', 'G9.3': null });
    // A yes opens what she says about it, with the follow-ups and the evidence to ask for beside it.
    const details = page.locator('[data-field="g13Details"]');
    expect(await details.textContent()).toContain('48');
    await details.locator('textarea').fill('Un AirTag trouvé sous le siège de sa voiture le 20 novembre (fictif).');
    await expectAccessible(page, 'digital-violence step');
    expect(
      await page
        .locator('.digital-panel [data-signal]')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-signal'))),
    ).toEqual(['R1', 'R3', 'R10']);
    expect(await page.locator('.digital-panel [data-signal="R1"]').textContent()).toContain('(G1.3)');
    // Suggested qualifications: facts not dated yet, so both codes, never an old number alone.
    expect(await page.locator('.digital-panel [data-code="newCode"]').textContent()).toContain(
      'qualification à confirmer',
    );

    await answerRiskStep(page, { A1: 'yes' });
    const result = page.locator('.risk-panel > .risk-result');
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
    await page.locator('nav.steps a[href$="/statement"]').click();
    const checklist = page.getByRole('region', { name: "Clôture de l'audition" });
    const missing = checklist.getByRole('link', { name: /^Violences numériques › G9\.3 / });
    expect(await missing.count()).toBe(1);
    await checklist.getByRole('button', { name: "Clôturer l'audition" }).click();
    expect(await page.getByText('Cette audition est clôturée', { exact: false }).count()).toBe(0);
    await missing.click();
    await page.locator('[data-field="g93"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('g93');
  });
});
