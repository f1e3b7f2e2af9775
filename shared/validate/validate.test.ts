import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Design } from '../model/design';
import { EVB_MODES, VSWITCH_KINDS, type Element, type ElementKind, type ElementOf } from '../model/elements';
import { makeElement } from '../model/defaults';
import { asElementId, asLinkId, asPortName } from '../model/ids';
import type { Link } from '../model/links';
import { applyCommand, CommandError, type Command } from '../history/commands';
import { makeTemplate, TEMPLATE_NAMES } from '../templates';
import { ValidationSession, validateDesign, type ValidationResult } from './engine';
import { ALL_RULES, ruleCatalog } from './rules';
import { PCIE_RULES } from './rules/pcie';
import { IOV_RULES } from './rules/iov';
import { EVB_RULES } from './rules/evb';
import { VSI_RULES } from './rules/vsi';
import { L2_RULES } from './rules/l2';
import { VSWITCH_RULES } from './rules/vswitch';
import { ETH_RULES } from './rules/eth';
import { FEX_RULES } from './rules/fex';
import { EXTENSION_RULES } from './rules/extension';
import { MIGRATION_RULES } from './rules/migration';
import { REACH_RULES } from './rules/reach';
import { UPLINK_RULES } from './rules/uplinks';
import { NUMA_RULES } from './rules/numa';
import { MTU_RULES } from './rules/mtu';
import { TEAM_RULES } from './rules/team';
import { QOS_RULES } from './rules/qos';

describe('rule registry', () => {
  it('lists every family, each rule once', () => {
    // Each family's test file checks that it covers every rule of its family; this ties the families to ALL_RULES.
    const families = [PCIE_RULES, IOV_RULES, EVB_RULES, VSI_RULES, L2_RULES, VSWITCH_RULES, ETH_RULES, FEX_RULES, EXTENSION_RULES, MIGRATION_RULES, REACH_RULES, UPLINK_RULES, NUMA_RULES, MTU_RULES, TEAM_RULES, QOS_RULES].flat();
    expect(ALL_RULES.map((r) => r.id).sort()).toEqual(families.map((r) => r.id).sort());
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
  });

  it.each(ruleCatalog())('$id has a stable id, a title, a one-sentence description and a source', (r) => {
    expect(r.id).toMatch(/^[A-Z0-9]+-\d{3}$/);
    expect(r.title.length).toBeGreaterThan(3);
    expect(r.description).toMatch(/^[A-Z].*\.$/);
    expect(r.source.length).toBeGreaterThan(5);
  });
});

