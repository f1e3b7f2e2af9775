/** Catalog entries: real components with the figures their sources give, null where a figure is unknown. */
import { z } from 'zod';
import { pcieGenSchema, pcieWidthSchema } from '../model/units';

export const sourceSchema = z.object({
  /** Short key as in the source table (e.g. "K4"). */
  key: z.string().max(32),
  /** Where the figure comes from: document, file path and commit, or URL. */
  citation: z.string().max(1000),
});

export const nicCatalogSchema = z.object({
  kind: z.literal('nic'),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/),
  vendor: z.string().max(100),
  model: z.string().max(200),
  /** PCI vendor:device id of the PF, and of its VFs, when known. */
  pciId: z.string().regex(/^[0-9a-f]{4}:[0-9a-f]{4}$/).nullable(),
  vfDeviceId: z.string().regex(/^[0-9a-f]{4}$/).nullable(),
  ports: z.number().int().min(1).max(64),
  speedGbps: z.number().positive(),
  /** Every rate a port runs, Gb/s, as the card's source lists it; absent = not given by the sources (unknown). */
  speedsGbps: z.array(z.number().positive()).min(1).max(16).optional(),
  pcieGen: pcieGenSchema.nullable(),
  pcieWidth: pcieWidthSchema.nullable(),
  /** TotalVFs per PF (SR-IOV capability or driver limit, whichever the source gives); null = unknown. */
  totalVfsPerPf: z.number().int().min(0).nullable(),
  /** Device-wide VF cap; null = unknown or none beyond per-PF. */
  maxVfsPerDevice: z.number().int().min(0).nullable(),
  vmdqPools: z.number().int().min(0).nullable(),
  /** Free-text notes on figures that need qualifying (firmware-dependent limits, etc.). */
  notes: z.string().max(2000),
  sources: z.array(sourceSchema).max(20),
  /** True for entries a user added (kept in the user's catalog file, editable). */
  user: z.boolean(),
});

export const switchCatalogSchema = z.object({
  kind: z.enum(['tor', 'fex', 'pcieSwitch']),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/),
  vendor: z.string().max(100),
  model: z.string().max(200),
  /** Element properties applied when this entry is placed (validated by the element schema on use). */
  props: z.record(z.string(), z.unknown()),
  notes: z.string().max(2000),
  sources: z.array(sourceSchema).max(20),
  user: z.boolean(),
});

export const catalogEntrySchema = z.discriminatedUnion('kind', [nicCatalogSchema, switchCatalogSchema]);
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
export type NicCatalogEntry = z.infer<typeof nicCatalogSchema>;
export type SwitchCatalogEntry = z.infer<typeof switchCatalogSchema>;
/** Element kinds a switch entry can create. */
export type SwitchCatalogKind = SwitchCatalogEntry['kind'];
