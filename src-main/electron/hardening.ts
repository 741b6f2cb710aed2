import type { Session, WebContents } from 'electron';
import { securityHeaders } from '../security/csp';
import { originOf } from './sender-trust';

export interface WebContentsGuardOptions {
  log: (message: string) => void;
  /**
   * Development only: the Vite dev server's origin, whose full-page reloads after an edit are
   * renderer-initiated navigations. Never set in a packaged app.
   */
  devServerOrigin?: string;
}

/**
 * Applied to every webContents as it is created (`app.on('web-contents-created')`), so no window,
 * popup or devtools host escapes it. The app is one page: it never navigates, opens windows or
 * embeds webviews, so each of these is refused outright rather than filtered.
 */
export function hardenWebContents(contents: WebContents, options: WebContentsGuardOptions): void {
  const { log, devServerOrigin } = options;
  contents.on('will-navigate', (event, url) => {
    if (devServerOrigin !== undefined && originOf(url) === devServerOrigin) return;
    event.preventDefault();
    log(`Blocked navigation to ${describeUrl(url)}`);
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log(`Blocked redirect to ${describeUrl(url)}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked a new window for ${describeUrl(url)}`);
    return { action: 'deny' };
  });
}

/** Camera, microphone, notifications, geolocation, clipboard reads...: the app needs none. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * In development the page comes from the Vite dev server, which sends no CSP; adding it here
 * keeps `npm start` as strict as the packaged app, so a violation shows up before release.
 */
export function applyDevServerHeaders(session: Session, devServerOrigin: string, contentSecurityPolicy: string): void {
  const headers = securityHeaders(contentSecurityPolicy);
  const replaced = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  session.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (!replaced.has(name.toLowerCase())) responseHeaders[name] = value;
    }
    for (const [name, value] of Object.entries(headers)) responseHeaders[name] = [value];
    callback({ responseHeaders });
  });
}

/** Scheme and host only: a blocked URL may carry data in its path or query. */
function describeUrl(rawUrl: string): string {
  return originOf(rawUrl) ?? 'an address without a usable origin';
}
