import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import type { TorPort } from '../../model/elements';
import { diagnosticsOf, TestDesign, torPorts, type RuleCase } from '../test-support';
import { CDCP_MAX_CHANNELS, EVB_001, EVB_002, EVB_004, EVB_RULES } from './evb';
import { ruleCaseTests } from '../rule-cases.test-support';
import { EVB_003, VSI_RULES } from './vsi';
import type { Vsi, VsiType } from '../../model/elements';

/** Host h1 whose vSwitch has `evbMode`, NIC eth0 cabled to t1 p0; t1's ports have `port` settings. */
function station(evbMode: KindProps<'vswitch'>['evbMode'], port: Partial<TorPort> = {}, tor: Partial<KindProps<'tor'>> = {}, nic: Partial<KindProps<'nic'>> = {}) {
  return new TestDesign().host('h1', { vms: 2, vswitch: { evbMode }, nic, cables: { eth0: ['t1', 'p0'] } }).tor('t1', { ports: torPorts(4, 25, port), ...tor });
}

/** Host h1 cabled eth0 → FEX f1 h0, the FEX under controlling bridge t1. */
function viaFex(evbMode: KindProps<'vswitch'>['evbMode']) {
  const t = new TestDesign().host('h1', { vms: 1, vswitch: { evbMode }, nic: { speedGbps: 10, portExtension: 'vntag' }, cables: { eth0: ['f1', 'h0'] } });
  t.tor('t1', { controllingBridge: true, ports: torPorts(4, 25, { evb: true, reflectiveRelay: true }) });
  t.add('fex', 'f1', { controllingBridge: 't1' as KindProps<'fex'>['controllingBridge'] });
  return t;
}

/** Host h1 whose vSwitch (mode `evbMode`) rides S-channels with `svids` on NIC eth0, cabled to t1 p0. */
function channels(svids: number[], evbMode: KindProps<'vswitch'>['evbMode'] = 'vepa-multichannel', tor: Partial<KindProps<'tor'>> = { multichannel: true }) {
  const t = new TestDesign().host('h1', { vms: 1, noUplinks: true, vswitch: { evbMode, uplinks: Math.max(1, svids.length) }, cables: { eth0: ['t1', 'p0'] } });
  t.tor('t1', { ports: torPorts(4, 25, { evb: true, reflectiveRelay: true }), ...tor });
  svids.forEach((svid, i) => t.sChannel(`sc${i}`, ['h1.vs', `up${i}`], ['h1.nic', 'eth0'], svid));
  return t;
}

const cases: RuleCase[] = [
  {
    rule: EVB_001,
    name: 'VEPA host on a port without reflective relay',
    trigger: () => station('vepa', { evb: true }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1', 'h1.nic'] }],
    nearMiss: () => station('vepa', { evb: true, reflectiveRelay: true }).design(),
    fix: 0,
  },
  {
    rule: EVB_002,
    name: 'EVB station facing a port with neither EVB nor reflective relay',
    trigger: () => station('vepa').design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1'] }],
    nearMiss: () => station('vepa', { reflectiveRelay: true, evb: true }).design(),
    fix: 0,
  },
  {
    rule: EVB_002,
    // Regression (issue #11 item 11): relay set by hand without the EVB TLV works (libvirt macvtap mode='vepa' against a
    // hairpin port), so it is a warning, not an error.
    name: 'EVB station facing a port with static reflective relay and no EVB TLV',
    trigger: () => station('vepa', { reflectiveRelay: true }).design(),
    expect: [{ severity: 'warning', elements: ['h1.vs', 't1'] }],
    nearMiss: () => station('vepa', { reflectiveRelay: true, evb: true }).design(),
    fix: 0,
  },
  {
    rule: EVB_002,
    name: 'EVB station cabled to a port extender',
    trigger: () => viaFex('vepa').design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'f1'] }],
    nearMiss: () => viaFex('vntag').design(),
  },
  {
    rule: EVB_002,
    name: 'VN-Tag host whose NIC cannot tag',
    trigger: () => station('vntag', {}, { controllingBridge: true }, { portExtension: 'none' }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'h1.nic'] }],
    nearMiss: () => station('vntag', {}, { controllingBridge: true }, { portExtension: 'vntag' }).design(),
  },
  {
    rule: EVB_002,
    name: 'VN-Tag host on a switch that is not a controlling bridge',
    trigger: () => station('vntag', {}, { controllingBridge: false }, { portExtension: 'vntag' }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1'] }],
    nearMiss: () => station('vntag', {}, { controllingBridge: true }, { portExtension: 'vntag' }).design(),
  },
  {
    rule: EVB_004,
    name: 'S-channel on a switch not in multichannel mode',
    trigger: () => channels([10], 'veb').design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => channels([10], 'vepa-multichannel').design(),
    fix: 0,
  },
  {
    rule: EVB_004,
    name: 'S-VID 0',
    trigger: () => channels([0]).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'h1.nic'] }],
    nearMiss: () => channels([1]).design(),
  },
  {
    rule: EVB_004,
    name: 'two channels with one S-VID on a port',
    trigger: () => channels([10, 10]).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => channels([10, 11]).design(),
    fix: 0,
  },
  {
    rule: EVB_004,
    name: 'S-channels to a bridge without multichannel',
    trigger: () => channels([10], 'vepa-multichannel', { multichannel: false }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 't1'] }],
    nearMiss: () => channels([10], 'vepa-multichannel', { multichannel: true }).design(),
  },
  {
    rule: EVB_004,
    name: "more S-channels than the bridge port's limit",
    trigger: () => channels([10, 11], 'vepa-multichannel', { multichannel: true, sChannelLimit: 1 }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 't1'] }],
    nearMiss: () => channels([10, 11], 'vepa-multichannel', { multichannel: true, sChannelLimit: 2 }).design(),
  },
];

