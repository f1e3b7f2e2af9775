/** Ready-made scenarios: what engineers ask first ("host A talks to host B", "evacuate host A", "every VM busy"). */
import type { Design } from '../model/design';
import type { ElementOf } from '../model/elements';
import type { FlowSpec } from './paths';
import type { MigrationSpec, Scenario } from './simulate';

export const SCENARIO_DEFAULTS = { maxPayload: 256, downtimeLimitSec: 0.3 } as const;

/** VMs of every host, sorted by id, in one pass over the design. */
function vmsByHost(d: Design): Map<string, ElementOf<'vm'>[]> {
  const m = new Map<string, ElementOf<'vm'>[]>();
  for (const e of Object.values(d.elements)) {
    if (e.kind !== 'vm' || e.parent === null) continue;
    const list = m.get(e.parent);
    if (list) list.push(e);
    else m.set(e.parent, [e]);
  }
  for (const list of m.values()) list.sort((a, b) => (a.id < b.id ? -1 : 1));
  return m;
}
const vmsOf = (d: Design, host: string) => vmsByHost(d).get(host) ?? [];
const hostsOf = (d: Design) =>
  Object.values(d.elements)
    .filter((e): e is ElementOf<'host'> => e.kind === 'host')
    .sort((a, b) => (a.id < b.id ? -1 : 1));

/** Every VM of host A sends to every VM of host B. */
export function allToAll(d: Design, hostA: string, hostB: string, demandGbps: number | null = null): FlowSpec[] {
  const flows: FlowSpec[] = [];
  for (const a of vmsOf(d, hostA)) for (const b of vmsOf(d, hostB)) if (a.id !== b.id) flows.push({ id: `${a.id}->${b.id}`, src: { vm: a.id }, dst: { vm: b.id }, demandGbps });
  return flows;
}

/** Moves every VM off host A, spreading them round-robin over the other hosts (or the given targets). */
export function evacuate(d: Design, hostA: string, targets?: string[]): MigrationSpec[] {
  const others = targets ?? hostsOf(d).map((h) => h.id).filter((h) => h !== hostA);
  if (others.length === 0) return [];
  return vmsOf(d, hostA).map((vm, i) => ({ vm: vm.id, to: others[i % others.length]! }));
}

/** One flow per VM, to the VM with the same index on the next host (wrapping): every host's NIC is busy. */
export function onePerVm(d: Design, demandGbps: number | null = null): FlowSpec[] {
  const hosts = hostsOf(d);
  const byHost = vmsByHost(d);
  const vms = hosts.map((h) => byHost.get(h.id) ?? []);
  const flows: FlowSpec[] = [];
  hosts.forEach((_h, i) => {
    const next = vms[(i + 1) % hosts.length]!;
    vms[i]!.forEach((vm, k) => {
      const dst = next.length ? next[k % next.length]! : undefined;
      if (dst && dst.id !== vm.id) flows.push({ id: `${vm.id}->${dst.id}`, src: { vm: vm.id }, dst: { vm: dst.id }, demandGbps });
    });
  });
  return flows;
}

/** The scenario used when a design has none: one flow per VM. */
export function defaultScenario(d: Design): Scenario {
  return { name: 'one flow per VM', flows: onePerVm(d), migrations: [], ...SCENARIO_DEFAULTS };
}
