/**
 * Property (issue #11 item 5): the validator and the simulator agree. Whenever the simulator drops a flow because of
 * how the design is configured (no vNIC attached, an uplink or VF port not cabled or cabled to a non-switch, reflective
 * relay off, no L3 gateway for a VLAN, a VLAN a port does not carry, switches that no cable joins), the validator
 * reports a diagnostic of the matching rule on one of the elements the simulator names.
 *
 * Designs are the templates with random configuration edits (bridging modes, cables removed, relay, gateways,
 * allowed VLANs, guest tags, VFs, S-channels), and random flows between their VMs and to the outside.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Design } from '../model/design';
import { EVB_MODES, type Element, type ElementKind, type ElementOf } from '../model/elements';
import { applyCommand, type Command } from '../history/commands';
import { makeTemplate } from '../templates';
import { buildNetwork } from '../sim/network';
import { resolveFlow, SwitchRouter, type DropKind, type FlowSpec } from '../sim/paths';
import { validateDesign } from './engine';
import { ALL_RULES } from './rules';

const RUNS = Number(process.env.RACKPLANE_PROPERTY_RUNS ?? 150);

/** Rules that speak for each kind of configuration drop (null: the flow itself is malformed, not the design). */
const RULES_FOR: Record<DropKind, readonly string[] | null> = {
  'unknown-end': null,
  'bad-flow': null,
  'no-migration-uplink': null,
  'no-attachment': ['NET-001'],
  'not-in-host': ['NET-003'],
  'foreign-attachment': ['NET-001', 'IOV-002'],
  'vlan-refused': ['L2-001'],
  uncabled: ['NET-001'],
  'no-switch': ['NET-001'],
  'relay-off': ['EVB-001'],
  'no-gateway': ['L3-001', 'FEX-001', 'BR-001'],
  'vlan-not-allowed': ['L2-001'],
  'no-switch-path': ['NET-002', 'FEX-001', 'BR-001'],
  'fex-no-uplink': ['FEX-001', 'BR-001'],
  'no-controlling-bridge': ['EVB-002', 'BR-001', 'FEX-001'],
};

const ofKind = <K extends ElementKind>(d: Design, kind: K) => Object.values(d.elements).filter((e): e is ElementOf<K> => e.kind === kind);
const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
const VLANS = [null, 1, 110, 120, 300] as const;
const update = (el: Element | undefined, changes: Record<string, unknown>): Command | null => (el ? { type: 'updateElement', id: el.id as never, changes } : null);

type Edit = [op: number, a: number, b: number, c: number];

