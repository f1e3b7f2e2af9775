import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import { diagnosticsOf, TestDesign, torPorts, type RuleCase } from '../test-support';
import { BR_001, ECID_MAX, EXTENSION_RULES, VNT_001 } from './extension';
import { ruleCaseTests } from '../rule-cases.test-support';

type CbRef = KindProps<'fex'>['controllingBridge'];

/** Switch t1 (controlling bridge when `capable`) with extender f1 assigned to `bridge`, u0 cabled to t1 when `cabled`. */
function extender(opts: { capable?: boolean; cabled?: boolean; bridge?: string } = {}) {
  const t = new TestDesign().tor('t1', { controllingBridge: opts.capable ?? true });
  t.add('fex', 'f1', { controllingBridge: (opts.bridge ?? 't1') as CbRef });
  if (opts.cabled ?? true) t.eth('f1.u0', ['f1', 'u0'], ['t1', 'p0']);
  return t;
}

/** Controlling bridge t1 with FEXes cabled to it whose host-port counts are `ports`. */
function extenders(ports: number[]) {
  const t = new TestDesign().tor('t1', { controllingBridge: true, ports: torPorts(ports.length + 2) });
  ports.forEach((n, i) => {
    t.add('fex', `f${i}`, { hostPorts: n, controllingBridge: 't1' as CbRef });
    t.eth(`f${i}.u0`, [`f${i}`, 'u0'], ['t1', `p${i}`]);
  });
  return t;
}

/** Host h1 with a port-extension vSwitch and `vms` VMs, its NIC tagging in `format` with a VIF budget, cabled to bridge `tor`. */
function vifHost(t: TestDesign, tor: string, port: string, vms: number, nic: Partial<KindProps<'nic'>>) {
  return t.host('h1', { vms, vswitch: { evbMode: 'vntag' }, nic, cables: { eth0: [tor, port] } });
}

const fexIds = (n: number) => Array.from({ length: n }, (_, i) => `f${i}`);

const cases: RuleCase[] = [
  {
    rule: BR_001,
    name: 'bridge not set up as controlling bridge',
    trigger: () => extender({ capable: false }).design(),
    expect: [{ severity: 'error', elements: ['f1', 't1'] }],
    nearMiss: () => extender().design(),
    fix: 0,
  },
  {
    rule: BR_001,
    name: 'extender not cabled to its bridge',
    trigger: () => extender({ cabled: false }).design(),
    expect: [{ severity: 'error', elements: ['f1', 't1'] }],
    nearMiss: () => extender({ cabled: true }).design(),
  },
  {
    rule: BR_001,
    name: 'bridge that is not a switch',
    trigger: () => {
      const t = extender({ bridge: 'h1' });
      t.host('h1');
      return t.design();
    },
    expect: [{ severity: 'error', elements: ['f1'] }],
    nearMiss: () => extender().host('h1').design(),
  },
  {
    rule: BR_001,
    name: 'E-CIDs beyond the 12-bit base',
    trigger: () => extenders(Array(16).fill(256)).design(),
    expect: [{ severity: 'warning', elements: ['t1', ...fexIds(16)] }],
    nearMiss: () => extenders([...Array(15).fill(256), 255]).design(),
  },
  {
    rule: BR_001,
    name: '802.1BR adapter over its VIF budget',
    trigger: () => vifHost(new TestDesign().tor('t1', { controllingBridge: true }), 't1', 'p0', 3, { portExtension: '802.1br', vifBudget: 2 }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1'] }],
    nearMiss: () => vifHost(new TestDesign().tor('t1', { controllingBridge: true }), 't1', 'p0', 3, { portExtension: '802.1br', vifBudget: 3 }).design(),
  },
  {
    rule: VNT_001,
    name: 'VIFs beyond the 12-bit SVIF',
    trigger: () => vifHost(extenders(Array(16).fill(256)), 't1', 'p16', 1, { portExtension: 'vntag' }).design(),
    expect: [{ severity: 'error', elements: ['t1', 'h1.vs', ...fexIds(16)] }],
    nearMiss: () => vifHost(extenders([...Array(15).fill(256), 255]), 't1', 'p16', 1, { portExtension: 'vntag' }).design(),
  },
  {
    rule: VNT_001,
    name: 'VN-Tag adapter over its VIF budget',
    trigger: () => vifHost(new TestDesign().tor('t1', { controllingBridge: true }), 't1', 'p0', 3, { portExtension: 'vntag', vifBudget: 2 }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1'] }],
    nearMiss: () => vifHost(new TestDesign().tor('t1', { controllingBridge: true }), 't1', 'p0', 2, { portExtension: 'vntag', vifBudget: 2 }).design(),
  },
];

describe('port extension rules', () => {
  ruleCaseTests(cases, EXTENSION_RULES);

  it('refuses more E-CIDs than 20 bits number', () => {
    // 4,097 extenders of 256 host ports: one E-CID more than the 20-bit space after reserving 0. Left uncabled, so
    // only the count is of interest here.
    const t = new TestDesign().tor('t1', { controllingBridge: true });
    for (let i = 0; i < 4097; i++) t.add('fex', `f${i}`, { hostPorts: 256, controllingBridge: 't1' as CbRef });
    const ecid = diagnosticsOf(t.design(), BR_001).filter((d) => /E-CIDs/.test(d.message));
    expect(4097 * 256).toBeGreaterThan(ECID_MAX);
    expect(ecid.map((d) => [d.severity, d.message.match(/20-bit/)?.[0]])).toEqual([['error', '20-bit']]);
  });

  it('counts a vNIC once per controlling bridge its uplinks reach', () => {
    const t = extenders(Array(16).fill(256));
    t.tor('t2', { controllingBridge: true });
    t.host('h1', { vms: 1, vswitch: { evbMode: 'vntag' }, nic: { portExtension: 'vntag' }, cables: { eth0: ['t1', 'p16'], eth1: ['t2', 'p0'] } });
    const d = diagnosticsOf(t.design(), VNT_001);
    expect(d.map((x) => x.elements[0])).toEqual(['t1']);
    expect(d[0]!.message).toMatch(/must number 4097 VIFs \(4096 extender ports and 1 virtual interface from h1\.vs\)/);
  });
});
