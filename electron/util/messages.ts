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
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the disk is read-only',
  EBUSY: 'the file is in use by another program',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the path is too long',
  EXDEV: 'the temporary file ended up on another disk',
};

/** The reason of an unknown thrown value, in words, on one line. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && ERRNO_TEXT[code]) return ERRNO_TEXT[code];
    return oneLine(e.message) || e.name;
  }
  return oneLine(String(e));
}

/** A user-facing error whose message is already one actionable line. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(message: string) {
    super(oneLine(message));
  }
}
