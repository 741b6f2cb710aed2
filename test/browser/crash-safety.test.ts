import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-core';
import { launchChromium, startHost, type RunningHost } from './harness';
import { openFirstHearing, signIn, waitForSaved } from './scenario';

describe('crash safety', () => {
  let browser: Browser;
  let host: RunningHost | undefined;
  const dataDir = tempDir('hd-crash-');

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('keeps an answer confirmed saved when the host is killed at once, and the database stays intact', async () => {
    host = await startHost(dataDir);
    const context = await browser.newContext({ locale: 'fr-BE' });
    const page = await context.newPage();
    await openFirstHearing(page, host.url);
    const wishes = page.getByLabel("Souhaits de la victime pour l'audition et la suite");
    const typed = `Dernière phrase tapée avant la coupure — ${Date.now()}`;
    await wishes.fill(typed);
    await waitForSaved(page);
    await host.kill();
    expect(host.process.signalCode).toBe('SIGKILL');
    const hearingHash = new URL(page.url()).hash;

    host = await startHost(dataDir);
    expect(host.output()).toContain('stopped abruptly');
    await page.goto(host.url);
    await signIn(page);
    await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    await page.goto(`${new URL(host.url).origin}/${hearingHash}`);
    await page.getByRole('heading', { name: 'Préparation' }).waitFor();
    expect(await wishes.inputValue()).toBe(typed);
    await context.close();
    await host.stop();
    host = undefined;

    const key = fs.readFileSync(path.join(dataDir, 'database-key.dev'), 'utf8').trim();
    const db = new Database(path.join(dataDir, 'hearing-desk.db'), { readonly: true });
    db.pragma(`hexkey='${key}'`);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT value_json FROM answers WHERE field_id = 'victimWishes'").get()).toEqual({
      value_json: JSON.stringify(typed),
    });
    db.close();
  });
});
