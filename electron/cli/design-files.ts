/**
 * Reading and writing designs for the CLI. An input is a `.rackplane` project (recognised by the SQLite header,
 * or by its extension so that a damaged project gets the store's diagnosis) or topology JSON; an output's type
 * follows its extension. Every failure becomes a CliError with one line the user can act on.
 */
import { closeSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import { exportTopologyJsonChunks, importTopologyJson, type LoadResult } from '../../shared/formats/topology';
import type { Design } from '../../shared/model/design';
import { CURRENT_DOCUMENT_VERSION } from '../../shared/model/migrations';
import { EMPTY_SIMULATION, type ProjectSimulation } from '../../shared/sim/persist';
import { replaceFileAtomically, writeFileAtomic } from '../fs/atomic';
import { PROJECT_EXTENSION, readHeader } from '../project/file-format';
import { CURRENT_FILE_VERSION } from '../project/file-migrations';
import { OPEN_DEADLINE_MS } from '../project/open-job';
import { withReadWatchdog } from '../project/read-watchdog';
import { openProject, saveProject } from '../project/store';
import { describeError, quoteName, UserFacingError } from '../util/messages';
import { CliError, EXIT, printable, type CliIo } from './io';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** `-` stands for standard input or output. */
export const STDIO = '-';

export type DesignFileType = 'rackplane-project' | 'rackplane-topology';

export interface LoadedDesign {
  design: Design;
  type: DesignFileType;
  /** Project: the file layout version in its header. Topology JSON: the document version. */
  formatVersion: number;
  /** Version of the design document as the file holds it (before any migration). */
  documentVersion: number;
  migrations: string[];
  repairs: string[];
  /** Scenarios and results stored in a project; for topology JSON, the document's `scenarios` (no results). */
  simulation: ProjectSimulation;
  /** A project whose content changed after Rackplane saved it (checksum or key columns disagree): one line. */
  damage?: string;
}

const label = (path: string) => (path === STDIO ? 'standard input' : quoteName(path));

/** Reads a project or topology JSON file, whichever `path` holds. */
export function readDesign(path: string, io: CliIo): LoadedDesign {
  if (path === STDIO) return readTopologyJson(path, io);
  const isSqlite = startsWithSqliteMagic(path);
  if (isSqlite || extname(path).toLowerCase() === PROJECT_EXTENSION) return readProject(path);
  return readTopologyJson(path, io);
}

/** True when the file begins with the 16-byte SQLite magic; throws CliError when it cannot be read at all. */
function startsWithSqliteMagic(path: string): boolean {
  let fd: number | null = null;
  try {
    if (statSync(path).isDirectory()) throw new CliError(`${quoteName(path)} is a folder, not a design file`);
    fd = openSync(path, 'r');
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(SQLITE_MAGIC);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot open ${quoteName(path)}: ${describeError(e)}`);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The CLI reads a project in process, under the same deadline as the app's reader: a read that outlives it ends the
 * command with the app's one-line reason (read-watchdog.ts). Only a plain Node process (the CLI) arms it: in the app
 * (Electron), this runs inside the export worker, whose own deadline applies, and ending the process would close
 * every window.
 */
function openProjectBounded(path: string): ReturnType<typeof openProject> {
  if (process.versions.electron !== undefined) return openProject(path);
  const reason = `reading ${quoteName(path)} took longer than ${OPEN_DEADLINE_MS / 1000} s, so Rackplane stopped: the file is too large, or built to stall the reader`;
  return withReadWatchdog(OPEN_DEADLINE_MS, `rackplane: ${printable(reason)}`, () => openProject(path));
}

function readProject(path: string): LoadedDesign {
  const result = openProjectBounded(path);
  if (!result.ok) throw new CliError(result.reason);
  const header = readHeader(path);
  const formatVersion = header.kind === 'rackplane' ? header.fileVersion : CURRENT_FILE_VERSION;
  // openProject lists the file-layout migrations it ran (one per layout step) before the document ones.
  const documentMigrations = result.migrations.length - (CURRENT_FILE_VERSION - formatVersion);
  const d: LoadedDesign = { ...loaded(result, 'rackplane-project', formatVersion, CURRENT_DOCUMENT_VERSION - documentMigrations), simulation: result.simulation };
  if (result.damage) d.damage = result.damage;
  return d;
}

/** Reads topology JSON from a file or, for `-`, from standard input. */
export function readTopologyJson(path: string, io: CliIo): LoadedDesign {
  let bytes: Buffer;
  try {
    if (path !== STDIO && statSync(path).isDirectory()) throw new CliError(`${quoteName(path)} is a folder, not a topology JSON file`);
    bytes = path === STDIO ? io.readStdin() : readFileSync(path);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${label(path)}: ${describeError(e)}`);
  }
  if (bytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new CliError(`${label(path)} looks like a Rackplane project (a SQLite database), not topology JSON: give it to info or export instead`);
  }
  let text: string;
  try {
    text = bytes.toString('utf8');
  } catch (e) {
    throw new CliError(`cannot read ${label(path)}: ${describeError(e)}`);
  }
  if (text.trim() === '') throw new CliError(`${label(path)} is empty: it is not Rackplane topology JSON`);
  const result = importTopologyJson(text);
  if (!result.ok) throw new CliError(`${label(path)}: ${result.reason}`);
  // Each document migration lifts the document by one version.
  const version = CURRENT_DOCUMENT_VERSION - result.migrations.length;
  return loaded(result, 'rackplane-topology', version, version);
}

