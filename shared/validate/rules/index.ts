/** Every validator rule, registered in one place. Adding a rule: write it in its family's file and list it here. */
import type { Rule, RuleMeta } from '../types';
import { PCIE_RULES } from './pcie';
import { IOV_RULES } from './iov';
import { EVB_RULES } from './evb';
import { VSI_RULES } from './vsi';
import { L2_RULES } from './l2';
import { VSWITCH_RULES } from './vswitch';
import { ETH_RULES } from './eth';
import { FEX_RULES } from './fex';
import { EXTENSION_RULES } from './extension';
import { MIGRATION_RULES } from './migration';
import { REACH_RULES } from './reach';
import { UPLINK_RULES } from './uplinks';
import { NUMA_RULES } from './numa';
import { MTU_RULES } from './mtu';
import { TEAM_RULES } from './team';
import { QOS_RULES } from './qos';

export const ALL_RULES: readonly Rule[] = [
  ...PCIE_RULES,
  ...IOV_RULES,
  ...EVB_RULES,
  ...VSI_RULES,
  ...L2_RULES,
  ...VSWITCH_RULES,
  ...ETH_RULES,
  ...FEX_RULES,
  ...EXTENSION_RULES,
  ...MIGRATION_RULES,
  ...REACH_RULES,
  ...UPLINK_RULES,
  ...NUMA_RULES,
  ...MTU_RULES,
  ...TEAM_RULES,
  ...QOS_RULES,
];

/** Rule metadata for `rackplane rules` and the problems panel. */
export function ruleCatalog(): RuleMeta[] {
  return ALL_RULES.map(({ id, severity, title, description, source }) => ({ id, severity, title, description, source }));
}
