/**
 * NetBox device-type library files into the user's catalog, for the CLI (`rackplane catalog import netbox`) and the
 * catalog dialog's "Import NetBox…": reads the files (folders searched for .yaml/.yml), maps them all
 * (shared/formats/netbox.ts) and writes the catalog once, or refuses with one line per unusable file and writes nothing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CatalogEntry } from '../../shared/catalog';
import { importNetbox, libraryPath, NETBOX_FILE_MAX_BYTES, type NetboxFile, type NetboxFileReport } from '../../shared/formats/netbox';
import { describeError, quoteName } from '../util/messages';
import type { UserCatalog } from './user-catalog';

export interface NetboxCatalogImport {
  /** The whole catalog after the import. */
  catalog: CatalogEntry[];
  /** The entries this run added or replaced. */
  imported: CatalogEntry[];
  files: NetboxFileReport[];
  /** About the run as a whole (files a folder walk left out). */
  notes: string[];
}

export type NetboxCatalogResult = { ok: true; value: NetboxCatalogImport } | { ok: false; errors: string[] };

const YAML_FILE = /\.ya?ml$/i;
const IN_LIBRARY = /(^|\/)(device-types|module-types)\//;

/** Every .yaml/.yml under `dir` (dot folders such as .github left out), sorted so a run is repeatable. */
function yamlUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && YAML_FILE.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => !p.slice(dir.length).split(/[\\/]/).some((part) => part.startsWith('.')))
    .sort();
}

/**
 * The files to import: a file as given, a folder's YAML files. In a library checkout only device-types/ and
 * module-types/ hold device definitions (rack-types/ and CI configuration do not), so when a folder has those,
 * its other YAML files are left out and counted in a note.
 */
function collect(paths: readonly string[], name: (path: string) => string): { files: NetboxFile[]; notes: string[]; errors: string[] } {
  const files: NetboxFile[] = [];
  const notes: string[] = [];
  const errors: string[] = [];
  // A file named both on its own and inside a folder given with it is read once.
  const seen = new Set<string>();
  const read = (path: string) => {
    if (seen.has(resolve(path))) return;
    seen.add(resolve(path));
    try {
      if (statSync(path).size > NETBOX_FILE_MAX_BYTES) return errors.push(`${name(path)}: larger than ${NETBOX_FILE_MAX_BYTES / 1024 / 1024} MiB, not a NetBox definition`);
      files.push({ name: name(path), text: readFileSync(path, 'utf8') });
    } catch (e) {
      errors.push(`cannot read ${quoteName(path)}: ${describeError(e)}`);
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      errors.push(`cannot read ${quoteName(path)}: ${describeError(e)}`);
      continue;
    }
    if (!isDir) {
      read(path);
      continue;
    }
    const all = yamlUnder(path);
    const library = all.filter((p) => IN_LIBRARY.test(p.slice(path.length).replace(/\\/g, '/')));
    const taken = library.length ? library : all;
    if (taken.length === 0) errors.push(`${quoteName(path)} holds no .yaml or .yml file`);
    if (library.length && library.length < all.length) notes.push(`${all.length - library.length} YAML file(s) in ${quoteName(path)} outside device-types/ and module-types/ left out`);
    taken.forEach(read);
  }
  return { files, notes, errors };
}

/**
 * Imports the files into `catalog` in one write. `name` says how messages name a file: the path as the user typed
 * it (CLI), or its library path (the app, whose page is not shown full paths).
 */
export function importNetboxIntoCatalog(catalog: UserCatalog, paths: readonly string[], name: (path: string) => string = (p) => p): NetboxCatalogResult {
  const input = collect(paths, name);
  if (input.errors.length) return { ok: false, errors: input.errors };
  const r = importNetbox(input.files);
  if (!r.ok) return r;
  const all = r.entries.length ? catalog.addAll(r.entries) : catalog.list();
  const ids = new Set(r.entries.map((e) => e.id));
  return { ok: true, value: { catalog: all, imported: all.filter((e) => ids.has(e.id)), files: r.files, notes: input.notes } };
}

/** How the app names a picked file: its library path (`module-types/Intel/X710-DA2.yaml`) or its own name. */
export const appFileName = (path: string): string => libraryPath(path);
