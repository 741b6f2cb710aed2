import fs from 'node:fs';
import { securityHeaders } from '../security/csp';
import { resolveStaticFile, type StaticFile } from '../security/static-files';

/**
 * The packaged renderer is served from `app://hearing-desk/`, never from file://: a custom
 * standard scheme gives the page a real origin (so CSP 'self' and the sender check mean
 * something) and reaches nothing but the renderer folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hearing-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

/**
 * Privileges for `protocol.registerSchemesAsPrivileged`. `corsEnabled` stays off on purpose:
 * it would let other origins read app:// responses. Same-origin module scripts need no CORS.
 */
// codeCache: V8 keeps the compiled renderer between starts (it needs `standard`).
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

export interface AppRequest {
  url: string;
  method: string;
}

export interface AppProtocolOptions {
  /** The built renderer folder. */
  rendererDir: string;
  contentSecurityPolicy: string;
}

/**
 * Answers one app:// request. Everything that is not a plain file inside the renderer folder
 * on our own host is a 404, whatever the reason, so a probe learns nothing.
 */
export async function serveAppRequest(request: AppRequest, options: AppProtocolOptions): Promise<Response> {
  const headers = securityHeaders(options.contentSecurityPolicy);
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    return new Response('Method not allowed', {
      status: 405,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' },
    });
  }
  const file = resolveAppRequestFile(options.rendererDir, request.url);
  if (!file) {
    return new Response('Not found', {
      status: 404,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const body = method === 'HEAD' ? null : await fs.promises.readFile(file.file);
  return new Response(body, {
    status: 200,
    headers: { ...headers, 'Content-Type': file.contentType, 'Cache-Control': file.cacheControl },
  });
}

/** The file an app:// URL stands for, or null; the traversal guard is resolveStaticFile's. */
export function resolveAppRequestFile(rendererDir: string, requestUrl: string): StaticFile | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '')
    return null;
  return resolveStaticFile(rendererDir, url.pathname);
}
