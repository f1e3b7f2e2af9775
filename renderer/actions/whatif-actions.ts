/**
 * What-if from the canvas: Fail takes the selected cable, switch, host or team member down in the scenario and
 * reruns it, Restore brings it back, Restore All brings every failure back. Each is one undo step (woven into the
 * design's undo order, renderer/simulation/scenario-history.ts), reachable from the context menu, the command
 * palette and the keyboard (Shift+F: fail, Shift+U: back up).
 */
import { simulationFor } from '../simulation/controller';
import { failedInSelection, failureName, newFailures } from '../simulation/failure-edit';
import type { AppState, AppStore } from '../state/store';
import type { ActionRegistry } from './registry';

export function registerWhatIfActions(r: ActionRegistry, store: AppStore): void {
  const sim = simulationFor(store);
  const ready = (s: AppState) => s.doc !== null && !s.busy;
  const toFail = (s: AppState) => (ready(s) ? newFailures(s.doc!.design, sim.getState().draft, s.selection) : []);
  const toRestore = (s: AppState) => (ready(s) ? failedInSelection(s.doc!.design, sim.getState().draft, s.selection) : []);
  const named = (verb: string, s: AppState, fs: ReturnType<typeof toFail>) =>
    fs.length === 1 ? `${verb} ${failureName(s.doc!.design, fs[0]!)}` : fs.length > 1 ? `${verb} ${fs.length} Items` : verb;

  r.register({
    name: 'simulation.fail',
    label: (s) => named('Fail', s, toFail(s)),
    shortcuts: [{ key: 'f', shift: true }],
    predicate: (s) => toFail(s).length > 0,
    perform: () => void sim.fail(toFail(store.getState())),
  });
  r.register({
    name: 'simulation.restore',
    label: (s) => named('Restore', s, toRestore(s)),
    shortcuts: [{ key: 'u', shift: true }],
    predicate: (s) => toRestore(s).length > 0,
    perform: () => void sim.restoreFailures(toRestore(store.getState())),
  });
  r.register({
    name: 'simulation.restoreAll',
    label: () => {
      const n = sim.getState().draft.failures.length;
      return n > 1 ? `Restore All ${n} Failures` : 'Restore All Failures';
    },
    predicate: (s) => ready(s) && sim.getState().draft.failures.length > 0,
    perform: () => void sim.restoreAll(),
  });
}
