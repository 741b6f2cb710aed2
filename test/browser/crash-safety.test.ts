import { describe, expect, it } from 'vitest';
import { useBrowserHost } from './fixtures';
import { signIn } from './pages/accounts';
import { waitForSaved } from './pages/hearing';
import { SetupStep } from './pages/setup-step';
import { openFirstHearing } from './scenario';

describe('crash safety', () => {
  // The test starts the host itself, and kills it.
  const app = useBrowserHost({ name: 'crash', start: false });

  it('keeps an answer confirmed saved when the host is killed at once, and the database stays intact', async () => {
    let host = await app.startHost();
    const context = await app.newContext();
    const page = await context.newPage();
    await openFirstHearing(page, host.url);
    const wishes = new SetupStep(page).wishes();
    const typed = `Dernière phrase tapée avant la coupure — ${Date.now()}`;
    await wishes.fill(typed);
    await waitForSaved(page);
    await host.kill();
    expect(host.process.signalCode).toBe('SIGKILL');
    const hearingHash = new URL(page.url()).hash;

    host = await app.startHost();
    expect(host.output()).toContain('stopped abruptly');
    await page.goto(host.url);
    await signIn(page);
    await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    await page.goto(`${new URL(host.url).origin}/${hearingHash}`);
    await page.getByRole('heading', { name: 'Préparation' }).waitFor();
    expect(await wishes.inputValue()).toBe(typed);
    await context.close();
    await host.stop();

    const db = app.openDatabase({ readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT value_json FROM answers WHERE field_id = 'victimWishes'").get()).toEqual({
      value_json: JSON.stringify(typed),
    });
    db.close();
  });
});
