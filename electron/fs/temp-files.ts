/**
 * Names of the temp files atomic.ts writes beside a target, and the clean-up of ones a killed process
 * left behind. A name says whose it is: `.<target name>.<host>-<pid>-<random>.tmp`, so the next save
 * or open of that file can tell debris (its process is gone) from a save still running elsewhere.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/** Suffix of every temp file atomic.ts creates. */
export const TEMP_SUFFIX = '.tmp';

/** Journals SQLite may keep beside a temp database while it is written. */
const SIDE_FILES = ['-journal', '-wal', '-shm'] as const;

/** Longest file name most file systems accept (bytes). */
const MAX_NAME_BYTES = 255;

/** A temp file whose owner we cannot check (another machine on a shared folder, an older Rackplane) is debris after this long. */
const FOREIGN_STALE_MS = 24 * 60 * 60 * 1000;

const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 6);

// Owner tag and random part of current names; the 12-hex-digit form is what earlier builds wrote.
const CURRENT = /^([0-9a-f]{6})-(\d{1,10})-[0-9a-f]{8}$/;
const LEGACY = /^[0-9a-f]{12}$/;

/** Temp files of saves running in this thread right now (a save of this process is never debris while it runs). */
const active = new Set<string>();

export function registerTemp(path: string): void {
  active.add(path);
}

export function unregisterTemp(path: string): void {
  active.delete(path);
}

/** Cuts a UTF-8 string to at most `max` bytes without splitting a character. */
function clipUtf8(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/** The `.<name>.` prefix of temp files for `target` (the name clipped so a temp name fits where the target's does). */
function prefixFor(target: string): string {
  const tagBytes = `${HOST_TAG}-${4294967295}-${'0'.repeat(8)}`.length;
  return `.${clipUtf8(basename(target), MAX_NAME_BYTES - tagBytes - TEMP_SUFFIX.length - 2)}.`;
}

/** A fresh temp path in the target's folder. */
export function newTempPath(target: string): string {
  return join(dirname(target), `${prefixFor(target)}${HOST_TAG}-${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** True for names created by `newTempPath` (or an earlier build), and for SQLite journals of such files. */
export function isTempName(name: string): boolean {
  const base = SIDE_FILES.reduce((n, side) => (n.endsWith(side) ? n.slice(0, -side.length) : n), name);
  return base.startsWith('.') && base.endsWith(TEMP_SUFFIX);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the temp file `tempPath` (owner tag `tag`) is left over from a save that can no longer finish;
 * `filePath` is the file whose age counts (the temp file itself, or its journal).
 */
function isStale(tempPath: string, filePath: string, tag: string, now: number): boolean {
  const current = CURRENT.exec(tag);
  if (current && current[1] === HOST_TAG) {
    const pid = Number(current[2]);
    if (pid !== process.pid) return !processAlive(pid);
    // Our own process: stale unless one of our saves is writing it. Only the main thread knows its saves;
    // a worker thread of the same process leaves our files alone.
    return isMainThread && !active.has(tempPath);
  }
  if (!current && !LEGACY.test(tag)) return false;
  try {
    return now - statSync(filePath).mtimeMs > FOREIGN_STALE_MS;
  } catch {
    return false;
  }
}

/**
 * Removes temp files (and their journals) that earlier, interrupted saves of `target` left in its
 * folder. Never throws: a folder we cannot list or write is reported by the save or open itself.
 * Returns the names removed.
 */
export function removeStaleTemps(target: string): string[] {
  const dir = dirname(target);
  const prefix = prefixFor(target);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const now = Date.now();
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !isTempName(name)) continue;
    const side = SIDE_FILES.find((s) => name.endsWith(s));
    const tempName = side ? name.slice(0, -side.length) : name;
    const tag = tempName.slice(prefix.length, -TEMP_SUFFIX.length);
    const path = join(dir, name);
    if (!isStale(join(dir, tempName), path, tag, now)) continue;
    try {
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // A read-only folder: the debris stays until a save there can succeed.
    }
  }
  return removed;
}
