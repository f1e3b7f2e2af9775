/** What a network engineer would check on the generated designs: cabling, LAGs, PCIe placement and the layout. */
import { describe, expect, it } from 'vitest';
import type { Design } from '../model/design';
import { findPort, type Element, type Host, type Nic, type RootComplex, type Tor } from '../model/elements';
import { makeTemplate } from '.';

const el = <T extends Element>(d: Design, id: string) => d.elements[id] as T;
const ethernet = (d: Design) => Object.values(d.links).filter((l) => l.kind === 'ethernet');

describe('template cabling', () => {
  it.each([
    ['single-host', {}],
    ['rack', { hosts: 60, vmsPerHost: 2 }],
    ['fabric', { hosts: 130, vmsPerHost: 1 }],
  ] as const)('%s: no physical port carries two cables and both ends of a cable run at one speed', (name, opts) => {
    const d = makeTemplate(name, opts);
    const used = new Set<string>();
    for (const l of Object.values(d.links)) {
      if (l.kind !== 'ethernet' && l.kind !== 'pcie') continue;
      for (const end of [l.a, l.b]) {
        const key = `${end.element}:${end.port}`;
        expect(used.has(key), `${key} cabled twice`).toBe(false);
        used.add(key);
      }
      if (l.kind === 'ethernet') {
        const a = findPort(d.elements[l.a.element]!, l.a.port)!;
        const b = findPort(d.elements[l.b.element]!, l.b.port)!;
        expect(a.speedGbps, l.id).toBe(b.speedGbps);
      }
    }
  });

  it('single-host: both NIC ports go to the one ToR as plain ports, teamed by originating virtual port', () => {
    const d = makeTemplate('single-host');
    const tor = el<Tor>(d, 'r01.tor');
    const cables = ethernet(d);
    expect(cables.map((l) => [l.a.port, l.b.element, l.b.port])).toEqual([
      ['eth0', 'r01.tor', 'p0'],
      ['eth1', 'r01.tor', 'p1'],
    ]);
    // Switch-independent teaming must not face a LAG (VMware: route based on originating port needs none).
    expect(cables.every((l) => l.kind === 'ethernet' && l.lag === null)).toBe(true);
    expect(tor.lags).toEqual([]);
    expect(d.elements['r01.h001.vs0']).toMatchObject({ switchKind: 'vds', teamPolicy: 'vmware-port-id' });
  });

  it('rack: ESXi hosts with eth0 to ToR A and eth1 to ToR B as plain ports; the leaves keep their peer link', () => {
    const d = makeTemplate('rack', { hosts: 3, vmsPerHost: 1 });
    expect(el<Tor>(d, 'r01.tor-a').lags.map((g) => g.id)).toEqual(['peer-link']);
    for (let h = 1; h <= 3; h++) {
      const eth0 = d.links[`r01.h00${h}.nic0.eth0`]!;
      expect([eth0.b.element, eth0.b.port, eth0.kind === 'ethernet' && eth0.lag]).toEqual(['r01.tor-a', `p${h - 1}`, null]);
      expect(d.elements[`r01.h00${h}.vs0`]).toMatchObject({ teamPolicy: 'vmware-port-id' });
    }
  });

  it('rack-kvm: eth0 to ToR A, eth1 to ToR B, one LACP port-channel per host across the MLAG pair, with a peer link', () => {
    const d = makeTemplate('rack-kvm', { hosts: 3, vmsPerHost: 1 });
    expect(d.elements['r01.h001']).toMatchObject({ hypervisor: 'kvm', name: 'kvm-r01-h001' });
    expect(d.elements['r01.h001.vs0']).toMatchObject({ switchKind: 'ovs', teamPolicy: 'ovs-balance-tcp', distributedName: null });
    const a = el<Tor>(d, 'r01.tor-a');
    const b = el<Tor>(d, 'r01.tor-b');
    expect(a.ports).toHaveLength(56);
    expect(a.ports.filter((p) => p.speedGbps === 25)).toHaveLength(48);
    expect(a.ports.filter((p) => p.speedGbps === 100)).toHaveLength(8);
    for (let h = 1; h <= 3; h++) {
      const nic = `r01.h00${h}.nic0`;
      const eth0 = d.links[`${nic}.eth0`]!;
      const eth1 = d.links[`${nic}.eth1`]!;
      expect([eth0.b.element, eth0.b.port]).toEqual(['r01.tor-a', `p${h - 1}`]);
      expect([eth1.b.element, eth1.b.port]).toEqual(['r01.tor-b', `p${h - 1}`]);
      expect(a.lags.find((g) => g.id === `h00${h}`)?.mlagPeer).toBe('r01.tor-b');
      expect(b.lags.find((g) => g.id === `h00${h}`)?.mlagPeer).toBe('r01.tor-a');
    }
    const peer = ethernet(d).filter((l) => l.a.element === 'r01.tor-a' && l.b.element === 'r01.tor-b');
    expect(peer.map((l) => [l.a.port, l.b.port, l.kind === 'ethernet' && l.lag])).toEqual([
      ['p48', 'p48', 'peer-link'],
      ['p49', 'p49', 'peer-link'],
    ]);
  });

  it('fabric: every leaf has one 100G uplink to each of the four spines', () => {
    const d = makeTemplate('fabric', { hosts: 81, vmsPerHost: 0 });
    const leaves = Object.values(d.elements).filter((e): e is Tor => e.kind === 'tor' && e.tier === 'tor');
    expect(leaves.map((l) => l.id).sort()).toEqual(['r01.tor-a', 'r01.tor-b', 'r02.tor-a', 'r02.tor-b', 'r03.tor-a', 'r03.tor-b']);
    for (const leaf of leaves) {
      const ups = ethernet(d).filter((l) => l.a.element === leaf.id && l.b.element.startsWith('spine'));
      expect(ups.map((l) => `${l.a.port}->${l.b.element}`)).toEqual(['p50->spine1', 'p51->spine2', 'p52->spine3', 'p53->spine4']);
    }
    expect(el<Tor>(d, 'spine1').tier).toBe('spine');
    // The last rack holds the remainder.
    expect(d.elements['r03.h001']).toBeDefined();
    expect(d.elements['r03.h002']).toBeUndefined();
  });

  it('puts the E810-XXV in an x8 Gen4 root port of socket 0 with its real figures', () => {
    const d = makeTemplate('single-host');
    const nic = el<Nic>(d, 'r01.h001.nic0');
    expect([nic.catalogId, nic.ports, nic.speedGbps, nic.pcieGen, nic.pcieWidth, nic.maxVfsPerDevice]).toEqual(['intel-e810-xxv-2x25g', 2, 25, 4, 8, 256]);
    expect(nic.physicalFunctions.map((pf) => pf.totalVfs)).toEqual([null, null]);
    const pcie = d.links['r01.h001.nic0.pcie']!;
    const rc = el<RootComplex>(d, pcie.a.element);
    expect(rc.socket).toBe(0);
    expect(findPort(rc, pcie.a.port)?.width).toBe(8);
    for (const id of ['r01.h001.rc0', 'r01.h001.rc1']) {
      const r = el<RootComplex>(d, id);
      expect([r.gen, r.lanes, r.rootPortWidths.reduce((s, w) => s + w, 0)]).toEqual([4, 64, 64]);
    }
    expect(el<Host>(d, 'r01.h001').sockets).toHaveLength(2);
  });

  it('spreads VMs over both port groups', () => {
    const d = makeTemplate('single-host');
    const groups = Object.values(d.links)
      .filter((l) => l.kind === 'vnic')
      .map((l) => l.b.port);
    expect(groups).toEqual(['pg.app', 'pg.db', 'pg.app', 'pg.db']);
  });
});

