/**
 * The simulation worker's message handling, without the worker global: `serveSimulation` listens on an
 * endpoint, runs `simulate` (or, for an `advise` request, the placement advice) for each request, posts throttled
 * progress and the result, and turns any
 * exception into a one-line error. The worker entry only wires this to `self` (STYLE.md pattern 10).
 */
import { SolveCancelled } from '../../shared/sim/maxmin';
import { simulate, type SimulateOptions } from '../../shared/sim/simulate';
import type { Design } from '../../shared/model/design';
import type { Scenario, SimulationResult } from '../../shared/sim/simulate';
import { advisePlacement, type PlacementAdvice, type PlacementOptions } from '../../shared/sim/placement';
import { oneLine, type MessageEndpoint, type SimRequest, type SimResponse } from './protocol';
import { compareWithoutFailures } from './whatif-run';

/** Progress is posted at most this often (ms) per run, plus on every phase change and at the end of a phase. */
export const PROGRESS_INTERVAL_MS = 50;

export interface ServeOptions {
  engine?: (design: Design, scenario: Scenario, opts: SimulateOptions) => SimulationResult;
  advisor?: (design: Design, scenario: Scenario, opts: PlacementOptions) => PlacementAdvice;
  now?: () => number;
}

export function serveSimulation(port: MessageEndpoint<SimRequest, SimResponse>, opts: ServeOptions = {}): void {
  const engine = opts.engine ?? simulate;
  const advisor = opts.advisor ?? ((d: Design, s: Scenario, o: PlacementOptions) => advisePlacement(d, s, o));
  const now = opts.now ?? (() => performance.now());
  // Runs cancelled before they started (a cancel queued behind the run request it names).
  const cancelled = new Set<number>();

  port.addEventListener('message', ({ data }) => {
    if (data.type === 'cancel') {
      cancelled.add(data.id);
      return;
    }
    if (data.type !== 'run' && data.type !== 'advise') return;
    const { id, design, scenario, cancelFlag } = data;
    const started = now();
    let lastPost = -Infinity;
    let lastPhase = '';
    const shouldCancel = () => cancelled.has(id) || (cancelFlag !== undefined && Atomics.load(cancelFlag, 0) !== 0);
    try {
      if (shouldCancel()) {
        port.postMessage({ type: 'cancelled', id });
        return;
      }
      const progress = (phase: string, fraction: number) => {
        const t = now();
        if (phase === lastPhase && fraction < 1 && t - lastPost < PROGRESS_INTERVAL_MS) return;
        lastPhase = phase;
        lastPost = t;
        port.postMessage({ type: 'progress', id, phase, fraction: Math.min(1, Math.max(0, fraction)) });
      };
      if (data.type === 'advise') {
        const advice = advisor(design, scenario, { shouldCancel, onProgress: (phase, f) => progress(`advise-${phase}`, f) });
        port.postMessage({ type: 'advice', id, advice, seconds: (now() - started) / 1000 });
        return;
      }
      const result = engine(design, scenario, { shouldCancel, onProgress: progress });
      // A scenario with failures is then compared with the run without them (the what-if diff the app shows).
      let whatIf = null;
      if (scenario.failures?.length) {
        whatIf = compareWithoutFailures(design, scenario, result, { shouldCancel, onProgress: (f) => progress('what-if', f) });
        if (whatIf === null) {
          port.postMessage({ type: 'cancelled', id });
          return;
        }
      }
      port.postMessage(whatIf ? { type: 'result', id, result, seconds: (now() - started) / 1000, whatIf } : { type: 'result', id, result, seconds: (now() - started) / 1000 });
    } catch (e) {
      port.postMessage(e instanceof SolveCancelled ? { type: 'cancelled', id } : { type: 'error', id, message: `${data.type === 'advise' ? 'Placement advice' : 'Simulation'} failed: ${oneLine(e)}` });
    } finally {
      cancelled.delete(id);
    }
  });
}
