/** React binding of the simulation controller: components subscribe to the slice they render. */
import { useSyncExternalStore } from 'react';
import { useAppStore } from '../state/use-store';
import { simulationFor, type SimState, type SimulationController } from './controller';

export function useSimulation(): SimulationController {
  return simulationFor(useAppStore());
}

export function useSimState<T>(selector: (s: SimState) => T): T {
  const sim = useSimulation();
  return useSyncExternalStore(sim.subscribe, () => selector(sim.getState()));
}
