/**
 * Crash-safe file replacement: write a complete new file beside the target, fsync it, rename it over
 * the target, fsync the directory. A crash or SIGKILL at any moment leaves the old file or the new
 * one, never a torn mix. The temp file is created with the target's permissions (a 0600 project never
 * has a 0644 copy beside it), is removed on every failure path, and one left by a killed process is
 * removed by the next save or open of that file (temp-files.ts).
 */
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isTempName, newTempPath, registerTemp, TEMP_SUFFIX, unregisterTemp } from './temp-files';

export { isTempName, TEMP_SUFFIX };

/** A fresh temp path in the target's directory: `.<name>.<host>-<pid>-<random>.tmp` (same filesystem, so rename is atomic). */
export function tempPathFor(target: string): string {
  return newTempPath(target);
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

/** Permission bits of an existing target, or null when there is none yet (then the umask decides, as for any new file). */
function existingMode(target: string): number | null {
  try {
    return statSync(target).mode & 0o7777;
  } catch {
    return null;
  }
}

/**
 * Creates the empty temp file for `target` (exclusively, so nothing planted at that name is followed)
 * with the target's permission bits: it is private from its first byte when the target is.
 */
function createTemp(tmp: string, mode: number | null): void {
  // Owner-only until fchmod sets the target's bits; a new target gets the usual 0666 & ~umask.
  const fd = openSync(tmp, 'wx', mode === null ? 0o666 : 0o600);
  try {
    if (mode !== null) fchmodSync(fd, mode);
  } finally {
    closeSync(fd);
  }
}

/**
 * Fills a temp file with `fill(tempPath)` (it exists, empty, when `fill` runs), fsyncs it and renames it
 * over `target`. The temp file (and any SQLite journal of it) is removed when anything fails. A caller that must
 * know the temp file before it exists (to remove it if the thread writing it is stopped) passes `tmp` from tempPathFor.
 */
export function replaceFileAtomically(target: string, fill: (tempPath: string) => void, tmp: string = tempPathFor(target)): void {
  registerTemp(tmp);
  try {
    createTemp(tmp, existingMode(target));
    fill(tmp);
    fsyncFile(tmp);
    renameSync(tmp, target);
  } catch (e) {
    removeQuietly(tmp);
    removeQuietly(`${tmp}-journal`);
    throw e;
  } finally {
    unregisterTemp(tmp);
  }
  fsyncDir(dirname(target));
}

/** Writes text or bytes to `target` atomically. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  replaceFileAtomically(target, (tmp) => writeFileSync(tmp, data, { flag: 'r+' }));
}
