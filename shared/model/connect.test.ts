import { describe, expect, test } from 'vitest';
import { canConnect, landingPort, type PortRef } from './connect';
import { makeElement } from './defaults';
import { emptyDesign, type Design } from './design';
import type { Element, PortRole } from './elements';
import { asElementId as E, sequentialIds } from './ids';
import type { Link } from './links';
import { applyCommand } from '../history/commands';

/** Two servers: each has a root complex, a switch, a NIC with 4 VFs, a vSwitch and a VM; plus a ToR. */
function fabric(): Design {
  const els: Element[] = [];
  for (const h of ['h1', 'h2']) {
    els.push(makeElement('host', { id: E(h), name: h }));
    els.push(makeElement('rootComplex', { id: E(`${h}-rc`), name: `${h}-rc`, parent: E(h) }));
    els.push(makeElement('pcieSwitch', { id: E(`${h}-sw`), name: `${h}-sw`, parent: E(h) }));
    els.push(makeElement('nic', { id: E(`${h}-nic`), name: `${h}-nic`, parent: E(h) }, { physicalFunctions: [{ totalVfs: 8, enabledVfs: 4 }] }));
    els.push(makeElement('vswitch', { id: E(`${h}-vs`), name: `${h}-vs`, parent: E(h) }));
    els.push(makeElement('vm', { id: E(`${h}-vm`), name: `${h}-vm`, parent: E(h) }));
    els.push(makeElement('endpoint', { id: E(`${h}-gpu`), name: `${h}-gpu`, parent: E(h) }));
  }
  els.push(makeElement('tor', { id: E('tor'), name: 'tor1' }));
  return applyCommand(emptyDesign(), { type: 'add', elements: els, links: [] }).design;
}

const at = (element: string, port: string): PortRef => ({ element, port });
const ids = () => sequentialIds();

/** One port of each role, all in host h1 (plus the ToR for a second Ethernet end). */
const ROLE_PORTS: Record<PortRole, PortRef> = {
  'pcie-down': at('h1-rc', 'rp0'),
  'pcie-up': at('h1-nic', 'pcie'),
  ethernet: at('h1-nic', 'eth0'),
  vnic: at('h1-vm', 'vnic0'),
  'port-group': at('h1-vs', 'pg.vm'),
  vf: at('h1-nic', 'pf0.vf0'),
  'vswitch-uplink': at('h1-vs', 'up0'),
  function: at('h1-gpu', 'dev'),
  hostdev: at('h1-vm', 'pci.hostdev'),
};

/** A second port of each role, on another element, for same-role pairs. */
const SECOND_PORT: Record<PortRole, PortRef> = {
  'pcie-down': at('h1-sw', 'dp0'),
  'pcie-up': at('h1-sw', 'up0'),
  ethernet: at('tor', 'p0'),
  vnic: at('h2-vm', 'vnic0'),
  'port-group': at('h2-vs', 'pg.vm'),
  vf: at('h2-nic', 'pf0.vf0'),
  'vswitch-uplink': at('h2-vs', 'up0'),
  function: at('h2-gpu', 'dev'),
  hostdev: at('h2-vm', 'pci.hostdev'),
};

/** The link kind each unordered role pair makes, or null when refused. */
const EXPECTED: Record<string, Link['kind'] | null> = {
  'pcie-down|pcie-up': 'pcie',
  'ethernet|vswitch-uplink': 'uplink',
  'port-group|vnic': 'vnic',
  'vf|vnic': 'vf',
  // A whole endpoint goes to the VM's hostdev port; a vNIC takes only a NIC's PF (tested below).
  'function|hostdev': 'passthrough',
};

const ROLES = Object.keys(ROLE_PORTS) as PortRole[];

describe('canConnect: every pair of port roles', () => {
  const d = fabric();
  for (const r1 of ROLES) {
    for (const r2 of ROLES) {
      const key = [r1, r2].sort().join('|');
      const want = EXPECTED[key] ?? null;
      test(`${r1} → ${r2}: ${want ?? 'refused'}`, () => {
        let from = ROLE_PORTS[r1];
        let to = ROLE_PORTS[r2];
        // Same-role pairs need two distinct ports (on other elements where one element has only one).
        if (r1 === r2) to = SECOND_PORT[r1];
        // The ethernet-from-same-NIC case is covered separately: cable to the ToR here.
        if (r1 === 'ethernet' && r2 !== 'ethernet') from = at('h1-nic', 'eth1');
        const r = canConnect(d, from, to, ids());
        if (r1 === 'ethernet' && r2 === 'ethernet') {
          expect(r).toMatchObject({ ok: true, link: { kind: 'ethernet' } });
          return;
        }
        if (want === null) {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.reason).toMatch(/^[a-zA-Z].*[^.]$/);
          return;
        }
        expect(r.ok, r.ok ? '' : r.reason).toBe(true);
        if (!r.ok) return;
        expect(r.link.kind).toBe(want);
        // Orientation: PCIe a = downstream port; vnic/vf a = the VM; uplink a = the vSwitch.
        const aRole = want === 'pcie' ? 'pcie-down' : want === 'uplink' ? 'vswitch-uplink' : want === 'passthrough' ? 'hostdev' : 'vnic';
        expect(r.link.a).toEqual(ROLE_PORTS[aRole]);
        // The planned link is accepted by the command layer as-is.
        expect(() => applyCommand(d, { type: 'add', elements: [], links: [r.link] })).not.toThrow();
      });
    }
  }
});

