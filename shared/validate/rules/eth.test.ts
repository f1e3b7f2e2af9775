import { describe, expect, it } from 'vitest';
import { diagnosticsOf, expectedShape, fixOutcome, shape, TestDesign, torPorts, type RuleCase } from '../test-support';
import { ETH_001, ETH_RULES, portSupports } from './eth';

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
    expect(portSupports(40, 25)).toBe(false);
    expect(portSupports(10, 25)).toBe(false);
  });
});
