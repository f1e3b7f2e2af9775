/**
 * Whether two paths name the same file, as the file system sees it: through symbolic links (the real path, when the
 * file exists) and, on macOS and Windows, whose file systems usually ignore case, without regard to case. Main uses
 * it where treating one file as two would lose work (Save As onto the window's own file or onto a damaged one).
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The form of `path` two names of one file share on `platform`. */
export function canonicalPath(path: string, platform: string = process.platform): string {
  const absolute = resolve(path);
  let real: string;
  try {
    real = realpathSync.native(absolute);
  } catch {
    // Not there (yet): its folder may still be reached through a link.
    try {
      real = join(realpathSync.native(dirname(absolute)), basename(absolute));
    } catch {
      real = absolute;
    }
  }
  return platform === 'darwin' || platform === 'win32' ? real.toLowerCase() : real;
}

/** True when `a` and `b` name the same file on `platform`. */
export function sameFile(a: string, b: string, platform: string = process.platform): boolean {
  return canonicalPath(a, platform) === canonicalPath(b, platform);
}
