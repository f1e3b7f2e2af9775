/**
 * What the simulation panel's placement advice shows and does: each suggested VM move by name, the Ethernet load
 * before and after all the moves (shared/sim/placement.ts NetworkLoad), and the edit that adds moves to the scenario as
 * migrations. The design is never changed: like `rackplane advise --apply`, it records where VMs are today, and the
 * scenario's run then shows what migrating them costs. Pure functions over the design, so the panel only renders and
 * the tests need no DOM or worker.
 */
import type { Design } from '../../shared/model/design';
import type { NetworkLoad, PlacementAdvice, PlacementMove } from '../../shared/sim/placement';
import type { MigrationSpec } from '../../shared/sim/simulate';

export interface MoveRow {
  vm: string;
  vmName: string;
  fromName: string;
  toName: string;
  /** "5 Gb/s × hops kept inside the host". */
  gain: string;
  /** The scenario already migrates the VM to this destination (the move was added). */
  inScenario: boolean;
  /** Why the move cannot be added: the VM or a host changed since the advice, or the scenario migrates it elsewhere. */
  problem: string | null;
}

export interface LoadRow {
  label: string;
  hint: string;
  before: string;
  after: string;
  /** The after figure is lower (green), higher (red) or the same. */
  trend: 'down' | 'up' | 'same';
}

const nameOf = (d: Design, id: string) => {
  const e = Object.hasOwn(d.elements, id) ? d.elements[id]! : undefined;
  return e ? e.name || e.id : id;
};

/** Gb/s as the panel shows them: two decimals below 10, one below 100, none above. */
export const gbps = (x: number): string => `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)} Gb/s`;
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** Why a suggested move can no longer be planned on `d`, or null when it still can. */
export function moveProblem(d: Design, m: Pick<PlacementMove, 'vm' | 'from' | 'to'>): string | null {
  const vm = Object.hasOwn(d.elements, m.vm) ? d.elements[m.vm] : undefined;
  if (vm?.kind !== 'vm') return `VM ${m.vm} is no longer in the design`;
  if (vm.parent === m.to) return `${vm.name || vm.id} is already on ${nameOf(d, m.to)}`;
  if (vm.parent !== m.from) return `${vm.name || vm.id} is no longer on ${nameOf(d, m.from)}`;
  if (d.elements[m.to]?.kind !== 'host') return `host ${m.to} is no longer in the design`;
  return null;
}

/**
 * Where a move stands against the scenario's migrations: already planned there (this move was added), blocked by a
 * migration of the same VM elsewhere (one migration per VM, as the scenario form and `advise --apply` keep it), or free.
 */
function plannedAs(d: Design, migrations: readonly MigrationSpec[], m: Pick<PlacementMove, 'vm' | 'to'>): { same: boolean; reason: string } | null {
  const planned = migrations.find((x) => x.vm === m.vm);
  return planned ? { same: planned.to === m.to, reason: `${nameOf(d, m.vm)} already migrates to ${nameOf(d, planned.to)} in this scenario` } : null;
}

/** The list rows: each move by name, with what it keeps closer and whether the scenario already plans it. */
export function moveRows(d: Design, advice: PlacementAdvice, migrations: readonly MigrationSpec[]): MoveRow[] {
  return advice.moves.map((m) => {
    const planned = plannedAs(d, migrations, m);
    return {
      vm: m.vm,
      vmName: nameOf(d, m.vm),
      fromName: nameOf(d, m.from),
      toName: nameOf(d, m.to),
      gain: `${gbps(m.gainGbps)} × hops kept ${m.keeps === 'host' ? 'inside the host' : 'under the rack switch'}`,
      inScenario: planned?.same === true,
      problem: planned ? (planned.same ? null : planned.reason) : moveProblem(d, m),
    };
  });
}

const trend = (before: number, after: number): LoadRow['trend'] => (after < before - 1e-9 ? 'down' : after > before + 1e-9 ? 'up' : 'same');

/** The network load before and after all the suggested moves, one row per figure placement.ts computes. */
export function loadRows(before: NetworkLoad, after: NetworkLoad): LoadRow[] {
  return [
    { label: 'Ethernet cables', hint: 'Load summed over every cable direction: a flow crossing three cables counts three times.', before: gbps(before.cableGbps), after: gbps(after.cableGbps), trend: trend(before.cableGbps, after.cableGbps) },
    { label: 'Between switches', hint: 'The part on switch-to-switch cables: ToR uplinks, spines, FEX uplinks and MLAG peer links.', before: gbps(before.interSwitchGbps), after: gbps(after.interSwitchGbps), trend: trend(before.interSwitchGbps, after.interSwitchGbps) },
    { label: 'Busiest cable', hint: 'Highest utilisation of any cable direction.', before: pct(before.maxUtilisation), after: pct(after.maxUtilisation), trend: trend(before.maxUtilisation, after.maxUtilisation) },
    { label: 'Traffic carried', hint: 'Sum of the flows’ rates: moves never lower it (a move that would slow a flow is withdrawn).', before: gbps(before.carriedGbps), after: gbps(after.carriedGbps), trend: 'same' },
  ];
}

/** One line under the list: the empty state, or how many moves and what was left out. */
export function adviceSummary(advice: PlacementAdvice): string {
  const n = advice.moves.length;
  const extra: string[] = [];
  if (advice.pinned.length) extra.push(`${advice.pinned.length} VM${advice.pinned.length === 1 ? '' : 's'} pinned to their host (VF, passthrough or S-channel)`);
  if (advice.withdrawn.length) extra.push(`${advice.withdrawn.length} move${advice.withdrawn.length === 1 ? '' : 's'} withdrawn because they slowed a flow`);
  const head = n === 0 ? 'No move reduces network load for this scenario' : `${n} move${n === 1 ? ' keeps' : 's keep'} heavy traffic closer (within MIG-001)`;
  return extra.length ? `${head}; ${extra.join(', ')}.` : `${head}.`;
}

/**
 * The scenario's migrations with `moves` added as migrations from where the VMs are today (the design does not change:
 * as `rackplane advise --apply`, it records today's placement and the scenario the plan to leave it). A move that no
 * longer fits the design, or whose VM the scenario already migrates, is left out and `skipped` says why.
 */
export function adviceMigrations(
  d: Design,
  migrations: readonly MigrationSpec[],
  moves: readonly PlacementMove[],
): { migrations: MigrationSpec[]; added: PlacementMove[]; skipped: string[] } {
  const out = [...migrations];
  const added: PlacementMove[] = [];
  const skipped: string[] = [];
  for (const m of moves) {
    const planned = plannedAs(d, out, m);
    const problem = planned ? planned.reason : moveProblem(d, m);
    if (problem) {
      skipped.push(problem);
      continue;
    }
    out.push({ vm: m.vm, to: m.to });
    added.push(m);
  }
  return { migrations: out, added, skipped };
}

/** The undo label of adding moves: "Add advised migration (r01-h001-vm01 to esx-r01-h002)" or "Add 3 advised migrations". */
export function addLabel(d: Design, moves: readonly PlacementMove[]): string {
  return moves.length === 1 ? `Add advised migration (${nameOf(d, moves[0]!.vm)} to ${nameOf(d, moves[0]!.to)})` : `Add ${moves.length} advised migrations`;
}
