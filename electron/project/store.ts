/**
 * `.rackplane` project files: a SQLite database (better-sqlite3) with one row per element and per link.
 *
 * Saving writes a complete new database to a temp file beside the target and renames it over the
 * target (fs/atomic.ts), so a crash at any moment leaves the old project or the new one. Opening is
 * read-only and never throws: every way a file can be unusable becomes a one-line reason.
 */
import Database from 'better-sqlite3';
import { lstatSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { loadDocument, TOPOLOGY_FORMAT, type LoadResult } from '../../shared/formats/topology';
import { CURRENT_DOCUMENT_VERSION } from '../../shared/model/migrations';
import { checkIntegrity, designMetaSchema, type Design } from '../../shared/model/design';
import type { Element } from '../../shared/model/elements';
import type { Link } from '../../shared/model/links';
import { EMPTY_SIMULATION, type ProjectSimulation } from '../../shared/sim/persist';
import { replaceFileAtomically, tempPathFor } from '../fs/atomic';
import { removeStaleTemps } from '../fs/temp-files';
import { describeError, describeWriteError, oneLine, quoteName, UserFacingError } from '../util/messages';
import { CHECKSUM_KEY, ContentHasher, RecordsDigest, recordTablesSql } from './content-checksum';
import { APPLICATION_ID, classifyHeader, PROJECT_FORMAT, readHeader } from './file-format';
import { applyFileMigrations, CURRENT_FILE_VERSION, FILE_MIGRATIONS } from './file-migrations';
import { checkBounds, MAX_PROJECT_BYTES, openUntrusted } from './open-guard';
import { checkedAppVersion, taggedByThisBuild, writtenByThisBuild } from './schema-fingerprint';
import { CURRENT_SCENARIO_KEY, readSimulationRows, writeSimulationRows } from './simulation-rows';

export interface StoreOptions {
  /** Path of a better_sqlite3.node built for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  /** Told the temp file a save is about to write, before it exists (a worker's caller removes it if the worker is stopped). */
  onTemp?: (tempPath: string) => void;
}

/**
 * What opening a project gives: the design (as `loadDocument` does) plus its stored simulation state.
 * `damage` (one line) says the file changed outside Rackplane although it still reads: its content
 * checksum or a key column does not match. Such a file is shown read-only and never saved over.
 * `trusted` says the rows were what this build wrote (checksum and schema fingerprint, schema-fingerprint.ts), so
 * their per-record schema parse was skipped; without it every record went through full validation.
 */
export type ProjectLoadResult =
  | (Extract<LoadResult, { ok: true }> & { simulation: ProjectSimulation; damage?: string; trusted?: true })
  | Extract<LoadResult, { ok: false }>;

/** Keys of the `meta` table. */
const META = {
  format: 'format',
  fileVersion: 'fileVersion',
  documentVersion: 'documentVersion',
  appVersion: 'appVersion',
  savedAt: 'savedAt',
  design: 'design',
  checksum: CHECKSUM_KEY,
  currentScenario: CURRENT_SCENARIO_KEY,
} as const;

/**
 * Every meta key any Rackplane writes. Another key means the file was changed (a flipped bit in a key
 * name would otherwise hide a row, the checksum's included): a newer build that adds one raises the layout version.
 */
const KNOWN_META_KEYS: ReadonlySet<string> = new Set(Object.values(META));

/**
 * Writes `design` (and the simulation state, if any) to `path` atomically. Refuses (throws a one-line UserFacingError) when `path` is a
 * folder or an existing file that is not a Rackplane project; an empty file holds nothing to lose and
 * may be replaced. Saving through a symbolic link updates the file it points to.
 */
export function saveProject(path: string, design: Design, opts: StoreOptions = {}, simulation: ProjectSimulation = EMPTY_SIMULATION): void {
  const target = checkSaveTarget(path);
  // Temp files of earlier saves of this file that were killed before they could clean up.
  removeStaleTemps(target.path);
  try {
    // The temp file gets the target's permission bits when it is created (fs/atomic.ts).
    const tmp = tempPathFor(target.path);
    opts.onTemp?.(tmp);
    replaceFileAtomically(target.path, (file) => writeDatabase(file, design, opts, simulation), tmp);
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    // The target itself may be missing; ENOENT here means its folder is gone.
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `the folder ${dirname(target.path)} does not exist` : describeWriteError(e, dirname(target.path));
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
    const hasher = new ContentHasher();
    // The same records digested as the trusted read will (content-checksum.ts): bound into the app version's tag.
    const records = new RecordsDigest(RECORD_TABLES);
    db.transaction(() => {
      applyFileMigrations(db, 0, FILE_MIGRATIONS, savedAt);
      const meta: [string, string][] = [
        [META.format, PROJECT_FORMAT],
        [META.fileVersion, String(CURRENT_FILE_VERSION)],
        [META.documentVersion, String(CURRENT_DOCUMENT_VERSION)],
        [META.savedAt, savedAt],
        [META.design, JSON.stringify(design.meta)],
      ];
      hashMeta(hasher, String(CURRENT_DOCUMENT_VERSION), meta[4]![1]);
      hashMeta(records.rest, String(CURRENT_DOCUMENT_VERSION), meta[4]![1]);
      insertRows(db, 'meta', ['key', 'value'], meta, ([k, v], p, at) => {
        p[at] = k;
        p[at + 1] = v;
      });
      // Rows go in the design's own order, so reading returns records in the order they were saved.
      // (Sorting by id first would make the primary-key index append-only, but costs more than it saves.)
      insertRows(db, 'elements', ['id', 'kind', 'parent', 'json'], Object.values(design.elements), (e, p, at) => {
        const json = JSON.stringify(e);
        hasher.row('elements', [e.id, e.kind, e.parent ?? null, json]);
        records.row('elements', [e.id, e.kind, e.parent ?? null], json);
        p[at] = e.id;
        p[at + 1] = e.kind;
        p[at + 2] = e.parent;
        p[at + 3] = json;
      });
      insertRows(db, 'links', ['id', 'kind', 'a_element', 'b_element', 'json'], Object.values(design.links), (l, p, at) => {
        const json = JSON.stringify(l);
        hasher.row('links', [l.id, l.kind, l.a.element, l.b.element, json]);
        records.row('links', [l.id, l.kind, l.a.element, l.b.element], json);
        p[at] = l.id;
        p[at + 1] = l.kind;
        p[at + 2] = l.a.element;
        p[at + 3] = l.b.element;
        p[at + 4] = json;
      });
      hasher.tee = records.rest;
      writeSimulationRows(db, simulation, hasher);
      hasher.tee = null;
      // The app version carries the tag that lets this build's next open skip re-parsing every record (schema-fingerprint.ts).
      const tail: [string, string][] = [
        [META.checksum, hasher.digest()],
        [META.appVersion, checkedAppVersion(records.digest())],
      ];
      insertRows(db, 'meta', ['key', 'value'], tail, ([k, v], p, at) => {
        p[at] = k;
        p[at + 1] = v;
      });
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
  const bytes = readProjectBytes(path);
  const fileVersion = checkHeader(path, bytes);
  // Debris of killed saves of this file (only the main thread knows which saves are still running).
  if (isMainThread) removeStaleTemps(path);
  // A private in-memory copy: SQLite never touches the file, so opening cannot write beside it. An older
  // layout is upgraded in that copy; the next save writes the current one.
  const db = openUntrusted(path, bytes, fileVersion, { nativeBinding: opts.nativeBinding, writable: fileVersion < CURRENT_FILE_VERSION });
  try {
    const problems = db.pragma('quick_check(1)', { simple: true });
    if (problems !== 'ok') return { ok: false, reason: oneLine(damaged(path, String(problems))) };
    checkBounds(db, path, 'meta', ['key', 'value']);
    checkBounds(db, path, 'elements', ['id', 'kind', 'parent', 'json'], ['parent']);
    checkBounds(db, path, 'links', ['id', 'kind', 'a_element', 'b_element', 'json']);
    if (fileVersion >= 2) {
      checkBounds(db, path, 'scenarios', ['name', 'json']);
      checkBounds(db, path, 'sim_results', ['scenario', 'design_fingerprint', 'run_at', 'json']);
    }
    const migrated: string[] = [];
    if (fileVersion < CURRENT_FILE_VERSION) db.transaction(() => migrated.push(...applyFileMigrations(db, fileVersion)))();
    const meta = readMeta(db);
    const trusted = fileVersion === CURRENT_FILE_VERSION ? readTrusted(db, meta) : null;
    if (trusted) return trusted;
    const hasher = new ContentHasher();
    const { raw, stored, mismatches } = readDocument(db, path, meta, hasher);
    const loaded = loadDocument(raw);
    if (!loaded.ok) return { ok: false, reason: oneLine(`${quoteName(path)}: ${loaded.reason}`) };
    // A v1 file reaches this point migrated, with empty simulation tables.
    const sim = readSimulationRows(db, hasher);
    const damage = describeDamage(path, stored, hasher.digest(), mismatches);
    return {
      ...loaded,
      repairs: [...loaded.repairs, ...sim.repairs],
      migrations: [...migrated, ...loaded.migrations],
      simulation: sim.simulation,
      ...(damage ? { damage } : {}),
    };
  } finally {
    db.close();
  }
}

/** The one-line warning for a file that reads but changed since it was saved, or undefined when it did not. */
function describeDamage(path: string, storedChecksum: string | undefined, actual: string, mismatches: string[]): string | undefined {
  const why = mismatches[0] ?? (storedChecksum !== undefined && storedChecksum !== actual ? 'its content does not match the checksum saved with it' : null);
  if (!why) return undefined;
  return oneLine(`${quoteName(path)} changed after Rackplane saved it (${why}): Rackplane will not save over it; what could be read is open as an unsaved copy to save under a new name`);
}

/** The whole file, read once (SQLite then works on this copy). */
function readProjectBytes(path: string): Buffer {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw new UserFacingError(`cannot open ${quoteName(path)}: ${describeError(e)}`);
  }
  if (st.isDirectory()) throw new UserFacingError(`${quoteName(path)} is a folder, not a Rackplane project`);
  if (!st.isFile()) throw new UserFacingError(`${quoteName(path)} is not a regular file, so not a Rackplane project`);
  if (st.size > MAX_PROJECT_BYTES) {
    throw new UserFacingError(`${quoteName(path)} is larger than ${MAX_PROJECT_BYTES / 1024 ** 3} GiB: Rackplane does not open project files this large`);
  }
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UserFacingError(`cannot open ${quoteName(path)}: ${describeError(e)}`);
  }
}

/** Classifies the header of the bytes read; returns the file layout version. */
function checkHeader(path: string, bytes: Uint8Array): number {
  const header = classifyHeader(bytes.subarray(0, 100));
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

/** Feeds the content rows of `meta` to the checksum (the same values in the same order at save and open). */
function hashMeta(hasher: ContentHasher, documentVersion: string | null, designMeta: string | null): void {
  hasher.row('meta', [documentVersion, designMeta]);
}

/**
 * Builds the raw topology document from the tables; `loadDocument` validates and migrates it. Feeds every
 * content value to `hasher`, and lists rows whose key columns disagree with the JSON they index.
 */
function readDocument(
  db: Database.Database,
  path: string,
  meta: ReadonlyMap<string, string>,
  hasher: ContentHasher,
): { raw: Record<string, unknown>; stored: string | undefined; mismatches: string[] } {
  if (meta.get(META.format) !== PROJECT_FORMAT) throw new UserFacingError(damaged(path, 'its format marker is missing'));
  const documentVersion = Number(meta.get(META.documentVersion));
  if (!Number.isInteger(documentVersion) || documentVersion < 1) {
    throw new UserFacingError(damaged(path, 'its document version is missing'));
  }
  const mismatches: string[] = [];
  const unknownKey = [...meta.keys()].find((k) => !KNOWN_META_KEYS.has(k));
  if (unknownKey !== undefined) mismatches.push(`its metadata holds an unknown key “${unknownKey.slice(0, 40)}”`);
  hashMeta(hasher, meta.get(META.documentVersion) ?? null, meta.get(META.design) ?? null);
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
  const elementRows = db.prepare('SELECT id, kind, parent, json FROM elements ORDER BY rowid').raw().all() as [string, string, string | null, string][];
  const linkRows = db.prepare('SELECT id, kind, a_element, b_element, json FROM links ORDER BY rowid').raw().all() as [string, string, string, string, string][];
  for (const r of elementRows) hasher.row('elements', r);
  for (const r of linkRows) hasher.row('links', r);
  const elements = parseRows(elementRows.map((r) => r[3]), 'element');
  const links = parseRows(linkRows.map((r) => r[4]), 'link');
  // The key columns index the JSON (the CLI and queries use them): they must say the same.
  const field = (v: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), v);
  elements.forEach((e, i) => {
    const [id, kind, parent] = elementRows[i]!;
    if (field(e, 'id') !== id || field(e, 'kind') !== kind || (field(e, 'parent') ?? null) !== parent) {
      mismatches.push(`element row ${i + 1} (“${id.slice(0, 40)}”) does not match its key columns`);
    }
  });
  links.forEach((l, i) => {
    const [id, kind, a, b] = linkRows[i]!;
    if (field(l, 'id') !== id || field(l, 'kind') !== kind || field(l, 'a', 'element') !== a || field(l, 'b', 'element') !== b) {
      mismatches.push(`link row ${i + 1} (“${id.slice(0, 40)}”) does not match its key columns`);
    }
  });
  const raw = { format: TOPOLOGY_FORMAT, version: documentVersion, meta: designMeta, elements, links };
  return { raw, stored: meta.get(META.checksum), mismatches };
}

function readMeta(db: Database.Database): Map<string, string> {
  return new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The fast read of a file this build wrote (schema-fingerprint.ts): each table's key columns and JSON come out of
 * SQLite as two strings (four native calls instead of 100,000 row reads and hash updates), are digested
 * (RecordsDigest), and when the digest gives the tag in the file's app version the records are taken as one
 * JSON.parse gives them, without the per-record schema parse, the key-column cross-check and the repairs: the tag
 * says the rows are the ones written, and this build wrote them, consistently, from a design it held. Anything short
 * of that (no tag, a digest that differs, a row that does not parse, a table too large for one SQLite string, a
 * broken structure) returns null and the caller reads the file the full way, which also names what is wrong.
 */
function readTrusted(db: Database.Database, meta: ReadonlyMap<string, string>): ProjectLoadResult | null {
  if (!taggedByThisBuild(meta.get(META.appVersion))) return null;
  if (meta.get(META.format) !== PROJECT_FORMAT || meta.get(META.documentVersion) !== String(CURRENT_DOCUMENT_VERSION)) return null;
  for (const k of meta.keys()) if (!KNOWN_META_KEYS.has(k)) return null;
  const records = new RecordsDigest(RECORD_TABLES);
  hashMeta(records.rest, meta.get(META.documentVersion) ?? null, meta.get(META.design) ?? null);
  let elementList: unknown;
  let linkList: unknown;
  let sim: ReturnType<typeof readSimulationRows>;
  try {
    // Each table's text is parsed as soon as it is digested, so it is not held while the next one is read (the tag
    // is checked just below, before anything parsed is used).
    elementList = parseOrNull(`[${readTable(db, records, 'elements', ['id', 'kind', 'parent'], ['parent'])}]`);
    linkList = parseOrNull(`[${readTable(db, records, 'links', ['id', 'kind', 'a_element', 'b_element'])}]`);
    sim = readSimulationRows(db, records.rest);
  } catch (e) {
    // SQLITE_TOOBIG: a table larger than one SQLite string (1 GB); the row-by-row read has no such limit.
    if (String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_TOOBIG')) return null;
    throw e;
  }
  if (!writtenByThisBuild(meta.get(META.appVersion), records.digest())) return null;
  const parsedMeta = designMetaSchema.safeParse(parseOrNull(meta.get(META.design) ?? ''));
  if (!parsedMeta.success || !Array.isArray(elementList) || !Array.isArray(linkList)) return null;
  const elements = keyedById<Element>(elementList);
  const links = keyedById<Link>(linkList);
  if (!elements || !links) return null;
  const design: Design = { meta: parsedMeta.data, elements, links };
  // The structure (links to existing ports, parents that can hold their children) is cheap beside the schema parse
  // and is what the rest of the app relies on without looking: a file failing it goes the full way and is repaired.
  try {
    if (checkIntegrity(design, { elements: elementList as Element[], links: linkList as Link[] }).length > 0) return null;
  } catch {
    // Only records that skipped a schema they would fail get here (a file made to carry the tag): the full read refuses them.
    return null;
  }
  return { ok: true, design, repairs: sim.repairs, migrations: [], simulation: sim.simulation, trusted: true };
}

/** The record tables, in the order RecordsDigest takes them. */
const RECORD_TABLES = ['elements', 'links'] as const;

/** One table in two native calls: its key columns and its JSON (returned comma-joined, ready for one JSON.parse) go to `records`. */
function readTable(db: Database.Database, records: RecordsDigest, table: string, keys: readonly string[], nullable: readonly string[] = []): string {
  const sql = recordTablesSql(table, keys, nullable);
  // Two statements rather than one with two aggregates: SQLite then holds one table-sized string at a time.
  const keyText = (db.prepare(sql.keys).pluck().get() as string | null) ?? '';
  const json = (db.prepare(sql.json).pluck().get() as string | null) ?? '';
  records.table(table, keyText, json);
  return json;
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Records by id, or null when one is not an object with a string id and kind, or an id repeats. */
function keyedById<T extends { id: string }>(list: unknown[]): Record<string, T> | null {
  const out: Record<string, T> = {};
  for (const r of list) {
    // "__proto__" would set the record's prototype instead of adding a key (ids never take that form).
    if (!isRecord(r) || typeof r.id !== 'string' || typeof r.kind !== 'string' || r.id === '__proto__' || Object.hasOwn(out, r.id)) return null;
    out[r.id] = r as unknown as T;
  }
  return out;
}
