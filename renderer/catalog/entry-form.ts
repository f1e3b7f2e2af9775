/**
 * The "Add NIC" and "Add switch" forms as pure functions: typed text in, a catalog entry or per-field
 * messages out. The messages are the entry schema's own (shown next to the field), the id is derived from
 * vendor and model, and a figure left empty is null ("unknown"), never 0.
 */
import type { ZodError } from 'zod';
import { CatalogError, elementFromCatalog, nicCatalogSchema, switchCatalogSchema, type CatalogEntry, type SwitchCatalogKind } from '../../shared/catalog';
import type { ElementId } from '../../shared/model/ids';

/** Text of every NIC form field, as typed. */
export interface NicFormValues {
  vendor: string;
  model: string;
  ports: string;
  speedGbps: string;
  /** '' = unknown, else a generation number. */
  pcieGen: string;
  /** '' = unknown, else a lane count. */
  pcieWidth: string;
  totalVfsPerPf: string;
  maxVfsPerDevice: string;
  vmdqPools: string;
  pciId: string;
  vfDeviceId: string;
  notes: string;
  /** Where the figures come from; stored as one source when given. */
  source: string;
}

export const EMPTY_NIC_FORM: NicFormValues = {
  vendor: '',
  model: '',
  ports: '',
  speedGbps: '',
  pcieGen: '',
  pcieWidth: '',
  totalVfsPerPf: '',
  maxVfsPerDevice: '',
  vmdqPools: '',
  pciId: '',
  vfDeviceId: '',
  notes: '',
  source: '',
};

export interface SwitchFormValues {
  kind: SwitchCatalogKind;
  vendor: string;
  model: string;
  /** The element properties as JSON text, e.g. `{"tier": "tor", "ports": [...]}`. */
  props: string;
  notes: string;
  source: string;
}

export const EMPTY_SWITCH_FORM: SwitchFormValues = { kind: 'tor', vendor: '', model: '', props: '{}', notes: '', source: '' };

/** Field name → message; the key `form` holds problems that belong to no single field (the id). */
export type FormErrors = Partial<Record<string, string>>;

export type FormResult = { ok: true; entry: CatalogEntry; id: string } | { ok: false; errors: FormErrors; id: string };

/** Key of the one source a form entry records. */
export const USER_SOURCE_KEY = 'user';