/** VSI type 11/1193047/2, libvirt's formatdomain example. */
const VSI_TYPE: VsiType = { managerId: 11, typeId: 1193047, typeVersion: 2 };
const VSI: Vsi = { ...VSI_TYPE, instanceId: '09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' };

/** Gives VM `vm`'s vnic0 the VSI profile. */
function withVsi<T extends TestDesign>(t: T, vm = 'h1.vm1'): T {
  t.patch<'vm'>(vm, { vnics: [{ id: 'vnic0', mac: null, vlan: null, team: null, vsi: VSI }] });
  return t;
}

/** A VEPA station whose vm1 has the VSI; t1's port p0 has `port`, t1 holds `types`. */
const vsiStation = (port: Partial<TorPort>, types: VsiType[] | undefined, evbMode: KindProps<'vswitch'>['evbMode'] = 'vepa') =>
  withVsi(station(evbMode, port, types ? { vsiTypes: types } : {})).design();

/** Hosts h1 and h2 on distributed switch "dvs" (VEPA), cabled to t1 and t2 (EVB ports); vm1 of h1 has the VSI. */
function cluster(t2Types: VsiType[]) {
  const port = { evb: true, reflectiveRelay: true };
  const t = new TestDesign();
  for (const [h, tor] of [['h1', 't1'], ['h2', 't2']] as const) t.host(h, { vms: 1, vswitch: { evbMode: 'vepa', distributedName: 'dvs' }, cables: { eth0: [tor, 'p0'] } });
  t.tor('t1', { ports: torPorts(4, 25, port), vsiTypes: [VSI_TYPE] });
  t.tor('t2', { ports: torPorts(4, 25, port), vsiTypes: t2Types });
  return withVsi(t).design();
}

const vsiCases: RuleCase[] = [
  {
    rule: EVB_003,
    name: "VSI whose adjacent bridge does not hold its type",
    trigger: () => vsiStation({ evb: true, reflectiveRelay: true }, undefined),
    expect: [{ severity: 'warning', elements: ['h1.vm1', 't1', 'h1.vs'] }],
    nearMiss: () => vsiStation({ evb: true, reflectiveRelay: true }, [VSI_TYPE]),
    fix: 0,
  },
  {
    rule: EVB_003,
    name: 'VSI on a bridge port without the EVB role (no VDP session)',
    trigger: () => vsiStation({ reflectiveRelay: true }, [VSI_TYPE]),
    expect: [{ severity: 'warning', elements: ['h1.vm1', 't1', 'h1.vs'] }],
    nearMiss: () => vsiStation({ evb: true, reflectiveRelay: true }, [VSI_TYPE]),
    fix: 0,
  },
  {
    rule: EVB_003,
    name: 'VSI behind a VEB, where no VDP runs',
    trigger: () => vsiStation({ evb: true, reflectiveRelay: true }, [VSI_TYPE], 'veb'),
    expect: [{ severity: 'info', elements: ['h1.vm1', 'h1.vs'] }],
    nearMiss: () => station('veb', { evb: true, reflectiveRelay: true }).design(),
  },
  {
    rule: EVB_003,
    name: 'VN-Tag VSI whose controlling bridge (behind a port extender) does not hold its type',
    trigger: () => withVsi(viaFex('vntag')).design(),
    expect: [{ severity: 'warning', elements: ['h1.vm1', 't1', 'h1.vs'] }],
    nearMiss: () => {
      const t = withVsi(viaFex('vntag'));
      t.patch<'tor'>('t1', { vsiTypes: [VSI_TYPE] });
      return t.design();
    },
    fix: 0,
  },
  {
    rule: EVB_003,
    name: 'migration destination whose bridge cannot pre-associate the VSI',
    trigger: () => cluster([]),
    expect: [{ severity: 'warning', elements: ['h1.vm1', 'h2', 't2'] }],
    nearMiss: () => cluster([{ ...VSI_TYPE }]),
    fix: 0,
  },
];