describe('canConnect: passthrough of whole devices (issue #12 item 3)', () => {
  const d = fabric();
  test('a NIC physical function goes to a vNIC, the VM at a', () => {
    const r = canConnect(d, at('h1-nic', 'pf0'), at('h1-vm', 'vnic0'), ids());
    expect(r).toMatchObject({ ok: true, link: { kind: 'passthrough', a: at('h1-vm', 'vnic0'), b: at('h1-nic', 'pf0') } });
  });
  test('a NIC physical function is refused on the hostdev port, a GPU on a vNIC', () => {
    expect(canConnect(d, at('h1-vm', 'pci.hostdev'), at('h1-nic', 'pf0'))).toEqual({ ok: false, reason: 'a NIC’s physical function carries the VM’s network: pass it to one of h1-vm’s vNICs' });
    expect(canConnect(d, at('h1-vm', 'vnic0'), at('h1-gpu', 'dev'))).toEqual({ ok: false, reason: 'a vNIC takes a NIC’s physical function; pass h1-gpu to the VM’s passthrough port (pci.hostdev) instead' });
  });
  test('a device of another server is refused', () => {
    expect(canConnect(d, at('h1-vm', 'pci.hostdev'), at('h2-gpu', 'dev'))).toEqual({ ok: false, reason: 'a VM can only be given a device of its own host' });
  });
  test('a device goes to one VM; a VM takes many devices', () => {
    const gpu2 = makeElement('endpoint', { id: E('h1-gpu2'), name: 'h1-gpu2', parent: E('h1') });
    const vm2 = makeElement('vm', { id: E('h1-vm2'), name: 'h1-vm2', parent: E('h1') });
    let cur = applyCommand(d, { type: 'add', elements: [gpu2, vm2], links: [] }).design;
    for (const gpu of ['h1-gpu', 'h1-gpu2']) {
      const r = canConnect(cur, at('h1-vm', 'pci.hostdev'), at(gpu, 'dev'), ids());
      if (!r.ok) throw new Error(r.reason);
      cur = applyCommand(cur, { type: 'add', elements: [], links: [{ ...r.link, id: `pt-${gpu}` as never }] }).design;
    }
    expect(canConnect(cur, at('h1-vm2', 'pci.hostdev'), at('h1-gpu', 'dev'))).toEqual({ ok: false, reason: 'h1-gpu dev is already connected' });
  });
  test('removing the PF drops its passthrough link', () => {
    const r = canConnect(d, at('h1-vm', 'vnic0'), at('h1-nic', 'pf0'), ids());
    if (!r.ok) throw new Error(r.reason);
    const withLink = applyCommand(d, { type: 'add', elements: [], links: [r.link] }).design;
    const after = applyCommand(withLink, { type: 'updateElement', id: E('h1-nic'), changes: { physicalFunctions: [] } }).design;
    expect(after.links[r.link.id]).toBeUndefined();
  });
});

