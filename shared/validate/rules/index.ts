/** Every validator rule, registered in one place. Adding a rule: write it in its family's file and list it here. */
import type { Rule, RuleMeta } from '../types';
import { PCIE_RULES } from './pcie';
import { IOV_RULES } from './iov';
import { EVB_RULES } from './evb';

export const ALL_RULES: readonly Rule[] = [...PCIE_RULES, ...IOV_RULES, ...EVB_RULES];

/** Rule metadata for `rackplane rules` and the problems panel. */
export function ruleCatalog(): RuleMeta[] {
  return ALL_RULES.map(({ id, severity, title, description, source }) => ({ id, severity, title, description, source }));
}
