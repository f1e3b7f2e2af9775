import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Design } from '../../model/design';
import type { ElementOf } from '../../model/elements';
import type { Command } from '../../history/commands';
import { makeTemplate } from '../../templates';
import { expectIncrementalMatches } from '../incremental.test-support';
import { diagnosticsOf, shape, TestDesign, torPorts, type RuleCase } from '../test-support';
import { commonSpeeds, ETH_001, ETH_002, ETH_RULES, portSupports, speedToForce } from './eth';
import { PCI_005 } from './pcie';
import { findCatalogEntry, nicFromCatalog, type NicCatalogEntry } from '../../catalog';
import { asElementId } from '../../model/ids';
import { ruleCaseTests } from '../rule-cases.test-support';

/** One host whose NIC eth0 is cabled to tor1 p0; `torSpeeds` is the switch ports' declared speed set (absent: none). */
const cabled = (nic: { speedGbps?: number; speedsGbps?: number[] } = {}, link: { speedGbps?: number | null; fullDuplex?: boolean } = {}, torSpeed = 25, torSpeeds?: number[]) => {
  const t = new TestDesign().host('h1', { nic }).tor('t1', { ports: torPorts(4, torSpeed, torSpeeds ? { speedsGbps: torSpeeds } : {}) });
  return t.eth('cab', ['h1.nic', 'eth0'], ['t1', 'p0'], link);
};

/** Speed sets of the generic leaf's ports (catalog `generic-tor-48x25g-8x100g`) and of two NVIDIA cards (catalog N7, N10). */
const SFP28 = [25, 10];
const QSFP28 = [100, 40];
const CX4_50G = [50, 40, 25, 10, 1];

/**
 * Breakouts of a leaf's QSFP28 uplink (catalog LEAF-N9K, LEAF-7050X3: the N9K-C93180YC-FX's and 7050SX3-48YC8's 100G
 * ports break out as 4 × 25G or 4 × 10G). 100GBASE-SR4/CR4 is four 25G lanes (802.3bm/802.3bj), so a 4×25G sub-port
 * is one 25GBASE-R lane (802.3by) and runs 25 Gb/s only; a 4×10G sub-port runs 10 Gb/s only.
 */
const B4X25 = { lanes: 4, speedGbps: 25 } as const;
const B4X10 = { lanes: 4, speedGbps: 10 } as const;
const B2X50 = { lanes: 2, speedGbps: 50 } as const;
const UPLINK_MODES = [B4X25, B4X10];

/** Host h1's NIC eth0 cabled (link `cab`) to `port` of t1, whose p0 is a QSFP28 uplink allowing `modes` (null: none), broken out as `breakout` (absent: not). */
const onUplink = (port: string, breakout?: { lanes: 2 | 4 | 8; speedGbps: number }, nic: { speedGbps?: number; speedsGbps?: number[] } = {}, modes: { lanes: 2 | 4 | 8; speedGbps: number }[] | null = UPLINK_MODES) => {
  const uplink = torPorts(1, 100, { speedsGbps: QSFP28, ...(modes ? { breakoutModes: modes } : {}), ...(breakout ? { breakout } : {}) });
  const t = new TestDesign().host('h1', { nic }).tor('t1', { ports: [...uplink, ...torPorts(3, 25, { speedsGbps: SFP28 })] });
  return t.eth('cab', ['h1.nic', 'eth0'], ['t1', port]);
};

