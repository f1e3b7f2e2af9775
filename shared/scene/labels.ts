/** Display names of enumerated property values, shared by diagram labels and the inspector. */
import { TEAM_FACTS } from '../model/teaming';

const LABELS: Readonly<Record<string, string>> = {
  // hypervisors
  esxi: 'ESXi',
  hyperv: 'Hyper-V',
  kvm: 'KVM',
  xen: 'Xen',
  type2: 'Type 2 (hosted)',
  'bare-metal': 'Bare metal',
  // virtual switches
  vds: 'VDS',
  ovs: 'Open vSwitch',
  'linux-bridge': 'Linux bridge',
  private: 'Private',
  internal: 'Internal',
  external: 'External',
  // edge virtual bridging
  veb: 'VEB',
  vepa: 'VEPA',
  'vepa-multichannel': 'VEPA multichannel',
  vntag: 'VN-Tag',
  '802.1br': '802.1BR',
  none: 'None',
  // endpoint classes
  gpu: 'GPU',
  hba: 'HBA',
  nvme: 'NVMe',
  'ib-hca': 'InfiniBand HCA',
  accelerator: 'Accelerator',
  other: 'Other',
  // storage
  iscsi: 'iSCSI',
  nfs: 'NFS',
  'nvme-of': 'NVMe-oF',
  fcoe: 'FCoE',
  smb: 'SMB',
  local: 'Local',
  shared: 'Shared',
  // switch tiers
  tor: 'Top of rack',
  spine: 'Spine',
};

// Teaming policies by the platforms' own names (shared/model/teaming.ts), except `none`, already labelled above.
const TEAM_LABELS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(TEAM_FACTS).filter(([k]) => k !== 'none').map(([k, f]) => [k, f.label]));

/** The display name of an enum value; unknown values are shown as they are. */
export function valueLabel(value: string): string {
  return LABELS[value] ?? TEAM_LABELS[value] ?? value;
}

/** Shorter forms for dense diagram labels. */
const SHORT: Readonly<Record<string, string>> = {
  type2: 'Type 2',
  ovs: 'OVS',
  'linux-bridge': 'Bridge',
  'vepa-multichannel': 'VEPA-MC',
  'ib-hca': 'IB HCA',
  tor: 'ToR',
};

export function shortLabel(value: string): string {
  return SHORT[value] ?? valueLabel(value);
}
