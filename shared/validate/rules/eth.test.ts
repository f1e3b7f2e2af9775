import { describe, expect, it } from 'vitest';
import { diagnosticsOf, expectedShape, fixOutcome, shape, TestDesign, torPorts, type RuleCase } from '../test-support';
import { ETH_001, ETH_RULES, portSupports } from './eth';
import { PCI_005 } from './pcie';
import { findCatalogEntry, nicFromCatalog, type NicCatalogEntry } from '../../catalog';
import { asElementId } from '../../model/ids';

/** One host whose NIC eth0 is cabled to tor1 p0. */
const cabled = (nic: { speedGbps?: number } = {}, link: { speedGbps?: number | null; fullDuplex?: boolean } = {}, torSpeed = 25) => {
  const t = new TestDesign().host('h1', { nic }).tor('t1', { ports: torPorts(4, torSpeed) });
  return t.eth('cab', ['h1.nic', 'eth0'], ['t1', 'p0'], link);
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
];

describe('Ethernet rules', () => {
  describe.each(cases)('$rule.id: $name', (c) => {
    it('reports it', () => expect(shape(diagnosticsOf(c.trigger(), c.rule))).toEqual(expectedShape(c)));
    it('accepts the near miss', () => expect(diagnosticsOf(c.nearMiss(), c.rule)).toEqual([]));
    if (c.fix !== undefined) {
      it('quick fix clears it', () => {
        const { before, after } = fixOutcome(c, c.fix!);
        expect(after.map((d) => d.message)).not.toContain(before.message);
      });
    }
  });

  it('covers every rule of the family', () => {
    expect(new Set(cases.map((c) => c.rule.id))).toEqual(new Set(ETH_RULES.map((r) => r.id)));
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
