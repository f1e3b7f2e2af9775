/** Turning failures into the one-line, actionable messages users see (never a stack trace). */
import { basename } from 'node:path';

/** Collapses line breaks and runs of whitespace so a message always fits on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

/** A file's name in quotes, as messages show it. */
export function quoteName(path: string): string {
  return `“${basename(path)}”`;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'it does not exist (it may have been moved or deleted)',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'the disk is full: free some space or use another disk',
  EDQUOT: 'your disk quota is used up: free some space or use another disk',
  EROFS: 'the disk is mounted read-only',
  EBUSY: 'the file is in use by another program',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the file name is too long (at most 255 bytes, and the whole path at most 4,096): choose a shorter name',
  EXDEV: 'the temporary file ended up on another disk',
};

/** The reason of an unknown thrown value, in words, on one line. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const raw = (e as NodeJS.ErrnoException).code;
    const code = raw === 'SQLITE_FULL' ? 'ENOSPC' : raw;
    if (code && ERRNO_TEXT[code]) return ERRNO_TEXT[code];
    return oneLine(e.message) || e.name;
  }
  return oneLine(String(e));
}

/** SQLite result codes that mean the same as an errno (SQLite reports a full disk while writing as SQLITE_FULL). */
const SQLITE_AS_ERRNO: Record<string, string> = { SQLITE_FULL: 'ENOSPC', SQLITE_READONLY: 'EROFS', SQLITE_IOERR_WRITE: 'EIO' };

/**
 * Why writing a file into `folder` failed, as its own sentence for the causes a user can fix: a folder
 * they may not write in, a read-only disk, a full disk, a name that is too long.
 */
export function describeWriteError(e: unknown, folder: string): string {
  const raw = String((e as { code?: unknown } | null)?.code ?? '');
  const code = SQLITE_AS_ERRNO[raw] ?? raw;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `you may not write in the folder ${folder} (permission denied): choose another folder, or ask its owner for write access`;
    case 'EROFS':
      return `the disk holding ${folder} is mounted read-only: save on another disk`;
    case 'ENOSPC':
      return `the disk holding ${folder} is full: free some space or save on another disk`;
    case 'EDQUOT':
      return `your disk quota on the disk holding ${folder} is used up: free some space or save on another disk`;
    case 'EIO':
      return `the disk holding ${folder} reported a write error: save on another disk, and check this one`;
    default:
      return describeError(e);
  }
}

/** A user-facing error whose message is already one actionable line. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(message: string) {
    super(oneLine(message));
  }
}
