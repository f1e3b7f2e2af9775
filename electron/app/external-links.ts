/**
 * Which links the app hands to the user's browser. The page never opens windows of its own (every
 * `window.open`, `target=_blank` and middle click is denied); a link to a source such as a catalog
 * citation goes to the system browser, but only a plain https URL: `shell.openExternal` with `file:`,
 * `smb:`, custom schemes or `javascript:` can run programs or leak credentials (Electron security
 * checklist, "Do not use shell.openExternal with untrusted content").
 */

/** The URL to pass to `shell.openExternal`, normalised, or null when it must not be opened. */
export function externalLinkToOpen(url: string): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  // https only: plain http could be rewritten on the way, and every other scheme is a local handler.
  if (u.protocol !== 'https:' || !u.hostname) return null;
  // user:pass@host links are a phishing pattern and would send credentials to the browser's history.
  if (u.username || u.password) return null;
  return u.href;
}