describe('templates', () => {
  // They are meant to be correct designs: a network engineer would build them this way.
  it.each(TEMPLATE_NAMES)('%s validates without errors', (name) => {
    const errors = validateDesign(makeTemplate(name), ALL_RULES).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
  });

  // The general-purpose templates draw nothing a reviewer should even be warned about (chapter6 keeps the
  // book's Gen2 x4 bottleneck on purpose, so it carries warnings).
  it.each([
    ['single-host', {}],
    ['rack', {}],
    ['fabric', {}],
    ['fabric', { hosts: 90, vmsPerHost: 4 }],
  ] as const)('%s %j validates with no diagnostics at all', (name, opts) => {
    const result = validateDesign(makeTemplate(name, opts), ALL_RULES);
    expect(result.diagnostics.map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
  });
});

/** Diagnostics in a canonical order, so that ties the engine's sort leaves open do not count as differences. */
const canonical = (r: ValidationResult) => r.diagnostics.map((d) => JSON.stringify(d)).sort();

/**
 * A full validation of a deep copy of `d`. Some rules keep per-record findings across sessions, keyed by the
 * (immutable) record objects; a copy shares no object with the incremental run, so no cached finding can make the
 * reference agree with a stale incremental result.
 */
const fromScratch = (d: Design): ValidationResult => validateDesign(structuredClone(d), ALL_RULES);

/** The number of random edit sequences, raised locally for a deeper search: RACKPLANE_PROPERTY_RUNS=2000. */
const PROPERTY_RUNS = Number(process.env.RACKPLANE_PROPERTY_RUNS ?? 300);

/** One random edit, as numbers that pick what to change in whatever design the edit meets. */
type Edit = [op: number, a: number, b: number, c: number];

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

function ofKind<K extends ElementKind>(d: Design, kind: K): ElementOf<K>[] {
  return Object.values(d.elements).filter((e): e is ElementOf<K> => e.kind === kind);
}

const ref = (element: string, port: string) => ({ element: asElementId(element), port: asPortName(port) });

/** Turns an edit into a command on `d` (or null when it does not apply); commands may still be refused. */
function commandFor(d: Design, [op, a, b, c]: Edit, serial: number): Command | null {
  const vm = pick(ofKind(d, 'vm'), a);
  const vs = pick(ofKind(d, 'vswitch'), a);
  const tor = pick(ofKind(d, 'tor'), a);
  const nic = pick(ofKind(d, 'nic'), a);
  const host = pick(ofKind(d, 'host'), a);
  const link = pick(Object.values(d.links), a);
  const eth = pick(Object.values(d.links).filter((l) => l.kind === 'ethernet'), a);
  const update = (el: Element | undefined, changes: Record<string, unknown>): Command | null => (el ? { type: 'updateElement', id: el.id as never, changes } : null);
  const fex = pick(ofKind(d, 'fex'), a);
  const storage = pick(ofKind(d, 'storage'), a);
  switch (op % 24) {
    case 0:
      return update(vm, { tenant: pick([null, 'red', 'blue'], b) });
    case 1:
      return vm ? update(vm, { vnics: vm.vnics.map((n, i) => (i === 0 ? { ...n, vlan: pick([null, 0, 110, 120, 300, 4095], b) } : n)) }) : null;
    case 2:
      return update(vm, { vcpus: pick([1, 4, 64, 200], b), memoryGiB: pick([4, 16, 600], c) });
    case 3: {
      if (!vs) return null;
      const field = b % 6;
      if (field === 0) return update(vs, { portGroups: vs.portGroups.map((g, i) => (i === 0 ? { ...g, vlan: pick([null, 0, 110, 130, 4095], c) } : g)) });
      if (field === 1) return update(vs, { switchKind: pick(VSWITCH_KINDS, c) });
      if (field === 2) return update(vs, { hypervMode: pick([null, 'private', 'internal', 'external'], c) });
      if (field === 3) return update(vs, { evbMode: pick(EVB_MODES, c) });
      if (field === 4) return update(vs, { stp: !vs.stp });
      return update(vs, { distributedName: pick([null, 'vds-r01', 'other'], c) });
    }
    case 4: {
      if (!tor) return null;
      const field = b % 6;
      if (field === 0) return update(tor, { stp: !tor.stp });
      if (field === 1) return update(tor, { multichannel: !tor.multichannel });
      if (field === 2) return update(tor, { controllingBridge: !tor.controllingBridge });
      if (field === 3) return update(tor, { lags: c % 2 ? [] : tor.lags.map((g) => ({ ...g, mlagPeer: null })) });
      // Mostly a cabled port, where allowed VLANs and relay settings matter to the hosts behind it.
      const cabled = Object.values(d.links).flatMap((l) => [l.a, l.b]).filter((e) => e.element === tor.id).map((e) => Number(e.port.slice(1)));
      const port = c % 4 && cabled.length ? cabled[c % cabled.length]! : c % Math.max(1, tor.ports.length);
      const allowed = pick([undefined, [110], [110, 120]], c >> 3);
      return update(tor, { ports: tor.ports.map((p, i) => (i === port ? { ...p, allowedVlans: allowed, reflectiveRelay: field === 4, evb: field === 5 } : p)) });
    }
    case 5:
      return eth ? { type: 'updateLink', id: eth.id as never, changes: pick([{ lag: pick([null, 'x', 'h001'], c) }, { speedGbps: pick([null, 10, 25, 100], c) }, { fullDuplex: c % 2 === 0 }], b)! } : null;
    case 6:
      return link ? { type: 'remove', elements: [], links: [link.id as never] } : null;
    case 7: {
      const victim = pick([vm, host, tor, nic, vs], b);
      return victim ? { type: 'remove', elements: [victim.id as never], links: [] } : null;
    }
    case 8: {
      const ends = [...ofKind(d, 'tor').map((t) => ref(t.id, `p${c % 8}`)), ...ofKind(d, 'nic').map((n) => ref(n.id, `eth${c % 2}`)), ...ofKind(d, 'fex').map((f) => ref(f.id, `h${c % 4}`))];
      const x = pick(ends, b);
      const y = pick(ends, b + c + 1);
      if (!x || !y) return null;
      const l: Link = { id: asLinkId(`x${serial}`), kind: 'ethernet', a: x, b: y, speedGbps: null, lag: null, fullDuplex: true };
      return { type: 'add', elements: [], links: [l] };
    }
    case 9: {
      const target = vs && ofKind(d, 'nic').find((n) => n.parent === vs.parent);
      if (!vs || !target || vs.uplinks === 0) return null;
      const l: Link = { id: asLinkId(`s${serial}`), kind: 'sChannel', a: ref(vs.id, `up${b % vs.uplinks}`), b: ref(target.id, 'eth0'), svid: pick([0, 10, 10, 20], c)!, mode: c % 2 ? 'veb' : 'vepa' };
      return { type: 'add', elements: [], links: [l] };
    }
    case 10: {
      const fex = makeElement('fex', { id: asElementId(`f${serial}`), name: `fex ${serial}` }, { controllingBridge: b % 3 === 0 || !tor ? null : (tor.id as never), hostPorts: 4, uplinks: 2, uplinkSpeedGbps: 25 });
      const links: Link[] = tor ? [{ id: asLinkId(`fu${serial}`), kind: 'ethernet', a: ref(fex.id, 'u0'), b: ref(tor.id, `p${40 + (c % 8)}`), speedGbps: null, lag: null, fullDuplex: true }] : [];
      return { type: 'add', elements: [fex], links };
    }
    case 11:
      return nic ? update(nic, { physicalFunctions: nic.physicalFunctions.map((pf, i) => (i === 0 ? { ...pf, enabledVfs: b % 3 } : pf)), portExtension: pick(['none', 'vntag', '802.1br'], c), vifBudget: pick([null, 1, 100], c >> 2) }) : null;
    case 12: {
      const target = vm && ofKind(d, 'nic').find((n) => n.parent === vm.parent && (n.physicalFunctions[0]?.enabledVfs ?? 0) > 0);
      // No VFs to assign yet: enable some first, so that VF links show up in short edit sequences.
      if (vm && !target) return update(ofKind(d, 'nic').find((n) => n.parent === vm.parent), { physicalFunctions: [{ totalVfs: 8, enabledVfs: 2 }] });
      if (!vm || !target) return null;
      const l: Link = { id: asLinkId(`v${serial}`), kind: 'vf', a: ref(vm.id, 'vnic0'), b: ref(target.id, `pf0.vf${b % target.physicalFunctions[0]!.enabledVfs}`) };
      return { type: 'add', elements: [], links: [l] };
    }
    case 13:
      return update(host, { hypervisor: pick(['esxi', 'hyperv', 'kvm'], b), memoryGiB: pick([32, 512], c) });
    case 14: {
      const to = pick(ofKind(d, 'host'), b);
      const mover = pick([vm, vs, nic], c);
      return mover && to ? { type: 'reparent', id: mover.id as never, parent: to.id as never, x: c, y: c } : { type: 'move', moves: [] };
    }
    case 15:
      // Messages name elements: a rename must reach every rule that names the element.
      return update(pick(Object.values(d.elements), a + b), { name: pick(['', 'renamed', 'x'], c) });
    case 16:
      return update(nic, { ports: pick([1, 2, 4], b), speedGbps: pick([10, 25, 100], c) });
    case 17:
      return tor ? update(tor, { ports: tor.ports.map((p, i) => (i === c % Math.max(1, tor.ports.length) ? { ...p, speedGbps: pick([10, 25, 100], b)! } : p)) }) : null;
    case 18: {
      if (!fex) return null;
      const field = b % 3;
      if (field === 0) return update(fex, { controllingBridge: pick([null, tor?.id ?? null, host?.id ?? null], c) });
      if (field === 1) return update(fex, { hostPorts: pick([1, 4, 8], c), uplinks: pick([1, 2], c >> 2) });
      return update(fex, { hostPortSpeedGbps: pick([10, 25], c), uplinkSpeedGbps: pick([25, 100], c >> 2) });
    }
    case 19: {
      if (storage && b % 2) return update(storage, { ports: pick([1, 2], c), speedGbps: pick([10, 25, 100], c >> 2) });
      const st = makeElement('storage', { id: asElementId(`st${serial}`), name: `storage ${serial}` }, { ports: 2, speedGbps: 25 });
      const far = pick([...ofKind(d, 'tor').map((t) => ref(t.id, `p${c % 8}`)), ...ofKind(d, 'fex').map((f) => ref(f.id, `h${c % 4}`))], b);
      const links: Link[] = far ? [{ id: asLinkId(`sl${serial}`), kind: 'ethernet', a: ref(st.id, 'p0'), b: far, speedGbps: null, lag: null, fullDuplex: true }] : [];
      return { type: 'add', elements: [st], links };
    }
    case 20: {
      // A vSwitch uplink or a VM vNIC, possibly across hosts.
      if (b % 2 && vs && vs.uplinks > 0) {
        const target = pick(ofKind(d, 'nic'), c);
        return target ? { type: 'add', elements: [], links: [{ id: asLinkId(`u${serial}`), kind: 'uplink', a: ref(vs.id, `up${c % vs.uplinks}`), b: ref(target.id, `eth${c % Math.max(1, target.ports)}`) }] } : null;
      }
      const to = pick(ofKind(d, 'vswitch'), c);
      const pg = to && pick(to.portGroups, b);
      return vm && to && pg ? { type: 'add', elements: [], links: [{ id: asLinkId(`n${serial}`), kind: 'vnic', a: ref(vm.id, pick(vm.vnics, b)?.id ?? 'vnic0'), b: ref(to.id, `pg.${pg.id}`) }] } : null;
    }
    case 21: {
      if (!vs) return null;
      const field = b % 4;
      if (field === 0) return update(vs, { portGroups: vs.portGroups.map((g, i) => (i === 0 ? { ...g, trunk: pick([[], [110], [120, 300]], c)! } : g)) });
      if (field === 1) return update(vs, { portGroups: vs.portGroups.map((g, i) => (i === 0 ? { ...g, name: pick(['VM Network', 'other'], c)! } : g)) });
      if (field === 2) return update(vs, { portGroups: [...vs.portGroups, { id: `g${serial}`, name: `group ${serial}`, vlan: pick([null, 110, 300], c)!, trunk: [] }] });
      return update(vs, { uplinks: pick([0, 1, 2], c), hostVnics: pick([0, 2, 2000], c >> 2) });
    }
    case 22: {
      // An MLAG pair (reciprocal or not) and a member link in its LAG.
      const peer = pick(ofKind(d, 'tor'), b);
      if (!tor || !peer) return null;
      const lag = { id: `m${c % 3}`, name: 'mlag', lacp: true, mlagPeer: peer.id as never };
      return update(tor, { lags: [...tor.lags.filter((g) => g.id !== lag.id), lag] });
    }
    default: {
      // Elements of the kinds the fabric template lacks, inside a host.
      const kind = pick(['pcieSwitch', 'endpoint', 'rootComplex', 'vm', 'host'] as const, b)!;
      const parent = kind === 'host' || !host ? null : host.id;
      const el = makeElement(kind, { id: asElementId(`k${serial}`), name: `${kind} ${serial}`, parent: parent as never }, kind === 'vm' ? { tenant: pick([null, 'red', 'blue'], c) } : {});
      const to = kind === 'vm' ? pick(ofKind(d, 'vswitch').filter((x) => x.parent === parent), c) : undefined;
      const pg = to && to.portGroups[0];
      const links: Link[] = to && pg ? [{ id: asLinkId(`kn${serial}`), kind: 'vnic', a: ref(el.id, 'vnic0'), b: ref(to.id, `pg.${pg.id}`) }] : [];
      return { type: 'add', elements: [el], links };
    }
  }
}

describe('incremental validation', () => {
  it('gives the same diagnostics as validating from scratch after every edit', () => {
    const base = makeTemplate('fabric', { hosts: 3, vmsPerHost: 2 });
    const edit = fc.tuple(fc.nat(95), fc.nat(1000), fc.nat(1000), fc.nat(1000));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 40 }), (edits) => {
        const session = new ValidationSession(ALL_RULES);
        let d = base;
        expect(canonical(session.run(d))).toEqual(canonical(fromScratch(d)));
        edits.forEach((e, i) => {
          const cmd = commandFor(d, e, i);
          if (!cmd) return;
          try {
            d = applyCommand(d, cmd).design;
          } catch (err) {
            if (err instanceof CommandError) return;
            throw err;
          }
          expect(canonical(session.run(d)), `after edit ${i} (${cmd.type})`).toEqual(canonical(fromScratch(d)));
        });
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
