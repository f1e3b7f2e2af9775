/**
 * Reading a file the user picked (a project, a topology JSON, an SVG) off the main process's event
 * loop: in a worker thread with a deadline, a heap limit and a cancel, so a file built to stall or
 * exhaust the reader stops with a one-line reason and never freezes the app's windows. Terminating the
 * worker stops JavaScript (the JSON parser, the checks) wherever it is; a SQLite statement finishes its
 * call first (better-sqlite3 has no interrupt), which is why no statement that could run unbounded is ever
 * prepared on a file (open-guard.ts). Without a built worker (tests that run the handlers from source) the
 * same reader runs inline. The worker machinery is worker-task.ts, shared with saving (design-write-job.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { importTopologyJson, type LoadResult } from '../../shared/formats/topology';
import { svgToDesign } from '../../shared/export/svg';
import { importLspci } from '../../shared/formats/lspci';
import { describeError, oneLine, quoteName, UserFacingError } from '../util/messages';
import type { ProjectSimulation } from '../../shared/sim/persist';
import { openProject } from './store';
import { WorkerTask } from './worker-task';

/** What to read; an lspci capture may come with its `lspci -tv` tree (`treePath`). */
export type OpenRequest = { kind: 'project' | 'topology' | 'svg' | 'lspci'; path: string; treePath?: string; nativeBinding?: string };

/** What reading gave (a project also its simulation state and any damage warning); `canceled` when the user stopped it. */
export type OpenOutcome =
  | (Extract<LoadResult, { ok: true }> & { simulation?: ProjectSimulation; damage?: string; notes?: string[] })
  | { ok: false; reason: string }
  | { ok: false; canceled: true };

/** A stalled read is stopped after this long (a 100,000-element project opens in a few seconds). */
export const OPEN_DEADLINE_MS = 120_000;
/** Heap of the reader thread: a file that would need more is refused, not allowed to exhaust the app. */
const READER_HEAP_MB = 4096;

/** Largest topology JSON file or SVG accepted. */
const MAX_TEXT_BYTES = 512 * 1024 * 1024;

export interface OpenJobOptions {
  /** The built worker script (project-worker.js beside main); null or missing reads inline. */
  workerFile: string | null;
  /** Extra worker arguments (tests run the TypeScript entry through a loader). */
  workerArgv?: string[];
  deadlineMs?: number;
}

export interface OpenJob {
  readonly mode: 'worker' | 'inline';
  readonly result: Promise<OpenOutcome>;
  cancel(): void;
}

/** Reads `request` the same way in the worker and inline: never throws. */
export function readRequest(request: OpenRequest): OpenOutcome {
  try {
    if (request.kind === 'project') return openProject(request.path, { nativeBinding: request.nativeBinding });
    if (request.kind === 'lspci') return readLspci(request.path, request.treePath);
    const what = request.kind === 'svg' ? 'an SVG diagram' : 'a topology JSON file';
    const text = readTextFile(request.path, what);
    const loaded: LoadResult = request.kind === 'svg' ? svgToDesign(text) : importTopologyJson(text);
    // A topology document's scenarios open as the design's stored scenarios (no results: nothing has run yet); the
    // first is shown in the simulation panel (the app's export writes the one it showed first).
    if (loaded.ok && loaded.scenarios?.length) return { ...loaded, simulation: { current: loaded.scenarios[0]!.name, scenarios: loaded.scenarios, results: [] } };
    return loaded.ok ? loaded : { ok: false, reason: oneLine(`${quoteName(request.path)}: ${loaded.reason}`) };
  } catch (e) {
    return { ok: false, reason: oneLine(e instanceof UserFacingError ? e.message : `cannot read ${quoteName(request.path)}: ${describeError(e)}`) };
  }
}

/** `lspci -tv` output starts with its root bus drawing (`-[0000:00]-…` or `-+-[0000:00]-…`); a listing never does. */
const looksLikeTree = (text: string) => /^\s*-[+[]/.test(text.replace(/^\ufeff/, ''));

/** An lspci capture and, when picked with it, its tree (either order): one host, with what the import guessed as notes. */
function readLspci(first: string, second: string | undefined): OpenOutcome {
  const what = 'an lspci capture (lspci -vvv) or its tree (lspci -tv)';
  let listing = { path: first, text: readTextFile(first, what) };
  let tree = second === undefined ? null : { path: second, text: readTextFile(second, what) };
  if (tree && looksLikeTree(listing.text) && !looksLikeTree(tree.text)) [listing, tree] = [tree, listing];
  if (!tree && looksLikeTree(listing.text)) return { ok: false, reason: `${quoteName(listing.path)} is an lspci -tv tree: pick it together with the lspci -vvv capture of the same machine` };
  const r = importLspci(listing.text, { treeText: tree?.text });
  if (!r.ok) return { ok: false, reason: oneLine(`${quoteName(r.source === 'tree' && tree ? tree.path : listing.path)}: ${r.reason.replace("import with devices: 'all'", 'import it with the CLI and --all-devices')}`) };
  return { ok: true, design: r.design, repairs: [], migrations: [], notes: r.notes.map((n) => n.replace("import with devices: 'all'", 'import with the CLI and --all-devices')) };
}

/** Reads a topology JSON file (or an SVG carrying one), refusing folders and files too large to hold a topology. */
function readTextFile(path: string, what: string): string {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UserFacingError(`${quoteName(path)} is a folder, not ${what}`);
    if (st.size > MAX_TEXT_BYTES) throw new UserFacingError(`${quoteName(path)} is larger than 512 MiB: not ${what}`);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    throw new UserFacingError(`cannot read ${quoteName(path)}: ${describeError(e)}`);
  }
}

export function startOpenJob(request: OpenRequest, opts: OpenJobOptions): OpenJob {
  if (opts.workerFile && existsSync(opts.workerFile)) return inWorker(opts.workerFile, request, opts);
  const result = Promise.resolve().then(() => readRequest(request));
  return { mode: 'inline', result, cancel: () => undefined };
}

function inWorker(file: string, request: OpenRequest, opts: OpenJobOptions): OpenJob {
  const task = new WorkerTask({ workerFile: file, argv: opts.workerArgv, heapMb: READER_HEAP_MB });
  const name = quoteName(request.path);
  const deadline = opts.deadlineMs ?? OPEN_DEADLINE_MS;
  // One worker per file: its heap (and SQLite's memory) goes with it.
  const result = task.ask<OpenOutcome>(request, deadline).then((step): OpenOutcome => {
    task.end();
    if ('reply' in step) return step.reply;
    const f = step.failed;
    switch (f.kind) {
      case 'canceled':
        return { ok: false, canceled: true };
      case 'deadline':
        return { ok: false, reason: `reading ${name} took longer than ${Math.round(f.ms / 1000)} s, so Rackplane stopped: the file is too large, or built to stall the reader` };
      case 'memory':
        return { ok: false, reason: `reading ${name} needed more than ${f.mb / 1024} GiB of memory, so Rackplane stopped` };
      case 'crash':
        return { ok: false, reason: `cannot read ${name}: ${f.detail.replace(/^the worker/, 'the reader')}` };
    }
  });
  return { mode: 'worker', result, cancel: () => task.cancel() };
}
