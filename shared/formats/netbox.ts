/**
 * NetBox device-type library import (netbox-community/devicetype-library YAML): module types become NICs and device
 * types switches or fabric extenders of the user's catalog (netbox-map.ts says how). A run is all or nothing: any
 * file that is not a usable NetBox definition (bad YAML, a required field missing or of the wrong type) fails the
 * run with one line per such file, and nothing is imported. A valid file the catalog cannot hold (a server, a
 * module without Ethernet ports) imports nothing and says why in the run's report.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { BUILTIN_CATALOG, mergeCatalog, type CatalogEntry } from '../catalog';
import { entryFromDeviceType, nicFromModuleType, type MappedFile } from './netbox-map';
import { describeNetboxIssue, netboxDeviceTypeSchema, netboxModuleTypeSchema } from './netbox-schema';

export { NETBOX_ETHERNET_TYPES, netboxEthernetType } from './netbox-interfaces';

/** A file to import: `name` as the user gave it (used to find its library path and in messages), and its text. */
export interface NetboxFile {
  name: string;
  text: string;
}

export interface NetboxFileReport {
  file: string;
  /** The catalog id it became; null when the file imported nothing. */
  id: string | null;
  summary: string;
  notes: string[];
}

export type NetboxImport = { ok: true; entries: CatalogEntry[]; files: NetboxFileReport[] } | { ok: false; errors: string[] };

/** Larger than any library file by far (the biggest switch definitions are tens of kilobytes). */
export const NETBOX_FILE_MAX_BYTES = 2 * 1024 * 1024;

/** The library-relative path (`module-types/Intel/X710-DA2.yaml`) when the name has one, else the file's own name. */
export function libraryPath(name: string): string {
  const path = name.replace(/\\/g, '/');
  const at = Math.max(path.lastIndexOf('device-types/'), path.lastIndexOf('module-types/'));
  return at >= 0 ? path.slice(at) : (path.split('/').pop() ?? path);
}

/** Module type or device type: by the library folder when the path has one, else by the device-only `slug`. */
function kindOf(label: string, doc: Record<string, unknown>): 'module' | 'device' {
  if (label.startsWith('module-types/')) return 'module';
  if (label.startsWith('device-types/')) return 'device';
  return 'slug' in doc || 'u_height' in doc ? 'device' : 'module';
}

/** One file mapped, or the one-line reason it is not a usable NetBox definition. */
export function mapNetboxFile(file: NetboxFile): { ok: true; mapped: MappedFile; label: string } | { ok: false; error: string } {
  const label = libraryPath(file.name);
  if (file.text.length > NETBOX_FILE_MAX_BYTES) return { ok: false, error: `${file.name}: larger than ${NETBOX_FILE_MAX_BYTES / 1024 / 1024} MiB, not a NetBox definition` };
  let doc: unknown;
  try {
    doc = load(file.text, { schema: CORE_SCHEMA, filename: label });
  } catch (e) {
    const err = e as { reason?: string; mark?: { line: number }; message?: string };
    const where = err.mark ? ` at line ${err.mark.line + 1}` : '';
    return { ok: false, error: `${file.name}: not valid YAML${where} (${err.reason ?? err.message ?? String(e)})` };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, error: `${file.name}: not a NetBox definition (expected a mapping with manufacturer and model)` };
  }
  if (kindOf(label, doc as Record<string, unknown>) === 'module') {
    const parsed = netboxModuleTypeSchema.safeParse(doc);
    if (!parsed.success) return { ok: false, error: `${file.name}: ${describeNetboxIssue(parsed.error)}` };
    return { ok: true, label, mapped: nicFromModuleType(parsed.data, label) };
  }
  const parsed = netboxDeviceTypeSchema.safeParse(doc);
  if (!parsed.success) return { ok: false, error: `${file.name}: ${describeNetboxIssue(parsed.error)}` };
  return { ok: true, label, mapped: entryFromDeviceType(parsed.data, label) };
}

/**
 * Maps every file; all or nothing. Entries are checked as the user catalog will read them (schema, element fit,
 * no built-in id), and two files that give the same id fail the run, so what is returned can be stored as is.
 */
export function importNetbox(files: readonly NetboxFile[]): NetboxImport {
  if (files.length === 0) return { ok: false, errors: ['no NetBox files to import (.yaml or .yml)'] };
  const errors: string[] = [];
  const reports: NetboxFileReport[] = [];
  const entries: CatalogEntry[] = [];
  const fileOf = new Map<string, string>();
  for (const file of files) {
    const r = mapNetboxFile(file);
    if (!r.ok) {
      errors.push(r.error);
      continue;
    }
    const { entry, summary, notes } = r.mapped;
    if (entry) {
      const first = fileOf.get(entry.id);
      if (first !== undefined) {
        errors.push(`${file.name}: gives the catalog id ${entry.id}, as ${first} does: import one of them`);
        continue;
      }
      const rejected = mergeCatalog(BUILTIN_CATALOG, [entry]).rejected[0];
      if (rejected) {
        errors.push(`${file.name}: ${rejected.reason}`);
        continue;
      }
      fileOf.set(entry.id, file.name);
      entries.push(entry);
    }
    reports.push({ file: file.name, id: entry?.id ?? null, summary, notes });
  }
  return errors.length ? { ok: false, errors } : { ok: true, entries, files: reports };
}

/** Lines every import report ends with: what NetBox cannot say, whatever the files. */
export const NETBOX_UNKNOWNS =
  'NetBox does not give a NIC\'s PCIe generation and width, TotalVFs, VMDq pools or PCI ids (shown as unknown), nor the breakouts or EVB features of a switch, nor the role of a device type (the importer\'s rule is in docs/interop.md).';