const cases: RuleCase[] = [
  {
    rule: ETH_001,
    name: '10G NIC on a 25G port with no forced speed',
    trigger: () => cabled({ speedGbps: 10 }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 't1'] }],
    nearMiss: () => cabled({ speedGbps: 25 }).design(),
    fix: 0,
  },
  {
    rule: ETH_001,
    name: '40G NIC on a 25G port (no common speed)',
    trigger: () => cabled({ speedGbps: 40 }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 't1'] }],
    nearMiss: () => cabled({ speedGbps: 10 }, { speedGbps: 10 }).design(),
  },
  {
    rule: ETH_001,
    name: 'link forced to a speed neither port runs',
    trigger: () => cabled({}, { speedGbps: 100 }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 't1'] }],
    nearMiss: () => cabled({}, { speedGbps: 10 }).design(),
    fix: 0,
  },
  {
    rule: ETH_001,
    name: 'Ethernet link on a PCIe port',
    trigger: () => new TestDesign().host('h1').tor('t1').eth('cab', ['h1.nic', 'pcie'], ['t1', 'p0']).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 't1'] }],
    nearMiss: () => new TestDesign().host('h1').tor('t1').eth('cab', ['h1.nic', 'eth1'], ['t1', 'p0']).design(),
    fix: 0,
  },
  {
    rule: ETH_001,
    name: 'two cables on one switch port',
    trigger: () =>
      new TestDesign()
        .host('h1', { cables: { eth0: ['t1', 'p0'] } })
        .host('h2', { cables: { eth0: ['t1', 'p0'] } })
        .tor('t1')
        .design(),
    expect: [{ severity: 'error', elements: ['t1', 'h1.nic', 'h2.nic'] }],
    nearMiss: () =>
      new TestDesign()
        .host('h1', { cables: { eth0: ['t1', 'p0'] } })
        .host('h2', { cables: { eth0: ['t1', 'p1'] } })
        .tor('t1')
        .design(),
  },
  {
    rule: ETH_001,
    name: 'half duplex at 25 Gb/s',
    trigger: () => cabled({}, { fullDuplex: false }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 't1'] }],
    // Half duplex is still defined at 1 Gb/s.
    nearMiss: () => cabled({ speedGbps: 1 }, { fullDuplex: false }, 1).design(),
    fix: 0,
  },
  {
    rule: ETH_001,
    name: 'declared speed sets with nothing in common',
    // A 40G-only NIC on an SFP28 port (25/10): the fallback table would not help either, and no fix can be offered.
    trigger: () => cabled({ speedGbps: 40, speedsGbps: [40] }, {}, 25, SFP28).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 't1'] }],
    nearMiss: () => cabled({ speedGbps: 25, speedsGbps: [40, 25] }, {}, 25, SFP28).design(),
  },
  {
    rule: ETH_001,
    name: '50G ConnectX-4 on a QSFP28 uplink that runs 100/40: the common speed is 40',
    trigger: () => cabled({ speedGbps: 50, speedsGbps: CX4_50G }, {}, 100, QSFP28).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 't1'] }],
    nearMiss: () => cabled({ speedGbps: 50, speedsGbps: CX4_50G }, { speedGbps: 40 }, 100, QSFP28).design(),
    fix: 0,
  },
  {
    rule: ETH_002,
    name: 'an SFP28 switch port (25/10) configured to 40 Gb/s',
    trigger: () => new TestDesign().tor('t1', { ports: [...torPorts(1, 40, { speedsGbps: SFP28 }), ...torPorts(3, 25, { speedsGbps: SFP28 })] }).design(),
    expect: [{ severity: 'error', elements: ['t1'] }],
    nearMiss: () => new TestDesign().tor('t1', { ports: torPorts(4, 25, { speedsGbps: SFP28 }) }).design(),
    fix: 0,
  },
  {
    rule: ETH_002,
    name: 'a NIC configured outside its speed set',
    trigger: () => cabled({ speedGbps: 100, speedsGbps: [25, 10, 1] }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic'] }],
    nearMiss: () => cabled({ speedGbps: 25, speedsGbps: [25, 10, 1] }).design(),
    fix: 0,
  },
  {
    rule: ETH_001,
    name: 'a 10G-only NIC port on a 4×25G breakout sub-port',
    // The sub-port p0/2 runs 25 Gb/s only; the NIC runs 10/1 Gb/s: no rate in common, so no speed can be forced.
    trigger: () => onUplink('p0/2', B4X25, { speedGbps: 10, speedsGbps: [10, 1] }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 't1'] }],
    // The same NIC on a 4×10G sub-port: both ends run 10 Gb/s.
    nearMiss: () => onUplink('p0/2', B4X10, { speedGbps: 10, speedsGbps: [10, 1] }).design(),
  },
  {
    rule: ETH_002,
    name: 'a QSFP28 uplink broken out as 2×50G, which it does not allow',
    trigger: () => onUplink('p1', B2X50).design(),
    expect: [{ severity: 'error', elements: ['t1'] }],
    nearMiss: () => onUplink('p1', B4X25).design(),
    fix: 0,
  },
  {
    rule: ETH_002,
    name: 'a cable left on a port since broken out',
    trigger: () => onUplink('p0', B4X25).design(),
    expect: [{ severity: 'error', elements: ['t1', 'h1.nic'] }],
    nearMiss: () => onUplink('p0/1', B4X25).design(),
    fix: 0,
  },
  {
    rule: ETH_002,
    name: 'a cable left on a sub-port after the breakout was undone',
    trigger: () => onUplink('p0/3').design(),
    expect: [{ severity: 'error', elements: ['t1', 'h1.nic'] }],
    nearMiss: () => onUplink('p0/3', B4X10).design(),
    fix: 0,
  },
  {
    rule: ETH_002,
    name: 'a link forced to 40 Gb/s on an SFP28 port',
    trigger: () => cabled({}, { speedGbps: 40 }, 25, SFP28).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 't1'] }],
    nearMiss: () => cabled({}, { speedGbps: 10 }, 25, SFP28).design(),
    fix: 0,
  },
];

