/**
 * Placement advice for the scenario (renderer/panels/SimulationAdvice.tsx): computed in the simulation worker, so it
 * is an action like Run, reachable from the command palette and the panel's button.
 */
import { simulationFor } from '../simulation/controller';
import type { AppStore } from '../state/store';
import type { ActionRegistry } from './registry';

export function registerAdviceActions(r: ActionRegistry, store: AppStore): void {
  const sim = simulationFor(store);
  r.register({
    name: 'simulation.advise',
    label: () => 'Advise Placement',
    // The advice localises the scenario's flows: without any there is nothing to advise on.
    predicate: (s) => s.doc !== null && !s.busy && sim.getState().draft.flows.length > 0 && !sim.running && sim.getState().advice.kind !== 'running',
    perform: () => {
      sim.togglePanel(true);
      return sim.advise();
    },
  });
}
