/**
 * The recent-projects list in `<userData>/recent.json`: at most ten absolute paths, most recent first,
 * files that no longer exist pruned. The list is a convenience: a damaged file is replaced, not reported.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic';

export const MAX_RECENT = 10;
const FILE_NAME = 'recent.json';

const recentFile = (userDataDir: string) => join(userDataDir, FILE_NAME);

function readRaw(userDataDir: string): string[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(recentFile(userDataDir), 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string' && p.length > 0) : [];
  } catch {
    return [];
  }
}

function write(userDataDir: string, paths: string[]): void {
  const file = recentFile(userDataDir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(paths, null, 2) + '\n');
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((p, i) => p === b[i]);

/** The recent list with missing files pruned (the pruned list is written back). */
export function readRecent(userDataDir: string): string[] {
  const raw = readRaw(userDataDir);
  const kept = [...new Set(raw)].filter((p) => existsSync(p)).slice(0, MAX_RECENT);
  if (!same(raw, kept)) write(userDataDir, kept);
  return kept;
}

/** Moves `path` to the front of the list; returns the new list. */
export function addRecent(userDataDir: string, path: string): string[] {
  const next = [path, ...readRaw(userDataDir).filter((p) => p !== path && existsSync(p))].slice(0, MAX_RECENT);
  write(userDataDir, next);
  return next;
}

/** Drops `path` from the list (a file that failed to open because it is gone). */
export function removeRecent(userDataDir: string, path: string): string[] {
  const raw = readRaw(userDataDir);
  const next = raw.filter((p) => p !== path);
  if (!same(raw, next)) write(userDataDir, next);
  return next;
}
