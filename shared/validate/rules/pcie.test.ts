import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import { diagnosticsOf, expectedShape, fixOutcome, shape, TestDesign, type RuleCase } from '../test-support';
import { PCI_001, PCI_002, PCI_003, PCI_004, PCI_005, PCI_006, PCI_007, PCIE_RULES } from './pcie';

/** Host h1 (root complex h1.rc0 with NIC h1.nic on rp3) plus a PCIe switch h1.sw on rp0. */
function withSwitch(sw: Partial<KindProps<'pcieSwitch'>> = {}) {
  const t = new TestDesign().host('h1');
  t.add('pcieSwitch', 'h1.sw', sw, 'h1');
  return t.pcie('sw', ['h1.rc0', 'rp0'], ['h1.sw', 'up0']);
}

/** Host h1 plus endpoint h1.gpu wired by `wire`. */
function withGpu(props: Partial<KindProps<'endpoint'>>, wire: (t: TestDesign) => void) {
  const t = new TestDesign().host('h1');
  t.add('endpoint', 'h1.gpu', props, 'h1');
  wire(t);
  return t;
}

/** Two root complexes feeding an MR-IOV switch with a GPU below it. */
function mrIov(gpuAware: boolean) {
  const t = new TestDesign().host('h1');
  t.add('rootComplex', 'h1.rc1', { socket: 1 }, 'h1');
  t.add('pcieSwitch', 'h1.mr', { mrIov: true, upstreamPorts: 2 }, 'h1');
  t.add('endpoint', 'h1.gpu', { mrIovAware: gpuAware }, 'h1');
  return t.pcie('u0', ['h1.rc0', 'rp0'], ['h1.mr', 'up0']).pcie('u1', ['h1.rc1', 'rp0'], ['h1.mr', 'up1']).pcie('g', ['h1.mr', 'dp0'], ['h1.gpu', 'pcie']);
}

/** A x4 Gen4 switch with four endpoints each asking for `demand` Gb/s. */
function fanOut(demand: number) {
  const t = withSwitch({ upstreamWidth: 4 });
  for (let i = 0; i < 4; i++) {
    t.add('endpoint', `h1.e${i}`, { demandGbps: demand, pcieWidth: 8 }, 'h1');
    t.pcie(`e${i}`, ['h1.sw', `dp${i}`], [`h1.e${i}`, 'pcie']);
  }
  return t;
}

/** Two switches of 128 downstream ports each: more secondary buses than a segment has. */
function busHungry(downstream: number) {
  const t = new TestDesign().host('h1');
  for (const i of [0, 1]) {
    t.add('pcieSwitch', `h1.sw${i}`, { downstreamWidths: Array(downstream).fill(1) }, 'h1');
    t.pcie(`sw${i}`, ['h1.rc0', `rp${i}`], [`h1.sw${i}`, 'up0']);
  }
  return t;
}

/** A VM on VF pf0.vf0 of h1's NIC; `acs` on the root complex. */
function assignedVf(acs: boolean) {
  const t = new TestDesign().host('h1', { nic: { physicalFunctions: [{ totalVfs: 8, enabledVfs: 1 }] } });
  t.patch('h1.rc0', { acs });
  t.add('vm', 'h1.vm', {}, 'h1');
  return t.vf('vf', ['h1.vm', 'vnic0'], ['h1.nic', 'pf0.vf0']);
}

