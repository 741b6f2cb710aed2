import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, safeStorage, session } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type EventName } from '../api/channels';
import {
  createAppCore,
  DATABASE_FILE_NAME,
  inspectDataDir,
  repositoryAssets,
  type AppCore,
  type DocumentAssets,
} from '../app-core';
import { loadConfig, type AppConfig } from '../config';
import { contentSecurityPolicy } from '../security/csp';
import { applicationMenuTemplate } from './app-menu';
import { createElectronDocumentOutput } from './document-output';
import { createFileChooser } from './file-chooser';
import { createPrintPages } from './print-pages';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { applyDevServerHeaders, hardenSession, hardenWebContents } from './hardening';
import { clientIdOf, createInvokeHandler } from './ipc-handler';
import { debuggingSwitches } from './launch-guard';
import { loadOrCreateDatabaseKey, WRAPPED_KEY_FILE_NAME } from './key-store';
import { officerCatalogs } from './officer-catalogs';
import { originOf } from './sender-trust';
import { describeStartupFailure, startupLanguage, startupMessage, startupText } from './startup-messages';
import { createWindowFactory, mainWindowOptions } from './window-options';
import { openZoneBackend, shellMode, type ShellBackend } from './zone-mode';

// The Electron shell: lifecycle, the window, the app:// protocol and the IPC transport in front
// of the same AppCore the browser host uses, or, when config.json names a zone server, of the
// zone workstation that forwards every call to it (zone-mode.ts). Everything it decides is in the small modules
// beside it, which are unit-tested in plain Node; this file only wires them to Electron.

function log(message: string, error?: unknown): void {
  if (error === undefined) console.error(`[hearing-desk] ${message}`);
  else console.error(`[hearing-desk] ${message}`, error);
}

// `typeof` because the Forge plugin may leave the constant out of a production build entirely.
const devServerUrl =
  !app.isPackaged && typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL !== ''
    ? MAIN_WINDOW_VITE_DEV_SERVER_URL
    : undefined;
const devServerOrigin = devServerUrl ? (originOf(devServerUrl) ?? undefined) : undefined;
const trustedOrigins: readonly string[] = devServerOrigin ? [devServerOrigin] : [APP_ORIGIN];

const rendererDir = path.join(__dirname, '..', 'renderer', MAIN_WINDOW_VITE_NAME);
const preloadPath = path.join(__dirname, 'preload.cjs');

/** Our windows by webContents id: the IPC sender check and session events go by this map. */
const appWindows = new Map<number, BrowserWindow>();
/** Documents being printed, served from memory to the hidden print window (print-pages.ts). */
const printPages = createPrintPages();
/** The standalone AppCore, or the zone workstation: what every call, lock and close goes to. */
let backend: ShellBackend | null = null;
/** config.json, read first: it says which of the two this start opens. */
let appConfig: AppConfig | null = null;
/** How long quitting waits for the store's last unit of work and the audit seal. */
const QUIT_WAIT_MS = 5_000;
/** Every window, protected from screen capture unless config.json allows it (window-options.ts). */
const openWindow = createWindowFactory({ BrowserWindow, screenCapture: () => appConfig?.screenCapture ?? 'blocked' });
/** Evidence files come only from this dialog, never from a path the renderer names. */
const chooseFiles = createFileChooser({
  dialog,
  windowOf: (clientId) => appWindows.get(Number(clientId)),
  catalogs: officerCatalogs,
  locale: () => app.getLocale(),
});
const documentOutput = createElectronDocumentOutput({
  pages: printPages,
  windowOf: (clientId) => appWindows.get(Number(clientId)),
  openWindow,
  isPackaged: app.isPackaged,
});

// A packaged app started with a debugging switch (remote debugging, inspector, V8 flags) says so
// and quits before anything opens: no window, no key, no database. Development keeps them.
const debuggingRequested = app.isPackaged
  ? debuggingSwitches(process.argv, {
      platform: process.platform,
      hasSwitch: (name) => app.commandLine.hasSwitch(name),
    })
  : [];

// Tests point an unpackaged app at a throwaway folder; an installed app always uses its own.
// Before the single-instance lock, which lives in the user-data folder.
if (!app.isPackaged && process.env.HEARING_DESK_USER_DATA) app.setPath('userData', process.env.HEARING_DESK_USER_DATA);

