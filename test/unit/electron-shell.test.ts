import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES, IPC_EVENT, IPC_INVOKE } from '../../src-main/api/channels';
import { contentSecurityPolicy } from '../../src-main/security/csp';
import { DatabaseOpenError } from '../../src-main/db/database';
import { applicationMenuTemplate } from '../../src-main/electron/app-menu';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  resolveAppRequestFile,
  serveAppRequest,
} from '../../src-main/electron/app-protocol';
import { createBridge, isAllowedChannel, isAllowedEvent, type PreloadIpc } from '../../src-main/electron/bridge';
import { hardenSession, hardenWebContents } from '../../src-main/electron/hardening';
import { createInvokeHandler } from '../../src-main/electron/ipc-handler';
import {
  KeyStoreError,
  loadOrCreateDatabaseKey,
  PENDING_KEY_FILE_NAME,
  WRAPPED_KEY_FILE_NAME,
  type AsyncSafeStorage,
} from '../../src-main/electron/key-store';
import { officerCatalogs } from '../../src-main/electron/officer-catalogs';
import {
  checkSender,
  originOf,
  senderFactsFromEvent,
  type FrameLike,
  type InvokeEventLike,
  type SenderTrust,
} from '../../src-main/electron/sender-trust';
import {
  describeStartupFailure,
  STARTUP_LANGUAGES,
  startupLanguage,
  startupMessage,
  startupText,
  type StartupMessageKey,
} from '../../src-main/electron/startup-messages';
import { mainWindowOptions, printWindowOptions, secureWebPreferences } from '../../src-main/electron/window-options';
import { fakeSafeStorage } from '../helpers/fake-safe-storage';

let tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-shell-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs = [];
});

describe('window webPreferences factory', () => {
  const packaged = secureWebPreferences({ preloadPath: '/app/.vite/build/preload.cjs', isPackaged: true });

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['spellcheck', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
  ] as const)('sets %s to %s', (flag, expected) => {
    expect(packaged[flag]).toBe(expected);
    expect(secureWebPreferences({ preloadPath: '/p.cjs', isPackaged: false })[flag]).toBe(expected);
  });

  it('gives the hidden print window the same hardening, without preload, script or devtools', () => {
    for (const isPackaged of [true, false]) {
      const print = printWindowOptions({ isPackaged });
      expect(print.show).toBe(false);
      expect(print.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        javascript: false,
        devTools: false,
        spellcheck: false,
      });
      expect(print.webPreferences).not.toHaveProperty('preload');
    }
  });

  it('allows devtools only when not packaged', () => {
    expect(packaged.devTools).toBe(false);
    expect(secureWebPreferences({ preloadPath: '/p.cjs', isPackaged: false }).devTools).toBe(true);
  });

  it('uses the given preload and nothing that loosens the sandbox', () => {
    expect(packaged.preload).toBe('/app/.vite/build/preload.cjs');
    expect(packaged).not.toHaveProperty('additionalArguments');
    expect(packaged).not.toHaveProperty('enableBlinkFeatures');
    expect(packaged).not.toHaveProperty('session');
    expect(packaged).not.toHaveProperty('partition');
  });

  it('builds the main window through the factory, hidden until ready', () => {
    const options = mainWindowOptions({ preloadPath: '/p.cjs', isPackaged: true });
    expect(options.webPreferences).toEqual(secureWebPreferences({ preloadPath: '/p.cjs', isPackaged: true }));
    expect(options.show).toBe(false);
  });
});

