/**
 * Opaque tokens for file paths main hands to a window's page (recent entries, files the OS asked to open).
 * The page never sends a path back: it sends the token, and main looks up the path it issued. A token
 * main did not issue to this window (a guess, another window's, a path) is refused with one sentence that
 * says nothing about the file system (docs/security.md, "Paths stay in main").
 */
import { randomBytes } from 'node:crypto';

/** How many tokens a window keeps; the oldest are forgotten first (a page never needs more than a few). */
export const MAX_PATH_TOKENS = 256;

export const UNKNOWN_TOKEN = 'that file is no longer offered to this window: open it with File ▸ Open…';

export class PathTokens {
  private readonly paths = new Map<string, string>();

  /** A fresh token for `path` (an absolute path main itself chose or was given by the OS). */
  issue(path: string): string {
    const token = `f-${randomBytes(16).toString('hex')}`;
    this.paths.set(token, path);
    while (this.paths.size > MAX_PATH_TOKENS) this.paths.delete(this.paths.keys().next().value!);
    return token;
  }

  /** The path behind a token this window was given, or null. */
  resolve(token: string): string | null {
    return this.paths.get(token) ?? null;
  }
}