if (debuggingRequested.length > 0) {
  // Before 'ready', so in the language of the system's locale as Node reads it.
  const language = startupLanguage(Intl.DateTimeFormat().resolvedOptions().locale);
  log(`Refused to start with ${debuggingRequested.join(' ')}`);
  dialog.showErrorBox(
    startupText(officerCatalogs, language, 'title'),
    startupText(officerCatalogs, language, 'debuggingRefused', { detail: debuggingRequested.join(' ') }),
  );
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // Two processes on one database would fight over it; the first instance takes focus instead.
  app.quit();
} else {
  // Both must happen before 'ready'.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  app.enableSandbox();

  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { log, ...(devServerOrigin ? { devServerOrigin } : {}) }),
  );
  app.on('session-created', hardenSession);
  // Sessions live in windows; with the last window gone there is nothing left to serve.
  app.on('window-all-closed', () => app.quit());
  // The store finishes its last unit of work and the audit seal is written before the process ends.
  app.on('will-quit', (event) => {
    if (!backend) return;
    event.preventDefault();
    // Not for ever: a unit of work that never ends must not keep the app from quitting (the
    // database is then closed by the process's end, and the next start checks it).
    const gaveUp = new Promise((resolve) => setTimeout(resolve, QUIT_WAIT_MS));
    void Promise.race([closeBackend(), gaveUp]).finally(() => app.exit(0));
  });

  app.whenReady().then(start).catch(failStartup);
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const config = loadConfig(path.join(dataDir, 'config.json'));
  appConfig = config;
  backend = config.zone
    ? await openZoneBackend({
        dataDir,
        zone: config.zone,
        safeStorage,
        log,
        local: {
          chooseFiles,
          printPdf: (pdf, clientId) => documentOutput.printPdf(pdf, clientId),
          savePdf: (pdf, name, clientId) => documentOutput.savePdf(pdf, name, clientId),
        },
      })
    : await openStandaloneCore(dataDir, config);
  log(`Started in ${shellMode(config)} mode`);
  const dispatcher = backend.dispatcher;

  const csp = contentSecurityPolicy(devServerOrigin ? { devServerOrigin } : {});
  hardenSession(session.defaultSession);
  if (devServerOrigin) applyDevServerHeaders(session.defaultSession, devServerOrigin, csp);
  protocol.handle(
    APP_SCHEME,
    (request) => printPages.serve(request.url) ?? serveAppRequest(request, { rendererDir, contentSecurityPolicy: csp }),
  );

  ipcMain.handle(
    IPC_INVOKE,
    createInvokeHandler({
      dispatcher,
      trust: { trustedOrigins, isAppWebContents: (id) => appWindows.has(id) },
      log: (message) => log(message),
    }),
  );
  dispatcher.onSessionChanged(notifySessionChanged);

  // A locked or sleeping computer in an interview room must not leave a hearing open.
  powerMonitor.on('lock-screen', () => void dispatcher.lockAll());
  powerMonitor.on('suspend', () => void dispatcher.lockAll());
  // Quitting (not just closing the database) in case the user cancels the shutdown on macOS.
  powerMonitor.on('shutdown', () => app.quit());

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(applicationMenuTemplate({ isPackaged: app.isPackaged, platform: process.platform })),
  );
  createMainWindow();
}

/** The standalone app: its own encrypted database, its key wrapped by the operating system. */
async function openStandaloneCore(dataDir: string, config: AppConfig): Promise<ShellBackend> {
  const keyFile = path.join(dataDir, WRAPPED_KEY_FILE_NAME);
  // Decided before any key is made: a lost database must never become a new installation.
  const installation = inspectDataDir(dataDir, keyFile);
  const databaseKey = await loadOrCreateDatabaseKey({
    dataDir,
    databaseFile: path.join(dataDir, DATABASE_FILE_NAME),
    installation,
    safeStorage,
    log: (message) => log(message),
  });
  const key = databaseKey.key;
  let core: AppCore;
  try {
    core = await createAppCore({
      dataDir,
      key,
      keyFile,
      config,
      migrationsFolder: migrationsFolder(),
      log,
      chooseFiles,
      assets: documentAssets(),
      documentOutput,
    });
    // Only now, with its database made and opened, does a new key become the installation's.
    await databaseKey.commit().catch(async (error: unknown) => {
      // Not yet the shell's backend, so closed here: never a database left open behind a refusal.
      await core.close().catch(() => undefined);
      throw error;
    });
  } finally {
    // The open connection holds what SQLite needs; nothing in main reads the key again.
    key.fill(0);
  }
  return core;
}