/** One configuration edit, or null when the design has nothing it applies to. */
function commandFor(d: Design, [op, a, b, c]: Edit): Command | Command[] | null {
  const vm = pick(ofKind(d, 'vm'), a);
  const vs = pick(ofKind(d, 'vswitch'), a);
  const nic = pick(ofKind(d, 'nic'), a);
  const tor = pick(ofKind(d, 'tor'), a);
  switch (op % 11) {
    case 0:
      return update(vs, { evbMode: EVB_MODES[b % EVB_MODES.length] });
    case 1: {
      const links = Object.values(d.links).filter((l) => l.kind !== 'pcie');
      const l = pick(links, a);
      return l ? { type: 'remove', elements: [], links: [l.id] } : null;
    }
    case 2:
      return tor ? update(tor, { ports: tor.ports.map((p, i) => (i % 4 === b % 4 ? { ...p, reflectiveRelay: !p.reflectiveRelay } : p)) }) : null;
    case 3:
      return update(tor, { routedVlans: [110, 120, 100, 1].filter((_, i) => (b >> i) & 1) });
    case 4:
      return tor ? update(tor, { ports: tor.ports.map((p, i) => (i % 3 === c % 3 ? { ...p, allowedVlans: [110, 120, 100].filter((_, k) => (b >> k) & 1) } : p)) }) : null;
    case 5:
      return vm ? update(vm, { vnics: vm.vnics.map((n) => ({ ...n, vlan: VLANS[b % VLANS.length] })) }) : null;
    case 6: {
      // Move the VM's first vNIC onto a VF of its host's NIC.
      if (!vm || !vm.vnics[0]) return null;
      const hostNic = ofKind(d, 'nic').find((n) => n.parent === vm.parent && n.physicalFunctions.length > 0);
      if (!hostNic) return null;
      const pf = b % hostNic.physicalFunctions.length;
      const vf = c % 8;
      if (hostNic.physicalFunctions[pf]!.enabledVfs <= vf) return update(hostNic, { physicalFunctions: hostNic.physicalFunctions.map((x, i) => (i === pf ? { ...x, totalVfs: Math.max(x.totalVfs ?? 0, 8), enabledVfs: 8 } : x)) });
      const port = `pf${pf}.vf${vf}`;
      if (Object.values(d.links).some((l) => l.kind === 'vf' && l.b.element === hostNic.id && l.b.port === port)) return null;
      const old = Object.values(d.links).filter((l) => (l.kind === 'vnic' || l.kind === 'vf') && l.a.element === vm.id && l.a.port === vm.vnics[0]!.id);
      return [
        { type: 'remove', elements: [], links: old.map((l) => l.id) },
        { type: 'add', elements: [], links: [{ id: `${vm.id}.vf-${a}-${b}`, kind: 'vf', a: { element: vm.id, port: vm.vnics[0]!.id }, b: { element: hostNic.id, port } }] as never },
      ];
    }
    case 7:
      return update(nic, { embeddedBridge: b % 2 ? 'vepa' : 'veb' });
    case 8:
      return vs ? update(vs, { portGroups: vs.portGroups.map((g, i) => (i === b % Math.max(1, vs.portGroups.length) ? { ...g, vlan: VLANS[c % VLANS.length] } : g)) }) : null;
    case 9: {
      // Carry a vSwitch uplink on an S-channel instead.
      const up = pick(Object.values(d.links).filter((l) => l.kind === 'uplink'), a);
      if (!up) return null;
      return [
        { type: 'remove', elements: [], links: [up.id] },
        { type: 'add', elements: [], links: [{ id: `${up.id}.ch`, kind: 'sChannel', a: up.a, b: up.b, svid: 2 + (b % 3), mode: c % 2 ? 'vepa' : 'veb' }] as never },
      ];
    }
    default: {
      // Detach a VM's vNIC altogether.
      if (!vm) return null;
      const ls = Object.values(d.links).filter((l) => (l.kind === 'vnic' || l.kind === 'vf') && l.a.element === vm.id);
      return ls.length ? { type: 'remove', elements: [], links: ls.map((l) => l.id) } : null;
    }
  }
}

function edited(d: Design, edits: readonly Edit[]): Design {
  for (const e of edits) {
    const cmd = commandFor(d, e);
    if (!cmd) continue;
    try {
      d = (Array.isArray(cmd) ? cmd : [cmd]).reduce((x, c) => applyCommand(x, c).design, d);
    } catch {
      // An edit the command layer refuses (a port already taken, say) is simply not made.
    }
  }
  return d;
}

const TEMPLATES: (() => Design)[] = [
  () => makeTemplate('single-host'),
  () => makeTemplate('rack', { hosts: 2, vmsPerHost: 2 }),
  () => makeTemplate('fabric', { hosts: 2, vmsPerHost: 2 }),
  () => makeTemplate('chapter6'),
];

type FlowPick = [src: number, dst: number, external: boolean];

/**
 * Resolves the picked flows between `d`'s VMs and checks every configuration drop against the validator's findings;
 * returns how many flows were dropped for a design reason.
 */
function checkAgreement(d: Design, picks: readonly FlowPick[]): number {
  const vms = ofKind(d, 'vm').map((v) => v.id);
  if (vms.length === 0) return 0;
  const net = buildNetwork(d);
  const router = new SwitchRouter(net);
  const diagnostics = validateDesign(d, ALL_RULES).diagnostics;
  let drops = 0;
  picks.forEach(([s, x, external], i) => {
    const src = vms[s % vms.length]!;
    const dst = vms[x % vms.length]!;
    const flow: FlowSpec = { id: `f${i}`, src: { vm: src }, dst: external || src === dst ? { external: true } : { vm: dst }, demandGbps: null };
    const r = resolveFlow(net, router, flow);
    if (r.ok) return;
    const rules = RULES_FOR[r.cause.kind];
    if (rules === null) return;
    drops++;
    const found = diagnostics.some((g) => rules.includes(g.rule) && g.elements.some((e) => r.cause.elements.includes(e)));
    const design = `${Object.values(d.elements).map((e) => `${e.id}:${e.kind}@${e.parent}`).join(' ')} / ${Object.values(d.links).map((l) => `${l.kind}:${l.a.element}-${l.b.element}`).join(' ')}`;
    expect(found, `${JSON.stringify(flow)} dropped (${r.cause.kind} on ${r.cause.elements.join(', ')}: ${r.reason}) in ${design}, but the validator says nothing of ${rules.join('/')} there; it says: ${diagnostics.map((g) => `${g.rule} [${g.elements.join(',')}]`).join('; ')}`).toBe(true);
  });
  return drops;
}

