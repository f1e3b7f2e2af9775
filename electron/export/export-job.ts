/**
 * One export run: in a Node worker thread (the built export-worker.js beside main) so that rendering a 2,000-host
 * PNG or PDF never blocks the main process, or inline when there is no built worker (tests that run the handlers
 * from source under vitest). Either way the caller gets stage progress, notes, the bytes, and a cancel that
 * stops the work: terminating the worker, or (inline) dropping the result once the current stage ends.
 * An SVG rendered by the worker is streamed into a file main created (`streamTo`) as it is written, as the CLI
 * does, rather than built as one string and copied to main: a 10,000-host SVG is ~190 MB of text.
 */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { designToDocument, loadDocument } from '../../shared/formats/topology';
import type { ExportProgress } from '../../shared/ipc/export-request';
import type { Design } from '../../shared/model/design';
import { describeError } from '../util/messages';
import { renderDesign, renderSvgChunks, type RenderFormat, type RenderSettings } from './render';

/** main → worker: the design as its topology document (plain data) and what to render. */
export interface WorkerRequest {
  document: unknown;
  format: RenderFormat;
  settings: RenderSettings;
  /** SVG only: an existing empty file to write the document into piece by piece (the reply is then 'written'). */
  file?: string;
}

/** worker → main. */
export type WorkerReply =
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'note'; line: string }
  | { type: 'done'; data: string | Uint8Array }
  | { type: 'written'; bytes: number }
  | { type: 'error'; message: string };

/** `written`: the worker wrote the bytes into the job's `streamTo` file; `done`: the bytes, for the caller to write. */
export type JobOutcome = { kind: 'done'; data: string | Uint8Array; notes: string[] } | { kind: 'written'; bytes: number; notes: string[] } | { kind: 'canceled' } | { kind: 'error'; message: string };

export interface ExportJob {
  /** Where the work runs: a worker thread, or inline on this thread. */
  readonly mode: 'worker' | 'inline';
  readonly result: Promise<JobOutcome>;
  cancel(): void;
}

export interface JobOptions {
  /** The built worker script; null or a missing file runs the export inline. */
  workerFile: string | null;
  onProgress?(p: ExportProgress): void;
  /**
   * An existing empty file the worker streams an SVG into (outcome 'written'); other formats, and inline runs,
   * return the bytes ('done') and leave it untouched. The caller owns the file (removes it unless it keeps it).
   */
  streamTo?: string;
}

export function startExportJob(design: Design, format: RenderFormat, settings: RenderSettings, opts: JobOptions): ExportJob {
  if (!opts.workerFile || !existsSync(opts.workerFile)) return inline(design, format, settings, opts);
  const file = format === 'svg' && opts.streamTo ? { file: opts.streamTo } : {};
  return inWorker(opts.workerFile, { document: designToDocument(design), format, settings, ...file }, opts);
}

function inWorker(file: string, request: WorkerRequest, opts: JobOptions): ExportJob {
  const worker = new Worker(file);
  const notes: string[] = [];
  let settle: (o: JobOutcome) => void = () => undefined;
  let settled = false;
  const result = new Promise<JobOutcome>((resolve) => {
    settle = (o) => {
      if (settled) return;
      settled = true;
      resolve(o);
      // A finished worker is not reused: each export gets a fresh heap, released as soon as it is done.
      void worker.terminate();
    };
  });
  worker.on('message', (m: WorkerReply) => {
    if (m.type === 'progress') opts.onProgress?.(m.progress);
    else if (m.type === 'note') notes.push(m.line);
    else if (m.type === 'done') settle({ kind: 'done', data: m.data, notes });
    else if (m.type === 'written') settle({ kind: 'written', bytes: m.bytes, notes });
    else settle({ kind: 'error', message: m.message });
  });
  worker.on('error', (e) => settle({ kind: 'error', message: describeError(e) }));
  worker.on('exit', (code) => settle({ kind: 'error', message: `the export worker stopped unexpectedly (exit code ${code})` }));
  worker.postMessage(request);
  return { mode: 'worker', result, cancel: () => settle({ kind: 'canceled' }) };
}

function inline(design: Design, format: RenderFormat, settings: RenderSettings, opts: JobOptions): ExportJob {
  let canceled = false;
  const notes: string[] = [];
  const result = (async (): Promise<JobOutcome> => {
    // Yield once so that the caller can attach to `result` (and cancel) before the synchronous work starts.
    await Promise.resolve();
    try {
      const data = await renderDesign(design, format, settings, {
        progress: (p) => {
          if (!canceled) opts.onProgress?.(p);
        },
        note: (line) => notes.push(line),
      });
      return canceled ? { kind: 'canceled' } : { kind: 'done', data, notes };
    } catch (e) {
      return canceled ? { kind: 'canceled' } : { kind: 'error', message: describeError(e) };
    }
  })();
  return { mode: 'inline', result, cancel: () => void (canceled = true) };
}

/** Runs one request inside the worker; every outcome is a reply, never an uncaught exception. */
export async function runWorkerRequest(request: WorkerRequest, reply: (m: WorkerReply, transfer?: ArrayBuffer[]) => void): Promise<void> {
  try {
    const loaded = loadDocument(request.document);
    if (!loaded.ok) throw new Error(`the design is invalid (${loaded.reason})`);
    const hooks = {
      progress: (progress: ExportProgress) => reply({ type: 'progress', progress }),
      note: (line: string) => reply({ type: 'note', line }),
    };
    if (request.format === 'svg' && request.file) return reply({ type: 'written', bytes: await streamSvg(loaded.design, request.settings, hooks, request.file) });
    const data = await renderDesign(loaded.design, request.format, request.settings, hooks);
    if (typeof data === 'string') return reply({ type: 'done', data });
    // Node Buffers may share a pooled ArrayBuffer: copy into one of our own before transferring it.
    const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer ? data : new Uint8Array(data);
    reply({ type: 'done', data: own }, [own.buffer as ArrayBuffer]);
  } catch (e) {
    reply({ type: 'error', message: describeError(e) });
  }
}

/** Writes the SVG into `file` piece by piece (the same text renderDesign returns for 'svg'); returns its size in bytes. */
async function streamSvg(design: Design, settings: RenderSettings, hooks: { progress(p: ExportProgress): void }, file: string): Promise<number> {
  const pieces = await renderSvgChunks(design, settings, hooks);
  hooks.progress({ stage: 'Drawing the diagram', fraction: 0.3 });
  const fd = openSync(file, 'r+');
  let bytes = 0;
  try {
    for (const piece of pieces) bytes += writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
  return bytes;
}
