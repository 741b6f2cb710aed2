import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { AppConfig } from '../config';

export interface WebPreferencesInput {
  /** Absolute path of the built preload (`preload.cjs` beside the main bundle). */
  preloadPath: string;
  isPackaged: boolean;
}

/**
 * The only source of `webPreferences` in the app: every window gets these, so one test pins
 * them all. Electron's defaults already match most values; they are spelled out so that a
 * future default change or a copy-pasted window cannot loosen them silently.
 */
export function secureWebPreferences(input: WebPreferencesInput): WebPreferences {
  return {
    preload: input.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    navigateOnDragDrop: false,
    // The spellchecker hands typed text to the operating system's spelling service (macOS,
    // Windows) and downloads dictionaries on Linux: a victim's statement stays in the app.
    spellcheck: false,
    // An officer could otherwise read or change state behind the UI's back.
    devTools: !input.isPackaged,
  };
}

/**
 * The hidden window that turns a document into a PDF or sends it to the printer: the same
 * hardening, no preload (it talks to nothing) and no JavaScript (a document is static HTML).
 */
export function printWindowOptions(input: { isPackaged: boolean }): BrowserWindowConstructorOptions {
  const preferences = secureWebPreferences({ preloadPath: '', isPackaged: input.isPackaged });
  delete preferences.preload;
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: { ...preferences, javascript: false, devTools: false },
  };
}

/**
 * The hidden window that sends an archived PDF's exact bytes to the printer (a zone's workstation:
 * the server made and archived the PDF). Chromium shows a PDF through its built-in viewer, which is
 * a plugin running its own scripts: so plugins and JavaScript are on here, and only here; the page
 * is the PDF alone (print-pages.ts, PRINT_PDF_CSP), with no preload and the same sandbox.
 */
export function pdfPrintWindowOptions(input: { isPackaged: boolean }): BrowserWindowConstructorOptions {
  const options = printWindowOptions(input);
  return { ...options, webPreferences: { ...options.webPreferences, javascript: true, plugins: true } };
}

export function mainWindowOptions(input: WebPreferencesInput): BrowserWindowConstructorOptions {
  return {
    title: 'Hearing Desk',
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    backgroundColor: '#ffffff',
    // Shown on 'ready-to-show', so nobody sees a blank frame.
    show: false,
    webPreferences: secureWebPreferences(input),
  };
}

/** What the window factory needs of a BrowserWindow (tests pass a fake class). */
export interface ProtectableWindow {
  setContentProtection(enable: boolean): void;
}

export interface WindowFactoryDeps<W extends ProtectableWindow> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  /** config.json's setting; read at each window, so a window made before the core exists is protected too. */
  screenCapture: () => AppConfig['screenCapture'];
}

/**
 * The only place the app makes a window (the main window, the hidden print windows), with the
 * options above: each is left out of screenshots, screen sharing and remote-desktop capture
 * (Windows, macOS) before it loads anything, unless the zone allows capture for training.
 */
export function createWindowFactory<W extends ProtectableWindow>(
  deps: WindowFactoryDeps<W>,
): (options: BrowserWindowConstructorOptions) => W {
  return (options) => {
    const window = new deps.BrowserWindow(options);
    window.setContentProtection(deps.screenCapture() !== 'allowedForTraining');
    return window;
  };
}
