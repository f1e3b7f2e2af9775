/** Branded identifiers: an ElementId can never be passed where a LinkId is expected. */
import { z } from 'zod';

// Ids are short printable tokens so that topology JSON diffs stay readable.
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

// zod brands are compile-time only: no transform runs per id, which matters when a file holds 100k records.
export const elementIdSchema = z.string().regex(ID_PATTERN, 'ids are 1-128 letters, digits or _ . : -').brand<'ElementId'>();
export const linkIdSchema = z.string().regex(ID_PATTERN, 'ids are 1-128 letters, digits or _ . : -').brand<'LinkId'>();
export const portNameSchema = z.string().min(1).max(128).brand<'PortName'>();

export type ElementId = z.infer<typeof elementIdSchema>;
export type LinkId = z.infer<typeof linkIdSchema>;
/** A port name local to its element, e.g. `eth0`, `rp3`, `pf0.vf12`, `pg.prod`. */
export type PortName = z.infer<typeof portNameSchema>;

export const asElementId = (s: string): ElementId => s as ElementId;
export const asLinkId = (s: string): LinkId => s as LinkId;
export const asPortName = (s: string): PortName => s as PortName;

/** Source of fresh ids; injectable so tests and templates are deterministic. */
export interface IdSource {
  next(prefix: string): string;
}

/** Random ids (prefix + 8 base-36 chars): collision odds are negligible at design sizes. */
export const randomIds: IdSource = {
  next(prefix) {
    let s = '';
    for (let i = 0; i < 8; i++) s += Math.floor(Math.random() * 36).toString(36);
    return `${prefix}_${s}`;
  },
};

/** Sequential ids (`prefix-1`, `prefix-2`, …) for templates and tests. */
export function sequentialIds(start = 1): IdSource {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = counters.get(prefix) ?? start;
      counters.set(prefix, n + 1);
      return `${prefix}-${n}`;
    },
  };
}