/** A stable id from vendor and model: `Acme`, `X2 (2 × 25GbE)` → `acme-x2-2x25gbe`. */
export function deriveCatalogId(vendor: string, model: string): string {
  return `${vendor} ${model}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s*×\s*/g, 'x')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}

/** Why this id cannot be used: taken by a built-in or by one of the user's entries; null when free. */
export function idCollision(id: string, existing: readonly CatalogEntry[]): string | null {
  const clash = existing.find((e) => e.id === id);
  if (!clash) return null;
  const owner = clash.user ? 'your entry' : 'the built-in entry';
  return `The id “${id}” is already used by ${owner} “${clash.vendor} ${clash.model}”: change the vendor or model name`;
}

/** Empty text → null; a number → that number; anything else → NaN (refused with a message). */
function optionalNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : Number.NaN;
}

const NOT_A_NUMBER = 'enter a number, or leave it empty for unknown';
const REQUIRED_NUMBER = 'enter a number';

/** Every issue of a parse, by the first path segment (the form field). */
function issuesByField(err: ZodError, into: FormErrors): void {
  for (const issue of err.issues) {
    // The form has one Source field for the entry's list of sources.
    const first = String(issue.path[0] ?? 'form');
    const field = first === 'sources' ? 'source' : first;
    into[field] ??= issue.message;
  }
}

const sourcesOf = (source: string) => (source.trim() ? [{ key: USER_SOURCE_KEY, citation: source.trim() }] : []);

const PROBE = { id: 'catalog-form-probe' as ElementId, name: 'probe' };

/** Checks that the entry also makes a valid element (limits the entry schema does not know, e.g. TotalVFs ≤ 65535). */
function probeElement(entry: CatalogEntry, errors: FormErrors, field: string): void {
  try {
    elementFromCatalog(entry, PROBE);
  } catch (e) {
    if (!(e instanceof CatalogError)) throw e;
    errors[field] = e.message.replace(/^[^:]*:\s*/, '');
  }
}

function checkNames(vendor: string, model: string, errors: FormErrors): void {
  if (!vendor.trim()) errors.vendor = 'enter the vendor';
  if (!model.trim()) errors.model = 'enter the model';
}

function checkId(id: string, existing: readonly CatalogEntry[], errors: FormErrors): void {
  if (errors.vendor || errors.model) return;
  if (!id) {
    errors.form = 'Vendor and model need at least one letter or digit, to make the entry’s id';
    return;
  }
  const clash = idCollision(id, existing);
  if (clash) errors.form = clash;
}

/** Parses the NIC form; `existing` is the whole catalog (built-in and user) the id must not collide with. */
export function parseNicForm(v: NicFormValues, existing: readonly CatalogEntry[]): FormResult {
  const errors: FormErrors = {};
  checkNames(v.vendor, v.model, errors);
  const id = deriveCatalogId(v.vendor, v.model);

  const numbers = {} as Record<'ports' | 'speedGbps' | 'totalVfsPerPf' | 'maxVfsPerDevice' | 'vmdqPools' | 'pcieGen' | 'pcieWidth', number | null>;
  for (const k of ['ports', 'speedGbps', 'totalVfsPerPf', 'maxVfsPerDevice', 'vmdqPools', 'pcieGen', 'pcieWidth'] as const) {
    const n = optionalNumber(v[k]);
    if (Number.isNaN(n)) errors[k] = NOT_A_NUMBER;
    numbers[k] = n;
  }
  // Ports and speed are what make it a NIC: they have no "unknown".
  for (const k of ['ports', 'speedGbps'] as const) if (numbers[k] === null) errors[k] = REQUIRED_NUMBER;

  const candidate = {
    kind: 'nic' as const,
    id,
    vendor: v.vendor.trim(),
    model: v.model.trim(),
    pciId: v.pciId.trim().toLowerCase() || null,
    vfDeviceId: v.vfDeviceId.trim().toLowerCase() || null,
    ...numbers,
    notes: v.notes.trim(),
    sources: sourcesOf(v.source),
    user: true,
  };
  const parsed = nicCatalogSchema.safeParse(candidate);
  const schemaErrors: FormErrors = {};
  if (!parsed.success) issuesByField(parsed.error, schemaErrors);
  // The id is derived, so its schema message is reported through the id check instead.
  delete schemaErrors.id;
  for (const [k, m] of Object.entries(schemaErrors)) errors[k] ??= m;
  checkId(id, existing, errors);
  if (parsed.success && Object.keys(errors).length === 0) probeElement(parsed.data, errors, 'totalVfsPerPf');
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, id };
  return { ok: true, entry: parsed.data, id };
}

/** Parses the switch form: props must be a JSON object the element kind accepts. */
export function parseSwitchForm(v: SwitchFormValues, existing: readonly CatalogEntry[]): FormResult {
  const errors: FormErrors = {};
  checkNames(v.vendor, v.model, errors);
  const id = deriveCatalogId(v.vendor, v.model);
  let props: unknown = {};
  try {
    props = JSON.parse(v.props.trim() || '{}');
  } catch (e) {
    errors.props = `not valid JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  if (!errors.props && (props === null || typeof props !== 'object' || Array.isArray(props))) errors.props = 'expected a JSON object, e.g. {"tier": "spine"}';

  const candidate = { kind: v.kind, id, vendor: v.vendor.trim(), model: v.model.trim(), props, notes: v.notes.trim(), sources: sourcesOf(v.source), user: true };
  const parsed = switchCatalogSchema.safeParse(candidate);
  const schemaErrors: FormErrors = {};
  if (!parsed.success) issuesByField(parsed.error, schemaErrors);
  delete schemaErrors.id;
  for (const [k, m] of Object.entries(schemaErrors)) errors[k] ??= m;
  checkId(id, existing, errors);
  if (parsed.success && Object.keys(errors).length === 0) probeElement(parsed.data, errors, 'props');
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, id };
  return { ok: true, entry: parsed.data, id };
}
