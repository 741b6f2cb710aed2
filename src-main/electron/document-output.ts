import fs from 'node:fs';
import { dialog, type BaseWindow, type BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { DocumentOutput } from '../documents/output';
import type { PrintPages } from './print-pages';
import { printWindowOptions } from './window-options';

export interface ElectronDocumentOutputDeps {
  pages: PrintPages;
  /** The app window of that client, to which the dialogs are modal. */
  windowOf(clientId: string): BaseWindow | undefined;
  /** The app's window factory (window-options.ts): a document is protected from capture like the app. */
  openWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  isPackaged: boolean;
}

/**
 * The app's document output: the document's HTML in a hidden, script-less window, then Chromium's
 * printToPDF (tagged) or the system print dialog; and the save dialog for an archived PDF.
 * The same HTML as the browser host's (src-main/browser-host/chromium-pdf.ts).
 */
export function createElectronDocumentOutput(deps: ElectronDocumentOutputDeps): DocumentOutput {
  async function withPage<T>(html: string, use: (window: BrowserWindow) => Promise<T>): Promise<T> {
    const page = deps.pages.add(html);
    const window = deps.openWindow(printWindowOptions({ isPackaged: deps.isPackaged }));
    try {
      await window.loadURL(page.url);
      return await use(window);
    } finally {
      page.release();
      if (!window.isDestroyed()) window.destroy();
    }
  }

  return {
    toPdf: (html) =>
      withPage(html, (window) =>
        window.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          generateTaggedPDF: true,
          generateDocumentOutline: false,
        }),
      ),
    print: (html) =>
      withPage(
        html,
        (window) =>
          new Promise<boolean>((resolve) => {
            // The system dialog: printer, copies, paper. A cancel prints (and archives) nothing.
            window.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success));
          }),
      ),
    async savePdf(pdf, suggestedName, clientId) {
      const parent = deps.windowOf(clientId);
      if (!parent) return false;
      const result = await dialog.showSaveDialog(parent, {
        defaultPath: suggestedName,
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      });
      if (result.canceled || !result.filePath) return false;
      await fs.promises.writeFile(result.filePath, pdf, { mode: 0o600 });
      return true;
    },
  };
}
