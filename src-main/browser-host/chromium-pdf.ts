import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { DocumentOutput } from '../documents/output';

export const DEFAULT_CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The browser host's document output: the same HTML the app prints, made into a PDF by a
 * headless Chromium (Playwright's page.pdf, which is printToPDF underneath). One page without
 * script or network, started at the first document and kept for the next; documents are made
 * one at a time on it, so no two share it at once.
 */
export function createChromiumPdfOutput(executablePath = DEFAULT_CHROMIUM_PATH): DocumentOutput {
  let browser: Promise<Browser> | undefined;
  let page: Promise<Page> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function openPage(): Promise<Page> {
    if (!fs.existsSync(executablePath))
      throw new Error(`No Chromium at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`);
    // Loaded with the first document: Playwright takes a third of a second to load, and most
    // starts of the browser host print nothing.
    browser ??= import('playwright-core')
      .then(({ chromium }) =>
        chromium.launch({
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--no-first-run',
          ],
        }),
      )
      .then((launched) => {
        // A Chromium that stopped is started again at the next document.
        launched.on('disconnected', () => {
          browser = undefined;
          page = undefined;
        });
        return launched;
      });
    const context = await (await browser).newContext({ javaScriptEnabled: false, offline: true });
    const opened = await context.newPage();
    // Only the document itself: its fonts are inline, so any request is a mistake.
    await opened.route('**/*', (route) =>
      route.request().url().startsWith('data:') ? route.continue() : route.abort(),
    );
    return opened;
  }

  async function toPdf(html: string): Promise<Buffer> {
    page ??= openPage();
    let current: Page;
    try {
      current = await page;
    } catch (error) {
      page = undefined;
      throw error;
    }
    try {
      await current.setContent(html, { waitUntil: 'load' });
      // An expression, not a function: main is typed without the DOM.
      await current.evaluate('document.fonts.ready.then(() => undefined)');
      return await current.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        tagged: true,
        outline: false,
      });
    } catch (error) {
      // A crashed or closed page is replaced at the next document.
      page = undefined;
      throw error;
    } finally {
      // Nothing of her document stays in the page between two prints.
      await current.setContent('<!doctype html><title></title>').catch(() => undefined);
    }
  }

  return {
    toPdf(html) {
      const result = queue.then(() => toPdf(html));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      const running = browser;
      browser = undefined;
      page = undefined;
      if (running) await (await running).close();
    },
  };
}