function loaded(result: Extract<LoadResult, { ok: true }>, type: DesignFileType, formatVersion: number, documentVersion: number): LoadedDesign {
  // A topology document's first scenario is its current one, as the app opens it (electron/project/open-job.ts): so a
  // project written by `import json` opens with that scenario in the simulation panel. (A project's own file keeps
  // the current scenario it stored: readProject puts `result.simulation` over this.)
  const simulation = result.scenarios?.length ? { current: result.scenarios[0]!.name, scenarios: result.scenarios, results: [] } : EMPTY_SIMULATION;
  return { design: result.design, type, formatVersion, documentVersion, migrations: result.migrations, repairs: result.repairs, simulation };
}

/** Warns (on stderr, once) that loading changed the design, so a user does not mistake a repaired copy for the file. */
export function reportRepairs(io: CliIo, path: string, d: LoadedDesign): void {
  // The app opens such a file as an unsaved copy; the CLI never writes its input, so a warning says what was read.
  if (d.damage) io.stderr(`rackplane: warning: ${printable(d.damage)}\n`);
  if (d.repairs.length === 0) return;
  const more = d.repairs.length > 1 ? ` (and ${d.repairs.length - 1} more)` : '';
  // A repair quotes names and port names from the file: printable() keeps their control characters off the terminal.
  io.stderr(`rackplane: warning: ${printable(`${label(path)} needed ${d.repairs.length} repair(s): ${d.repairs[0]}${more}`)}\n`);
}

export type OutputKind = 'project' | 'json';

/** What a `-o` path will be written as: `-` and `*.json` are topology JSON, `*.rackplane` a project. */
export function outputKind(path: string, allowed: readonly OutputKind[]): OutputKind {
  const ext = extname(path).toLowerCase();
  const kind: OutputKind | null = path === STDIO || ext === '.json' ? 'json' : ext === PROJECT_EXTENSION ? 'project' : null;
  if (kind && allowed.includes(kind)) return kind;
  const wanted = allowed.map((k) => (k === 'project' ? `a name ending in ${PROJECT_EXTENSION}` : 'a name ending in .json (or - for standard output)'));
  throw new CliError(`cannot write ${path === STDIO ? 'standard output' : quoteName(path)} here: use ${wanted.join(' or ')}`);
}

/**
 * A project's scenarios in the order topology JSON carries them: the current one first, because opening a topology
 * document makes its first scenario current (here and in the app), so the choice survives the round trip.
 */
export function scenariosCurrentFirst(simulation: ProjectSimulation): ProjectSimulation['scenarios'] {
  const i = simulation.scenarios.findIndex((s) => s.name === simulation.current);
  return i <= 0 ? simulation.scenarios : [simulation.scenarios[i]!, ...simulation.scenarios.slice(0, i), ...simulation.scenarios.slice(i + 1)];
}

/** Writes `design` as its output kind (a project stores `simulation`, topology JSON its scenarios); the file appears complete or not at all. */
export function writeDesign(path: string, design: Design, kind: OutputKind, io: CliIo, simulation: ProjectSimulation = EMPTY_SIMULATION): void {
  if (kind === 'project') {
    refuseFolder(path);
    try {
      saveProject(path, design, {}, simulation);
    } catch (e) {
      throw new CliError(e instanceof UserFacingError ? e.message : `cannot save ${quoteName(path)}: ${describeError(e)}`, EXIT.failed);
    }
    return;
  }
  writeOutput(path, exportTopologyJsonChunks(design, { scenarios: scenariosCurrentFirst(simulation) }), io);
}

/** Writes text or bytes (or text in pieces, never joined: a large export) to a file atomically, or to standard output for `-`. */
export function writeOutput(path: string, data: string | Uint8Array | Iterable<string>, io: CliIo): void {
  const whole = typeof data === 'string' || data instanceof Uint8Array;
  if (path === STDIO) {
    if (whole) io.stdout(data);
    else for (const piece of data) io.stdout(piece);
    return;
  }
  refuseFolder(path);
  try {
    if (whole) writeFileAtomic(path, data);
    else replaceFileAtomically(path, (tmp) => writePieces(tmp, data));
  } catch (e) {
    throw new CliError(`cannot write ${quoteName(path)}: ${describeError(e)}`, EXIT.failed);
  }
}

/** Writes text pieces into the (empty, existing) temp file in order. */
function writePieces(file: string, pieces: Iterable<string>): void {
  const fd = openSync(file, 'r+');
  try {
    for (const piece of pieces) {
      const bytes = Buffer.from(piece, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    }
  } finally {
    closeSync(fd);
  }
}

/** A folder named as the output is a mistake in the arguments (exit 2), not a failed write. */
function refuseFolder(path: string): void {
  let isDir = false;
  try {
    isDir = statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    // Unreadable parent and the like: the write itself reports it.
  }
  if (isDir) throw new CliError(`cannot write ${quoteName(path)}: it is a folder; choose a file name`);
}