describe('Ethernet rules', () => {
  ruleCaseTests(cases, ETH_RULES);

  describe('breakout', () => {
    it('treats a sub-port as a port of the breakout speed only, and offers "Force 10 Gb/s" only where both ends run it', () => {
      // A 25/10 NIC set to 10 on a native SFP28 port (25/10): both run 10, so force 10.
      expect(diagnosticsOf(cabled({ speedGbps: 10, speedsGbps: [25, 10] }, {}, 25, SFP28).design(), ETH_001)[0]!.fix!.label).toBe('Force 10 Gb/s');
      // The same NIC on a 4×25G sub-port, which runs 25 only: the one common rate is 25, so "Force 25 Gb/s".
      const [d] = diagnosticsOf(onUplink('p0/2', B4X25, { speedGbps: 10, speedsGbps: [25, 10] }).design(), ETH_001);
      expect(d!.message).toBe('Ethernet link cab joins h1.nic eth0 (10 Gb/s) and t1 p0/2 (25 Gb/s); the speeds both ports run are 25 Gb/s, so force the link to 25 Gb/s.');
      expect(d!.fix).toEqual({ label: 'Force 25 Gb/s', commands: [{ type: 'updateLink', id: 'cab', changes: { speedGbps: 25 } }] });
      // A 10G-only NIC on it shares nothing: reported with no fix (a 4×10G breakout would be the remedy).
      const [none] = diagnosticsOf(onUplink('p0/2', B4X25, { speedGbps: 10, speedsGbps: [10, 1] }).design(), ETH_001);
      expect(none!.message).toMatch(/share no speed \(h1\.nic runs 10\/1 Gb\/s, t1 25 Gb\/s\)/);
      expect(none!.fix).toBeUndefined();
      // A link forced to 10 on a 4×25G sub-port is outside the sub-port's set: ETH-002 names it.
      const design = new TestDesign()
        .host('h1')
        .tor('t1', { ports: torPorts(1, 100, { speedsGbps: QSFP28, breakoutModes: UPLINK_MODES, breakout: B4X25 }) })
        .eth('cab', ['h1.nic', 'eth0'], ['t1', 'p0/1'], { speedGbps: 10 })
        .design();
      expect(diagnosticsOf(design, ETH_002)[0]!.message).toBe('Ethernet link cab is forced to 10 Gb/s, but t1 p0/1 runs only 25 Gb/s; force a speed both ends support.');
    });

    it('names the allowed modes and fixes to one with the same lanes, keeping the cabled sub-ports', () => {
      // 4×10G allowed, 4×50G not: the fix keeps four lanes (the cable on p0/4 stays on a live sub-port).
      const [d] = diagnosticsOf(onUplink('p0/4', { lanes: 4, speedGbps: 50 }, {}, [B4X10]).design(), ETH_002);
      expect(d!.message).toBe('t1 p0 is broken out as 4×50G, but the port allows only 4×10G; break it out as one of those.');
      const cmd = d!.fix!.commands[0] as unknown as { changes: { ports: { breakout?: unknown }[] } };
      expect(d!.fix!.label).toBe('Break out p0 as 4×10G');
      expect(cmd.changes.ports[0]!.breakout).toEqual(B4X10);
      // A port that lists no breakout: undoing the breakout is the fix while no sub-port is cabled, none once one is.
      const [bare] = diagnosticsOf(onUplink('p1', B4X25, {}, null).design(), ETH_002);
      expect(bare!.message).toMatch(/the port allows no breakout \(it lists no `breakoutModes`\)/);
      expect(bare!.fix!.label).toBe('Do not break out p0');
      expect(diagnosticsOf(onUplink('p0/1', B4X25, {}, null).design(), ETH_002)[0]!.fix).toBeUndefined();
    });

    it('moves a cable left on a broken-out port to a free sub-port, and breaks a port out again for cables on its sub-ports', () => {
      const [left] = diagnosticsOf(onUplink('p0', B4X25).design(), ETH_002);
      expect(left!.message).toBe('t1 p0 is broken out as 4×25G into p0/1–p0/4, but link cab ends at p0, which carries nothing now; move it to a sub-port.');
      expect(left!.fix).toEqual({ label: 'Move cab to p0/1', commands: [{ type: 'updateLink', id: 'cab', changes: { b: { element: 't1', port: 'p0/1' } } }] });
      // p0/1 taken by another server: the next free sub-port.
      const two = onUplink('p0', B4X25).host('h2').eth('c2', ['h2.nic', 'eth0'], ['t1', 'p0/1']).design();
      expect(diagnosticsOf(two, ETH_002)[0]!.fix!.label).toBe('Move cab to p0/2');
      // Undone breakout, cable on p0/3: break out again as the first allowed mode with at least 3 lanes.
      const [undone] = diagnosticsOf(onUplink('p0/3').design(), ETH_002);
      expect(undone!.message).toBe('t1 p0 is not broken out, but link cab ends at p0/3, a sub-port it does not have, which carries nothing; break the port out again or move the cable to a port.');
      expect(undone!.fix!.label).toBe('Break out p0 as 4×25G');
      // No breakout allowed: the lone cable goes back on the port itself.
      expect(diagnosticsOf(onUplink('p0/3', undefined, {}, null).design(), ETH_002)[0]!.fix).toEqual({
        label: 'Move cab to p0',
        commands: [{ type: 'updateLink', id: 'cab', changes: { b: { element: 't1', port: 'p0' } } }],
      });
      // A cable on a stranded port is ETH-002's alone: ETH-001 does not call it a non-Ethernet port.
      expect(diagnosticsOf(onUplink('p0', B4X25).design(), ETH_001)).toEqual([]);
    });

    it('does not judge a broken-out port\'s own speed', () => {
      // p0 configured to 25 (outside 100/40) but broken out: it runs its sub-ports, so ETH-002 has nothing to say.
      const t = new TestDesign().tor('t1', { ports: torPorts(1, 25, { speedsGbps: QSFP28, breakoutModes: UPLINK_MODES, breakout: B4X25 }) });
      expect(diagnosticsOf(t.design(), ETH_002)).toEqual([]);
    });
  });

  it('forces the slower speed when the faster port can fall back', () => {
    const [d] = diagnosticsOf(cabled({ speedGbps: 10 }).design(), ETH_001);
    expect(d!.message).toMatch(/force the link to 10 Gb\/s/);
    expect(d!.fix!.commands).toEqual([{ type: 'updateLink', id: 'cab', changes: { speedGbps: 10 } }]);
  });

  it('knows which pluggable speeds a port takes', () => {
    expect(portSupports(25, 10)).toBe(true);
    expect(portSupports(100, 40)).toBe(true);
    // A QSFP28 100G port also runs 50G and 25G ("1/10/25/40/50/100GbE" on ConnectX-4/5 QSFP28 ports, catalog N7/N10).
    expect(portSupports(100, 50)).toBe(true);
    expect(portSupports(100, 25)).toBe(true);
    expect(portSupports(40, 25)).toBe(false);
    expect(portSupports(10, 25)).toBe(false);
  });

  it('forces the fastest speed both declared sets share, and only one both ends run', () => {
    // Before speed sets (fallback table) the 100G port was taken to run 50G: "Force 50 Gb/s", which the QSFP28 cannot.
    const [before] = diagnosticsOf(cabled({ speedGbps: 50 }, {}, 100).design(), ETH_001);
    expect(before!.fix!.label).toBe('Force 50 Gb/s');
    const [after] = diagnosticsOf(cabled({ speedGbps: 50, speedsGbps: CX4_50G }, {}, 100, QSFP28).design(), ETH_001);
    expect(after!.message).toMatch(/the speeds both ports run are 40 Gb\/s, so force the link to 40 Gb\/s/);
    expect(after!.fix).toEqual({ label: 'Force 40 Gb/s', commands: [{ type: 'updateLink', id: 'cab', changes: { speedGbps: 40 } }] });
  });

  it('offers no "Force 10 Gb/s" when a port cannot run 10 Gb/s', () => {
    // A 25G-only port (an SFP28 optic without 10G) facing a 10G NIC: the fallback table would force 10 Gb/s.
    expect(diagnosticsOf(cabled({ speedGbps: 10 }).design(), ETH_001)[0]!.fix!.label).toBe('Force 10 Gb/s');
    const [d] = diagnosticsOf(cabled({ speedGbps: 10 }, {}, 25, [25]).design(), ETH_001);
    expect(d!.message).toMatch(/share no speed \(h1\.nic runs 10\/1 Gb\/s, t1 25 Gb\/s\)/);
    expect(d!.fix).toBeUndefined();
  });

  it('reports a forced speed outside a declared set once, under ETH-002, naming both ends that cannot run it', () => {
    const design = cabled({}, { speedGbps: 40 }, 25, SFP28).design();
    expect(diagnosticsOf(design, ETH_001)).toEqual([]);
    const [d] = diagnosticsOf(design, ETH_002);
    expect(d!.message).toBe('Ethernet link cab is forced to 40 Gb/s, but h1.nic eth0 runs only 25/10 Gb/s and t1 p0 runs only 25/10 Gb/s; force a speed both ends support.');
    expect(d!.fix!.label).toBe('Use 25 Gb/s');
    // Without a declared set the same link is ETH-001's, as before speed sets existed.
    expect(shape(diagnosticsOf(cabled({}, { speedGbps: 40 }).design(), ETH_001))).toEqual([{ rule: 'ETH-001', severity: 'error', elements: ['h1.nic', 't1'] }]);
    expect(diagnosticsOf(cabled({}, { speedGbps: 40 }).design(), ETH_002)).toEqual([]);
  });

  it('sets each misconfigured switch port to the fastest speed of its set not above its setting', () => {
    const t = new TestDesign().tor('t1', { ports: [...torPorts(1, 40, { speedsGbps: SFP28 }), ...torPorts(1, 5, { speedsGbps: SFP28 }), ...torPorts(1, 25, { speedsGbps: SFP28 })] });
    const [d] = diagnosticsOf(t.design(), ETH_002);
    expect(d!.message).toMatch(/^t1 ports p0 and p1 are set to speeds outside their speed sets/);
    const cmd = d!.fix!.commands[0] as unknown as { changes: { ports: { speedGbps: number }[] } };
    expect(cmd.changes.ports.map((p) => p.speedGbps)).toEqual([25, 10, 25]);
  });

  it('intersects speed sets, declared or from the fallback table', () => {
    const port = (speedGbps: number, declared: number[] | null = null) => ({ speedGbps, declared });
    expect(commonSpeeds(port(25, SFP28), port(100, QSFP28))).toEqual([]);
    expect(commonSpeeds(port(100), port(50, CX4_50G))).toEqual([50, 40, 25]);
    expect(speedToForce(port(100), port(50, CX4_50G))).toBe(50);
    expect(speedToForce(port(100, QSFP28), port(50, CX4_50G))).toBe(40);
    // A port configured below a rate both run is raised only when nothing lower is common.
    expect(speedToForce(port(10, [25]), port(25, SFP28))).toBe(25);
  });

  it('offers to force a 100G port down to 50G or 25G instead of calling the pair incompatible', () => {
    for (const low of [50, 25]) {
      const [d] = diagnosticsOf(cabled({ speedGbps: 100 }, {}, low).design(), ETH_001);
      expect(d!.message).toMatch(new RegExp(`force the link to ${low} Gb/s`));
    }
  });
});