describe('edge virtual bridging rules', () => {
  ruleCaseTests(cases, EVB_RULES);

  describe('VSI associations', () => {
    ruleCaseTests(vsiCases, VSI_RULES);

    it('says nothing of a vNIC without a VSI profile (statically configured, no VDP)', () => {
      expect(diagnosticsOf(station('vepa', { reflectiveRelay: true }).design(), EVB_003)).toEqual([]);
    });

    it('matches manager, type and version: another version of the type is not the type', () => {
      const [d] = diagnosticsOf(vsiStation({ evb: true, reflectiveRelay: true }, [{ ...VSI_TYPE, typeVersion: 3 }]), EVB_003);
      expect(d!.message).toMatch(/h1\.vm1 vnic0 \(VSI type 11\/1193047\/2\) is not associated where it runs: t1 \(port p0\) holds no such VSI type/);
      expect(d!.fix!.commands).toEqual([{ type: 'updateElement', id: 't1', changes: { vsiTypes: [{ ...VSI_TYPE, typeVersion: 3 }, VSI_TYPE] } }]);
    });

    it('checks the PF port of a VEPA embedded bridge for a VSI on a VF', () => {
      const t = station('veb', { evb: true, reflectiveRelay: true }, {}, { embeddedBridge: 'vepa', physicalFunctions: [{ totalVfs: 8, enabledVfs: 2 }, { totalVfs: 8, enabledVfs: 0 }] });
      t.vf('vf0', ['h1.vm2', 'vnic1'], ['h1.nic', 'pf0.vf0']);
      t.patch<'vm'>('h1.vm2', { vnics: [{ id: 'vnic0', mac: null, vlan: null, team: null }, { id: 'vnic1', mac: null, vlan: null, team: null, vsi: VSI }] });
      expect(diagnosticsOf(t.design(), EVB_003).map((d) => [d.severity, d.elements])).toEqual([['warning', ['h1.vm2', 't1', 'h1.nic']]]);
    });

    it('names the destination host and bridge of a planned-migration finding', () => {
      const [d] = diagnosticsOf(cluster([]), EVB_003);
      expect(d!.message).toMatch(/^h1\.vm1 vnic0 \(VSI type 11\/1193047\/2\) cannot be pre-associated at h2 \(t2\), where distributed switch "dvs"/);
    });
  });

  it('says static relay works but nothing negotiates it (EVB-002 warning)', () => {
    const [d] = diagnosticsOf(station('vepa', { reflectiveRelay: true }).design(), EVB_002);
    expect(d!.severity).toBe('warning');
    expect(d!.message).toMatch(/reflective relay set statically without the EVB TLV: VEPA traffic is relayed, but nothing negotiates it/);
  });

  it('caps channels at the CDCP maximum even when the bridge claims more', () => {
    const many = Array.from({ length: CDCP_MAX_CHANNELS + 1 }, (_, i) => i + 2);
    const t = new TestDesign().host('h1', { noUplinks: true, vswitch: { evbMode: 'vepa-multichannel', uplinks: 32 }, cables: { eth0: ['t1', 'p0'] } });
    t.tor('t1', { multichannel: true, sChannelLimit: 4000, ports: torPorts(4, 25, { evb: true, reflectiveRelay: true }) });
    many.forEach((svid, i) => t.sChannel(`sc${i}`, ['h1.vs', `up${i % 32}`], ['h1.nic', 'eth0'], svid));
    expect(diagnosticsOf(t.design(), EVB_004).map((d) => d.message)).toEqual([expect.stringMatching(new RegExp(`carries ${CDCP_MAX_CHANNELS + 1} S-channels .* takes at most ${CDCP_MAX_CHANNELS}`))]);
  });
});
