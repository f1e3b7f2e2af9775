/**
 * File ▸ Export… in main: one export at a time, run by export-job.ts (a worker thread), progress forwarded to the
 * window, the file written atomically only when the whole render succeeded (a canceled or failed export leaves
 * nothing behind and never replaces an existing file with half of one).
 */
import { chmodSync, closeSync, openSync, renameSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { IpcResult } from '../../shared/ipc/contract';
import type { ExportOptions, ExportProgress, ExportWritten } from '../../shared/ipc/export-request';
import type { Design } from '../../shared/model/design';
import type { SimulationResult } from '../../shared/sim/simulate';
import { removeQuietly, replaceFileAtomically, tempPathFor, writeFileAtomic } from '../fs/atomic';
import { registerTemp, unregisterTemp } from '../fs/temp-files';
import { describeError, oneLine, quoteName } from '../util/messages';
import { startExportJob, type ExportJob } from './export-job';
import { DEFAULT_RENDER, today, type RenderSettings } from './render';

export interface ExportServiceOptions {
  /** The built worker script (main passes the file beside itself); null runs exports inline. */
  workerFile: string | null;
  progress?(p: ExportProgress): void;
  /** The title-block date (tests pin it). */
  date?: () => string;
}

/** Adds `extension` when the chosen name has none (Linux save dialogs do not add it). */
export function withExtension(path: string, extension: string): string {
  return extname(path) === '' ? path + extension : path;
}

/** The renderer's export options as render settings. */
export function renderSettings(o: ExportOptions, date: string): RenderSettings {
  return {
    ...DEFAULT_RENDER,
    layers: o.layers,
    problems: o.problems,
    heat: o.heat,
    ...(o.heat && o.whatIf ? { whatIf: o.whatIf } : {}),
    scope: o.scope,
    png: o.png,
    pdf: o.pdf,
    date,
    ...(o.routing ? { routing: o.routing } : {}),
    // The reports' simulation section (the renderer sends results only when they match the design). The schema
    // checks the shape as the project file's does; text fields such as a stop reason are only ever printed.
    ...(o.simulation ? { simulation: o.simulation as SimulationResult } : {}),
  };
}

/** PNG and PDF notes name CLI flags; in the app the same advice points at the dialog's formats. */
const inAppNote = (line: string) => oneLine(line.replace(/use --format (\w+) or (\w+)/, (_m, a: string, b: string) => `export as ${a.toUpperCase()} or ${b.toUpperCase()}`));

export class ExportService {
  private job: ExportJob | null = null;

  constructor(private readonly opts: ExportServiceOptions) {}

  get running(): boolean {
    return this.job !== null;
  }

  /** Renders `design` and writes it to `target`; canceled when cancel() is called meanwhile. */
  async write(design: Design, options: ExportOptions, target: string): Promise<IpcResult<ExportWritten>> {
    if (this.job) return { ok: false, reason: 'an export is already running: wait for it to finish or cancel it' };
    const report = (stage: string, fraction: number) => this.opts.progress?.({ stage, fraction });
    report('Starting', 0);
    // An SVG is streamed by the worker into a private temp file beside the target, renamed over it once whole
    // (atomic as writeFileAtomic); every other outcome removes the temp file.
    let stream: string | null = null;
    try {
      if (options.format === 'svg' && this.opts.workerFile) stream = streamFile(target);
    } catch (e) {
      return { ok: false, reason: `cannot write ${quoteName(target)}: ${describeError(e)}` };
    }
    try {
      const job = startExportJob(design, options.format, renderSettings(options, (this.opts.date ?? today)()), {
        workerFile: this.opts.workerFile,
        onProgress: this.opts.progress,
        ...(stream ? { streamTo: stream } : {}),
      });
      this.job = job;
      let outcome;
      try {
        outcome = await job.result;
      } finally {
        this.job = null;
      }
      if (outcome.kind === 'canceled') return { ok: false, canceled: true };
      if (outcome.kind === 'error') return { ok: false, reason: oneLine(`cannot export ${options.format.toUpperCase()}: ${outcome.message}`) };
      report('Writing the file', 0.95);
      let bytes: number;
      try {
        if (outcome.kind === 'written') {
          bytes = outcome.bytes;
          replaceFileAtomically(target, (tmp) => adopt(stream!, tmp));
        } else {
          bytes = typeof outcome.data === 'string' ? Buffer.byteLength(outcome.data, 'utf8') : outcome.data.byteLength;
          writeFileAtomic(target, outcome.data);
        }
      } catch (e) {
        return { ok: false, reason: `cannot write ${quoteName(target)}: ${describeError(e)}` };
      }
      report('Done', 1);
      return { ok: true, value: { path: target, bytes, note: outcome.notes.length ? inAppNote(outcome.notes[0]!) : null } };
    } finally {
      if (stream) {
        removeQuietly(stream);
        unregisterTemp(stream);
      }
    }
  }

  /** Stops the running export; false when none was running. */
  cancel(): boolean {
    if (!this.job) return false;
    this.job.cancel();
    return true;
  }
}

/** A new empty temp file beside `target` for the worker to stream into: owner-only, removed if main exits first. */
function streamFile(target: string): string {
  const tmp = tempPathFor(target);
  closeSync(openSync(tmp, 'wx', 0o600));
  registerTemp(tmp);
  return tmp;
}

/** The streamed file in place of the temp file replaceFileAtomically made, with that file's permissions (the target's). */
function adopt(streamed: string, tmp: string): void {
  const mode = statSync(tmp).mode & 0o7777;
  renameSync(streamed, tmp);
  chmodSync(tmp, mode);
}
