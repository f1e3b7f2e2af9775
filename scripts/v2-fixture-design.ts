/** The design frozen in test/fixtures/v2/: one host per virtual-switch kind whose teaming document version 3 models. */
import type { Design } from '../shared/model/design';
import { TestDesign, torPorts } from '../shared/validate/test-support';

/**
 * An ESXi host on a VDS, a KVM host on Open vSwitch and a Hyper-V host on an external switch, each with two NIC
 * ports cabled to a pair of leaves (joined by one cable, no STP). Version 2 has no teaming, so the migration to
 * version 3 must decide what each switch's two uplinks are: the fixture pins that decision.
 */
export function v2FixtureDesign(): Design {
  const t = new TestDesign();
  t.tor('leaf-a', { ports: torPorts(8, 25), stp: false }).tor('leaf-b', { ports: torPorts(8, 25), stp: false });
  t.eth('isl', ['leaf-a', 'p7'], ['leaf-b', 'p7']);
  t.host('esx', { vms: 2, host: { hypervisor: 'esxi' }, vswitch: { switchKind: 'vds', distributedName: 'dvs-prod' }, cables: { eth0: ['leaf-a', 'p0'], eth1: ['leaf-b', 'p0'] } });
  t.host('kvm', { vms: 2, host: { hypervisor: 'kvm' }, vswitch: { switchKind: 'ovs' }, cables: { eth0: ['leaf-a', 'p1'], eth1: ['leaf-b', 'p1'] } });
  t.host('hv', { vms: 1, host: { hypervisor: 'hyperv' }, vswitch: { switchKind: 'hyperv', hypervMode: 'external' }, cables: { eth0: ['leaf-a', 'p2'], eth1: ['leaf-b', 'p2'] } });
  const d = t.design();
  return { ...d, meta: { name: 'v2 fixture: three hypervisors', description: 'Document version 2: no teams, MTUs, NUMA or IOMMU settings.', revision: 2 } };
}
