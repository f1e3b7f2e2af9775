/** Which pages may talk to the main process: only the app's own renderer, by origin. */

/**
 * `scheme://host[:port]` of a URL, or null. Computed by hand because WHATWG URL reports the origin of
 * custom schemes such as `app://` as "null".
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (!u.host) return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** True when `frameUrl` belongs to one of `trustedOrigins` (e.g. `app://rackplane`, or the dev server's origin). */
export function isTrustedFrameUrl(frameUrl: string | undefined | null, trustedOrigins: readonly string[]): boolean {
  if (!frameUrl) return false;
  const origin = originOf(frameUrl);
  return origin !== null && trustedOrigins.includes(origin);
}
