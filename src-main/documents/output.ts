/**
 * Where a document's HTML goes: Chromium turns it into a PDF, and in the app that PDF can go to a
 * printer. One rendering path (src-main/documents/), two thin adapters: the Electron shell's
 * (src-main/electron/document-output.ts: printToPDF, the system print dialog, the save dialog)
 * and the browser host's (src-main/browser-host/chromium-pdf.ts: Playwright's page.pdf).
 */
export interface DocumentOutput {
  /** A tagged A4 PDF of this self-contained HTML page. */
  toPdf(html: string): Promise<Buffer>;
  /**
   * The system print dialog for these PDF bytes: the ones whose text was checked and that the
   * archive keeps, never the HTML rendered again. False when she cancelled. Electron only.
   */
  printPdf?(pdf: Buffer, clientId: string): Promise<boolean>;
  /** The system save dialog for a PDF; false when cancelled. Electron only. */
  savePdf?(pdf: Buffer, suggestedName: string, clientId: string): Promise<boolean>;
  close?(): Promise<void>;
}

/** The number of pages of a PDF that Chromium wrote (one page object each). */
export function countPdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}