// Issue #11 item 17: the catalog made a dual-port 100GbE ConnectX-5 2 × 50G, so two 100G ToR cables raised two false
// ETH-001 errors while PCI-005 saw 100 Gb/s of ports on a Gen3 x16 link and said nothing.
describe('a dual-port 100GbE ConnectX-5 from the catalog', () => {
  const cx5 = findCatalogEntry('nvidia-connectx-5') as NicCatalogEntry;
  const design = () => {
    const { kind: _k, id: _i, name: _n, parent: _p, x: _x, y: _y, notes: _o, ...props } = nicFromCatalog(cx5, { id: asElementId('probe'), name: 'probe' });
    const t = new TestDesign().host('h1', { nic: props }).tor('t1', { ports: torPorts(4, 100) });
    // A Gen3 root complex with an x16 port where the test host puts its NIC (rp3).
    t.patch<'rootComplex'>('h1.rc0', { gen: 3, rootPortWidths: [16, 16, 16, 16, 8] });
    return t.eth('c0', ['h1.nic', 'eth0'], ['t1', 'p0']).eth('c1', ['h1.nic', 'eth1'], ['t1', 'p1']).design();
  };

  it('cabled to two 100G ToR ports raises no ETH-001', () => {
    expect(cx5).toMatchObject({ ports: 2, speedGbps: 100, pcieGen: 3, pcieWidth: 16 });
    expect(diagnosticsOf(design(), ETH_001)).toEqual([]);
  });

  it('on Gen3 x16 gets PCI-005: 2 × 100 = 200 Gb/s of ports over ≈115 Gb/s of link', () => {
    // Gen3 x16 = 8 GT/s × 128/130 × 16 = 126.03 Gb/s per direction; × 256/(256+24) = 115.2 Gb/s usable < 200 Gb/s.
    expect(shape(diagnosticsOf(design(), PCI_005))).toEqual([{ rule: 'PCI-005', severity: 'warning', elements: ['h1.nic'] }]);
  });
});

