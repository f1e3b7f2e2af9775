/**
 * Main's side of saving a design the page sent (project:save, Save As, autosave): the check, the serialisation and
 * the SQLite write run in the project worker thread (design-writer.ts), so saving a 10,000-host design leaves every
 * window responsive; main only hands the design over (as JSON, in parts, its event loop turning between them) and
 * keeps the decisions (where, whether to ask, what the window now holds). Each step has a deadline and the
 * thread a heap cap, as for reading (open-job.ts). A temp file the thread was writing when it was stopped is removed
 * here; everything else (guards, the atomic rename, the target's mode, debris of killed saves) is store.ts's, unchanged.
 * A small design, or any without a built worker (tests that run the handlers from source), is written inline.
 */
import { existsSync } from 'node:fs';
import type { RecoveryInfo } from '../../shared/ipc/contract';
import { removeQuietly } from '../fs/atomic';
import { quoteName, UserFacingError } from '../util/messages';
import { DesignWriter, type DesignPayload, type WriteReply, type WriteRequest } from './design-writer';
import { OPEN_DEADLINE_MS } from './open-job';
import { WorkerTask, type WorkerFailure } from './worker-task';

export interface DesignWriteOptions {
  /** The built project worker (project-worker.js beside main); null or missing writes inline. */
  workerFile: string | null;
  workerArgv?: string[];
  nativeBinding?: string;
  /** Per step (check, write). */
  deadlineMs?: number;
  /** Designs with fewer records (elements and links) are checked and written on main: see INLINE_BELOW_RECORDS. */
  inlineBelowRecords?: number;
}

/**
 * Below this many records a design is checked and saved inline: that takes main a few tens of milliseconds, while
 * starting a worker thread (loading the store, the schemas, the installation key) takes a few hundred, a second on a
 * loaded machine, and the save would wait for it.
 */
export const INLINE_BELOW_RECORDS = 5000;

/** A save step that stalls is stopped after this long (a 10,000-host design checks and saves in well under a minute). */
export const WRITE_DEADLINE_MS = OPEN_DEADLINE_MS;
/** Heap of the writer thread (the design, its JSON and SQLite's pages). */
const WRITER_HEAP_MB = 4096;

/** One design on its way to disk: checked first, then written once or more (a recovery copy retried under a new id). */
export class DesignWriteJob {
  private constructor(
    private readonly run: (request: WriteRequest, what: string) => Promise<WriteReply>,
    private readonly stop: () => void,
    /** The design's name and revision as checked (for the Save dialog's suggestion and the next revision). */
    readonly name: string,
    readonly revision: number,
  ) {}

  /** Checks the page's design; throws a one-line UserFacingError (`cannot <action>: …`) when it is unusable. */
  static async check(payload: DesignPayload, action: string, opts: DesignWriteOptions): Promise<DesignWriteJob> {
    const large = recordCount(payload) >= (opts.inlineBelowRecords ?? INLINE_BELOW_RECORDS);
    const run = large && opts.workerFile && existsSync(opts.workerFile) ? inWorker(opts.workerFile, opts) : inline();
    const request = run.tell ? await sendInParts(payload, run.tell) : { payload };
    const reply = await run.ask({ kind: 'write:check', ...request, action, nativeBinding: opts.nativeBinding }, `cannot ${action}: checking the design`);
    if (!reply.ok) {
      run.stop();
      throw new UserFacingError(reply.reason);
    }
    return new DesignWriteJob(run.ask, run.stop, reply.name ?? '', reply.revision ?? 0);
  }

  /** Saves the design to `path` (already decided by main) with revision `revision`; throws a one-line UserFacingError. */
  async saveAs(path: string, revision: number): Promise<void> {
    const reply = await this.run({ kind: 'write:project', path, revision }, `saving ${quoteName(path)}`);
    if (!reply.ok) throw new UserFacingError(reply.reason);
  }

