/**
 * The problem marks of a CLI diagram export, checked on the other core: `rackplane export --format svg|png|pdf`
 * needs a full validation only for the marks it draws last, so a worker thread (the built export-worker.js) reads
 * the same file and validates it while this thread builds the scene, which takes longer (issue #16 item 3: at
 * 2,000 hosts the validation was 1.7 s of the export's critical path). The worker reads the file the way the
 * CLI does (design-files.ts readDesign), so it validates the very design drawn; when there is no built worker
 * (the CLI run from source), the file is large, or the worker fails, the caller validates in-process as before.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../../shared/validate/types';
import { summarize, type ValidationResult } from '../../shared/validate';

/**
 * Files larger than this are validated in-process: the worker holds a second copy of the design and the
 * validator's index (the `validate` command peaks at ~730 MB on a 10,000-host fabric), which would take that
 * export past its 1.5 GB budget. A 2,000-host × 20-VM project is ~30 MB; a 10,000-host one ~150 MB.
 */
export const PARALLEL_VALIDATION_MAX_BYTES = 64 * 1024 * 1024;

/** What the worker is started with (workerData) to validate a file instead of rendering. */
export interface ValidateRequest {
  kind: 'validate';
  path: string;
}

/** worker → main: the diagnostics (data only: the marks and the report need no quick-fix), or why not. */
export type ValidateReply = { type: 'validated'; diagnostics: Diagnostic[] } | { type: 'error'; message: string };

/** The built worker beside the bundled CLI (out/main/export-worker.js); null when run from source. */
export function builtExportWorker(): string | null {
  const file = join(__dirname, 'export-worker.js');
  return existsSync(file) ? file : null;
}

export interface ValidationJob {
  /** The validation, or null when the caller must validate itself (any failure in the worker). */
  result: Promise<ValidationResult | null>;
  /** Stops the worker (an export that fails early must not wait for it); result then resolves null. */
  cancel(): void;
}

/** Starts validating `path` on a worker thread; null when the caller must validate itself (no built worker, a large file). */
export function validateFileInWorker(path: string, workerFile: string | null = builtExportWorker()): ValidationJob | null {
  if (!workerFile) return null;
  try {
    if (statSync(path).size > PARALLEL_VALIDATION_MAX_BYTES) return null;
  } catch {
    return null;
  }
  const request: ValidateRequest = { kind: 'validate', path };
  const worker = new Worker(workerFile, { workerData: request });
  let settle: (r: ValidationResult | null) => void = () => undefined;
  const result = new Promise<ValidationResult | null>((resolve) => {
    let settled = false;
    settle = (r) => {
      if (settled) return;
      settled = true;
      resolve(r);
      void worker.terminate();
    };
  });
  worker.once('message', (m: ValidateReply) => settle(m.type === 'validated' ? { diagnostics: m.diagnostics, summary: summarize(m.diagnostics) } : null));
  worker.once('error', () => settle(null));
  worker.once('exit', () => settle(null));
  return { result, cancel: () => settle(null) };
}
