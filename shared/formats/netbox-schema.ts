/**
 * The parts of a NetBox device-type library file the importer reads, checked with zod. The required fields are the
 * library's own (schema/devicetype.json: manufacturer, model, slug, u_height, is_full_depth; schema/moduletype.json:
 * manufacturer, model; schema/components.json: an interface's name and type, a module bay's name and position).
 * Fields the importer does not read are kept unchecked, so a newer library with extra keys still imports; optional
 * text fields may be null, as NetBox's own YAML exports write them.
 */
import { z, type ZodError } from 'zod';

const text = z.string().nullish();

export const netboxInterfaceSchema = z
  .object({
    name: z.string().min(1),
    /** NetBox's interface type slug (`25gbase-x-sfp28`); values the importer does not know are reported, not refused. */
    type: z.string().min(1),
    label: text,
    mgmt_only: z.boolean().nullish(),
  })
  .loose();
export type NetboxInterface = z.infer<typeof netboxInterfaceSchema>;

export const netboxModuleBaySchema = z
  .object({
    name: z.string().min(1),
    // The schema says string; an unquoted `position: 1` parses as a number and means the same.
    position: z.union([z.string(), z.number()]).transform(String),
    label: text,
    /** Not in the library schema at 56ea9272 but used by some files (AS-1115SV-WTNRT) and added by newer schemas. */
    description: text,
  })
  .loose();
export type NetboxModuleBay = z.infer<typeof netboxModuleBaySchema>;

const shared = {
  manufacturer: z.string().min(1),
  model: z.string().min(1),
  part_number: text,
  description: text,
  comments: text,
  interfaces: z.array(netboxInterfaceSchema).nullish(),
  'module-bays': z.array(netboxModuleBaySchema).nullish(),
};

export const netboxDeviceTypeSchema = z
  .object({
    ...shared,
    slug: z.string().regex(/^[-a-z0-9_]+$/, 'must be lower-case letters, digits, - and _ (the library\'s slug pattern)'),
    u_height: z.number().min(0),
    is_full_depth: z.boolean(),
    subdevice_role: text,
  })
  .loose();
export type NetboxDeviceType = z.infer<typeof netboxDeviceTypeSchema>;

export const netboxModuleTypeSchema = z.object(shared).loose();
export type NetboxModuleType = z.infer<typeof netboxModuleTypeSchema>;

/** `interfaces[3].type` from zod's path. */
const fieldPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');

/** The first problem as `field: what is wrong`, saying plainly when a required field is missing. */
export function describeNetboxIssue(err: ZodError): string {
  const issue = err.issues[0];
  if (!issue) return 'not a NetBox definition';
  const field = fieldPath(issue.path) || 'the file';
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  return missing ? `${field} is missing (the NetBox schema requires it)` : `${field}: ${issue.message}`;
}
