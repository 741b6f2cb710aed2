import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-core';
import { launchChromium, startHost, type RunningHost } from './harness';
import {
  createOfficer,
  expectSetupAnswers,
  fillSetupStep,
  firstRun,
  lockAndUnlock,
  signIn,
  switchToDutch,
  TYPED,
} from './scenario';

describe('the app in Chromium against the browser host', () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;
  const dataDir = tempDir('hd-browser-');

  beforeAll(async () => {
    browser = await launchChromium();
    host = await startHost(dataDir);
    // axe runs its final step in a page of its own, which needs an explicit context.
    const context = await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('takes a new installation from first run to a saved set-up step that survives a reload', async () => {
    await page.goto(host.url);
    // The token left the address bar for an HttpOnly cookie, and opens nothing a second time.
    expect(page.url()).not.toContain('token=');
    expect(
      (await browser.newContext().then((other) => other.request.get(host.url, { maxRedirects: 0 }))).status(),
    ).toBe(403);
    await firstRun(page);
    await createOfficer(page);
    await signIn(page);
    await fillSetupStep(page);
    const hearingUrl = page.url();
    await page.reload();
    expect(page.url()).toBe(hearingUrl);
    await expectSetupAnswers(page);
  });

  it('locks on the shortcut, hides the hearing, and unlocks with the password only', async () => {
    await lockAndUnlock(page);
  });

  it('switches the officer interface to Dutch', async () => {
    await switchToDutch(page);
  });

  it('finds every answer exactly as typed after the host is stopped and started again', async () => {
    const hearingPath = new URL(page.url()).hash;
    await host.stop();
    host = await startHost(dataDir);
    const origin = new URL(host.url).origin;
    // The token is new at every launch: the previous launch's cookie (cookies ignore ports) opens nothing.
    expect((await page.request.get(`${origin}/`)).status()).toBe(403);
    await page.goto(host.url);
    // A new launch is a new origin (new port), so the interface starts again in the system's language.
    await page.locator('#username').waitFor();
    await page.getByRole('combobox').last().selectOption('fr');
    await signIn(page);
    await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    await page.goto(`${origin}/${hearingPath}`);
    await expectSetupAnswers(page);
  });

  it('says plainly when a save fails, keeps the text on screen, and warns before signing out', async () => {
    await expectSetupAnswers(page);
    await host.stop();
    const wishes = page.getByLabel("Souhaits de la victime pour l'audition et la suite");
    const more = `${TYPED.victimWishes}\nAjouté pendant la panne.`;
    await wishes.fill(more);
    await page.locator('[data-save-state="error"]').waitFor();
    await page.getByText("Non enregistré : L'application n'a pas pu être jointe.").waitFor();
    expect(await wishes.inputValue()).toBe(more);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page
      .getByRole('alertdialog')
      .getByText("Certaines réponses n'ont pas encore pu être enregistrées.", { exact: false })
      .waitFor();
    await page.getByRole('button', { name: 'Rester et les enregistrer' }).click();
    expect(await wishes.inputValue()).toBe(more);
    host = await startHost(dataDir);
  });
});
