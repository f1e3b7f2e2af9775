/**
 * What the link inspector's "Load" section shows for one PCIe or Ethernet link after a simulation run: per
 * direction its load, capacity, utilisation, heat band (the colour the canvas draws it in) and the flows that
 * use it most. Pure over the design, the scenario that ran and its result.
 */
import type { Design } from '../../shared/model/design';
import type { Link } from '../../shared/model/links';
import type { Scenario, SimulationResult } from '../../shared/sim/simulate';
import type { FlowEnd } from '../../shared/sim/paths';
import { heatBand } from '../../shared/scene/heatmap';
import { resourceLabel } from '../../shared/export/sim-names';
import { endLabel } from '../simulation/scenario-draft';
import type { WhatIfRun } from '../simulation/whatif-run';

/** Flows named under a direction before the list is cut short. */
export const TOP_FLOWS = 3;

export interface FlowUse {
  id: string;
  /** "vm → vm": a VM by its own name (the inspector is narrow), other ends as the flow table names them. */
  name: string;
  /** The flow's rate at the start of the run, Gb/s. */
  rate: number;
}

export interface DirectionLoad {
  /** The resource id (`eth:<link>:ab`, `pcie:<link>:down`, …). */
  id: string;
  /** "esx-h001 nic0 eth0 → r01-tor-a p0", as the flow table names a bottleneck ("PCIe …" for PCIe). */
  label: string;
  /** Peak load over the run, Gb/s (the figure the heatmap colours). */
  load: number;
  /** Gb/s; Infinity when the model cannot state it (PCIe of unknown generation or width). */
  capacity: number;
  /** load ÷ capacity (0 when the capacity is unknown). */
  utilisation: number;
  /** Index into HEAT_BANDS. */
  band: number;
  /** The busiest flows on this direction, highest rate first (at most TOP_FLOWS). */
  top: FlowUse[];
  /** How many flows cross this direction in all. */
  flows: number;
}

function endName(d: Design, end: FlowEnd): string {
  if ('vm' in end) {
    const vm = d.elements[end.vm];
    return vm ? vm.name || vm.id : end.vm;
  }
  return endLabel(d, end);
}

/**
 * The directions of a link as the run measured them, a→b first; null when the run has no resource for the link
 * (not a PCIe or Ethernet link, or one the model could not size, e.g. a port of unknown speed).
 */
export function linkLoad(d: Design, link: Link, scenario: Scenario, result: SimulationResult): DirectionLoad[] | null {
  const own = result.resources.filter((r) => r.ref === link.id && (r.kind === 'pcie' || r.kind === 'ethernet'));
  if (own.length === 0) return null;
  // Both kinds list a→b first (eth ab, pcie down: the upstream port is always end a).
  const forward = (id: string) => id.endsWith(':ab') || id.endsWith(':down');
  const spec = new Map(scenario.flows.map((f) => [f.id, f]));
  return [...own]
    .sort((x, y) => Number(forward(y.id)) - Number(forward(x.id)))
    .map((r) => {
      const users = result.flows
        .filter((f) => !f.dropped && f.path.includes(r.id))
        .map((f) => {
          const s = spec.get(f.id);
          return { id: f.id, name: s ? `${endName(d, s.src)} → ${endName(d, s.dst)}` : f.id, rate: f.rate };
        })
        // Ties keep scenario order, so equal flows list the same way every time.
        .sort((x, y) => y.rate - x.rate);
      const utilisation = Number.isFinite(r.utilisation) ? r.utilisation : 0;
      return {
        id: r.id,
        label: resourceLabel(d, r.id),
        load: r.load,
        capacity: r.capacity,
        utilisation,
        band: heatBand(utilisation),
        top: users.slice(0, TOP_FLOWS),
        flows: users.length,
      };
    });
}

const WHAT_IF_NOTES = {
  down: 'What-if: down — a failure in this scenario takes it down.',
  lost: 'What-if: lost its traffic — it carries none with the failures, and did without them.',
  slowed: 'What-if: slowed — it carries less with the failures than without them.',
  gained: 'What-if: carries more — traffic failed over onto it.',
} as const;

/** One line on how the run's failures changed this link's traffic (the heatmap's diff colour); null when unchanged. */
export function linkWhatIfNote(linkId: string, whatIf: WhatIfRun | undefined): { change: keyof typeof WHAT_IF_NOTES; text: string } | null {
  const hit = whatIf?.links.find(([l]) => l === linkId);
  return hit ? { change: hit[1], text: WHAT_IF_NOTES[hit[1]] } : null;
}