// The incremental engine reruns ETH-001/ETH-002 only when what their `reads` name changes: speed-set edits on NICs,
// switch ports and links must give what a validation from scratch gives (the shared incremental property test edits
// no speed sets).
describe('ETH rules revalidated after speed edits', () => {
  const pickOf = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
  const SETS = [undefined, [25, 10], [100, 40], [25], [40], [50, 40, 25, 10, 1]];
  const SPEEDS = [10, 25, 40, 50, 100];

  function commandFor(d: Design, [op, a, b]: [number, number, number]): Command | null {
    const nic = pickOf(Object.values(d.elements).filter((e): e is ElementOf<'nic'> => e.kind === 'nic'), a);
    const tor = pickOf(Object.values(d.elements).filter((e): e is ElementOf<'tor'> => e.kind === 'tor'), a);
    const link = pickOf(Object.values(d.links).filter((l) => l.kind === 'ethernet'), a);
    switch (op % 5) {
      case 0:
        return nic ? { type: 'updateElement', id: nic.id, changes: pickOf([{ speedsGbps: SETS[b % SETS.length] }, { speedGbps: pickOf(SPEEDS, b)! }, { name: `nic ${b}` }], b >> 3)! } : null;
      case 1: {
        if (!tor) return null;
        const i = b % Math.max(1, tor.ports.length);
        const { breakout: _b, ...unbroken } = tor.ports[i] ?? { speedGbps: 25, reflectiveRelay: false, evb: false };
        const breakouts = [unbroken, { ...unbroken, breakoutModes: UPLINK_MODES, breakout: B4X25 }, { ...unbroken, breakout: B4X10 }, { ...unbroken, breakoutModes: [B4X10], breakout: B2X50 }];
        const ports = tor.ports.map((p, j) => (j !== i ? p : pickOf([{ ...p, speedsGbps: SETS[(b >> 3) % SETS.length] }, { ...p, speedGbps: pickOf(SPEEDS, b >> 3)! }, { ...p, reflectiveRelay: !p.reflectiveRelay }, pickOf(breakouts, b >> 3)!], b >> 6)!));
        return { type: 'updateElement', id: tor.id, changes: { ports } };
      }
      case 2:
        return link ? { type: 'updateLink', id: link.id, changes: { speedGbps: pickOf([null, ...SPEEDS], b)! } } : null;
      case 3:
        return nic ? { type: 'updateElement', id: nic.id, changes: { physicalFunctions: nic.physicalFunctions.map((pf, i) => (i === 0 ? { ...pf, enabledVfs: pf.enabledVfs ? 0 : 2 } : pf)) } } : null;
      default:
        return tor ? { type: 'updateElement', id: tor.id, changes: { name: `tor ${b}` } } : null;
    }
  }

  it('gives the same diagnostics as validating from scratch after every edit', () => {
    const base = makeTemplate('fabric', { hosts: 4, vmsPerHost: 1 });
    const edit = fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 20 }), (edits) => {
        expectIncrementalMatches(base, ETH_RULES, edits, (d, e) => commandFor(d, e), { skipRefused: false });
      }),
      { numRuns: 100 },
    );
  });
});
