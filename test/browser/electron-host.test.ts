import fs from 'node:fs';
import path from 'node:path';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import forgeConfig from '../../forge.config';
import { tempDir } from '../helpers/temp-core';
import { ROOT } from './harness';
import { createOfficer, firstRun, signIn } from './pages/accounts';
import { SetupStep } from './pages/setup-step';
import { lockAndUnlock, switchToDutch } from './scenario';

/**
 * The browser-host scenario against the real Electron app. The Electron binary is downloaded
 * by `npm install` on a machine with internet access; the build machines have none.
 */
function electronExecutable(): { path: string } | { skip: string } {
  const electronDir = path.join(ROOT, 'node_modules/electron');
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile))
    return {
      skip: 'the Electron binary is not installed here (node_modules/electron has no download; run npm install with internet access)',
    };
  const executable = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(executable)) return { skip: `the Electron binary is missing at ${executable}` };
  // The app refuses to keep its key without an operating-system keyring, by design.
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    return {
      skip: 'no D-Bus session (and so no Secret Service keyring): safeStorage would fall back to basic_text, which the app refuses',
    };
  }
  return { path: executable };
}

const electron = electronExecutable();
if ('skip' in electron) console.warn(`Electron-host scenario skipped: ${electron.skip}`);

describe.skipIf('skip' in electron)('the app in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  const userData = tempDir('hd-electron-');

  beforeAll(async () => {
    // The packaged app cannot be driven (its fuses turn off the inspector Playwright needs), so
    // the same bundles are built by the Forge Vite plugin and run by the stock Electron binary.
    const vite = forgeConfig.plugins?.find((p): p is VitePlugin => p instanceof VitePlugin);
    if (!vite) throw new Error('forge.config.ts has no Vite plugin');
    vite.init(ROOT);
    (vite as unknown as { isProd: boolean }).isProd = true;
    await vite.build();
    await vite.buildRenderer();
    app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
      args: [ROOT],
      env: { ...process.env, HEARING_DESK_USER_DATA: userData, LANG: 'fr_BE.UTF-8' },
    });
    page = await app.firstWindow();
  }, 600_000);
  afterAll(async () => {
    await app?.close();
  });

  it('runs the first-run, set-up, lock and language scenario, and keeps the answers over a restart', async () => {
    expect(page.url()).toMatch(/^app:\/\/hearing-desk\//);
    await firstRun(page);
    await createOfficer(page);
    await signIn(page);
    await new SetupStep(page).fillNewHearing();
    await lockAndUnlock(page);
    await switchToDutch(page);
    await page.getByLabel('Taal van de interface').selectOption('fr');
    const hearingHash = new URL(page.url()).hash;

    await app.close();
    // The key is wrapped by safeStorage; the file must not hold it in clear.
    expect(fs.readFileSync(path.join(userData, 'database-key.wrapped')).length).toBeGreaterThan(0);
    app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
      args: [ROOT],
      env: { ...process.env, HEARING_DESK_USER_DATA: userData },
    });
    page = await app.firstWindow();
    await signIn(page);
    await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    await page.evaluate((hash) => (location.hash = hash), hearingHash);
    await new SetupStep(page).expectAnswers();
  });
});
