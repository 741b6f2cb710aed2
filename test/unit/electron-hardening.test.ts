import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FuseV1Options } from '@electron/fuses';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signingConfiguration, SigningConfigurationError } from '../../forge.signing';
import { ConfigError, parseConfig } from '../../src-main/config';
import { DEBUGGING_SWITCHES, debuggingSwitches } from '../../src-main/electron/launch-guard';
import { officerCatalogs } from '../../src-main/electron/officer-catalogs';
import { STARTUP_LANGUAGES, startupText } from '../../src-main/electron/startup-messages';
import {
  createWindowFactory,
  mainWindowOptions,
  pdfPrintWindowOptions,
  printWindowOptions,
} from '../../src-main/electron/window-options';
import { createEvidenceStore, deriveEvidenceKey } from '../../src-main/services/evidence-store';
import { ROOT, tempDir } from '../helpers/temp-core';

type WindowOptions = ReturnType<typeof mainWindowOptions>;

/** Stands in for Electron's BrowserWindow: what the factory did to each window. */
class FakeWindow {
  static made: FakeWindow[] = [];
  contentProtection: boolean | null = null;
  constructor(readonly options: WindowOptions) {
    FakeWindow.made.push(this);
  }
  setContentProtection(enable: boolean): void {
    this.contentProtection = enable;
  }
}

