/**
 * Uplink teaming of virtual switches (DOMAIN.md §1): the policies each platform offers, what each needs from the
 * physical switches (nothing, a static LAG, or an LACP LAG), and how it spreads traffic over its members. The
 * validator (TEAM-001/002, L2-004, VS-002, VMDQ-001) and the simulator read these facts; the names are the
 * platforms' own.
 *
 * Sources: VMware vSphere Networking, "Teaming and Failover Policy" and "LACP Support on a vSphere Distributed
 * Switch"; ovs-vswitchd.conf.db(5), Port table `bond_mode`; Linux Documentation/networking/bonding.rst (modes 0-6);
 * Microsoft, "Host network requirements / Switch Embedded Teaming (SET)".
 */
import type { VswitchKind } from './elements/vswitch';

export const TEAM_POLICIES = [
  'none',
  'vmware-port-id',
  'vmware-mac-hash',
  'vmware-ip-hash',
  'vmware-load-based',
  'vmware-failover-order',
  'vmware-lacp',
  'ovs-active-backup',
  'ovs-balance-slb',
  'ovs-balance-tcp',
  'linux-balance-rr',
  'linux-active-backup',
  'linux-balance-xor',
  'linux-broadcast',
  'linux-802.3ad',
  'linux-balance-tlb',
  'linux-balance-alb',
  'hyperv-set',
] as const;
export type TeamPolicy = (typeof TEAM_POLICIES)[number];

/** What a policy needs on the switch ports its members reach. */
export type SwitchSide = 'independent' | 'static-lag' | 'lacp';

/** How a policy uses its members: one flow per member by hash, one active member, or every member for every frame. */
export type Spread = 'hash' | 'active-backup' | 'broadcast';

export interface TeamFacts {
  label: string;
  /** Virtual switch kinds that offer the policy. */
  platforms: readonly VswitchKind[];
  side: SwitchSide;
  spread: Spread;
}

const VDS: readonly VswitchKind[] = ['vds'];
const OVS: readonly VswitchKind[] = ['ovs'];
// A Linux bond is a netdev the bridge (or OVS, as one port) uses; the bonding driver sits under either.
const LINUX: readonly VswitchKind[] = ['linux-bridge', 'ovs'];

export const TEAM_FACTS: Readonly<Record<TeamPolicy, TeamFacts>> = {
  none: { label: 'None (independent uplinks)', platforms: ['ovs', 'linux-bridge'], side: 'independent', spread: 'hash' },
  'vmware-port-id': { label: 'Route based on originating virtual port', platforms: VDS, side: 'independent', spread: 'hash' },
  'vmware-mac-hash': { label: 'Route based on source MAC hash', platforms: VDS, side: 'independent', spread: 'hash' },
  'vmware-ip-hash': { label: 'Route based on IP hash (static EtherChannel)', platforms: VDS, side: 'static-lag', spread: 'hash' },
  'vmware-load-based': { label: 'Route based on physical NIC load', platforms: VDS, side: 'independent', spread: 'hash' },
  'vmware-failover-order': { label: 'Use explicit failover order', platforms: VDS, side: 'independent', spread: 'active-backup' },
  'vmware-lacp': { label: 'LACP LAG (VDS)', platforms: VDS, side: 'lacp', spread: 'hash' },
  'ovs-active-backup': { label: 'OVS bond active-backup', platforms: OVS, side: 'independent', spread: 'active-backup' },
  'ovs-balance-slb': { label: 'OVS bond balance-slb', platforms: OVS, side: 'independent', spread: 'hash' },
  'ovs-balance-tcp': { label: 'OVS bond balance-tcp (LACP)', platforms: OVS, side: 'lacp', spread: 'hash' },
  'linux-balance-rr': { label: 'Linux bond mode 0, balance-rr', platforms: LINUX, side: 'static-lag', spread: 'hash' },
  'linux-active-backup': { label: 'Linux bond mode 1, active-backup', platforms: LINUX, side: 'independent', spread: 'active-backup' },
  'linux-balance-xor': { label: 'Linux bond mode 2, balance-xor', platforms: LINUX, side: 'static-lag', spread: 'hash' },
  'linux-broadcast': { label: 'Linux bond mode 3, broadcast', platforms: LINUX, side: 'static-lag', spread: 'broadcast' },
  'linux-802.3ad': { label: 'Linux bond mode 4, 802.3ad (LACP)', platforms: LINUX, side: 'lacp', spread: 'hash' },
  'linux-balance-tlb': { label: 'Linux bond mode 5, balance-tlb', platforms: LINUX, side: 'independent', spread: 'hash' },
  'linux-balance-alb': { label: 'Linux bond mode 6, balance-alb', platforms: LINUX, side: 'independent', spread: 'hash' },
  'hyperv-set': { label: 'Switch Embedded Teaming (SET)', platforms: ['hyperv'], side: 'independent', spread: 'hash' },
};

/** The policy a new virtual switch of a kind starts with: each platform's own default. */
export function defaultTeamPolicy(kind: VswitchKind): TeamPolicy {
  switch (kind) {
    case 'vds':
      // vSphere's default load-balancing policy.
      return 'vmware-port-id';
    case 'ovs':
      // OVS's default bond_mode once ports are bonded.
      return 'ovs-active-backup';
    case 'linux-bridge':
      return 'linux-active-backup';
    case 'hyperv':
      return 'hyperv-set';
  }
}

/**
 * Whether the switch treats its uplinks as one team. An ESXi vSwitch/VDS never forwards a frame from one uplink out of
 * another (so it never loops), and any bond is one port to the bridge; only `none` leaves a learning bridge (OVS,
 * Linux bridge) with independent ports that can form a loop through the fabric.
 */
export const isTeamed = (policy: TeamPolicy): boolean => policy !== 'none';