const cases: RuleCase[] = [
  {
    rule: PCI_001,
    name: 'switch with two upstream ports and no MR-IOV',
    trigger: () => withSwitch({ upstreamPorts: 2 }).design(),
    expect: [{ severity: 'error', elements: ['h1.sw'] }],
    nearMiss: () => withSwitch({ upstreamPorts: 2, mrIov: true }).design(),
    fix: 0,
  },
  {
    rule: PCI_001,
    name: 'switch without downstream ports',
    trigger: () => withSwitch({ downstreamWidths: [] }).design(),
    expect: [{ severity: 'error', elements: ['h1.sw'] }],
    nearMiss: () => withSwitch({ downstreamWidths: [4] }).design(),
  },
  {
    rule: PCI_001,
    name: 'link drawn device-first',
    trigger: () => withGpu({}, (t) => t.pcie('g', ['h1.gpu', 'pcie'], ['h1.rc0', 'rp0'])).design(),
    expect: [{ severity: 'error', elements: ['h1.gpu', 'h1.rc0'] }],
    nearMiss: () => withGpu({}, (t) => t.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie'])).design(),
    fix: 0,
  },
  {
    rule: PCI_001,
    name: 'PCIe link to a VM',
    trigger: () => {
      const t = new TestDesign().host('h1', { vms: 1 });
      return t.pcie('bad', ['h1.rc0', 'rp0'], ['h1.vm1', 'vnic0']).design();
    },
    expect: [{ severity: 'error', elements: ['h1.rc0', 'h1.vm1'] }],
    nearMiss: () => new TestDesign().host('h1', { vms: 1 }).design(),
  },
  {
    rule: PCI_002,
    name: 'device with no upstream link',
    trigger: () => withGpu({}, () => undefined).design(),
    expect: [{ severity: 'error', elements: ['h1.gpu'] }],
    nearMiss: () => withGpu({}, (t) => t.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie'])).design(),
  },
  {
    rule: PCI_002,
    name: 'device with two parents',
    trigger: () => withGpu({}, (t) => t.pcie('g0', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie']).pcie('g1', ['h1.rc0', 'rp1'], ['h1.gpu', 'pcie'])).design(),
    expect: [{ severity: 'error', elements: ['h1.gpu', 'h1.rc0'] }],
    nearMiss: () => withGpu({}, (t) => t.pcie('g0', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie'])).design(),
  },
  {
    rule: PCI_002,
    name: 'MR-IOV switch sharing an adapter that is not MR-IOV aware',
    trigger: () => mrIov(false).design(),
    expect: [{ severity: 'error', elements: ['h1.gpu', 'h1.rc0', 'h1.rc1'] }],
    nearMiss: () => mrIov(true).design(),
  },
  {
    rule: PCI_003,
    name: 'x16 card in an x8 root port',
    trigger: () => new TestDesign().host('h1', { nic: { pcieWidth: 16 } }).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic', 'h1.rc0'] }],
    nearMiss: () => new TestDesign().host('h1', { nic: { pcieWidth: 8 } }).design(),
  },
  {
    rule: PCI_004,
    name: 'root ports over the lane budget',
    trigger: () => {
      const t = new TestDesign().host('h1');
      t.patch('h1.rc0', { lanes: 48 });
      return t.design();
    },
    expect: [{ severity: 'error', elements: ['h1.rc0'] }],
    nearMiss: () => new TestDesign().host('h1').design(),
  },
  {
    rule: PCI_004,
    name: 'root complex on a socket the host lacks',
    trigger: () => {
      const t = new TestDesign().host('h1');
      t.patch('h1.rc0', { socket: 2 });
      return t.design();
    },
    expect: [{ severity: 'error', elements: ['h1.rc0', 'h1'] }],
    nearMiss: () => {
      const t = new TestDesign().host('h1');
      t.patch('h1.rc0', { socket: 1 });
      return t.design();
    },
  },
  {
    rule: PCI_005,
    name: '2×100GbE on a Gen3 x8 link',
    trigger: () => new TestDesign().host('h1', { nic: { speedGbps: 100 } }).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic'] }],
    nearMiss: () => new TestDesign().host('h1', { nic: { speedGbps: 25 } }).design(),
  },
  {
    rule: PCI_005,
    name: 'switch oversubscribed by its devices',
    trigger: () => fanOut(50).design(),
    expect: [{ severity: 'warning', elements: ['h1.sw'] }],
    nearMiss: () => fanOut(10).design(),
  },
  {
    rule: PCI_006,
    name: 'nine functions without ARI',
    trigger: () => withGpu({ functions: 9, ari: false }, (t) => t.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie'])).design(),
    expect: [{ severity: 'error', elements: ['h1.gpu', 'h1.rc0'] }],
    nearMiss: () => withGpu({ functions: 9, ari: true }, (t) => t.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie'])).design(),
  },
  {
    rule: PCI_006,
    name: 'more buses than a segment holds',
    trigger: () => busHungry(128).design(),
    expect: [{ severity: 'error', elements: ['h1'] }],
    nearMiss: () => busHungry(100).design(),
  },
  {
    rule: PCI_006,
    name: 'two devices on one root port',
    trigger: () => {
      const t = withGpu({}, (x) => x.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie']));
      t.add('endpoint', 'h1.hba', { deviceClass: 'hba' }, 'h1');
      return t.pcie('h', ['h1.rc0', 'rp0'], ['h1.hba', 'pcie']).design();
    },
    expect: [{ severity: 'error', elements: ['h1.rc0', 'h1.gpu', 'h1.hba'] }],
    nearMiss: () => {
      const t = withGpu({}, (x) => x.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie']));
      t.add('endpoint', 'h1.hba', { deviceClass: 'hba' }, 'h1');
      return t.pcie('h', ['h1.rc0', 'rp1'], ['h1.hba', 'pcie']).design();
    },
  },
  {
    rule: PCI_007,
    name: 'assigned VF behind a root port without ACS',
    trigger: () => assignedVf(false).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic', 'h1.rc0'] }],
    nearMiss: () => assignedVf(true).design(),
    fix: 0,
  },
];

describe('PCIe rules', () => {
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
    expect(new Set(cases.map((c) => c.rule.id))).toEqual(new Set(PCIE_RULES.map((r) => r.id)));
  });

  it('says what limits a link, as Linux prints it', () => {
    const [d] = diagnosticsOf(new TestDesign().host('h1', { nic: { pcieWidth: 16 } }).design(), PCI_003);
    expect(d!.message).toMatch(/trains at Gen3 x8 .* capable of Gen3 x16 .* limited by h1\.rc0 rp3 \(x8\)/);
  });
});
