/** Links: PCIe, Ethernet, and the virtual attachments (vNIC→port group, vNIC→VF, passthrough, vSwitch uplink, S-channel). */
import { z } from 'zod';
import { elementIdSchema, linkIdSchema, portNameSchema } from './ids';
import { countSchema, gbpsSchema, pcieGenSchema, pcieWidthSchema } from './units';

export const endpointRefSchema = z.object({ element: elementIdSchema, port: portNameSchema });
export type EndpointRef = z.infer<typeof endpointRefSchema>;

const linkBase = {
  id: linkIdSchema,
  /** For PCIe: the side nearer the root (root port or switch downstream port). For virtual links: the VM or vSwitch side. */
  a: endpointRefSchema,
  b: endpointRefSchema,
};

export const pcieLinkSchema = z.object({
  ...linkBase,
  kind: z.literal('pcie'),
  /** Slot/riser limits on the link; null = no limit beyond the two ends. */
  slotGen: pcieGenSchema.nullable(),
  slotWidth: pcieWidthSchema.nullable(),
});

export const ethernetLinkSchema = z.object({
  ...linkBase,
  kind: z.literal('ethernet'),
  /** Forced speed, Gb/s; null = negotiated from both ends. */
  speedGbps: gbpsSchema.nullable(),
  /** LAG this link is a member of (id of a LAG on a switch end); null when not aggregated. */
  lag: z.string().max(64).nullable(),
  fullDuplex: z.boolean(),
});

/** vNIC (a: VM port) → virtual-switch port group (b: `pg.<id>`). */
export const vnicLinkSchema = z.object({ ...linkBase, kind: z.literal('vnic') });

/** vNIC (a: VM port) → SR-IOV virtual function (b: NIC or endpoint port `pf<i>.vf<j>`). */
export const vfLinkSchema = z.object({ ...linkBase, kind: z.literal('vf') });

/**
 * Passthrough (VFIO / DirectPath I/O / DDA) of a whole PCI function to a VM: a: the VM's vNIC when the device is a NIC
 * physical function (`pf<i>` — the VM's network goes through that port), or the VM's `pci.hostdev` port for a GPU,
 * HBA/NVMe controller, accelerator or other endpoint (b: `dev`, every function of the device).
 */
export const passthroughLinkSchema = z.object({ ...linkBase, kind: z.literal('passthrough') });

/** Virtual-switch uplink (a: `up<i>`) → NIC Ethernet port (b: `eth<i>`). */
export const uplinkLinkSchema = z.object({ ...linkBase, kind: z.literal('uplink') });

/** S-channel (802.1Qbg multichannel): a vSwitch uplink (a) carried on a NIC port (b) under S-VLAN `svid`. */
export const sChannelLinkSchema = z.object({
  ...linkBase,
  kind: z.literal('sChannel'),
  svid: countSchema(4095),
  /** Bridging of this channel at the station: VEB or VEPA. */
  mode: z.enum(['veb', 'vepa']),
});

export const linkSchema = z.discriminatedUnion('kind', [
  pcieLinkSchema,
  ethernetLinkSchema,
  vnicLinkSchema,
  vfLinkSchema,
  passthroughLinkSchema,
  uplinkLinkSchema,
  sChannelLinkSchema,
]);
export type Link = z.infer<typeof linkSchema>;
export type LinkKind = Link['kind'];
export type LinkOf<K extends LinkKind> = Extract<Link, { kind: K }>;
export const LINK_KINDS: readonly LinkKind[] = ['pcie', 'ethernet', 'vnic', 'vf', 'passthrough', 'uplink', 'sChannel'];
