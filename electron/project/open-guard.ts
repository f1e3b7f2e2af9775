/**
 * Opening a project file that may have been crafted to attack the reader (SQLite's "defense against the
 * dark arts", https://www.sqlite.org/security.html). The bytes are read into memory first, so SQLite never
 * touches the file itself (nothing is written beside it, not even the -wal/-shm a WAL-flagged file would
 * get, and a read-only folder does not matter); then, before any table is read:
 *
 * - defensive mode on, `trusted_schema` off, cell size checks on, no memory mapping, queries only;
 * - the schema must be exactly the one a layout version of this build writes: the same tables with
 *   the same definitions, and no views, triggers, indexes or virtual tables (a view named `elements`
 *   that recurses forever is refused here, before it could run);
 * - the row counts and value sizes must be within bounds, and every stored value must be text.
 *
 * Reads are then bounded by the size of the file; the app also runs them in a worker thread with a
 * deadline (open-job.ts), the CLI under a watchdog (read-watchdog.ts). Neither can stop a SQLite statement
 * midway (better-sqlite3 exposes no progress handler or interrupt), so this check, before any query, is the
 * bound that matters: the recursive view is refused here without running.
 */
import Database from 'better-sqlite3';
import { quoteName, UserFacingError } from '../util/messages';
import { applyFileMigrations, FILE_MIGRATIONS } from './file-migrations';

/** Largest project file opened (the whole file is held in memory while it is read). */
export const MAX_PROJECT_BYTES = 1024 * 1024 * 1024;
/** Most rows in one table. */
export const MAX_TABLE_ROWS = 5_000_000;
/** Largest single stored value, in bytes (a simulation result of a very large design stays far below). */
export const MAX_VALUE_BYTES = 256 * 1024 * 1024;

// Offsets in the SQLite header: file format write/read versions (2 = WAL).
const WRITE_VERSION_OFFSET = 18;
const READ_VERSION_OFFSET = 19;

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const normalizeSql = (sql: string | null) => (sql === null ? null : sql.replace(/\s+/g, ' ').trim());

const expectedSchemas = new Map<number, Map<string, SchemaRow>>();

/** The schema a file of layout `version` has when this build (or an earlier one) wrote it. */
function expectedSchema(version: number, nativeBinding: string | undefined): Map<string, SchemaRow> {
  let schema = expectedSchemas.get(version);
  if (!schema) {
    const db = new Database(':memory:', { nativeBinding });
    try {
      db.transaction(() => applyFileMigrations(db, 0, FILE_MIGRATIONS.slice(0, version), ''))();
      schema = new Map((db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema').all() as SchemaRow[]).map((r) => [r.name, r]));
    } finally {
      db.close();
    }
    expectedSchemas.set(version, schema);
  }
  return schema;
}

/** Applies the connection settings that keep a hostile file from doing more than being read. */
function harden(db: Database.Database): void {
  db.unsafeMode(false); // keeps SQLITE_DBCONFIG_DEFENSIVE on (better-sqlite3's default)
  db.pragma('trusted_schema = OFF');
  db.pragma('cell_size_check = ON');
  db.pragma('mmap_size = 0');
}

/**
 * Opens the bytes of a project file (header already classified as layout `fileVersion`) as an in-memory
 * database and checks its schema. `writable` gives a private copy that migrations may change. Throws a
 * one-line UserFacingError for a schema Rackplane does not write; SQLite errors (damage) propagate.
 */
export function openUntrusted(path: string, bytes: Buffer, fileVersion: number, opts: { nativeBinding?: string; writable?: boolean }): Database.Database {
  // A WAL-flagged header would make SQLite look for a -wal file; the copy in memory is read as a plain
  // database (a WAL file beside it is not Rackplane's: it never writes one).
  if (bytes[WRITE_VERSION_OFFSET] === 2 || bytes[READ_VERSION_OFFSET] === 2) {
    bytes[WRITE_VERSION_OFFSET] = 1;
    bytes[READ_VERSION_OFFSET] = 1;
  }
  const db = new Database(bytes, { readonly: !opts.writable, nativeBinding: opts.nativeBinding });
  try {
    harden(db);
    checkSchema(db, path, fileVersion, opts.nativeBinding);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function checkSchema(db: Database.Database, path: string, fileVersion: number, nativeBinding: string | undefined): void {
  const expected = expectedSchema(fileVersion, nativeBinding);
  const actual = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema').all() as SchemaRow[];
  const refuse = (what: string) =>
    new UserFacingError(`${quoteName(path)} was altered outside Rackplane (${what}): Rackplane refuses to open it; restore it from a backup`);
  const seen = new Set<string>();
  for (const row of actual) {
    const want = expected.get(row.name);
    const kind = /^\s*CREATE\s+VIRTUAL\b/i.test(row.sql ?? '') ? 'virtual table' : row.type;
    const label = `${kind} “${String(row.name).slice(0, 60)}”`;
    if (!want) throw refuse(`its database holds ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${label}, which Rackplane never writes`);
    if (want.type !== row.type || want.tbl_name !== row.tbl_name) throw refuse(`“${want.name}” is a ${row.type}, not a ${want.type}`);
    if (normalizeSql(want.sql) !== normalizeSql(row.sql)) throw refuse(`the definition of ${label} was changed`);
    seen.add(row.name);
  }
  for (const name of expected.keys()) if (!seen.has(name)) throw refuse(`its ${expected.get(name)!.type} “${name}” is missing`);
}

/**
 * Refuses tables with more rows, or larger or non-text values, than Rackplane writes. `textColumns` must
 * hold text (or NULL, for those also in `nullable`).
 */
export function checkBounds(db: Database.Database, path: string, table: string, textColumns: readonly string[], nullable: readonly string[] = []): void {
  const nonText = textColumns.map((c) => `coalesce(sum(typeof(${c}) NOT IN ('text'${nullable.includes(c) ? ", 'null'" : ''})), 0)`).join(' + ');
  const sizes = textColumns.map((c) => `coalesce(max(octet_length(${c})), 0)`).join(', ');
  const row = db.prepare(`SELECT count(*) AS n, ${nonText} AS bad, max(${sizes}, 0) AS largest FROM ${table}`).get() as {
    n: number;
    bad: number;
    largest: number;
  };
  const refuse = (what: string) => new UserFacingError(`${quoteName(path)} cannot be opened: ${what}; it was not written by Rackplane, or it is damaged`);
  if (row.n > MAX_TABLE_ROWS) throw refuse(`its ${table} table has ${row.n} rows (at most ${MAX_TABLE_ROWS} are read)`);
  if (row.bad > 0) throw refuse(`its ${table} table holds values that are not text`);
  if (row.largest > MAX_VALUE_BYTES) throw refuse(`its ${table} table holds a value of ${row.largest} bytes (at most ${MAX_VALUE_BYTES} are read)`);
}
