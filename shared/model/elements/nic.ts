/** NIC: Ethernet ports, a PCIe upstream port, physical functions with SR-IOV virtual functions. */
import { z } from 'zod';
import { baseShape, numberedPortIndex, numberedPorts, pn, type PortInfo } from './base';
import { countSchema, gbpsSchema, mtuSchema, pcieGenSchema, pcieWidthSchema } from '../units';

export const physicalFunctionSchema = z.object({
  /** TotalVFs from the SR-IOV capability; null when unknown. */
  totalVfs: countSchema(65535).nullable(),
  /** VFs enabled (sriov_numvfs). */
  enabledVfs: countSchema(65535),
});
export type PhysicalFunction = z.infer<typeof physicalFunctionSchema>;

export const PORT_EXTENSION = ['none', 'vntag', '802.1br'] as const;

export const nicSchema = z.object({
  ...baseShape,
  kind: z.literal('nic'),
  /** Catalog entry this NIC was created from, if any. */
  catalogId: z.string().max(200).nullable(),
  model: z.string().max(200).nullable(),
  /** Ethernet ports `eth0 … eth{n-1}`. */
  ports: z.number().int().min(0).max(64),
  speedGbps: gbpsSchema,
  /**
   * Every rate the ports can run, Gb/s, as the vendor's card table gives it (ConnectX-4 Lx SFP28 [25, 10, 1]);
   * `speedGbps` is the rate they are configured to and should be one of them (rule ETH-002). Absent = unknown:
   * `speedGbps` plus the lower rates of the standard fallback table (`SPEED_FALLBACKS`, rule ETH-001). Optional so
   * that existing documents stay valid.
   */
  speedsGbps: z.array(gbpsSchema).min(1).max(16).optional(),
  /** PCIe capability of the card (LnkCap); null when unknown. */
  pcieGen: pcieGenSchema.nullable(),
  pcieWidth: pcieWidthSchema.nullable(),
  /** One entry per physical function (usually one per port). */
  physicalFunctions: z.array(physicalFunctionSchema).max(64),
  /** Device-wide VF cap of the driver/silicon (i40e 128, ice 256); null when unknown or per-PF only. */
  maxVfsPerDevice: countSchema(65535).nullable(),
  /** VMDq pools (per port); null when unknown. */
  vmdqPools: countSchema(4096).nullable(),
  /** Mode of the NIC's embedded bridge for VF traffic (Linux bridge `hwmode`). */
  embeddedBridge: z.enum(['veb', 'vepa']),
  /** Port-extension capability: interface virtualizer for VN-Tag or 802.1BR. */
  portExtension: z.enum(PORT_EXTENSION),
  /** Virtual interfaces the adapter can expose to a controlling bridge; null when unknown. */
  vifBudget: countSchema(65535).nullable(),
  mrIovAware: z.boolean(),
  ari: z.boolean(),
  /** MTU of the NIC's ports, bytes (every port; `ip link set … mtu`). */
  mtu: mtuSchema,
});
export type Nic = z.infer<typeof nicSchema>;

/** Port name of VF `vf` on physical function `pf`. */
export const vfPortName = (pf: number, vf: number) => pn(`pf${pf}.vf${vf}`);

/** Port name of physical function `pf` as a whole (a passthrough link's device end). */
export const pfPortName = (pf: number) => pn(`pf${pf}`);

/**
 * The Ethernet port the traffic of physical function `pf` (its VFs, or the PF passed through) leaves by: PF i drives
 * port i (one PF per port); a NIC with more PFs than ports puts the rest on eth0. The simulator and every validator
 * rule use this one mapping, so a flow the simulator drops on a port is judged by the rules on that same port.
 */
export function pfEthernetPort(nic: { readonly ports: number }, pf: number): string {
  return numberedPortIndex(`eth${pf}`, 'eth', nic.ports) !== null ? `eth${pf}` : 'eth0';
}

/**
 * The physical function a VM's network function sits on: `pf{i}.vf{j}` (a VF) or `pf{i}` (the whole PF passed
 * through); null for any other port name. Its traffic leaves by port i either way.
 */
export function functionPf(port: string): number | null {
  const whole = /^pf(0|[1-9][0-9]*)$/.exec(port);
  if (whole) return Number(whole[1]);
  return parseVfPort(port)?.pf ?? null;
}

/** Parses `pf{i}.vf{j}`; returns null when the name is not a VF port. */
export function parseVfPort(port: string): { pf: number; vf: number } | null {
  const m = /^pf(0|[1-9][0-9]*)\.vf(0|[1-9][0-9]*)$/.exec(port);
  return m ? { pf: Number(m[1]), vf: Number(m[2]) } : null;
}

export function nicPorts(n: Nic, opts: { includeHidden?: boolean } = {}): PortInfo[] {
  const ports: PortInfo[] = [
    { name: pn('pcie'), role: 'pcie-up', width: n.pcieWidth },
    ...numberedPorts('eth', n.ports, 'ethernet', { speedGbps: n.speedGbps }),
  ];
  if (opts.includeHidden) {
    // A physical function `pf<i>` is the whole function a VM can be given (passthrough); it carries port i.
    n.physicalFunctions.forEach((_, i) => ports.push({ name: pfPortName(i), role: 'function' }));
    n.physicalFunctions.forEach((pf, i) => {
      for (let v = 0; v < pf.enabledVfs; v++) ports.push({ name: vfPortName(i, v), role: 'vf' });
    });
  }
  return ports;
}
