import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import { diagnosticsOf, TestDesign, type RuleCase } from '../test-support';
import { UPL_001, UPLINK_RULES } from './uplinks';
import { ruleCaseTests } from '../rule-cases.test-support';

/** Host h1 (vswitch h1.vs on eth0/eth1 of a NIC with `ports` ports) plus a second switch h1.vs2 of `evbMode`. */
function twoSwitches(ports: number, evbMode: KindProps<'vswitch'>['evbMode'] = 'veb', vs: Partial<KindProps<'vswitch'>> = {}) {
  const t = new TestDesign().host('h1', { nic: { ports, physicalFunctions: [] }, vswitch: vs });
  t.add('vswitch', 'h1.vs2', { evbMode, uplinks: 1, portGroups: [] }, 'h1');
  return t;
}

/** Two multichannel switches sharing eth0 through S-channels (the 802.1Qbg way of sharing a port). */
function channelled(second: KindProps<'vswitch'>['evbMode']) {
  const t = new TestDesign().host('h1', { noUplinks: true, vswitch: { evbMode: 'vepa-multichannel' } });
  t.add('vswitch', 'h1.vs2', { evbMode: second, uplinks: 1, portGroups: [] }, 'h1');
  return t.sChannel('c1', ['h1.vs', 'up0'], ['h1.nic', 'eth0'], 10).sChannel('c2', ['h1.vs2', 'up0'], ['h1.nic', 'eth0'], 20);
}

const cases: RuleCase[] = [
  {
    rule: UPL_001,
    name: 'two virtual switches with plain uplinks on one NIC port',
    trigger: () => twoSwitches(4).uplink('x', ['h1.vs2', 'up0'], ['h1.nic', 'eth0']).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.vs', 'h1.vs2'] }],
    nearMiss: () => twoSwitches(4).uplink('x', ['h1.vs2', 'up0'], ['h1.nic', 'eth2']).design(),
    fix: 0,
  },
  {
    rule: UPL_001,
    name: 'a plain uplink and another switch\'s S-channel on one port',
    trigger: () => twoSwitches(4, 'vepa-multichannel').sChannel('c', ['h1.vs2', 'up0'], ['h1.nic', 'eth1'], 10).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.vs', 'h1.vs2'] }],
    // The same switch's S-channels beside its own uplink (its default channel) share nothing.
    nearMiss: () => {
      const t = new TestDesign().host('h1', { vswitch: { evbMode: 'vepa-multichannel', uplinks: 3 } });
      return t.sChannel('c', ['h1.vs', 'up2'], ['h1.nic', 'eth1'], 10).design();
    },
    fix: 0,
  },
  {
    rule: UPL_001,
    name: '802.1Qbg S-channels and a VN-Tag switch on one port',
    trigger: () => channelled('vntag').design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.vs', 'h1.vs2'] }],
    // Two switches sharing a port through S-channels is how 802.1Qbg shares it.
    nearMiss: () => channelled('vepa-multichannel').design(),
  },
];

describe('uplink rules', () => {
  ruleCaseTests(cases, UPLINK_RULES);

  it('names the port, the switches and both standards when a VEPA and a VN-Tag switch take one port', () => {
    const d = twoSwitches(2, 'vntag', { evbMode: 'vepa' }).uplink('x', ['h1.vs2', 'up0'], ['h1.nic', 'eth0']).design();
    const [diag, ...rest] = diagnosticsOf(d, UPL_001);
    expect(rest).toEqual([]);
    expect(diag!.message).toMatch(/^h1\.nic eth0 is the uplink of h1\.vs and h1\.vs2: a port belongs to one software bridge .*; it also mixes 802\.1Qbg \(h1\.vs\) with VN-Tag\/802\.1BR \(h1\.vs2\)/);
    // Both NIC ports are taken: there is nowhere to move the second uplink to, so no fix is offered.
    expect(diag!.fix).toBeUndefined();
  });

  it('accepts VFs beside a bridge on one port', () => {
    const t = new TestDesign().host('h1', { nic: { physicalFunctions: [{ totalVfs: 8, enabledVfs: 2 }] } });
    t.add('vm', 'h1.vf-vm', {}, 'h1');
    t.vf('v', ['h1.vf-vm', 'vnic0'], ['h1.nic', 'pf0.vf0']);
    expect(diagnosticsOf(t.design(), UPL_001)).toEqual([]);
  });
});
