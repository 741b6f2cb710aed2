import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { DocumentOutput } from '../documents/output';

export const DEFAULT_CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The browser host's document output: the same HTML the app prints, made into a PDF by a
 * headless Chromium (Playwright's page.pdf, which is printToPDF underneath). The page gets no
 * network and no script; the browser starts at the first document and stays for the next.
 */
export function createChromiumPdfOutput(executablePath = DEFAULT_CHROMIUM_PATH): DocumentOutput {
  let browser: Promise<Browser> | undefined;
  const launch = () => {
    if (!fs.existsSync(executablePath)) throw new Error(`No Chromium at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`);
    return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'] });
  };
  return {
    async toPdf(html) {
      browser ??= launch();
      const context = await (await browser).newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        // Only the document itself: its fonts are inline, so any request is a mistake.
        await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: false });
      } finally {
        await context.close();
      }
    },
    async close() {
      if (browser) await (await browser).close();
    },
  };
}