/** A one-port NIC with two PFs, a VM on a VF of the second, cabled to a ToR port that allows no VLAN. */
const PF_WITHOUT_OWN_PORT = {
  meta: { name: '', description: '', revision: 0 },
  elements: {
    h: { id: 'h', kind: 'host', parent: null, name: '', x: 0, y: 0, notes: '', model: null, sockets: [{ cores: 0, threadsPerCore: 1 }], memoryGiB: 1, hypervisor: 'esxi', vswitchCopyGbps: 0.001, storage: 'local', iommu: false, collapsed: false, width: 0.001, height: 0.001 },
    vm: { id: 'vm', kind: 'vm', parent: 'h', name: '', x: 0, y: 0, notes: '', vcpus: 1, memoryGiB: 0.001, dirtyRateGbps: 0, workingSetGiB: null, zeroPageShare: 0, diskGiB: 0, tenant: null, numaNodes: [], vnics: [{ id: '_', mac: null, vlan: 1, team: null }] },
    t: { id: 't', kind: 'tor', parent: null, name: '', x: 0, y: 0, notes: '', model: null, tier: 'tor', ports: [{ speedGbps: 1, reflectiveRelay: false, evb: false, allowedVlans: [] }], multichannel: false, sChannelLimit: null, controllingBridge: false, lags: [], stp: false, mtu: 68 },
    n: { id: 'n', kind: 'nic', parent: 'h', name: '', x: 0, y: 0, notes: '', catalogId: null, model: null, ports: 1, speedGbps: 0.001, pcieGen: null, pcieWidth: null, physicalFunctions: [{ totalVfs: null, enabledVfs: 0 }, { totalVfs: null, enabledVfs: 1 }], maxVfsPerDevice: null, vmdqPools: null, embeddedBridge: 'veb', portExtension: 'none', vifBudget: null, mrIovAware: false, ari: false, mtu: 68 },
  },
  links: {
    c: { id: 'c', a: { element: 'n', port: 'eth0' }, b: { element: 't', port: 'p0' }, kind: 'ethernet', speedGbps: null, lag: null, fullDuplex: false },
    v: { id: 'v', a: { element: 'vm', port: '_' }, b: { element: 'n', port: 'pf1.vf0' }, kind: 'vf' },
  },
} as unknown as Design;

const arbPicks = (maxLength: number) => fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength });

describe('validator and simulator agree on configuration drops', () => {
  it('every flow the simulator drops for a design reason has a validator diagnostic on an element it names', () => {
    let drops = 0;
    fc.assert(
      fc.property(fc.nat(TEMPLATES.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 6 }), arbPicks(8), (t, edits, picks) => {
        drops += checkAgreement(edited(TEMPLATES[t]!(), edits), picks);
      }),
      { numRuns: RUNS },
    );
    // The generator must actually produce drops, or the property proves nothing.
    expect(drops).toBeGreaterThan(RUNS / 4);
  });

  it('holds on random structures too (any element kinds, any compatible links)', async () => {
    const { arbDesign } = await import('../model/arbitraries.test-support');
    fc.assert(
      fc.property(arbDesign({ maxElements: 14, maxLinks: 18 }), arbPicks(6), (d, picks) => {
        checkAgreement(d, picks);
      }),
      // Found by this property (seed -1153863746, shrunk): a VF of PF 1 on a one-port NIC leaves by eth0 in the
      // simulator, whose ToR port allows no VLAN; L2-001 looked for the path on eth1 and said nothing.
      { numRuns: RUNS, examples: [[PF_WITHOUT_OWN_PORT, [[0, 0, false]]]] },
    );
  });
});
