/**
 * Property: after any single edit, `ValidationSession.run` with the edit's changes (from the command's patches, as
 * History hands them over) gives what validating the edited design from scratch gives. The edits aim at what the
 * incremental paths skip or reuse: per-host facts compared by value (MIG-001, VS-001, L2-005), MIG-001's kept
 * clusters (VM headroom, port-group networks, hosts), and fields a fabric rule declares it reads (`Reads.fields`:
 * NIC VFs against NIC ports and names, switch port settings against STP and LAGs).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Design } from '../model/design';
import type { Element, ElementKind, ElementOf } from '../model/elements';
import type { Command } from '../history/commands';
import { makeTemplate } from '../templates';
import { expectIncrementalMatches } from './incremental.test-support';
import { ALL_RULES } from './rules';

const RUNS = Number(process.env.RACKPLANE_PROPERTY_RUNS ?? 150);

const ofKind = <K extends ElementKind>(d: Design, kind: K) => Object.values(d.elements).filter((e): e is ElementOf<K> => e.kind === kind);
const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
const update = (el: Element | undefined, changes: Record<string, unknown>): Command | null => (el ? { type: 'updateElement', id: el.id as never, changes } : null);

type Edit = [op: number, a: number, b: number];

/** One single-element edit on `d`, or null when the design has nothing of that kind. */
function commandFor(d: Design, [op, a, b]: Edit): Command | null {
  const vm = pick(ofKind(d, 'vm'), a);
  const vs = pick(ofKind(d, 'vswitch'), a);
  const nic = pick(ofKind(d, 'nic'), a);
  const tor = pick(ofKind(d, 'tor'), a);
  const host = pick(ofKind(d, 'host'), a);
  switch (op % 14) {
    case 0:
      // Headroom: a VM that no longer fits somewhere, or fits again.
      return update(vm, { vcpus: pick([1, 2, 8, 24, 64], b), memoryGiB: pick([2, 16, 128, 700], b >> 3) });
    case 1:
      return update(vm, { tenant: pick([null, 'red', 'blue'], b) });
    case 2:
      return vm ? update(vm, { vnics: vm.vnics.map((n, i) => (i === 0 ? { ...n, vlan: pick([null, 110, 120], b) } : n)) }) : null;
    case 3:
      // Networks MIG-001 matches: a port group's trunk, VLAN or name.
      return vs ? update(vs, { portGroups: vs.portGroups.map((g, i) => (i === 0 ? { ...g, trunk: pick([[], [3000], [3000, 3001]], b)!, vlan: pick([g.vlan, 110, null], b >> 2) } : g)) }) : null;
    case 4:
      return vs ? update(vs, { portGroups: vs.portGroups.map((g, i) => (i === 0 ? { ...g, name: pick(['VM Network', 'other'], b)! } : g)) }) : null;
    case 5:
      return update(vs, pick([{ stp: !vs?.stp }, { switchKind: pick(['vds', 'ovs', 'linux-bridge'], b >> 2) }, { name: `vs ${b}` }, { distributedName: pick([null, 'vds-r01', 'other'], b >> 2) }], b)!);
    case 6:
      // Fields rules skip (VFs, PCIe) and fields they read (ports, speed, name).
      return nic ? update(nic, pick([{ physicalFunctions: nic.physicalFunctions.map((pf, i) => (i === 0 ? { ...pf, enabledVfs: pf.enabledVfs ? 0 : 2 } : pf)) }, { ports: pick([1, 2], b >> 2) }, { speedGbps: pick([10, 25, 100], b >> 2) }, { name: `nic ${b}` }], b)!) : null;
    case 7:
      return tor ? update(tor, { ports: tor.ports.map((p, i) => (i === b % Math.max(1, tor.ports.length) ? { ...p, reflectiveRelay: !p.reflectiveRelay, speedGbps: pick([p.speedGbps, 10], b >> 4)! } : p)) }) : null;
    case 8:
      return update(tor, pick([{ stp: !tor?.stp }, { name: `tor ${b}` }, { lags: [] }, { multichannel: !tor?.multichannel }], b)!);
    case 9:
      return update(host, pick([{ memoryGiB: pick([16, 256, 1024], b >> 2) }, { hypervisor: pick(['esxi', 'kvm'], b >> 2) }, { name: `host ${b}` }], b)!);
    case 10: {
      // A VM moves to another host: two hosts' facts change at once.
      const to = pick(ofKind(d, 'host'), b);
      return vm && to && vm.parent !== to.id ? { type: 'reparent', id: vm.id as never, parent: to.id as never, x: 0, y: 0 } : null;
    }
    case 11:
      return vm ? { type: 'remove', elements: [vm.id as never], links: [] } : null;
    case 12:
      return update(vm, { name: `vm ${b}` });
    default:
      return update(pick(ofKind(d, 'fex'), a), { controllingBridge: b % 2 ? null : (tor?.id ?? null) });
  }
}

describe('incremental validation with the changes from patches', () => {
  it('gives the same diagnostics as validating from scratch after every single edit', () => {
    // Two racks: MIG-001 clusters per rack's distributed switch, tenants and VLANs across racks.
    const base = makeTemplate('fabric', { hosts: 6, vmsPerHost: 3 });
    const edit = fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
        expectIncrementalMatches(base, ALL_RULES, edits, commandFor);
      }),
      { numRuns: RUNS },
    );
  });
});
