/** Fabric extender / port extender: a remote line card of a controlling bridge; it does no local switching. */
import { z } from 'zod';
import { baseShape, numberedPorts, type PortInfo } from './base';
import { countSchema, gbpsSchema } from '../units';
import { elementIdSchema } from '../ids';

export const fexSchema = z.object({
  ...baseShape,
  kind: z.literal('fex'),
  model: z.string().max(200).nullable(),
  /** Host-facing ports `h0 …`. */
  hostPorts: countSchema(256),
  hostPortSpeedGbps: gbpsSchema,
  /** Fabric uplinks `u0 …` toward the controlling bridge. */
  uplinks: countSchema(64),
  uplinkSpeedGbps: gbpsSchema,
  /** The controlling bridge this extender belongs to; null when not yet assigned. */
  controllingBridge: elementIdSchema.nullable(),
});
export type Fex = z.infer<typeof fexSchema>;

export function fexPorts(f: Fex): PortInfo[] {
  return [
    ...numberedPorts('h', f.hostPorts, 'ethernet', { speedGbps: f.hostPortSpeedGbps }),
    ...numberedPorts('u', f.uplinks, 'ethernet', { speedGbps: f.uplinkSpeedGbps }),
  ];
}
