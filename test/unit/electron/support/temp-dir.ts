/** A fresh temp directory per test, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Returns a function that creates a new temp directory; all are removed after each test. */
export function useTempDirs(prefix = 'rackplane-test-'): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** Asserts a user-facing reason: one line, no stack trace, not empty. */
export function expectOneLine(reason: string): string {
  if (!reason || /[\r\n]/.test(reason) || /\bat .+:\d+:\d+/.test(reason) || reason.length > 400) {
    throw new Error(`not a one-line reason: ${JSON.stringify(reason)}`);
  }
  return reason;
}
