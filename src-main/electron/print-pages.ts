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

export function createPrintPages() {
  const pages = new Map<string, string>();
  return {
    /** The URL to load; `release` forgets the page once printed. */
    add(html: string): { url: string; release: () => void } {
      const token = randomBytes(24).toString('hex');
      pages.set(token, html);
      return { url: `app://${PRINT_HOST}/${token}`, release: () => pages.delete(token) };
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
      const html = pages.get(url.pathname.slice(1));
      const headers = { ...securityHeaders(PRINT_PAGE_CSP), 'Content-Type': 'text/html; charset=utf-8' };
      return html === undefined
        ? new Response('Not found', { status: 404, headers })
        : new Response(html, { status: 200, headers });
    },
  };
}

export type PrintPages = ReturnType<typeof createPrintPages>;
