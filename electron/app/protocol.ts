/**
 * The `app://rackplane/…` scheme that serves the packaged renderer. A privileged standard scheme gives
 * the page a real origin, so ES-module workers and fetch work, which `file://` does not allow. Pure
 * functions here (no Electron) so the traversal guard and the headers are tested under Node.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'rackplane';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Content-Security-Policy of every response. `worker-src blob:` lets bundlers start module workers
 * from blob URLs; `style-src 'unsafe-inline'` is needed by React's style props and Konva's inline styles.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy for the Vite dev server (never used when packaged): its React refresh preamble is an
 * inline script, and hot reload talks over a WebSocket to the dev server's own host.
 */
export function devCsp(devServerUrl: string): string {
  const u = new URL(devServerUrl);
  const ws = `${u.protocol === 'https:' ? 'wss' : 'ws'}://${u.host}`;
  return CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `rootDir` that an `app://rackplane/…` URL names, or null when the URL is for another
 * host or scheme, is malformed, or would leave `rootDir` (`..`, encoded `%2e%2e`, backslashes, absolute
 * paths, NUL bytes). A path ending in `/` serves its index.html.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Backslashes are separators on Windows; NUL truncates paths in native code. Neither belongs in a URL path.
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
  const root = resolve(rootDir);
  const full = resolve(root, `.${pathname.startsWith('/') ? '' : '/'}${pathname}`);
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return full;
}

/** Headers of a served file. */
export function responseHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(path),
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}
