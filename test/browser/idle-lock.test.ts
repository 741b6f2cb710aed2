import { describe, expect, it } from 'vitest';
import { useBrowserHost } from './fixtures';
import { openFirstHearing } from './scenario';

describe('the idle lock', () => {
  // The zone's administrator shortened the delay to one minute.
  const app = useBrowserHost({ name: 'idle', config: { idleLockSeconds: 60 }, setUp: 'blank' });

  it('locks after the configured delay without activity, and not before', async () => {
    const context = await app.newContext();
    await context.clock.install();
    const page = await context.newPage();
    await openFirstHearing(page, app.host.url);

    await page.clock.fastForward(55_000);
    expect(await page.getByRole('heading', { name: 'Écran verrouillé' }).count()).toBe(0);
    // Typing counts as activity and starts the delay again.
    await page.getByLabel("Souhaits de la victime pour l'audition et la suite").pressSequentially('Oui');
    await page.clock.fastForward(55_000);
    expect(await page.getByRole('heading', { name: 'Écran verrouillé' }).count()).toBe(0);
    await page.clock.fastForward(10_000);
    await page.getByRole('heading', { name: 'Écran verrouillé' }).waitFor();
    expect(await page.content()).not.toContain('Préparation');
    await context.close();
  });
});
