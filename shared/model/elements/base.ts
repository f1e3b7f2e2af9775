/** Fields every element carries, and the port description every kind produces. */
import { z } from 'zod';
import { elementIdSchema, type PortName } from '../ids';
import { nameSchema, positionShape } from '../units';

export const baseShape = {
  id: elementIdSchema,
  name: nameSchema,
  /** Containing element: the host for PCIe devices, VMs, virtual switches and root complexes; null at top level. */
  parent: elementIdSchema.nullable(),
  ...positionShape,
  notes: z.string().max(10_000),
};

/**
 * What a port is for; link compatibility and validation key off this.
 * `pcie-down` ports face away from the root (root ports, switch downstream ports), `pcie-up` toward it.
 */
export type PortRole =
  | 'pcie-down'
  | 'pcie-up'
  | 'ethernet'
  | 'vnic'
  | 'port-group'
  | 'vf'
  | 'vswitch-uplink'
  /** A whole PCI function a VM can be given (a NIC's physical function `pf<i>`, an endpoint's whole device `dev`). */
  | 'function'
  /** A VM's end of its passthrough devices (`hostdev`): any number of GPUs, HBAs, NVMe controllers, accelerators. */
  | 'hostdev';

export interface PortInfo {
  name: PortName;
  role: PortRole;
  /** Line rate in Gb/s for Ethernet ports; lane count for PCIe ports where known. */
  speedGbps?: number;
  width?: number | null;
  /**
   * A name the element keeps only for a cable left on it (a switch port since broken out, a sub-port no breakout makes
   * now): found, so such a cable loads and stays for rule ETH-002 to report, but never listed and never wired to.
   */
  stale?: boolean;
}

export const pn = (s: string) => s as PortName;

/** Ports `${prefix}0 … ${prefix}${n-1}` with one role. */
export function numberedPorts(prefix: string, n: number, role: PortRole, extra: Partial<PortInfo> = {}): PortInfo[] {
  const out: PortInfo[] = [];
  for (let i = 0; i < n; i++) out.push({ name: pn(`${prefix}${i}`), role, ...extra });
  return out;
}

/** Parses `${prefix}${i}` and returns i when 0 ≤ i < n, else null. */
export function numberedPortIndex(port: string, prefix: string, n: number): number | null {
  if (!port.startsWith(prefix)) return null;
  const rest = port.slice(prefix.length);
  if (!/^(0|[1-9][0-9]*)$/.test(rest)) return null;
  const i = Number(rest);
  return i < n ? i : null;
}
