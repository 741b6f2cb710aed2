import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
};

/**
 * Maps a URL path to a file inside `root`, or null. Refuses anything that would leave the
 * folder (`..`, encoded separators, absolute paths, NUL) and anything that is not a plain file.
 * The page itself is `index.html`, served for `/`.
 */
export interface StaticFile {
  file: string;
  contentType: string;
  /** Hashed build assets never change under their name and hold no data: cache them for good. */
  cacheControl: string;
}

const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.(?:js|css|woff2?|ttf|svg|png)$/;

export function resolveStaticFile(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..')) return null;
  const rootResolved = path.resolve(root);
  const file = path.resolve(rootResolved, relative);
  if (!file.startsWith(rootResolved + path.sep)) return null;
  const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()];
  if (!contentType) return null;
  try {
    // realpath: a symlink inside the folder must not lead out of it.
    const real = fs.realpathSync(file);
    if (!real.startsWith(fs.realpathSync(rootResolved) + path.sep) || !fs.statSync(real).isFile()) return null;
    return {
      file: real,
      contentType,
      cacheControl: HASHED_ASSET.test(relative) ? 'public, max-age=31536000, immutable' : 'no-store',
    };
  } catch {
    return null;
  }
}