function createMainWindow(): BrowserWindow {
  const appWindow = openWindow(mainWindowOptions({ preloadPath, isPackaged: app.isPackaged }));
  // Kept from the start: after 'closed' the webContents can no longer be asked for its id.
  const id = appWindow.webContents.id;
  appWindows.set(id, appWindow);

  appWindow.once('ready-to-show', () => appWindow.show());
  appWindow.on('closed', () => {
    appWindows.delete(id);
    void backend?.dispatcher.forgetClient(clientIdOf(id));
  });
  // Windows ends the process without 'will-quit' on log-off and shutdown, and this is final.
  appWindow.on('session-end', () => void closeBackend());

  let lastCrashAt = 0;
  appWindow.webContents.on('render-process-gone', (_event, details) => {
    log(`The window's renderer stopped (${details.reason})`);
    // Whatever the page held is gone, so its session goes too: the reloaded page asks for the
    // password again. One reload per minute at most, so a page that crashes at once cannot loop.
    void backend?.dispatcher.forgetClient(clientIdOf(id));
    if (details.reason === 'clean-exit' || Date.now() - lastCrashAt < 60_000 || appWindow.isDestroyed()) return;
    lastCrashAt = Date.now();
    appWindow.webContents.reload();
  });

  appWindow.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
    log('The window could not load the application', error);
    // 'ready-to-show' may never come; a hidden window would leave the app running unseen.
    if (!appWindow.isDestroyed()) appWindow.show();
  });
  return appWindow;
}

function focusMainWindow(): void {
  const appWindow = appWindows.values().next().value;
  if (!appWindow || appWindow.isDestroyed()) return;
  if (appWindow.isMinimized()) appWindow.restore();
  appWindow.show();
  appWindow.focus();
}

function notifySessionChanged(clientId: string): void {
  const appWindow = appWindows.get(Number(clientId));
  if (!appWindow || appWindow.isDestroyed() || appWindow.webContents.isDestroyed()) return;
  const event: EventName = 'session.changed';
  appWindow.webContents.send(IPC_EVENT, event, null);
}

/** The victim catalogs, fonts and stalkerware indicators: copied into the resources when packaged (forge.config.ts). */
function documentAssets(): DocumentAssets {
  return app.isPackaged
    ? {
        victimCatalogsDir: path.join(process.resourcesPath, 'victim'),
        fontsDir: path.join(app.getAppPath(), 'document-fonts'),
        // Checked at load against the manifest hash compiled into main (phone-check/shipped-bundle.ts).
        indicatorsDir: path.join(process.resourcesPath, 'stalkerware-indicators'),
      }
    : repositoryAssets(app.getAppPath());
}

function migrationsFolder(): string {
  // Packaged: shipped as an extra resource (forge.config.ts), outside the asar archive; each file
  // is checked against the SHA-256 compiled into this bundle before any runs (db/migrations.ts).
  return path.join(app.isPackaged ? process.resourcesPath : app.getAppPath(), 'migrations', 'sqlite');
}

async function closeBackend(): Promise<void> {
  const closing = backend;
  backend = null;
  if (!closing) return;
  try {
    await closing.close();
  } catch (error) {
    log('Closing the database or the zone connection failed', error);
  }
}

/** Says why in the officer's language, then stops: never a window on a half-opened database. */
function failStartup(error: unknown): void {
  log('Start-up failed', error);
  for (const appWindow of appWindows.values()) appWindow.destroy();
  void closeBackend();
  const language = startupLanguage(app.isReady() ? app.getLocale() : '');
  dialog.showErrorBox(
    startupText(officerCatalogs, language, 'title'),
    startupMessage(officerCatalogs, language, describeStartupFailure(error)),
  );
  app.quit();
}
