/**
 * One worker thread doing file work for main (reading a project, checking and writing a design): main posts a
 * request and waits for the reply without blocking its event loop, each step under a deadline, the thread's
 * heap capped, and a cancel. Every way the thread can fail (the deadline, the heap, a crash) resolves the step
 * with a `WorkerFailure` the caller turns into its own one-line reason; nothing here throws. Messages carrying
 * `note` are side notes (say, the temp file a save is writing), passed to `onNote` and not taken as the reply.
 *
 * Terminating the thread stops JavaScript wherever it is; native code (a SQLite statement) finishes its call
 * first, which is why every SQLite read is bounded before it runs (open-guard.ts).
 */
import { Worker } from 'node:worker_threads';
import { describeError } from '../util/messages';

export type WorkerFailure =
  | { kind: 'deadline'; ms: number }
  | { kind: 'memory'; mb: number }
  | { kind: 'crash'; detail: string }
  | { kind: 'canceled' };

export type WorkerStep<T> = { reply: T } | { failed: WorkerFailure };

export interface WorkerTaskOptions {
  /** The built worker script; tests pass a loader that runs the TypeScript entry named in `argv`. */
  workerFile: string;
  argv?: string[];
  heapMb: number;
  /** Side notes the thread posts (`{note: …}`) while a step runs. */
  onNote?: (note: unknown) => void;
  /** Called once when the thread has stopped for good (clean-up of what it may have left half done). */
  onStopped?: (failure: WorkerFailure | null) => void;
}

export class WorkerTask {
  private readonly worker: Worker;
  private pending: { resolve: (s: WorkerStep<unknown>) => void; timer: NodeJS.Timeout } | null = null;
  private failure: WorkerFailure | null = null;
  private ended = false;

  constructor(private readonly opts: WorkerTaskOptions) {
    this.worker = new Worker(opts.workerFile, { argv: opts.argv ?? [], resourceLimits: { maxOldGenerationSizeMb: opts.heapMb } });
    this.worker.on('message', (m: unknown) => {
      if (m !== null && typeof m === 'object' && 'note' in m) opts.onNote?.((m as { note: unknown }).note);
      else this.settle({ reply: m });
    });
    this.worker.on('error', (e) => {
      const code = (e as NodeJS.ErrnoException).code;
      this.fail(code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'memory', mb: opts.heapMb } : { kind: 'crash', detail: describeError(e) });
    });
    this.worker.on('exit', (code) => this.fail({ kind: 'crash', detail: `the worker stopped unexpectedly (exit code ${code})` }));
  }

  /** Posts `request` and resolves with the thread's reply, or how it failed (then the thread is stopped). */
  ask<T>(request: unknown, deadlineMs: number): Promise<WorkerStep<T>> {
    if (this.failure) return Promise.resolve({ failed: this.failure });
    if (this.pending || this.ended) return Promise.resolve({ failed: { kind: 'crash', detail: 'the worker is busy or was stopped' } });
    return new Promise<WorkerStep<T>>((resolve) => {
      const timer = setTimeout(() => this.fail({ kind: 'deadline', ms: deadlineMs }), deadlineMs);
      this.pending = { resolve: resolve as (s: WorkerStep<unknown>) => void, timer };
      this.worker.postMessage(request);
    });
  }

  /** Posts `message`, which the thread takes without replying (a part of the next request). */
  tell(message: unknown): void {
    if (!this.ended) this.worker.postMessage(message);
  }

  /** Stops a running step (it resolves as canceled) and the thread. */
  cancel(): void {
    this.fail({ kind: 'canceled' });
  }

  /** Stops the thread after its last step (its heap, and SQLite's memory, go with it). */
  end(): void {
    this.stop(null);
  }

  private settle(step: WorkerStep<unknown>): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    clearTimeout(pending.timer);
    pending.resolve(step);
  }

  private fail(failure: WorkerFailure): void {
    if (this.ended) return;
    this.failure = failure;
    this.settle({ failed: failure });
    this.stop(failure);
  }

  private stop(failure: WorkerFailure | null): void {
    if (this.ended) return;
    this.ended = true;
    void this.worker.terminate().finally(() => this.opts.onStopped?.(failure));
  }
}
