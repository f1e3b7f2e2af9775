/**
 * A union of object shapes told apart by which key an object has (`{ link }`, `{ switch }`, `{ minRate }` …).
 * zod's own union reports "Invalid input" at the object when no member fits; this picks the member by its key
 * first, so an error names the field that is wrong (`failures[2].port: expected string`), which is what a
 * person editing a scenario file needs.
 */
import { z } from 'zod';

/** `what` names the thing (`a failure`); `variants` maps each telling key to the schema of the objects that have it; the first key present wins. */
export function keyedUnion<T>(what: string, variants: Record<string, z.ZodType<T>>): z.ZodType<T> {
  const keys = Object.keys(variants);
  return z.unknown().transform((v, ctx) => {
    const key = v !== null && typeof v === 'object' && !Array.isArray(v) ? keys.find((k) => Object.hasOwn(v, k)) : undefined;
    if (key === undefined) {
      ctx.addIssue({ code: 'custom', message: `${what} needs one of ${keys.map((k) => `"${k}"`).join(', ')}` });
      return z.NEVER;
    }
    const r = variants[key]!.safeParse(v);
    if (r.success) return r.data;
    for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path as PropertyKey[] as (string | number)[] });
    return z.NEVER;
  });
}

/** `scenarios[0].failures[2].link` from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}
