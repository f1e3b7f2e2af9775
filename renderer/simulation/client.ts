/**
 * Runs simulations in a worker, one at a time. Starts the worker on first use; a crashed worker fails its
 * run with one line and is replaced on the next run. Cancelling stops a run at once: with shared memory
 * (cross-origin isolated pages) by a flag the solver reads between rounds, otherwise by terminating the
 * worker, since a synchronous solver cannot read a cancel message until it has finished.
 */
import type { Design } from '../../shared/model/design';
import type { PlacementAdvice } from '../../shared/sim/placement';
import type { Scenario, SimulationResult } from '../../shared/sim/simulate';
import { oneLine, type SimRequest, type SimResponse } from './protocol';
import type { WhatIfRun } from './whatif-run';

/** What the client needs of a Worker (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: SimRequest): void;
  addEventListener(type: 'message', listener: (e: { data: SimResponse }) => void): void;
  addEventListener(type: 'error', listener: (e: { message?: string; preventDefault?: () => void }) => void): void;
  terminate(): void;
}

export type RunOutcome =
  | { type: 'result'; result: SimulationResult; seconds: number; whatIf?: WhatIfRun }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };

export type AdviceOutcome = { type: 'advice'; advice: PlacementAdvice; seconds: number } | { type: 'cancelled' } | { type: 'error'; message: string };

type Outcome = RunOutcome | AdviceOutcome;

interface Pending {
  id: number;
  resolve: (o: Outcome) => void;
  onProgress: (phase: string, fraction: number) => void;
  flag: Int32Array | null;
}

/** How long a flagged cancel may take before the worker is terminated anyway (ms). */
const CANCEL_GRACE_MS = 1000;

export class SimulationClient {
  private worker: WorkerLike | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  /** The run the worker is still computing after a flagged cancel, until it answers. */
  private busyWith: number | null = null;

  constructor(
    private readonly createWorker: () => WorkerLike,
    /** Whether SharedArrayBuffer may be posted (crossOriginIsolated); otherwise cancel terminates. */
    private readonly sharedMemory = false,
  ) {}

  /** Starts a run; a run still going is cancelled first. Never rejects. */
  run(design: Design, scenario: Scenario, onProgress: (phase: string, fraction: number) => void): Promise<RunOutcome> {
    return this.start('run', design, scenario, onProgress) as Promise<RunOutcome>;
  }

  /** Computes placement advice for the scenario in the worker, with the same progress, cancel and crash handling as a run. */
  advise(design: Design, scenario: Scenario, onProgress: (phase: string, fraction: number) => void): Promise<AdviceOutcome> {
    return this.start('advise', design, scenario, onProgress) as Promise<AdviceOutcome>;
  }

  private start(type: 'run' | 'advise', design: Design, scenario: Scenario, onProgress: (phase: string, fraction: number) => void): Promise<Outcome> {
    if (this.pending) this.cancel();
    return new Promise<Outcome>((resolve) => {
      const id = this.nextId++;
      const flag = this.sharedMemory ? new Int32Array(new SharedArrayBuffer(4)) : null;
      this.pending = { id, resolve, onProgress, flag };
      try {
        this.ensureWorker().postMessage(flag ? { type, id, design, scenario, cancelFlag: flag } : { type, id, design, scenario });
      } catch (e) {
        // postMessage throws when the design cannot be cloned; the worker is fine.
        this.settle(id, { type: 'error', message: `Could not start the ${type === 'run' ? 'simulation' : 'placement advice'}: ${oneLine(e)}` });
      }
    });
  }

  get running(): boolean {
    return this.pending !== null;
  }

  /** Stops the current run; its promise resolves as cancelled straight away. */
  cancel(): void {
    const p = this.pending;
    if (!p) return;
    this.settle(p.id, { type: 'cancelled' });
    if (p.flag && this.worker) {
      Atomics.store(p.flag, 0, 1);
      const w = this.worker;
      // If the solver does not stop soon (it was resolving paths, not between rounds), stop the worker.
      setTimeout(() => {
        if (this.worker === w && this.busyWith === p.id) this.dropWorker();
      }, CANCEL_GRACE_MS);
      this.busyWith = p.id;
    } else {
      this.dropWorker();
    }
  }

  /** Stops the worker for good (the app is closing or the tests are done). */
  dispose(): void {
    this.cancel();
    this.dropWorker();
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.addEventListener('message', (e: { data: SimResponse }) => this.onMessage(w, e.data));
    w.addEventListener('error', (e: { message?: string; preventDefault?: () => void }) => {
      e.preventDefault?.();
      if (this.worker !== w) return;
      this.dropWorker();
      const p = this.pending;
      if (p) this.settle(p.id, { type: 'error', message: `The simulation worker stopped: ${oneLine(e.message ?? 'it crashed')}. Run again to restart it.` });
    });
    this.worker = w;
    return w;
  }

  private dropWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.busyWith = null;
  }

  private onMessage(w: WorkerLike, m: SimResponse): void {
    if (w !== this.worker) return;
    if (m.type !== 'progress' && m.id === this.busyWith) this.busyWith = null;
    const p = this.pending;
    if (!p || p.id !== m.id) return;
    switch (m.type) {
      case 'progress':
        p.onProgress(m.phase, m.fraction);
        return;
      case 'result':
        this.settle(m.id, m.whatIf ? { type: 'result', result: m.result, seconds: m.seconds, whatIf: m.whatIf } : { type: 'result', result: m.result, seconds: m.seconds });
        return;
      case 'advice':
        this.settle(m.id, { type: 'advice', advice: m.advice, seconds: m.seconds });
        return;
      case 'cancelled':
        this.settle(m.id, { type: 'cancelled' });
        return;
      case 'error':
        this.settle(m.id, { type: 'error', message: m.message });
        return;
    }
  }

  private settle(id: number, outcome: Outcome): void {
    const p = this.pending;
    if (!p || p.id !== id) return;
    this.pending = null;
    p.resolve(outcome);
  }
}

/** The app's worker: a module worker bundled by Vite from renderer/workers/simulation.worker.ts. */
export function createSimulationWorker(): WorkerLike {
  return new Worker(new URL('../workers/simulation.worker.ts', import.meta.url), { type: 'module', name: 'simulation' }) as unknown as WorkerLike;
}