describe('template layout', () => {
  // Nominal box of a VM cell, as laid out by the template grid.
  const VM_W = 112;
  const VM_H = 64;

  it('keeps every hosted element inside its host, and hosts of a rack apart', () => {
    const d = makeTemplate('rack', { hosts: 4, vmsPerHost: 23 });
    for (const e of Object.values(d.elements)) {
      if (e.parent === null) continue;
      const host = el<Host>(d, e.parent);
      expect(e.x, e.id).toBeGreaterThanOrEqual(0);
      expect(e.y, e.id).toBeGreaterThan(0);
      if (e.kind === 'vm') {
        expect(e.x + VM_W, e.id).toBeLessThanOrEqual(host.width);
        expect(e.y + VM_H, e.id).toBeLessThanOrEqual(host.height);
      }
    }
    // Hosts of a rack in a grid of two per row (shared/layout/rack-grid.ts), never overlapping.
    const hosts = ['r01.h001', 'r01.h002', 'r01.h003', 'r01.h004'].map((id) => el<Host>(d, id));
    expect(hosts[1]!.y).toBe(hosts[0]!.y);
    expect(hosts[1]!.x).toBeGreaterThanOrEqual(hosts[0]!.x + hosts[0]!.width);
    expect(hosts[2]!.x).toBe(hosts[0]!.x);
    expect(hosts[2]!.y).toBeGreaterThanOrEqual(hosts[0]!.y + hosts[0]!.height);
    // 23 VMs need five rows of five.
    const vmYs = new Set(Object.values(d.elements).filter((e) => e.parent === 'r01.h001' && e.kind === 'vm').map((e) => e.y));
    expect(vmYs.size).toBe(5);
  });

  it('places ToRs above their rack, spines above the ToRs, and racks side by side', () => {
    const d = makeTemplate('fabric', { hosts: 80, vmsPerHost: 4 });
    const torA1 = el<Tor>(d, 'r01.tor-a');
    const torA2 = el<Tor>(d, 'r02.tor-a');
    const host1 = el<Host>(d, 'r01.h001');
    const host2 = el<Host>(d, 'r02.h001');
    expect(torA1.y).toBeLessThan(host1.y);
    expect(el<Tor>(d, 'spine1').y).toBeLessThan(torA1.y);
    // Rack 2 beside rack 1 (40 hosts: four per row), its ToR pair centred over it like rack 1's.
    const rack1Right = Math.max(...Object.values(d.elements).filter((e): e is Host => e.kind === 'host' && e.id.startsWith('r01.')).map((h) => h.x + h.width));
    expect(host2.x).toBeGreaterThan(rack1Right);
    expect(torA2.y).toBe(torA1.y);
    expect(torA2.x - host2.x).toBe(torA1.x - host1.x);
    const spineXs = ['spine1', 'spine2', 'spine3', 'spine4'].map((id) => d.elements[id]!.x);
    expect([...spineXs].sort((a, b) => a - b)).toEqual(spineXs);
    expect(new Set(spineXs).size).toBe(4);
  });
});
