/**
 * Keeps the validation worker's replica in step with the open design's History and turns its answers into what
 * the UI shows. Edits never wait for validation: while the worker is busy, the patches of further edits pile up
 * and go out as one message when it answers, and only the answer to the latest request is shown (older ones
 * describe a design the user has already changed). A worker that dies is replaced and sent the whole design.
 */
import type { Patch } from 'immer';
import type { ChangeListener, History } from '../../shared/history/history';
import type { Diagnostic, ValidationSummary } from '../../shared/validate/index';
import type { ValidationRequest, ValidationResponse } from './protocol';

/** The part of a Web Worker the client uses (a fake in unit tests). */
export interface WorkerLike {
  postMessage(msg: ValidationRequest): void;
  terminate(): void;
  onmessage: ((e: { data: ValidationResponse }) => void) | null;
  onerror: ((e: { message?: string; preventDefault?: () => void }) => void) | null;
}

/** What the UI shows about validation. */
export interface ValidationView {
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: ValidationSummary;
  /** True while the shown diagnostics may be out of date (a request is outstanding). */
  readonly pending: boolean;
  /** Why validation stopped (it restarts on the next change); null while it works. */
  readonly stopped: string | null;
}

export const EMPTY_VALIDATION: ValidationView = { diagnostics: [], summary: { error: 0, warning: 0, info: 0 }, pending: false, stopped: null };

/** Failures in a row (crash or error answer) after which the client waits for the next change to try again. */
const MAX_FAILURES = 2;

export class ValidationClient {
  private worker: WorkerLike | null = null;
  private history: History | null = null;
  private unsubscribe: (() => void) | null = null;
  private seq = 0;
  private inFlight: number | null = null;
  private needsLoad = true;
  private buffer: Patch[] = [];
  private failures = 0;
  private view: ValidationView = EMPTY_VALIDATION;

  constructor(
    private readonly makeWorker: () => WorkerLike,
    private readonly onView: (view: ValidationView) => void,
    /** Called with one line when the worker failed (the status bar shows it). */
    private readonly onFailure: (line: string) => void,
  ) {}

  /** Follows a history: sends its design whole, then the patches of every change. */
  attach(history: History): void {
    this.detach();
    this.history = history;
    this.unsubscribe = history.subscribeChanges(this.onChange);
    this.needsLoad = true;
    this.buffer = [];
    this.failures = 0;
    this.publish({ ...EMPTY_VALIDATION, pending: true });
    this.pump();
  }

  /** Stops following (the design was closed); the worker stays for the next design. */
  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.history = null;
    this.buffer = [];
    this.publish(EMPTY_VALIDATION);
  }

  /** Terminates the worker for good. */
  dispose(): void {
    this.detach();
    this.worker?.terminate();
    this.worker = null;
  }

  private readonly onChange: ChangeListener = (change) => {
    if (change.type === 'reset') {
      this.needsLoad = true;
      this.buffer = [];
    } else if (!this.needsLoad) {
      this.buffer.push(...change.patches);
    }
    // A change is a fresh chance after validation stopped.
    if (this.view.stopped) this.failures = 0;
    if (!this.view.pending) this.publish({ ...this.view, pending: true });
    this.pump();
  };

  /** Sends what is waiting, unless a request is outstanding or validation stopped. */
  private pump(): void {
    const h = this.history;
    if (!h || this.inFlight !== null || this.failures >= MAX_FAILURES) return;
    let msg: ValidationRequest;
    if (this.needsLoad) {
      msg = { type: 'load', seq: ++this.seq, design: h.design };
      this.needsLoad = false;
      this.buffer = [];
    } else if (this.buffer.length) {
      msg = { type: 'patch', seq: ++this.seq, patches: this.buffer };
      this.buffer = [];
    } else {
      return;
    }
    const w = this.ensureWorker();
    this.inFlight = msg.seq;
    try {
      w.postMessage(msg);
    } catch (e) {
      // A design that cannot be cloned (never expected: designs are plain data) must not break editing.
      this.fail(`could not send the design to the validator (${e instanceof Error ? e.message : String(e)})`, false);
    }
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.makeWorker();
    w.onmessage = (e) => this.onAnswer(w, e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      if (w === this.worker) this.fail(`the validator crashed (${e.message || 'worker error'}); restarted it`, true);
    };
    this.worker = w;
    return w;
  }

  private onAnswer(from: WorkerLike, msg: ValidationResponse): void {
    // Answers from a replaced worker or to an abandoned request are stale.
    if (from !== this.worker || msg.seq !== this.inFlight) return;
    this.inFlight = null;
    if (!this.history) return;
    if (msg.type === 'error') return this.fail(`validation failed: ${msg.message}`, false);
    this.failures = 0;
    const current = !this.needsLoad && this.buffer.length === 0;
    if (current) this.publish({ diagnostics: msg.diagnostics, summary: msg.summary, pending: false, stopped: null });
    else this.pump();
  }

  /** Replaces the worker when it crashed, resends the whole design, and gives up after repeated failures. */
  private fail(line: string, crashed: boolean): void {
    this.inFlight = null;
    if (crashed) {
      this.worker?.terminate();
      this.worker = null;
    }
    this.needsLoad = true;
    this.buffer = [];
    this.failures++;
    this.onFailure(this.failures >= MAX_FAILURES ? `Validation stopped: ${line.replace(/; restarted it$/, '')}. It retries after the next edit.` : `Validation: ${line}`);
    if (this.failures >= MAX_FAILURES) this.publish({ ...this.view, pending: false, stopped: line });
    else this.pump();
  }

  private publish(view: ValidationView): void {
    this.view = view;
    this.onView(view);
  }
}