describe('content security policy', () => {
  it.each([
    ['packaged', contentSecurityPolicy()],
    ['development', contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' })],
  ])('is strict (%s)', (label, csp) => {
    const directives = csp.split(';').map((d) => d.trim());
    expect(directives).toContain("default-src 'none'");
    // Vite's dev server injects <style> elements, so `npm start` alone allows inline styles;
    // scripts are never inline, never eval, in any mode.
    const rest = label === 'development' ? directives.filter((d) => !d.startsWith('style-src')) : directives;
    expect(rest.join('; ')).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
    expect(directives.find((d) => d.startsWith('style-src'))).not.toMatch(/unsafe-eval|unsafe-hashes/);
    expect(csp).not.toMatch(/(^|\s)\*(\s|;|$)|https?:(\s|;|$)/);
  });

  it('comes with every app:// response, including refusals', async () => {
    const rendererDir = tempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const csp = contentSecurityPolicy();
    for (const url of [APP_ENTRY_URL, `${APP_ORIGIN}/missing.js`]) {
      const response = await serveAppRequest({ url, method: 'GET' }, { rendererDir, contentSecurityPolicy: csp });
      expect(response.headers.get('content-security-policy')).toBe(csp);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('registers app:// as a standard secure scheme without CORS reads from other origins', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true, codeCache: true });
  });
});

describe('app:// request mapping', () => {
  let root: string;
  let rendererDir: string;
  const csp = contentSecurityPolicy();

  beforeEach(() => {
    root = tempDir();
    rendererDir = path.join(root, 'renderer', 'main_window');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Hearing Desk</title>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    // What a traversal would try to reach: beside and above the renderer folder.
    fs.writeFileSync(path.join(root, 'renderer', 'secret.json'), '{"secret":true}');
    fs.writeFileSync(path.join(root, 'secret.json'), '{"secret":true}');
  });

  it('serves the page and its assets', async () => {
    expect(resolveAppRequestFile(rendererDir, APP_ENTRY_URL)?.file).toBe(
      fs.realpathSync(path.join(rendererDir, 'index.html')),
    );
    expect(resolveAppRequestFile(rendererDir, `${APP_ORIGIN}/assets/app.js?v=1`)?.contentType).toMatch(
      /^text\/javascript/,
    );
    const response = await serveAppRequest(
      { url: APP_ENTRY_URL, method: 'GET' },
      { rendererDir, contentSecurityPolicy: csp },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('Hearing Desk');
  });

  it.each([
    `${APP_ORIGIN}/../secret.json`,
    `${APP_ORIGIN}/../../secret.json`,
    `${APP_ORIGIN}/%2e%2e/secret.json`,
    `${APP_ORIGIN}/%2e%2e/%2e%2e/secret.json`,
    `${APP_ORIGIN}/..%2fsecret.json`,
    `${APP_ORIGIN}/..%2f..%2fsecret.json`,
    `${APP_ORIGIN}/%2e%2e%2f%2e%2e%2fsecret.json`,
    `${APP_ORIGIN}/assets%2f..%2f..%2fsecret.json`,
    `${APP_ORIGIN}/assets/..%5c..%5csecret.json`,
    `${APP_ORIGIN}/%252e%252e/secret.json`,
    `${APP_ORIGIN}/index.html%00.js`,
    `${APP_ORIGIN}//etc/passwd`,
    'app://other-host/index.html',
    'app://user@hearing-desk/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', async (url) => {
    expect(resolveAppRequestFile(rendererDir, url)).toBeNull();
    const response = await serveAppRequest({ url, method: 'GET' }, { rendererDir, contentSecurityPolicy: csp });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('refuses a symlink that leads out of the renderer folder', async () => {
    fs.symlinkSync(path.join(root, 'secret.json'), path.join(rendererDir, 'linked.json'));
    expect(resolveAppRequestFile(rendererDir, `${APP_ORIGIN}/linked.json`)).toBeNull();
  });

  it('answers only GET and HEAD', async () => {
    expect(
      (await serveAppRequest({ url: APP_ENTRY_URL, method: 'POST' }, { rendererDir, contentSecurityPolicy: csp }))
        .status,
    ).toBe(405);
    const head = await serveAppRequest(
      { url: APP_ENTRY_URL, method: 'HEAD' },
      { rendererDir, contentSecurityPolicy: csp },
    );
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('IPC sender check', () => {
  const OUR_WEB_CONTENTS = 7;
  const packagedTrust: SenderTrust = {
    trustedOrigins: [APP_ORIGIN],
    isAppWebContents: (id) => id === OUR_WEB_CONTENTS,
  };
  const devTrust: SenderTrust = {
    trustedOrigins: ['http://localhost:5173'],
    isAppWebContents: (id) => id === OUR_WEB_CONTENTS,
  };

  function frame(url: string, parent: FrameLike | null = null, frameTreeNodeId = 1): FrameLike {
    return { url, parent, frameTreeNodeId };
  }
  function topFrameEvent(url: string, webContentsId = OUR_WEB_CONTENTS): InvokeEventLike {
    const mainFrame = frame(url);
    return { sender: { id: webContentsId, mainFrame }, senderFrame: mainFrame };
  }

  it('trusts the top frame of our window on the app origin', () => {
    expect(checkSender(senderFactsFromEvent(topFrameEvent(APP_ENTRY_URL)), packagedTrust)).toEqual({ trusted: true });
    expect(
      checkSender(senderFactsFromEvent(topFrameEvent(`${APP_ORIGIN}/index.html#/hearing/1`)), packagedTrust),
    ).toEqual({ trusted: true });
    expect(checkSender(senderFactsFromEvent(topFrameEvent('http://localhost:5173/')), devTrust)).toEqual({
      trusted: true,
    });
  });

  it('refuses a subframe, even one on the app origin', () => {
    const mainFrame = frame(APP_ENTRY_URL);
    const subframe = frame(APP_ENTRY_URL, mainFrame, 2);
    expect(
      checkSender(
        senderFactsFromEvent({ sender: { id: OUR_WEB_CONTENTS, mainFrame }, senderFrame: subframe }),
        packagedTrust,
      ).trusted,
    ).toBe(false);
  });

  it('refuses a parentless frame that is not the main frame of its webContents', () => {
    const mainFrame = frame(APP_ENTRY_URL, null, 1);
    const other = frame(APP_ENTRY_URL, null, 9);
    expect(
      checkSender(
        senderFactsFromEvent({ sender: { id: OUR_WEB_CONTENTS, mainFrame }, senderFrame: other }),
        packagedTrust,
      ).trusted,
    ).toBe(false);
  });

  it('refuses a frame that is gone', () => {
    const mainFrame = frame(APP_ENTRY_URL);
    expect(
      checkSender(
        senderFactsFromEvent({ sender: { id: OUR_WEB_CONTENTS, mainFrame }, senderFrame: null }),
        packagedTrust,
      ).trusted,
    ).toBe(false);
  });

  it('refuses a webContents the app did not create', () => {
    expect(checkSender(senderFactsFromEvent(topFrameEvent(APP_ENTRY_URL, 8)), packagedTrust)).toEqual({
      trusted: false,
      reason: 'not a window of this application',
    });
  });

  it.each([
    'https://example.org/',
    'file:///work/main/.vite/renderer/main_window/index.html',
    'app://hearing-desk.evil/',
    'app://evil/hearing-desk/',
    'app://user@hearing-desk/',
    'app://hearing-desk:1234/',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'data:text/html,<script>hearingDesk.invoke()</script>',
    'http://localhost:5173/', // the dev server is not trusted in a packaged app
    '',
  ])('refuses %s in the packaged app', (url) => {
    expect(checkSender(senderFactsFromEvent(topFrameEvent(url)), packagedTrust).trusted).toBe(false);
  });

  it.each([
    'http://localhost:5174/',
    'http://localhost:51730/',
    'http://localhost:5173.evil.test/',
    'http://localhost.evil.test:5173/',
    'http://evil.test/?http://localhost:5173',
    'http://evil.test/#http://localhost:5173',
    'http://localhost:5173@evil.test/',
    'http://user:pass@localhost:5173/',
    'https://localhost:5173/',
    'ws://localhost:5173/',
    'http://127.0.0.1:5173/',
    APP_ENTRY_URL, // nor is app:// in development, where the page comes from the dev server
  ])('refuses the lookalike %s in development', (url) => {
    expect(checkSender(senderFactsFromEvent(topFrameEvent(url)), devTrust).trusted).toBe(false);
  });

  it('computes origins by hand for app:, which Node gives an opaque origin', () => {
    expect(originOf('app://hearing-desk/index.html')).toBe(APP_ORIGIN);
    expect(originOf('http://localhost:5173/x?y')).toBe('http://localhost:5173');
    expect(originOf('http://a:b@localhost:5173/')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('nonsense')).toBeNull();
  });

  it('dispatches trusted calls as the window’s own client and never dispatches untrusted ones', async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'done' }));
    const log = vi.fn();
    const handle = createInvokeHandler({ dispatcher: { dispatch }, trust: packagedTrust, log });

    expect(await handle(topFrameEvent(APP_ENTRY_URL), 'session.current', { a: 1 })).toEqual({
      ok: true,
      value: 'done',
    });
    expect(dispatch).toHaveBeenCalledWith(String(OUR_WEB_CONTENTS), 'session.current', { a: 1 });

    dispatch.mockClear();
    const refused = await handle(topFrameEvent('https://evil.test/'), 'session.login', { password: 'secret-password' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(JSON.stringify(log.mock.calls)).not.toContain('secret-password');
  });
});

describe('preload bridge', () => {
  function fakeIpc() {
    const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
    const ipc = {
      invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }) as unknown),
      on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      }),
      removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener);
      }),
      emit(channel: string, ...args: unknown[]) {
        for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the ipcRenderer itself' }, ...args);
      },
      count: (channel: string) => listeners.get(channel)?.size ?? 0,
    };
    return ipc satisfies PreloadIpc;
  }

  it('allows exactly the contract channels and events', () => {
    for (const channel of CHANNEL_NAMES) expect(isAllowedChannel(channel)).toBe(true);
    for (const channel of [
      'users.delete',
      'hearing-desk:invoke',
      IPC_INVOKE,
      'constructor',
      '__proto__',
      'toString',
      '',
      'SESSION.CURRENT',
      ' session.current',
      42,
      null,
      undefined,
      {},
    ]) {
      expect(isAllowedChannel(channel)).toBe(false);
    }
    for (const event of EVENT_NAMES) expect(isAllowedEvent(event)).toBe(true);
    for (const event of [IPC_EVENT, 'constructor', 'session.changed ', 1]) expect(isAllowedEvent(event)).toBe(false);
  });

  it('exposes invoke and on only', () => {
    expect(Object.keys(createBridge(fakeIpc())).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards allowed channels over the one invoke channel', async () => {
    const ipc = fakeIpc();
    await createBridge(ipc).invoke('session.current', { x: 1 });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'session.current', { x: 1 });
  });

  it('answers an unknown channel with an error envelope without touching IPC', async () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc);
    for (const channel of ['users.delete', 'constructor', IPC_INVOKE] as string[]) {
      expect(await bridge.invoke(channel, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(await bridge.invoke(42 as unknown as string, {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('gives listeners the payload only, for their own event, until they unsubscribe', () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc);
    const listener = vi.fn();
    const unsubscribe = bridge.on('session.changed', listener);

    ipc.emit(IPC_EVENT, 'session.changed', { locked: true });
    ipc.emit(IPC_EVENT, 'something.else', { nope: true });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ locked: true }]);

    unsubscribe();
    unsubscribe();
    expect(ipc.count(IPC_EVENT)).toBe(0);
    ipc.emit(IPC_EVENT, 'session.changed', null);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('refuses unknown events and non-function listeners', () => {
    const bridge = createBridge(fakeIpc());
    expect(() => bridge.on('hearing-desk:event' as never, () => {})).toThrow(/Unknown event/);
    expect(() => bridge.on('session.changed', 'alert(1)' as never)).toThrow(TypeError);
  });
});

describe('webContents and session hardening', () => {
  function fakeWebContents() {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    let openHandler: ((details: { url: string }) => unknown) | undefined;
    const contents = {
      on: (event: string, handler: (...args: unknown[]) => void) => handlers.set(event, handler),
      setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
        openHandler = handler;
      },
    };
    return {
      contents: contents as unknown as Parameters<typeof hardenWebContents>[0],
      handlers,
      open: (url: string) => openHandler?.({ url }),
    };
  }

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (eventName) => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, { log: () => {} });
    const event = { preventDefault: vi.fn() };
    fake.handlers.get(eventName)?.(event, 'https://evil.test/path?answer=secret');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('prevents navigation to the app itself too, and lets only development reload from the dev server', () => {
    const packaged = fakeWebContents();
    hardenWebContents(packaged.contents, { log: () => {} });
    const toApp = { preventDefault: vi.fn() };
    packaged.handlers.get('will-navigate')?.(toApp, APP_ENTRY_URL);
    expect(toApp.preventDefault).toHaveBeenCalled();

    const dev = fakeWebContents();
    hardenWebContents(dev.contents, { log: () => {}, devServerOrigin: 'http://localhost:5173' });
    const reload = { preventDefault: vi.fn() };
    dev.handlers.get('will-navigate')?.(reload, 'http://localhost:5173/');
    expect(reload.preventDefault).not.toHaveBeenCalled();
    for (const url of ['http://localhost:5173.evil.test/', 'http://localhost:5173@evil.test/', 'https://evil.test/']) {
      const away = { preventDefault: vi.fn() };
      dev.handlers.get('will-navigate')?.(away, url);
      expect(away.preventDefault).toHaveBeenCalled();
    }
  });

  it('denies every new window and logs no more than the origin', () => {
    const fake = fakeWebContents();
    const log = vi.fn();
    hardenWebContents(fake.contents, { log, devServerOrigin: 'http://localhost:5173' });
    expect(fake.open('http://localhost:5173/')).toEqual({ action: 'deny' });
    expect(fake.open('https://evil.test/path?answer=secret')).toEqual({ action: 'deny' });
    expect(JSON.stringify(log.mock.calls)).not.toContain('secret');
  });

  it('denies permission requests and checks', () => {
    let requestHandler:
      ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    let deviceHandler: (() => boolean) | undefined;
    const fakeSession = {
      setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
      setDevicePermissionHandler: (handler: typeof deviceHandler) => (deviceHandler = handler),
    };
    hardenSession(fakeSession as unknown as Parameters<typeof hardenSession>[0]);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(checkHandler?.()).toBe(false);
    expect(deviceHandler?.()).toBe(false);
  });
});

