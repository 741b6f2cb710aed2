import fs from 'node:fs';
import { dialog, type BaseWindow, type BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { DocumentOutput } from '../documents/output';
import type { PrintPages } from './print-pages';
import { pdfPrintWindowOptions, printWindowOptions } from './window-options';

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
 * printToPDF (tagged); that PDF's own bytes in the system print dialog; and the save dialog for an
 * archived PDF. The same HTML as the browser host's (src-main/browser-host/chromium-pdf.ts).
 */
export function createElectronDocumentOutput(
  deps: ElectronDocumentOutputDeps,
): DocumentOutput & Required<Pick<DocumentOutput, 'savePdf' | 'printPdf'>> {
  async function withPage<T>(html: string, use: (window: BrowserWindow) => Promise<T>): Promise<T> {
    return inWindow(deps.pages.add(html), printWindowOptions({ isPackaged: deps.isPackaged }), use);
  }

  async function inWindow<T>(
    page: { url: string; release: () => void },
    options: BrowserWindowConstructorOptions,
    use: (window: BrowserWindow) => Promise<T>,
  ): Promise<T> {
    const window = deps.openWindow(options);
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
    // Standalone and in a zone: the archived PDF's own bytes, shown by Chromium's PDF viewer and
    // printed from it (Electron prints a PDF's pages from its viewer since 32: electron/electron#43309).
    printPdf: (pdf) =>
      inWindow(deps.pages.addPdf(pdf), pdfPrintWindowOptions({ isPackaged: deps.isPackaged }), systemPrintDialog),
    async savePdf(pdf: Buffer, suggestedName: string, clientId: string) {
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

/** The system dialog: printer, copies, paper; false when she cancelled. */
function systemPrintDialog(window: BrowserWindow): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    window.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success));
  });
}