describe('content protection', () => {
  afterEach(() => {
    FakeWindow.made = [];
  });

  it('leaves every window the factory makes out of screen capture by default', () => {
    const config = parseConfig({});
    expect(config.screenCapture).toBe('blocked');
    const open = createWindowFactory({ BrowserWindow: FakeWindow, screenCapture: () => config.screenCapture });
    const main = open(mainWindowOptions({ preloadPath: '/p.cjs', isPackaged: true }));
    const print = open(printWindowOptions({ isPackaged: true }));
    expect([main.contentProtection, print.contentProtection]).toEqual([true, true]);
    expect(main.options.webPreferences?.sandbox).toBe(true);
  });

  it('lets a training zone allow capture in config.json, and refuses anything but the two settings', () => {
    let setting = parseConfig({ screenCapture: 'allowedForTraining' }).screenCapture;
    const open = createWindowFactory({ BrowserWindow: FakeWindow, screenCapture: () => setting });
    expect(open(mainWindowOptions({ preloadPath: '/p.cjs', isPackaged: true })).contentProtection).toBe(false);
    // Read at each window: a window made after the setting went back is protected.
    setting = 'blocked';
    expect(open(printWindowOptions({ isPackaged: true })).contentProtection).toBe(true);
    for (const value of [false, 'allowed', 'off', null]) {
      expect(() => parseConfig({ screenCapture: value })).toThrow(ConfigError);
      expect(() => parseConfig({ screenCapture: value })).toThrow(/screenCapture/);
    }
  });

  it('is the only way the shell makes a window: no `new BrowserWindow` anywhere else', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'src-main'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f));
    const makers = files.filter((file) =>
      /new\s+BrowserWindow\b/.test(fs.readFileSync(path.join(ROOT, 'src-main', file), 'utf8')),
    );
    expect(makers).toEqual([]);
    const main = fs.readFileSync(path.join(ROOT, 'src-main/electron/main.ts'), 'utf8');
    expect(main.match(/createWindowFactory\(/g)).toHaveLength(1);
    expect(main).toMatch(/const appWindow = openWindow\(mainWindowOptions/);
    const output = fs.readFileSync(path.join(ROOT, 'src-main/electron/document-output.ts'), 'utf8');
    // One place opens the print windows, each with options from window-options.ts.
    expect(output.match(/deps\.openWindow\(/g)).toHaveLength(1);
    expect(output).toMatch(/withPage[\s\S]*printWindowOptions\(\{ isPackaged/);
    expect(output).toMatch(/addPdf\(pdf\), pdfPrintWindowOptions\(\{ isPackaged/);
  });

  it("turns on the PDF viewer's plugin and scripts only in the window that prints an archived PDF", () => {
    const open = createWindowFactory({ BrowserWindow: FakeWindow, screenCapture: () => 'blocked' });
    const html = open(printWindowOptions({ isPackaged: true })).options;
    const pdf = open(pdfPrintWindowOptions({ isPackaged: true })).options;
    const main = open(mainWindowOptions({ preloadPath: '/p.cjs', isPackaged: true })).options;
    expect(FakeWindow.made.map((w) => w.contentProtection)).toEqual([true, true, true]);
    expect(pdf.show).toBe(false);
    expect(pdf.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
      plugins: true,
      javascript: true,
    });
    expect(pdf.webPreferences?.preload).toBeUndefined();
    // The HTML documents and the app's own window keep both off.
    expect(html.webPreferences).toMatchObject({ javascript: false });
    for (const options of [html, main]) expect(options.webPreferences?.plugins).not.toBe(true);
  });
});

describe('debugging switches in a packaged app', () => {
  const exe = 'C:\\Program Files\\Hearing Desk\\hearing-desk.exe';

  it.each(
    [
      ['--remote-debugging-port=9222'],
      ['--remote-debugging-port', '9222'],
      ['--remote-debugging-pipe'],
      ['--remote-debugging-address=0.0.0.0'],
      ['--inspect'],
      ['--inspect=127.0.0.1:9229'],
      ['--inspect-brk'],
      ['--inspect-brk=9229'],
      ['--inspect-port=9229'],
      ['--inspect-wait'],
      ['--debug-port=5858'],
      ['--js-flags=--allow-natives-syntax'],
      ['--auto-open-devtools-for-tabs'],
      ['-remote-debugging-port=9222'],
      ['--REMOTE-DEBUGGING-PORT=9222'],
      ['--squirrel-firstrun', '--', '--inspect'],
    ].map((args) => [args.join(' '), args] as const),
  )('refuses %s', (_line, args) => {
    expect(debuggingSwitches([exe, ...args], { platform: 'linux' }).length).toBeGreaterThan(0);
  });

  it('reads switches as Chromium does on Windows (/name), names each once, and asks Electron’s own parser too', () => {
    expect(
      debuggingSwitches([exe, '/remote-debugging-port=9222', '--inspect', '--inspect'], { platform: 'win32' }),
    ).toEqual(['--remote-debugging-port', '--inspect']);
    expect(debuggingSwitches([exe, '/remote-debugging-port=9222'], { platform: 'linux' })).toEqual([]);
    const asked: string[] = [];
    const found = debuggingSwitches([exe], {
      platform: 'darwin',
      hasSwitch: (name) => (asked.push(name), name === 'remote-debugging-pipe'),
    });
    expect(found).toEqual(['--remote-debugging-pipe']);
    expect(asked).toEqual(DEBUGGING_SWITCHES);
  });

  it('lets the ordinary start through: the executable, Squirrel’s and Chromium’s own switches, a path', () => {
    for (const argv of [
      [exe],
      [exe, '--squirrel-firstrun'],
      [exe, '--squirrel-updated', '1.2.0'],
      [exe, '--no-sandbox-was-never-allowed-but-is-not-debugging'],
      ['/usr/lib/hearing-desk/--inspect'],
      [exe, 'C:\\Users\\inspect\\x'],
      [exe, '-'],
    ]) {
      expect(debuggingSwitches(argv, { platform: 'win32' }), argv.join(' ')).toEqual([]);
    }
  });

  it('is checked in main.ts before anything opens, in a packaged app only, with a text in every officer language', () => {
    const main = fs.readFileSync(path.join(ROOT, 'src-main/electron/main.ts'), 'utf8');
    const refusal = main.indexOf('if (debuggingRequested.length > 0)');
    expect(main).toMatch(/const debuggingRequested = app\.isPackaged\s*\?\s*debuggingSwitches\(process\.argv/);
    expect(refusal).toBeGreaterThan(0);
    for (const later of [
      'app.requestSingleInstanceLock()',
      'app.whenReady()',
      'loadOrCreateDatabaseKey(',
      'registerSchemesAsPrivileged',
    ]) {
      expect(main.indexOf(later), later).toBeGreaterThan(refusal);
    }
    for (const language of STARTUP_LANGUAGES) {
      const text = startupText(officerCatalogs, language, 'debuggingRefused', { detail: '--inspect' });
      expect(text, language).toContain('--inspect');
      expect(text, language).not.toContain('startup.');
    }
  });

  it('has the fuses that switch off Node’s inspector, RUN_AS_NODE and NODE_OPTIONS, and load only the signed archive', async () => {
    const config = (await import('../../forge.config')).default;
    const fuses = (
      config.plugins?.find((plugin) => (plugin as { name?: string }).name === 'fuses') as
        { fusesConfig: Record<number, boolean> } | undefined
    )?.fusesConfig;
    expect(fuses).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });
});

describe('signing the installers', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('signs nothing when no variable is set', () => {
    expect(signingConfiguration({})).toEqual({});
    expect(signingConfiguration({ WINDOWS_CERTIFICATE_FILE: ' ', APPLE_SIGNING_IDENTITY: '' })).toEqual({});
  });

  it('signs for Windows with a certificate file or signtool parameters', () => {
    expect(
      signingConfiguration({
        WINDOWS_CERTIFICATE_FILE: 'C:\\certs\\zone.pfx',
        WINDOWS_CERTIFICATE_PASSWORD: 'secret',
        WINDOWS_TIMESTAMP_SERVER: 'http://timestamp.example',
      }),
    ).toEqual({
      windowsSign: {
        certificateFile: 'C:\\certs\\zone.pfx',
        certificatePassword: 'secret',
        timestampServer: 'http://timestamp.example',
      },
    });
    expect(
      signingConfiguration({
        WINDOWS_SIGN_WITH_PARAMS: '/sha1 0123456789abcdef /fd sha256',
        WINDOWS_SIGNTOOL_PATH: 'C:\\sdk\\signtool.exe',
      }),
    ).toEqual({
      windowsSign: { signWithParams: '/sha1 0123456789abcdef /fd sha256', signToolPath: 'C:\\sdk\\signtool.exe' },
    });
  });

  it('signs and notarizes for macOS with each kind of Apple credentials', () => {
    const identity = { APPLE_SIGNING_IDENTITY: 'Developer ID Application: Zone fictive (TEAM123456)' };
    expect(signingConfiguration(identity)).toEqual({
      osxSign: { identity: identity.APPLE_SIGNING_IDENTITY, continueOnError: false },
    });
    expect(
      signingConfiguration({
        ...identity,
        APPLE_API_KEY: '/keys/AuthKey.p8',
        APPLE_API_KEY_ID: 'T9GPZ92M7K',
        APPLE_API_ISSUER: 'c055ca8c-e5a8-4836-b61d-aa5794eeb3f4',
      }).osxNotarize,
    ).toEqual({
      appleApiKey: '/keys/AuthKey.p8',
      appleApiKeyId: 'T9GPZ92M7K',
      appleApiIssuer: 'c055ca8c-e5a8-4836-b61d-aa5794eeb3f4',
    });
    expect(
      signingConfiguration({
        ...identity,
        APPLE_ID: 'build@example.invalid',
        APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh-ijkl-mnop',
        APPLE_TEAM_ID: 'TEAM123456',
      }).osxNotarize,
    ).toEqual({
      appleId: 'build@example.invalid',
      appleIdPassword: 'abcd-efgh-ijkl-mnop',
      teamId: 'TEAM123456',
    });
    expect(signingConfiguration({ ...identity, APPLE_KEYCHAIN_PROFILE: 'hearing-desk' }).osxNotarize).toEqual({
      keychainProfile: 'hearing-desk',
    });
  });

  it('stops the build on a half-set or contradictory group instead of shipping unsigned', () => {
    for (const env of [
      { WINDOWS_CERTIFICATE_FILE: 'zone.pfx' },
      { WINDOWS_CERTIFICATE_PASSWORD: 'secret' },
      { WINDOWS_TIMESTAMP_SERVER: 'http://timestamp.example' },
      { WINDOWS_CERTIFICATE_FILE: 'zone.pfx', WINDOWS_CERTIFICATE_PASSWORD: 'secret', WINDOWS_SIGN_WITH_PARAMS: '/a' },
      { APPLE_API_KEY: '/keys/AuthKey.p8', APPLE_API_KEY_ID: 'T9GPZ92M7K', APPLE_API_ISSUER: 'x' },
      { APPLE_SIGNING_IDENTITY: 'Developer ID', APPLE_ID: 'build@example.invalid' },
      { APPLE_SIGNING_IDENTITY: 'Developer ID', APPLE_KEYCHAIN: 'login' },
      {
        APPLE_SIGNING_IDENTITY: 'Developer ID',
        APPLE_KEYCHAIN_PROFILE: 'p',
        APPLE_API_KEY: 'k',
        APPLE_API_KEY_ID: 'i',
        APPLE_API_ISSUER: 'x',
      },
    ]) {
      expect(() => signingConfiguration(env), JSON.stringify(env)).toThrow(SigningConfigurationError);
    }
  });

  it('is what forge.config.ts gives the packager and the Squirrel maker', async () => {
    const unsigned = (await import('../../forge.config')).default;
    expect(unsigned.packagerConfig).not.toHaveProperty('windowsSign');
    expect(unsigned.packagerConfig).not.toHaveProperty('osxSign');
    vi.resetModules();
    vi.stubEnv('WINDOWS_CERTIFICATE_FILE', 'C:\\certs\\zone.pfx');
    vi.stubEnv('WINDOWS_CERTIFICATE_PASSWORD', 'secret');
    vi.stubEnv('APPLE_SIGNING_IDENTITY', 'Developer ID Application: Zone fictive (TEAM123456)');
    vi.stubEnv('APPLE_KEYCHAIN_PROFILE', 'hearing-desk');
    const signed = (await import('../../forge.config')).default;
    const windowsSign = { certificateFile: 'C:\\certs\\zone.pfx', certificatePassword: 'secret' };
    expect(signed.packagerConfig).toMatchObject({
      windowsSign,
      osxSign: { identity: 'Developer ID Application: Zone fictive (TEAM123456)', continueOnError: false },
      osxNotarize: { keychainProfile: 'hearing-desk' },
    });
    const squirrel = signed.makers?.find((maker) => (maker as { name?: string }).name === 'squirrel') as
      { configOrConfigFetcher: object } | undefined;
    expect(squirrel?.configOrConfigFetcher).toEqual({ windowsSign });
  });
});

describe('the database key in memory', () => {
  it('leaves no string of its hexadecimal form reachable once parsed (no RegExp.input)', () => {
    // A process of its own, so that its heap holds nothing but this; the snapshot is written
    // before the test makes a string of the key to look for.
    const script = `
      import { randomBytes } from 'node:crypto';
      import fs from 'node:fs';
      import v8 from 'node:v8';
      import { parseKeyHex } from ${JSON.stringify(path.join(ROOT, 'src-main/electron/key-store.ts'))};
      const unwrap = () => parseKeyHex(randomBytes(32).toString('hex'));
      const key = unwrap();
      const file = v8.writeHeapSnapshot(${JSON.stringify(path.join(tempDir('hd-heap-'), 'key.heapsnapshot'))});
      const snapshot = fs.readFileSync(file, 'utf8');
      process.stdout.write(JSON.stringify({ length: key.length, ownMemory: key.buffer.byteLength, found: snapshot.includes(key.toString('hex')), bytes: snapshot.length }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { length: number; ownMemory: number; found: boolean; bytes: number };
    expect(result.bytes).toBeGreaterThan(100_000);
    expect(result).toMatchObject({ length: 32, ownMemory: 32, found: false });
  });

  it('accepts 64 lower-case hexadecimal digits only', async () => {
    const { parseKeyHex } = await import('../../src-main/electron/key-store');
    const hex = randomBytes(32).toString('hex');
    expect(parseKeyHex(hex)?.toString('hex')).toBe(hex);
    for (const bad of [hex.toUpperCase(), hex.slice(1), `${hex}0`, `${hex.slice(0, 63)}g`, '', ` ${hex.slice(1)}`])
      expect(parseKeyHex(bad), bad).toBeNull();
  });

  it('keeps one evidence key, the Buffer it is given, not a copy left behind unzeroed', async () => {
    const key = deriveEvidenceKey(randomBytes(32));
    const store = createEvidenceStore({ dir: tempDir('hd-store-'), key });
    const sealed = await store.ingest(Readable.from([Buffer.from('preuve fictive')]), { maxBytes: 1024 });
    expect((await store.verify(sealed)).ok).toBe(true);
    // Zeroing the caller's Buffer is zeroing the store's key: there is no other copy.
    key.fill(0);
    expect((await store.verify(sealed)).ok).toBe(false);
  });
});