describe('application menu', () => {
  function roles(template: ReturnType<typeof applicationMenuTemplate>): string[] {
    return template.flatMap((item) => [
      String(item.role ?? ''),
      ...(Array.isArray(item.submenu) ? item.submenu.map((sub) => String(sub.role ?? '')) : []),
    ]);
  }

  it.each(['win32', 'linux', 'darwin'] as const)(
    'has edit roles and no devtools or reload when packaged (%s)',
    (platform) => {
      const packaged = roles(applicationMenuTemplate({ isPackaged: true, platform }));
      expect(packaged).toContain('editMenu');
      expect(packaged).not.toContain('toggleDevTools');
      expect(packaged).not.toContain('reload');
      expect(packaged).not.toContain('forceReload');
    },
  );

  it('offers devtools in development', () => {
    expect(roles(applicationMenuTemplate({ isPackaged: false, platform: 'linux' }))).toContain('toggleDevTools');
  });
});

describe('database key store', () => {
  function setup(platform: NodeJS.Platform = 'linux') {
    const dataDir = tempDir();
    const databaseFile = path.join(dataDir, 'hearing-desk.db');
    const keyFile = path.join(dataDir, WRAPPED_KEY_FILE_NAME);
    const pendingFile = path.join(dataDir, PENDING_KEY_FILE_NAME);
    // As main decides it (inspectDataDir), as far as the key store can tell: its key or its database shows an installation.
    const installation = () => (fs.existsSync(keyFile) || fs.existsSync(databaseFile) ? 'existing' : 'new');
    const loadKey = (safeStorage: AsyncSafeStorage, log?: (message: string) => void) =>
      loadOrCreateDatabaseKey({
        dataDir,
        databaseFile,
        installation: installation(),
        safeStorage,
        platform,
        ...(log ? { log } : {}),
      });
    /** A start that opens its database: the key, committed. */
    const load = async (safeStorage: AsyncSafeStorage, log?: (message: string) => void) => {
      const { key, commit } = await loadKey(safeStorage, log);
      await commit();
      return key;
    };
    return { dataDir, databaseFile, keyFile, pendingFile, loadKey, load };
  }

  async function expectKeyStoreError(promise: Promise<unknown>, code: string) {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KeyStoreError);
    expect((error as KeyStoreError).code).toBe(code);
  }

  it('creates 32 random bytes on first run and stores them only wrapped', async () => {
    const { keyFile, load } = setup();
    const log = vi.fn();
    const key = await load(fakeSafeStorage(), log);
    expect(key).toHaveLength(32);

    const stored = fs.readFileSync(keyFile);
    const text = stored.toString('utf8');
    expect(text).not.toContain(key.toString('hex'));
    expect(text.toLowerCase()).not.toContain(key.toString('hex').toLowerCase());
    expect(text).not.toContain(key.toString('base64'));
    expect(text).not.toContain(key.toString('base64url'));
    expect(stored.includes(key)).toBe(false);
    expect(JSON.stringify(log.mock.calls)).not.toContain(key.toString('hex'));
    if (process.platform !== 'win32') expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // Nothing left behind by the atomic write.
    expect(fs.readdirSync(path.dirname(keyFile))).toEqual([WRAPPED_KEY_FILE_NAME]);
  });

  it('returns the same key on the next run', async () => {
    const { load } = setup();
    const safeStorage = fakeSafeStorage();
    const first = await load(safeStorage);
    const second = await load(safeStorage);
    expect(second.equals(first)).toBe(true);
  });

  it.each(['basic_text', 'unknown'])('refuses the Linux backend %s and writes nothing', async (backend) => {
    const { dataDir, load } = setup('linux');
    await expectKeyStoreError(load(fakeSafeStorage({ backend })), 'KEY_STORAGE_INSECURE');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('asks for the Linux backend only on Linux', async () => {
    const { load } = setup('win32');
    const safeStorage = fakeSafeStorage();
    safeStorage.getSelectedStorageBackend = () => {
      throw new Error('getSelectedStorageBackend is Linux only');
    };
    await expect(load(safeStorage)).resolves.toHaveLength(32);
  });

  it('refuses when the operating system offers no encryption', async () => {
    const { dataDir, load } = setup();
    await expectKeyStoreError(load(fakeSafeStorage({ available: false })), 'KEY_STORAGE_UNAVAILABLE');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('refuses to create a new key for an existing database whose wrapped key is missing', async () => {
    const { databaseFile, keyFile, load } = setup();
    fs.writeFileSync(databaseFile, 'encrypted pages');
    const safeStorage = fakeSafeStorage();
    await expectKeyStoreError(load(safeStorage), 'KEY_FILE_MISSING');
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(safeStorage.encryptCalls).toBe(0);
  });

  it('re-wraps the same key when the operating system asks for it', async () => {
    const { keyFile, load } = setup();
    const safeStorage = fakeSafeStorage();
    const key = await load(safeStorage);
    const before = fs.readFileSync(keyFile, 'utf8');

    safeStorage.rotate();
    const log = vi.fn();
    expect((await load(safeStorage, log)).equals(key)).toBe(true);
    const after = fs.readFileSync(keyFile, 'utf8');
    expect(after).not.toBe(before);
    expect(Buffer.from(JSON.parse(after).wrappedKey, 'base64')[0]).toBe(1);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/Re-wrapped/));

    // Rewrapped under the new OS key: no further rewrite.
    const encryptCalls = safeStorage.encryptCalls;
    expect((await load(safeStorage)).equals(key)).toBe(true);
    expect(safeStorage.encryptCalls).toBe(encryptCalls);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(after);
  });

  it('refuses a wrapped key the operating system cannot unwrap, and keeps the file', async () => {
    const { keyFile, load } = setup();
    const safeStorage = fakeSafeStorage();
    await load(safeStorage);
    const before = fs.readFileSync(keyFile, 'utf8');
    safeStorage.failDecrypt = true;
    await expectKeyStoreError(load(safeStorage), 'KEY_FILE_UNREADABLE');
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(before);
  });

  it('keeps a new key pending until its database has opened, then commits it without replacing any key', async () => {
    const { dataDir, databaseFile, keyFile, pendingFile, loadKey } = setup();
    const safeStorage = fakeSafeStorage();
    // A first start cut short before its database was made: only a pending key, which is not a
    // trace of an installation, so the next start is a new installation again with a new key.
    const cutShort = await loadKey(safeStorage);
    expect(fs.readdirSync(dataDir)).toEqual([PENDING_KEY_FILE_NAME]);
    const first = await loadKey(safeStorage);
    expect(first.key.equals(cutShort.key)).toBe(false);
    // Its database made, the start is cut short again before the commit: the next start finds the
    // database and the pending key, and uses that key.
    fs.writeFileSync(databaseFile, 'encrypted pages');
    const log = vi.fn();
    const resumed = await loadKey(safeStorage, log);
    expect(resumed.key.equals(first.key)).toBe(true);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/pending/));
    expect(fs.existsSync(keyFile)).toBe(false);
    await resumed.commit();
    expect(fs.readdirSync(dataDir).sort()).toEqual([WRAPPED_KEY_FILE_NAME, 'hearing-desk.db']);
    expect((await loadKey(safeStorage)).key.equals(first.key)).toBe(true);

    // A commit never replaces the installation's key.
    fs.writeFileSync(pendingFile, fs.readFileSync(keyFile));
    const before = fs.readFileSync(keyFile, 'utf8');
    await expect(first.commit()).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(before);
  });

  it('refuses a damaged wrapped key file instead of replacing it', async () => {
    const { keyFile, load } = setup();
    fs.writeFileSync(keyFile, 'not json');
    await expectKeyStoreError(load(fakeSafeStorage()), 'KEY_FILE_UNREADABLE');
    expect(fs.readFileSync(keyFile, 'utf8')).toBe('not json');
  });
});

