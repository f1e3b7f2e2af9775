/**
 * Messages between the renderer and the validation worker. The worker keeps a replica of the design: `load` sends
 * it whole (open, new, reset, restart after a crash), `patch` sends only the immer patches of the edits since.
 * Every request carries a sequence number and every answer echoes it, so the UI can drop answers it has outgrown.
 */
import type { Patch } from 'immer';
import type { Design } from '../../shared/model/design';
import type { Diagnostic, ValidationSummary } from '../../shared/validate/index';

export type ValidationRequest = { type: 'load'; seq: number; design: Design } | { type: 'patch'; seq: number; patches: Patch[] };

export type ValidationResponse =
  | { type: 'result'; seq: number; diagnostics: Diagnostic[]; summary: ValidationSummary }
  /** The request failed; the worker dropped its replica and needs a `load` before further patches. */
  | { type: 'error'; seq: number; message: string };

/** One line for the status bar, whatever was thrown. */
export function errorLine(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : 'unknown error';
  return text.split('\n')[0]!.trim() || 'unknown error';
}