describe('canConnect: refusals say why', () => {
  const d = fabric();
  test('two downstream PCIe ports', () => {
    expect(canConnect(d, at('h1-rc', 'rp0'), at('h1-sw', 'dp0'))).toEqual({ ok: false, reason: 'a PCIe link needs one upstream and one downstream port' });
  });
  test('Ethernet to a root port', () => {
    expect(canConnect(d, at('h1-nic', 'eth0'), at('h1-rc', 'rp1'))).toEqual({ ok: false, reason: 'a PCIe port connects only to a PCIe port' });
  });
  test('a VF of another host', () => {
    expect(canConnect(d, at('h1-vm', 'vnic0'), at('h2-nic', 'pf0.vf1'))).toEqual({ ok: false, reason: 'a VM can only use a VF of a NIC in its own host' });
  });
  test('a port group of another host', () => {
    expect(canConnect(d, at('h2-vs', 'pg.vm'), at('h1-vm', 'vnic0'))).toEqual({ ok: false, reason: 'a VM can only attach to a virtual switch in its own host' });
  });
  test('an uplink to another host’s NIC', () => {
    expect(canConnect(d, at('h1-vs', 'up0'), at('h2-nic', 'eth0'))).toEqual({ ok: false, reason: 'a virtual switch can only uplink to a NIC in its own host' });
  });
  test('a port to itself and two ports of one NIC', () => {
    expect(canConnect(d, at('h1-nic', 'eth0'), at('h1-nic', 'eth1'))).toEqual({ ok: false, reason: 'a NIC cannot be wired to itself' });
    expect(canConnect(d, at('h1-nic', 'eth0'), at('h2-nic', 'eth0')).ok).toBe(true);
  });
  test('missing ports and elements', () => {
    expect(canConnect(d, at('h1-nic', 'eth9'), at('tor', 'p0'))).toEqual({ ok: false, reason: 'h1-nic has no port eth9' });
    expect(canConnect(d, at('gone', 'eth0'), at('tor', 'p0'))).toEqual({ ok: false, reason: 'that element no longer exists' });
  });
});

describe('canConnect: port occupancy', () => {
  const wired = (d: Design, from: PortRef, to: PortRef): Design => {
    const r = canConnect(d, from, to, ids());
    if (!r.ok) throw new Error(r.reason);
    return applyCommand(d, { type: 'add', elements: [], links: [r.link] }).design;
  };
  test('an Ethernet port takes one cable', () => {
    const d = wired(fabric(), at('h1-nic', 'eth0'), at('tor', 'p0'));
    expect(canConnect(d, at('h2-nic', 'eth0'), at('tor', 'p0'))).toEqual({ ok: false, reason: 'tor1 p0 is already cabled' });
    expect(canConnect(d, at('h1-nic', 'eth0'), at('tor', 'p1'))).toEqual({ ok: false, reason: 'h1-nic eth0 is already cabled' });
  });
  test('a cabled NIC port still takes one vSwitch uplink, but not two', () => {
    let d = wired(fabric(), at('h1-nic', 'eth0'), at('tor', 'p0'));
    d = wired(d, at('h1-vs', 'up0'), at('h1-nic', 'eth0'));
    expect(canConnect(d, at('h1-vs', 'up1'), at('h1-nic', 'eth0'))).toEqual({ ok: false, reason: 'h1-nic eth0 already carries a vSwitch uplink' });
  });
  test('PCIe, vNIC and VF ports take one link; port groups take many', () => {
    let d = wired(fabric(), at('h1-rc', 'rp0'), at('h1-nic', 'pcie'));
    expect(canConnect(d, at('h1-rc', 'rp1'), at('h1-nic', 'pcie'))).toEqual({ ok: false, reason: 'h1-nic pcie is already connected' });
    d = wired(d, at('h1-vm', 'vnic0'), at('h1-vs', 'pg.vm'));
    expect(canConnect(d, at('h1-vm', 'vnic0'), at('h1-nic', 'pf0.vf0'))).toEqual({ ok: false, reason: 'h1-vm vnic0 is already connected' });
    const vm2 = makeElement('vm', { id: E('h1-vm2'), name: 'h1-vm2', parent: E('h1') });
    d = applyCommand(d, { type: 'add', elements: [vm2], links: [] }).design;
    expect(canConnect(d, at('h1-vm2', 'vnic0'), at('h1-vs', 'pg.vm')).ok).toBe(true);
  });
});

describe('landingPort', () => {
  test('a vNIC dropped on a NIC takes its first free VF', () => {
    const d = fabric();
    expect(landingPort(d, at('h1-vm', 'vnic0'), 'h1-nic')).toBe('pf0.vf0');
    const r = canConnect(d, at('h1-vm', 'vnic0'), at('h1-nic', 'pf0.vf0'), ids());
    if (!r.ok) throw new Error(r.reason);
    const d2 = applyCommand(d, { type: 'add', elements: [], links: [r.link] }).design;
    expect(landingPort(d2, at('h1-vm', 'vnic0'), 'h1-nic')).toBe('pf0.vf1');
  });
  test('nothing to land on: not from a vNIC, or no VFs enabled', () => {
    const d = fabric();
    expect(landingPort(d, at('h1-nic', 'eth0'), 'h1-nic')).toBeNull();
    expect(landingPort(d, at('h1-vm', 'vnic0'), 'h1-vs')).toBeNull();
  });
});