describe('start-up error texts', () => {
  const keys: StartupMessageKey[] = [
    'keyUnavailable',
    'basicTextRefused',
    'keyMissing',
    'keyUnreadable',
    'databaseMissing',
    'databaseWrongKey',
    'databaseTooNew',
    'databaseDamaged',
    'migrationFailed',
    'migrationsAltered',
    'configInvalid',
    'unexpected',
  ];

  it('picks the officer language from the OS locale', () => {
    expect(startupLanguage('fr-BE')).toBe('fr');
    expect(startupLanguage('nl')).toBe('nl');
    expect(startupLanguage('de_DE')).toBe('de');
    expect(startupLanguage('NL-be')).toBe('nl');
    expect(startupLanguage('en-GB')).toBe('en');
    expect(startupLanguage('ar')).toBe('en');
    expect(startupLanguage('')).toBe('en');
  });

  it('has every start-up text in every shipped catalog', () => {
    for (const language of STARTUP_LANGUAGES) {
      for (const key of ['title', 'noBackup', ...keys] as const) {
        const text = startupText({ [language]: officerCatalogs[language] }, language, key);
        expect(text, `${language} startup.${key}`).not.toBe(`startup.${key}`);
      }
    }
  });

  it('falls back to English, then to the key, and fills in the detail', () => {
    const catalogs = {
      en: { startup: { title: 'Cannot start', unexpected: 'Stopped: {{detail}}' } },
      fr: { startup: {} },
    };
    expect(startupText(catalogs, 'fr', 'title')).toBe('Cannot start');
    expect(startupText(catalogs, 'fr', 'unexpected', { detail: 'disk full' })).toBe('Stopped: disk full');
    expect(startupText(catalogs, 'nl', 'keyMissing')).toBe('startup.keyMissing');
  });

  it('names the copy to restore and what shows the installation existed, in the officer language', () => {
    const missing = describeStartupFailure(
      new DatabaseOpenError('DATABASE_MISSING', 'm', {
        latestBackup: '/data/backups/b.db',
        traces: ['/data/evidence', '/data/backups'],
      }),
    );
    const fr = startupMessage(officerCatalogs, 'fr', missing);
    expect(fr).toContain('/data/backups/b.db');
    expect(fr).toContain('/data/evidence, /data/backups');
    expect(fr).not.toMatch(/\{\{/);
    const damaged = describeStartupFailure(new DatabaseOpenError('DATABASE_DAMAGED', 'm', { latestBackup: null }));
    expect(startupMessage(officerCatalogs, 'nl', damaged)).toContain(startupText(officerCatalogs, 'nl', 'noBackup'));
  });

  it('maps each start-up failure to its text', () => {
    const named = (name: string, code?: string, message = 'm') =>
      Object.assign(Object.assign(new Error(message), { name }), code ? { code } : {});
    expect(describeStartupFailure(new KeyStoreError('KEY_STORAGE_UNAVAILABLE', 'm'))).toEqual({
      key: 'keyUnavailable',
    });
    expect(describeStartupFailure(new KeyStoreError('KEY_STORAGE_INSECURE', 'm'))).toEqual({ key: 'basicTextRefused' });
    expect(describeStartupFailure(new KeyStoreError('KEY_FILE_MISSING', 'm'))).toEqual({ key: 'keyMissing' });
    expect(describeStartupFailure(new KeyStoreError('KEY_FILE_UNREADABLE', 'm'))).toEqual({ key: 'keyUnreadable' });
    expect(describeStartupFailure(named('DatabaseOpenError', 'DATABASE_WRONG_KEY'))).toEqual({
      key: 'databaseWrongKey',
    });
    expect(describeStartupFailure(named('DatabaseOpenError', 'DATABASE_TOO_NEW'))).toEqual({ key: 'databaseTooNew' });
    expect(describeStartupFailure(named('DatabaseOpenError', 'DATABASE_DAMAGED'))).toEqual({
      key: 'databaseDamaged',
      latestBackup: null,
    });
    expect(describeStartupFailure(named('DatabaseOpenError', 'DATABASE_MIGRATION_FAILED'))).toEqual({
      key: 'migrationFailed',
    });
    expect(describeStartupFailure(named('DatabaseOpenError', 'DATABASE_MIGRATIONS_ALTERED'))).toEqual({
      key: 'migrationsAltered',
    });
    expect(
      describeStartupFailure(
        new DatabaseOpenError('DATABASE_MISSING', 'm', {
          latestBackup: '/data/backups/b.db',
          traces: ['/data/evidence'],
        }),
      ),
    ).toEqual({
      key: 'databaseMissing',
      latestBackup: '/data/backups/b.db',
      traces: ['/data/evidence'],
    });
    expect(describeStartupFailure(named('ConfigError', undefined, 'Invalid configuration: idleLockSeconds'))).toEqual({
      key: 'configInvalid',
      detail: 'Invalid configuration: idleLockSeconds',
    });
    expect(describeStartupFailure(named('DatabaseOpenError', 'constructor'))).toMatchObject({ key: 'unexpected' });
    expect(describeStartupFailure(new Error('boom'))).toEqual({ key: 'unexpected', detail: 'boom' });
    expect(describeStartupFailure('plain string')).toEqual({ key: 'unexpected', detail: 'plain string' });
  });
});

describe('the packaged app', () => {
  it('ships every folder main reads beside the archive, the phone check’s indicators and their NOTICE included', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const main = fs.readFileSync(path.join(root, 'src-main/electron/main.ts'), 'utf8');
    const forge = fs.readFileSync(path.join(root, 'forge.config.ts'), 'utf8');
    const read = [
      ...main.matchAll(/path\.join\(\s*(?:app\.isPackaged \? )?process\.resourcesPath[^,]*,\s*'([^']+)'/g),
    ].map((m) => m[1]!);
    const shipped = JSON.parse(/extraResource:\s*(\[[^\]]*\])/.exec(forge)![1]!.replaceAll("'", '"')) as string[];
    expect(read.sort()).toEqual(['migrations', 'stalkerware-indicators', 'victim']);
    expect(shipped.map((folder) => path.basename(folder)).sort()).toEqual(read);
    for (const folder of shipped) expect(fs.existsSync(path.join(root, folder)), folder).toBe(true);
    expect(fs.existsSync(path.join(root, 'assets/stalkerware-indicators/NOTICE.md'))).toBe(true);
  });
});
