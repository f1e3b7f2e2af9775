/**
 * `.rackplane` project files: a SQLite database (better-sqlite3) with one row per element and per link.
 *
 * Saving writes a complete new database to a temp file beside the target and renames it over the
 * target (fs/atomic.ts), so a crash at any moment leaves the old project or the new one. Opening is
 * read-only and never throws: every way a file can be unusable becomes a one-line reason.
 */
import Database from 'better-sqlite3';
import { chmodSync, lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { loadDocument, TOPOLOGY_FORMAT, type LoadResult } from '../../shared/formats/topology';
import { CURRENT_DOCUMENT_VERSION } from '../../shared/model/migrations';
import type { Design } from '../../shared/model/design';
import { EMPTY_SIMULATION, type ProjectSimulation } from '../../shared/sim/persist';
import packageJson from '../../package.json';
import { replaceFileAtomically } from '../fs/atomic';
import { describeError, oneLine, quoteName, UserFacingError } from '../util/messages';
import { APPLICATION_ID, PROJECT_FORMAT, readHeader } from './file-format';
import { applyFileMigrations, CURRENT_FILE_VERSION, FILE_MIGRATIONS } from './file-migrations';
import { readSimulationRows, writeSimulationRows } from './simulation-rows';

export interface StoreOptions {
  /** Path of a better_sqlite3.node built for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
}

/** What opening a project gives: the design (as `loadDocument` does) plus its stored simulation state. */
export type ProjectLoadResult = (Extract<LoadResult, { ok: true }> & { simulation: ProjectSimulation }) | Extract<LoadResult, { ok: false }>;

/** Keys of the `meta` table. */
const META = {
  format: 'format',
  fileVersion: 'fileVersion',
  documentVersion: 'documentVersion',
  appVersion: 'appVersion',
  savedAt: 'savedAt',
  design: 'design',
} as const;

/**
 * Writes `design` (and the simulation state, if any) to `path` atomically. Refuses (throws a one-line UserFacingError) when `path` is a
 * folder or an existing file that is not a Rackplane project; an empty file holds nothing to lose and
 * may be replaced. Saving through a symbolic link updates the file it points to.
 */
export function saveProject(path: string, design: Design, opts: StoreOptions = {}, simulation: ProjectSimulation = EMPTY_SIMULATION): void {
  const target = checkSaveTarget(path);
  try {
    replaceFileAtomically(target.path, (tmp) => {
      writeDatabase(tmp, design, opts, simulation);
      if (target.existing) chmodSync(tmp, target.existing.mode & 0o7777);
    });
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    // The target itself may be missing; ENOENT here means its folder is gone.
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `the folder ${dirname(target.path)} does not exist` : describeError(e);
    throw new UserFacingError(`cannot save ${quoteName(path)}: ${why}`);
  }
}

function checkSaveTarget(path: string): { path: string; existing: Stats | null } {
  let link: Stats;
  try {
    link = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      if (!isDirectory(dirname(path))) throw new UserFacingError(`cannot save ${quoteName(path)}: the folder ${dirname(path)} does not exist`);
      return { path, existing: null };
    }
    throw new UserFacingError(`cannot save ${quoteName(path)}: ${describeError(e)}`);
  }
  // Renaming over a symlink would replace the link itself; write where it points instead.
  const real = link.isSymbolicLink() ? safeRealpath(path) : path;
  if (real === null) return { path, existing: null };
  const st = link.isSymbolicLink() ? statSync(real) : link;
  if (st.isDirectory()) throw new UserFacingError(`cannot save ${quoteName(path)}: it is a folder; choose a file name`);
  if (!st.isFile()) throw new UserFacingError(`cannot save ${quoteName(path)}: it is not a regular file`);
  const header = readHeader(real);
  if (header.kind === 'not-sqlite' || header.kind === 'foreign') {
    throw new UserFacingError(
      `${quoteName(path)} already exists and is not a Rackplane project: Rackplane will not overwrite it; choose another name`,
    );
  }
  return { path: real, existing: st };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** realpath of a symlink, or null when it dangles (then the link itself is replaced). */
function safeRealpath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** Rows per INSERT statement: one native call per batch instead of per row (about 25% faster saves). */
const BATCH_ROWS = 256;

/**
 * Inserts one row per item with multi-row statements. `put` writes an item's column values into the
 * shared parameter array at `at`; reusing that array keeps a 100,000-row save from churning the heap.
 */
function insertRows<T>(db: Database.Database, table: string, columns: readonly string[], items: readonly T[], put: (item: T, params: unknown[], at: number) => void): void {
  const width = columns.length;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const sql = (n: number) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`;
  const full = items.length >= BATCH_ROWS ? db.prepare(sql(BATCH_ROWS)) : null;
  const params: unknown[] = new Array(BATCH_ROWS * width);
  let count = 0;
  for (const item of items) {
    put(item, params, count * width);
    if (++count === BATCH_ROWS) {
      full!.run(params);
      count = 0;
    }
  }
  if (count > 0) db.prepare(sql(count)).run(params.slice(0, count * width));
}

function writeDatabase(file: string, design: Design, opts: StoreOptions, simulation: ProjectSimulation): void {
  const db = new Database(file, { nativeBinding: opts.nativeBinding });
  try {
    // No journal file and no syncing: this is a private temp file; atomicity comes from fsync + rename.
    // (MEMORY rather than OFF: better-sqlite3 runs SQLite in defensive mode, which ignores journal_mode=OFF.
    // New pages are never journalled, so a bulk write into an empty file costs nothing extra.)
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    // 16 KiB pages: ~13% less SQLite work on a 50,000-element save than the 4 KiB default, for an empty
    // project of 128 KiB (eight pages). Readers take the page size from the file header.
    db.pragma('page_size = 16384');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    const savedAt = new Date().toISOString();
    db.transaction(() => {
      applyFileMigrations(db, 0, FILE_MIGRATIONS, savedAt);
      const meta: [string, string][] = [
        [META.format, PROJECT_FORMAT],
        [META.fileVersion, String(CURRENT_FILE_VERSION)],
        [META.documentVersion, String(CURRENT_DOCUMENT_VERSION)],
        [META.appVersion, packageJson.version],
        [META.savedAt, savedAt],
        [META.design, JSON.stringify(design.meta)],
      ];
      insertRows(db, 'meta', ['key', 'value'], meta, ([k, v], p, at) => {
        p[at] = k;
        p[at + 1] = v;
      });
      // Rows go in the design's own order, so reading returns records in the order they were saved.
      // (Sorting by id first would make the primary-key index append-only, but costs more than it saves.)
      insertRows(db, 'elements', ['id', 'kind', 'parent', 'json'], Object.values(design.elements), (e, p, at) => {
        p[at] = e.id;
        p[at + 1] = e.kind;
        p[at + 2] = e.parent;
        p[at + 3] = JSON.stringify(e);
      });
      insertRows(db, 'links', ['id', 'kind', 'a_element', 'b_element', 'json'], Object.values(design.links), (l, p, at) => {
        p[at] = l.id;
        p[at + 1] = l.kind;
        p[at + 2] = l.a.element;
        p[at + 3] = l.b.element;
        p[at + 4] = JSON.stringify(l);
      });
      writeSimulationRows(db, simulation);
    })();
  } finally {
    db.close();
  }
}

/**
 * Reads a project. Never throws and never writes: a missing path, a folder, a file that is not SQLite,
 * another application's database, a damaged or truncated file, or one from a newer Rackplane each give
 * `{ok:false, reason}` with one line the user can act on. Older layouts are migrated in memory.
 */
export function openProject(path: string, opts: StoreOptions = {}): ProjectLoadResult {
  try {
    return openChecked(path, opts);
  } catch (e) {
    const reason = e instanceof UserFacingError ? e.message : describeOpenFailure(path, e);
    return { ok: false, reason: oneLine(reason) };
  }
}

function describeOpenFailure(path: string, e: unknown): string {
  const code = String((e as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR')) {
    return damaged(path, describeError(e));
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return `cannot open ${quoteName(path)}: another program is writing it; try again when it has finished`;
  }
  return `cannot open ${quoteName(path)}: ${describeError(e)}`;
}

// Rackplane never writes a project in place, so damage came from outside (disk, sync tool, another program).
const damaged = (path: string, detail: string) =>
  `${quoteName(path)} is damaged (${detail.replace(/\*\*\* in database \w+ \*\*\*\s*/, '')}): restore it from a backup`;

function openChecked(path: string, opts: StoreOptions): ProjectLoadResult {
  const fileVersion = checkOpenTarget(path);
  let db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: opts.nativeBinding });
  try {
    const problems = db.pragma('quick_check(1)', { simple: true });
    if (problems !== 'ok') return { ok: false, reason: oneLine(damaged(path, String(problems))) };
    const migrated: string[] = [];
    if (fileVersion < CURRENT_FILE_VERSION) {
      // Upgrade a copy in memory: opening never writes, and the next save writes the current layout.
      const copy = new Database(db.serialize(), { nativeBinding: opts.nativeBinding });
      db.close();
      db = copy;
      db.transaction(() => migrated.push(...applyFileMigrations(db, fileVersion)))();
    }
    const raw = readDocument(db, path);
    const loaded = loadDocument(raw);
    if (!loaded.ok) return { ok: false, reason: oneLine(`${quoteName(path)}: ${loaded.reason}`) };
    // A v1 file reaches this point migrated, with empty simulation tables.
    const sim = readSimulationRows(db);
    return { ...loaded, repairs: [...loaded.repairs, ...sim.repairs], migrations: [...migrated, ...loaded.migrations], simulation: sim.simulation };
  } finally {
    db.close();
  }
}

/** Checks what is at `path` before SQLite sees it; returns the file layout version from the header. */
function checkOpenTarget(path: string): number {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw new UserFacingError(`cannot open ${quoteName(path)}: ${describeError(e)}`);
  }
  if (st.isDirectory()) throw new UserFacingError(`${quoteName(path)} is a folder, not a Rackplane project`);
  if (!st.isFile()) throw new UserFacingError(`${quoteName(path)} is not a regular file, so not a Rackplane project`);
  const header = readHeader(path);
  switch (header.kind) {
    case 'empty':
      throw new UserFacingError(`${quoteName(path)} is empty: it is not a Rackplane project (or it was never written)`);
    case 'not-sqlite':
      throw new UserFacingError(`${quoteName(path)} is not a Rackplane project (it is not a SQLite database, or it is badly damaged)`);
    case 'foreign':
      throw new UserFacingError(`${quoteName(path)} is a database of another application, not a Rackplane project`);
    case 'rackplane':
      if (header.fileVersion > CURRENT_FILE_VERSION) {
        throw new UserFacingError(
          `${quoteName(path)} was written by a newer Rackplane (file format ${header.fileVersion}; this version reads up to ${CURRENT_FILE_VERSION}): update Rackplane to open it`,
        );
      }
      if (header.fileVersion < 1) throw new UserFacingError(damaged(path, `file format ${header.fileVersion}`));
      return header.fileVersion;
  }
}

/** Builds the raw topology document from the tables; `loadDocument` validates and migrates it. */
function readDocument(db: Database.Database, path: string): Record<string, unknown> {
  const meta = new Map(
    (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
  );
  if (meta.get(META.format) !== PROJECT_FORMAT) throw new UserFacingError(damaged(path, 'its format marker is missing'));
  const documentVersion = Number(meta.get(META.documentVersion));
  if (!Number.isInteger(documentVersion) || documentVersion < 1) {
    throw new UserFacingError(damaged(path, 'its document version is missing'));
  }
  const parse = (text: string, what: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new UserFacingError(damaged(path, `${what} is not valid JSON`));
    }
  };
  const designMeta = parse(meta.get(META.design) ?? '{}', 'the design metadata');
  // Rowid order is the order the design held its records in when saved.
  // One JSON.parse over all rows of a table is markedly faster than one per row; only when it fails are the
  // rows parsed one by one, to name the damaged row.
  const parseRows = (rows: string[], what: string): unknown[] => {
    try {
      const all: unknown = JSON.parse(`[${rows.join(',')}]`);
      if (Array.isArray(all) && all.length === rows.length) return all;
    } catch {
      // fall through to the row-by-row parse below
    }
    return rows.map((t, i) => parse(t, `${what} row ${i + 1}`));
  };
  const elements = parseRows(db.prepare('SELECT json FROM elements').pluck().all() as string[], 'element');
  const links = parseRows(db.prepare('SELECT json FROM links').pluck().all() as string[], 'link');
  return { format: TOPOLOGY_FORMAT, version: documentVersion, meta: designMeta, elements, links };
}
