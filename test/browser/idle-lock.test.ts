import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-core';
import { launchChromium, startHost, type RunningHost } from './harness';
import { openFirstHearing } from './scenario';

describe('the idle lock', () => {
  let browser: Browser;
  let host: RunningHost;
  const dataDir = tempDir('hd-idle-');

  beforeAll(async () => {
    // The zone's administrator shortened the delay to one minute.
    fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ idleLockSeconds: 60 }));
    browser = await launchChromium();
    host = await startHost(dataDir);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('locks after the configured delay without activity, and not before', async () => {
    const context = await browser.newContext({ locale: 'fr-BE' });
    await context.clock.install();
    const page = await context.newPage();
    await openFirstHearing(page, host.url);

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
