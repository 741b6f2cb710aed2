import { describe, expect, it } from 'vitest';
import { useBrowserHost } from './fixtures';
import { createOfficer, firstRun, signIn } from './pages/accounts';
import { SetupStep, TYPED } from './pages/setup-step';
import { lockAndUnlock, switchToDutch } from './scenario';

describe('the app in Chromium against the browser host', () => {
  // axe runs its final step in a page of its own, which needs an explicit context (the fixture's).
  const app = useBrowserHost({ name: 'browser', setUp: 'blank', failOnPageError: true });

  it('takes a new installation from first run to a saved set-up step that survives a reload', async () => {
    await app.page.goto(app.host.url);
    // The token left the address bar for an HttpOnly cookie, and opens nothing a second time.
    expect(app.page.url()).not.toContain('token=');
    expect(
      (await app.browser.newContext().then((other) => other.request.get(app.host.url, { maxRedirects: 0 }))).status(),
    ).toBe(403);
    await firstRun(app.page);
    await createOfficer(app.page);
    await signIn(app.page);
    await new SetupStep(app.page).fillNewHearing();
    const hearingUrl = app.page.url();
    await app.page.reload();
    expect(app.page.url()).toBe(hearingUrl);
    await new SetupStep(app.page).expectAnswers();
  });

  it('locks on the shortcut, hides the hearing, and unlocks with the password only', async () => {
    await lockAndUnlock(app.page);
  });

  it('switches the officer interface to Dutch', async () => {
    await switchToDutch(app.page);
  });

  it('finds every answer exactly as typed after the host is stopped and started again', async () => {
    const hearingPath = new URL(app.page.url()).hash;
    await app.host.stop();
    await app.startHost();
    const origin = app.origin;
    // The token is new at every launch: the previous launch's cookie (cookies ignore ports) opens nothing.
    expect((await app.page.request.get(`${origin}/`)).status()).toBe(403);
    await app.page.goto(app.host.url);
    // A new launch is a new origin (new port), so the interface starts again in the system's language.
    await app.page.locator('#username').waitFor();
    await app.page.getByRole('combobox').last().selectOption('fr');
    await signIn(app.page);
    await app.page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    await app.page.goto(`${origin}/${hearingPath}`);
    await new SetupStep(app.page).expectAnswers();
  });

  it('says plainly when a save fails, keeps the text on screen, and warns before signing out', async () => {
    await new SetupStep(app.page).expectAnswers();
    await app.host.stop();
    const wishes = app.page.getByLabel("Souhaits de la victime pour l'audition et la suite");
    const more = `${TYPED.victimWishes}\nAjouté pendant la panne.`;
    await wishes.fill(more);
    await app.page.locator('[data-save-state="error"]').waitFor();
    await app.page.getByText("Non enregistré : L'application n'a pas pu être jointe.").waitFor();
    expect(await wishes.inputValue()).toBe(more);
    await app.page.getByRole('button', { name: 'Se déconnecter' }).click();
    await app.page
      .getByRole('alertdialog')
      .getByText("Certaines réponses n'ont pas encore pu être enregistrées.", { exact: false })
      .waitFor();
    await app.page.getByRole('button', { name: 'Rester et les enregistrer' }).click();
    expect(await wishes.inputValue()).toBe(more);
    await app.startHost();
  });
});