  /** Writes the design as recovery copy `id` of `path` with main's `seal`; throws a one-line UserFacingError. */
  async writeRecovery(userDataDir: string, id: string, path: string | null, seal: string | null): Promise<RecoveryInfo> {
    const reply = await this.run({ kind: 'write:recovery', userDataDir, id, path, seal }, 'writing the recovery copy');
    if (!reply.ok) throw new UserFacingError(reply.reason);
    return reply.info!;
  }

  /** Lets the thread go (after the last write, or when the user canceled the Save dialog). */
  end(): void {
    this.stop();
  }
}

interface Runner {
  /** Posts a request that gets no reply (worker only). */
  tell?: (request: WriteRequest) => void;
  ask(request: WriteRequest, what: string): Promise<WriteReply>;
  stop(): void;
}

function recordCount(payload: DesignPayload): number {
  const document = payload.document as { elements?: unknown; links?: unknown } | null;
  if (document === null || typeof document !== 'object') return 0;
  return (Array.isArray(document.elements) ? document.elements.length : 0) + (Array.isArray(document.links) ? document.links.length : 0);
}

/** Records per part: about a megabyte of JSON, a few tens of milliseconds of main's time each. */
const PART_RECORDS = 2000;

/**
 * Sends the design's record lists to the worker as JSON slices, letting main's event loop turn between them (one
 * JSON.stringify of a 250,000-element design holds it for seconds), and returns the rest as the check's payload.
 */
async function sendInParts(payload: DesignPayload, tell: (request: WriteRequest) => void): Promise<{ payload: string; parts?: true }> {
  const document = payload.document as Record<string, unknown> | null;
  const lists = document !== null && typeof document === 'object' && Array.isArray(document.elements) && Array.isArray(document.links);
  if (!lists) return { payload: JSON.stringify(payload) };
  for (const field of ['elements', 'links'] as const) {
    const records = document[field] as unknown[];
    for (let i = 0; i < records.length; i += PART_RECORDS) {
      tell({ kind: 'write:part', field, json: JSON.stringify(records.slice(i, i + PART_RECORDS)) });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return { payload: JSON.stringify({ ...payload, document: { ...document, elements: [], links: [] } }), parts: true };
}

function inline(): Runner {
  const writer = new DesignWriter();
  return { ask: async (request) => writer.handle(request) ?? { ok: false, reason: 'no reply' }, stop: () => undefined };
}

function inWorker(file: string, opts: DesignWriteOptions): Runner {
  // Temp files the running step announced: removed if the thread is stopped before it could finish or clean up.
  let temps: string[] = [];
  const task = new WorkerTask({
    workerFile: file,
    argv: opts.workerArgv,
    heapMb: WRITER_HEAP_MB,
    onNote: (note) => {
      const temp = (note as { temp?: unknown }).temp;
      if (typeof temp === 'string') temps.push(temp);
    },
    onStopped: (failure) => {
      if (!failure) return;
      for (const t of temps) {
        removeQuietly(t);
        removeQuietly(`${t}-journal`);
      }
      temps = [];
    },
  });
  const deadline = opts.deadlineMs ?? WRITE_DEADLINE_MS;
  return {
    tell: (request) => task.tell(request),
    async ask(request, what) {
      const step = await task.ask<WriteReply>(request, deadline);
      if ('reply' in step) {
        // The step finished: its temp file was renamed into place or removed by store.ts.
        temps = [];
        return step.reply;
      }
      return { ok: false, reason: describeFailure(step.failed, what) };
    },
    stop: () => task.end(),
  };
}

function describeFailure(f: WorkerFailure, what: string): string {
  // An interrupted save never touches the target (store.ts renames a complete file over it, or nothing).
  const unchanged = what.startsWith('saving') ? ' (the file on disk is whole): save again' : '';
  switch (f.kind) {
    case 'deadline':
      return `${what} took longer than ${Math.round(f.ms / 1000)} s, so Rackplane stopped it${unchanged}`;
    case 'memory':
      return `${what} needed more than ${f.mb / 1024} GiB of memory, so Rackplane stopped it${unchanged}`;
    case 'crash':
      return `${what} failed: ${f.detail.replace(/^the worker/, 'the writer')}`;
    case 'canceled':
      return `${what} was canceled`;
  }
}
