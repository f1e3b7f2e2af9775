/** Counted names of element kinds ("8 servers", "1 vSwitch") for the status bar, outline and inspector. */
import type { ElementKind } from '../../shared/model/elements';
import { ELEMENT_KINDS } from '../../shared/model/elements';

const NAMES: Record<ElementKind, [string, string]> = {
  host: ['server', 'servers'],
  rootComplex: ['root complex', 'root complexes'],
  pcieSwitch: ['PCIe switch', 'PCIe switches'],
  nic: ['NIC', 'NICs'],
  endpoint: ['PCIe endpoint', 'PCIe endpoints'],
  vm: ['VM', 'VMs'],
  vswitch: ['vSwitch', 'vSwitches'],
  tor: ['switch', 'switches'],
  fex: ['FEX', 'FEXes'],
  storage: ['storage target', 'storage targets'],
};

export function countedKind(kind: ElementKind, n: number): string {
  return `${n.toLocaleString('en-US')} ${NAMES[kind][n === 1 ? 0 : 1]}`;
}

/** "8 servers · 80 VMs · …" for the kinds present, in the canonical kind order. */
export function countsLine(counts: Record<ElementKind, number>): string {
  const parts = ELEMENT_KINDS.filter((k) => counts[k] > 0).map((k) => countedKind(k, counts[k]));
  return parts.length ? parts.join(' · ') : 'no elements';
}
