/**
 * The text Chromium actually put in a PDF, page by page, read in this process with Mozilla's
 * pdf.js: the last safety check reads what she will hold, not the HTML it came from (React writes
 * an apostrophe as an entity; CSS can hide, move or join text).
 */

import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';

let pdfjs: Promise<typeof PdfJs> | undefined;

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;

/**
 * Each page's text. pdf.js gives right-to-left runs in the order the glyphs are drawn; each such
 * run is added once more reversed, so that a value is found in either reading order.
 */
export async function extractPdfPages(pdf: Buffer): Promise<string[]> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  const task = getDocument({
    data: new Uint8Array(pdf),
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
    useSystemFonts: false,
    stopAtErrors: true,
  });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      const lines: string[] = [];
      const reversed: string[] = [];
      let line = '';
      let previous: { x: number; y: number; end: number; size: number } | null = null;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [, , , size = 0, x = 0, y = 0] = item.transform as number[];
        // Pieces drawn edge to edge are one word (a value split by markup stays whole); a gap is a space.
        const adjacent =
          previous !== null &&
          Math.abs(y - previous.y) < 0.5 &&
          Math.abs(x - previous.end) < Math.max(0.5, Math.abs(previous.size) * 0.1);
        if (previous !== null && !adjacent) line += ' ';
        line += item.str;
        previous = { x, y, end: x + item.width, size };
        if (item.hasEOL) {
          lines.push(line);
          line = '';
          previous = null;
        }
        if (RTL.test(item.str)) reversed.push([...item.str].reverse().join(''));
      }
      lines.push(line);
      pages.push(`${lines.join('\n')}\n${reversed.join('\n')}`);
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
