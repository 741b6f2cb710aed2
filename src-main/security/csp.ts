/**
 * The Content-Security-Policy of every page, served by the app:// protocol in Electron and by
 * the browser host. Scripts, styles and fonts come from the app itself; nothing else loads.
 */
export function contentSecurityPolicy(options: { devServerOrigin?: string } = {}): string {
  const self = options.devServerOrigin ? `'self' ${options.devServerOrigin}` : "'self'";
  const connect = options.devServerOrigin
    ? `'self' ${options.devServerOrigin} ${options.devServerOrigin.replace(/^http/, 'ws')}`
    : "'self'";
  // Only under `npm start`: Vite's dev server injects CSS as <style> elements. The built app
  // links its stylesheet and never needs inline styles.
  const style = options.devServerOrigin ? `${self} 'unsafe-inline'` : self;
  return [
    "default-src 'none'",
    `script-src ${self}`,
    `style-src ${style}`,
    `font-src ${self}`,
    `img-src ${self} data:`,
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Headers sent with every page and asset, whatever the host. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}
