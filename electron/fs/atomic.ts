/**
 * Crash-safe file replacement: write a complete new file beside the target, fsync it, rename it over
 * the target, fsync the directory. A crash or SIGKILL at any moment leaves the old file or the new
 * one, never a torn mix; the worst leftover is a stale temp file, which readers ignore by name.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Suffix of every temp file this module creates (so listings can skip stale ones). */
export const TEMP_SUFFIX = '.tmp';

/** A fresh temp path in the target's directory: `.<name>.<random>.tmp` (same filesystem, so rename is atomic). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/** True for names created by `tempPathFor`. */
export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX);
}

/** Flushes a file's data to disk. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes a rename durable. POSIX only: Windows cannot open a directory for fsync, and NTFS journals the
 * rename itself (MoveFileEx), so there it is skipped.
 */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } catch (e) {
    // Some filesystems (e.g. certain network mounts) refuse fsync on directories; the rename still happened.
    if ((e as NodeJS.ErrnoException).code !== 'EINVAL' && (e as NodeJS.ErrnoException).code !== 'ENOTSUP') throw e;
  } finally {
    closeSync(fd);
  }
}

/** Removes a file if present; never throws (used on failure paths, where the first error matters). */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The original error is what the user needs to see; a leftover temp file is ignored by readers.
  }
}

/**
 * Fills a temp file with `fill(tempPath)`, fsyncs it and renames it over `target`. The temp file is
 * removed when anything fails.
 */
export function replaceFileAtomically(target: string, fill: (tempPath: string) => void): void {
  const tmp = tempPathFor(target);
  try {
    fill(tmp);
    fsyncFile(tmp);
    renameSync(tmp, target);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
  fsyncDir(dirname(target));
}

/** Writes text or bytes to `target` atomically. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  replaceFileAtomically(target, (tmp) => writeFileSync(tmp, data, { flag: 'wx' }));
}
