/** The rule catalog as `rackplane rules` prints it (text or JSON), and the rule families reports group by. */
import type { RuleMeta } from '../types';

/** What each rule-id prefix covers; ids are `FAMILY-NNN` (see ruleCatalog()). */
export const FAMILY_LABELS: Readonly<Record<string, string>> = {
  PCI: 'PCIe topology and bandwidth',
  IOV: 'SR-IOV',
  VMDQ: 'VMDq queues',
  EVB: 'Edge virtual bridging (802.1Qbg)',
  BR: 'Port extension (802.1BR)',
  VNT: 'VN-Tag',
  FEX: 'Fabric extenders',
  L2: 'Layer 2 (VLANs, LAGs, loops, tenants)',
  VS: 'Virtual switches',
  ETH: 'Ethernet links',
  MIG: 'Live migration',
};

/** The family of a rule id: its prefix before the last `-` (`PCI-003` → `PCI`). */
export function ruleFamily(ruleId: string): string {
  const dash = ruleId.lastIndexOf('-');
  return dash > 0 ? ruleId.slice(0, dash) : ruleId;
}

/** The family's label, or the prefix itself for a family this list does not know yet. */
export const familyLabel = (family: string): string => (Object.hasOwn(FAMILY_LABELS, family) ? FAMILY_LABELS[family]! : family);

export interface RuleJson extends RuleMeta {
  family: string;
}

/** `{"rules": [...]}` in catalog order: an object, so that fields can be added beside the list later. */
export function rulesJson(catalog: readonly RuleMeta[]): { rules: RuleJson[] } {
  return { rules: catalog.map((r) => ({ id: r.id, severity: r.severity, title: r.title, description: r.description, source: r.source, family: ruleFamily(r.id) })) };
}

/** One block per rule: `ID  severity  title`, then the description and the source, indented. */
export function rulesText(catalog: readonly RuleMeta[]): string {
  const idWidth = Math.max(0, ...catalog.map((r) => r.id.length));
  const indent = ' '.repeat(idWidth + 2);
  const blocks = catalog.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.title}\n${indent}${r.description}\n${indent}Source: ${r.source}\n`);
  return `${blocks.join('\n')}\n${catalog.length} rules\n`;
}
