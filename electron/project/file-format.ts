/**
 * Identity of a `.rackplane` file on disk: a SQLite database whose header carries Rackplane's
 * application id. The header is read directly (first 100 bytes) so that a foreign or damaged file can
 * be recognised without handing it to SQLite, and so that "Save As" never overwrites a file that is
 * not ours.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** `PRAGMA application_id` of every Rackplane project: "RPLN" as a big-endian 32-bit integer. */
export const APPLICATION_ID = 0x52504c4e;

/** Value of the `format` row in the `meta` table. */
export const PROJECT_FORMAT = 'rackplane-project';

/** File name extension of project files (with the dot). */
export const PROJECT_EXTENSION = '.rackplane';

const SQLITE_MAGIC = 'SQLite format 3\0';
const HEADER_SIZE = 100;
// Offsets in the SQLite database header (https://www.sqlite.org/fileformat.html#the_database_header).
const USER_VERSION_OFFSET = 60;
const APPLICATION_ID_OFFSET = 68;

export type HeaderKind =
  /** Zero bytes: nothing to lose, nothing to read. */
  | { kind: 'empty' }
  /** Not a SQLite database at all (or shorter than a SQLite header). */
  | { kind: 'not-sqlite' }
  /** A SQLite database of some other application. */
  | { kind: 'foreign'; applicationId: number }
  /** A Rackplane project; `fileVersion` is the header's user_version (our file schema version). */
  | { kind: 'rackplane'; fileVersion: number };

/** Classifies the first bytes of a file. */
export function classifyHeader(bytes: Uint8Array): HeaderKind {
  if (bytes.length === 0) return { kind: 'empty' };
  if (bytes.length < HEADER_SIZE) return { kind: 'not-sqlite' };
  const magic = String.fromCharCode(...bytes.subarray(0, SQLITE_MAGIC.length));
  if (magic !== SQLITE_MAGIC) return { kind: 'not-sqlite' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const applicationId = view.getUint32(APPLICATION_ID_OFFSET);
  if (applicationId !== APPLICATION_ID) return { kind: 'foreign', applicationId };
  return { kind: 'rackplane', fileVersion: view.getInt32(USER_VERSION_OFFSET) };
}

/** Reads and classifies the header of an existing regular file. Throws on I/O errors (callers report them). */
export function readHeader(path: string): HeaderKind {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(HEADER_SIZE);
    let got = 0;
    while (got < HEADER_SIZE) {
      const n = readSync(fd, buf, got, HEADER_SIZE - got, got);
      if (n === 0) break;
      got += n;
    }
    return classifyHeader(buf.subarray(0, got));
  } finally {
    closeSync(fd);
  }
}
