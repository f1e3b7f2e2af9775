/**
 * Runs layouts in a worker, one at a time. The worker starts on first use; a crashed worker fails its run
 * with one line and is replaced on the next run. Cancel terminates the worker: ELK is synchronous inside a
 * run and could not read a cancel message until it had finished.
 */
import type { Design } from '../../shared/model/design';
import type { ArrangeResult } from '../../shared/layout';
import { oneLine } from '../simulation/protocol';
import { fromWire, type LayoutRequest, type LayoutResponse } from './protocol';

/** What the client needs of a Worker (tests pass a fake or a Node worker). */
export interface LayoutWorkerLike {
  postMessage(message: LayoutRequest): void;
  addEventListener(type: 'message', listener: (e: { data: LayoutResponse }) => void): void;
  addEventListener(type: 'error', listener: (e: { message?: string; preventDefault?: () => void }) => void): void;
  terminate(): void;
}

export type LayoutOutcome = { type: 'result'; result: ArrangeResult; seconds: number } | { type: 'cancelled' } | { type: 'error'; message: string };

interface Pending {
  id: number;
  resolve: (o: LayoutOutcome) => void;
  onProgress: (done: number, total: number) => void;
}

export class LayoutClient {
  private worker: LayoutWorkerLike | null = null;
  private pending: Pending | null = null;
  private nextId = 1;

  constructor(private readonly createWorker: () => LayoutWorkerLike) {}

  /** Lays out the design (or the selection's top-level elements); a run still going is cancelled first. Never rejects. */
  run(design: Design, selection: readonly string[] | null, onProgress: (done: number, total: number) => void = () => {}): Promise<LayoutOutcome> {
    if (this.pending) this.cancel();
    return new Promise<LayoutOutcome>((resolve) => {
      const id = this.nextId++;
      this.pending = { id, resolve, onProgress };
      try {
        this.ensureWorker().postMessage({ type: 'run', id, design, selection: selection ? [...selection] : null });
      } catch (e) {
        this.settle(id, { type: 'error', message: `Could not start the automatic layout: ${oneLine(e)}` });
      }
    });
  }

  get running(): boolean {
    return this.pending !== null;
  }

  /** Stops the current run at once; its promise resolves as cancelled. */
  cancel(): void {
    const p = this.pending;
    if (!p) return;
    this.settle(p.id, { type: 'cancelled' });
    this.dropWorker();
  }

  dispose(): void {
    this.cancel();
    this.dropWorker();
  }

  private ensureWorker(): LayoutWorkerLike {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.addEventListener('message', (e: { data: LayoutResponse }) => this.onMessage(w, e.data));
    w.addEventListener('error', (e: { message?: string; preventDefault?: () => void }) => {
      e.preventDefault?.();
      if (this.worker !== w) return;
      this.dropWorker();
      const p = this.pending;
      if (p) this.settle(p.id, { type: 'error', message: `The layout worker stopped: ${oneLine(e.message ?? 'it crashed')}. Nothing was changed; try again.` });
    });
    this.worker = w;
    return w;
  }

  private dropWorker(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private onMessage(w: LayoutWorkerLike, m: LayoutResponse): void {
    if (w !== this.worker) return;
    const p = this.pending;
    if (!p || p.id !== m.id) return;
    if (m.type === 'progress') p.onProgress(m.done, m.total);
    else if (m.type === 'result') this.settle(m.id, { type: 'result', result: fromWire(m.arrangement), seconds: m.seconds });
    else this.settle(m.id, { type: 'error', message: m.message });
  }

  private settle(id: number, outcome: LayoutOutcome): void {
    const p = this.pending;
    if (!p || p.id !== id) return;
    this.pending = null;
    p.resolve(outcome);
  }
}

/** The app's worker: a module worker bundled by Vite from renderer/workers/layout.worker.ts. */
export function createLayoutWorker(): LayoutWorkerLike {
  return new Worker(new URL('../workers/layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' }) as unknown as LayoutWorkerLike;
}
