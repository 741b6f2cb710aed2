import { randomBytes } from 'node:crypto';
import { securityHeaders } from '../security/csp';

/**
 * Documents on their way to Chromium: each is served once, from memory, at
 * app://print/<random token>, to the hidden window that prints it; nothing is written to disk.
 * The page may hold styles and inline fonts and nothing else: no script, no request.
 */
export const PRINT_HOST = 'print';
export const PRINT_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * An archived PDF on its way to the printer (a zone's workstation prints the server's bytes): shown
 * by Chromium's own PDF viewer, the only plugin, from this origin; nothing else may load.
 */
export const PRINT_PDF_CSP = "default-src 'none'; object-src 'self'; base-uri 'none'; form-action 'none'";

interface PrintPage {
  body: string | Buffer;
  contentType: string;
  csp: string;
}

export function createPrintPages() {
  const pages = new Map<string, PrintPage>();
  function register(page: PrintPage): { url: string; release: () => void } {
    const token = randomBytes(24).toString('hex');
    pages.set(token, page);
    return { url: `app://${PRINT_HOST}/${token}`, release: () => pages.delete(token) };
  }
  return {
    /** The URL to load; `release` forgets the page once printed. */
    add(html: string): { url: string; release: () => void } {
      return register({ body: html, contentType: 'text/html; charset=utf-8', csp: PRINT_PAGE_CSP });
    },
    /** The same for a PDF's exact bytes. */
    addPdf(pdf: Buffer): { url: string; release: () => void } {
      return register({ body: pdf, contentType: 'application/pdf', csp: PRINT_PDF_CSP });
    },
    /** The page for an app://print/ URL, or null when it is not (or no longer) ours. */
    serve(requestUrl: string): Response | null {
      let url: URL;
      try {
        url = new URL(requestUrl);
      } catch {
        return null;
      }
      if (url.host !== PRINT_HOST) return null;
      const page = pages.get(url.pathname.slice(1));
      if (page === undefined)
        return new Response('Not found', {
          status: 404,
          headers: { ...securityHeaders(PRINT_PAGE_CSP), 'Content-Type': 'text/plain; charset=utf-8' },
        });
      const headers = { ...securityHeaders(page.csp), 'Content-Type': page.contentType };
      return new Response(typeof page.body === 'string' ? page.body : new Uint8Array(page.body), {
        status: 200,
        headers,
      });
    },
  };
}

export type PrintPages = ReturnType<typeof createPrintPages>;
