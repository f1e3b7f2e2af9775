/**
 * The typed messages between the app and the simulation worker. Every request carries an id and every
 * response names the request it answers, so a late answer to a cancelled or superseded run is recognised
 * and ignored. Errors cross the boundary as one-line strings, never as Error objects.
 */
import type { Design } from '../../shared/model/design';
import type { PlacementAdvice } from '../../shared/sim/placement';
import type { Scenario, SimulationResult } from '../../shared/sim/simulate';
import type { WhatIfRun } from './whatif-run';

export type SimRequest =
  | {
      type: 'run';
      id: number;
      design: Design;
      scenario: Scenario;
      /**
       * Optional cancel flag in shared memory (only when the page is cross-origin isolated): the app sets
       * element 0 to 1 and the solver sees it between rounds. Without it, cancel terminates the worker.
       */
      cancelFlag?: Int32Array;
    }
  // Placement advice for the scenario (shared/sim/placement.ts); cancelled and answered like a run.
  | { type: 'advise'; id: number; design: Design; scenario: Scenario; cancelFlag?: Int32Array }
  | { type: 'cancel'; id: number };

export type SimResponse =
  | { type: 'progress'; id: number; phase: string; fraction: number }
  // `whatIf`: when the scenario has failures, the comparison with the run without them (whatif-run.ts).
  | { type: 'result'; id: number; result: SimulationResult; seconds: number; whatIf?: WhatIfRun }
  | { type: 'advice'; id: number; advice: PlacementAdvice; seconds: number }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string };

/** The part of a worker or MessagePort the adapter and the client use (fakes implement it in tests). */
export interface MessageEndpoint<In, Out> {
  postMessage(message: Out): void;
  addEventListener(type: 'message', listener: (e: { data: In }) => void): void;
}

/** One line from anything thrown: the message without a stack, never "[object Object]". */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : (() => {
    try {
      return JSON.stringify(e) ?? String(e);
    } catch {
      return String(e);
    }
  })();
  const line = text.split('\n')[0]!.trim();
  return line || 'unknown error';
}
