/**
 * `rackplane catalog import netbox DIR|FILE...`: NetBox device-type library definitions into the user's catalog,
 * the same catalog.json the app reads (or `--catalog FILE`). All or nothing: any unusable file is one line on stderr,
 * exit 2, and the catalog is left as it was.
 */
import { homedir } from 'node:os';
import { NETBOX_UNKNOWNS } from '../../../shared/formats/netbox';
import { importNetboxIntoCatalog } from '../../catalog/netbox-import';
import { appUserDataDir, UserCatalog } from '../../catalog/user-catalog';
import { defineCommand, defineGroup } from '../command';
import { CliError, EXIT, printable, reportError, type CliIo } from '../io';

const FORMATS = ['netbox'] as const;

export interface CatalogImportOptions {
  paths: string[];
  /** The catalog file to write; absent: the app's (`<userData>/catalog.json`). */
  catalog?: string;
}

/** The catalog the command edits: `--catalog FILE`, else the one in the app's userData folder. */
export function cliCatalog(file: string | undefined): UserCatalog {
  const dir = appUserDataDir(process.env, process.platform, homedir());
  return file === undefined ? new UserCatalog(dir) : new UserCatalog(dir, file);
}

export function importNetboxCommand(opts: CatalogImportOptions, io: CliIo): number {
  const catalog = cliCatalog(opts.catalog);
  const r = importNetboxIntoCatalog(catalog, opts.paths);
  if (!r.ok) {
    for (const line of r.errors) reportError(io, line);
    return EXIT.usage;
  }
  const { imported, files, notes } = r.value;
  for (const f of files) {
    io.stdout(`${printable(f.summary)}\n`);
    for (const n of f.notes) io.stdout(`  note: ${printable(n)}\n`);
  }
  for (const n of notes) io.stdout(`note: ${printable(n)}\n`);
  const skipped = files.filter((f) => f.id === null).length;
  io.stdout(`imported ${imported.length} entr${imported.length === 1 ? 'y' : 'ies'} into ${printable(catalog.file)}${skipped ? ` (${skipped} file${skipped === 1 ? '' : 's'} imported nothing)` : ''}\n`);
  io.stdout(`note: ${NETBOX_UNKNOWNS}\n`);
  return EXIT.ok;
}

const catalogImportCommand = defineCommand<CatalogImportOptions>({
  usage: 'import <format> <paths...>',
  summary: 'add device definitions from another tool to your catalog (netbox: the NetBox device-type library)',
  configure: (cmd) =>
    cmd.option('--catalog <file>', 'the catalog file to write (default: the one the app uses, catalog.json in its settings folder)').addHelpText(
      'after',
      `
Formats:
  netbox  YAML files of the NetBox device-type library (github.com/netbox-community/devicetype-library); a folder
          is searched for .yaml/.yml (in a library checkout, only device-types/ and module-types/). Module types
          with Ethernet ports become NICs, device types switches or fabric extenders; servers are reported, not
          imported. What NetBox does not say (PCIe generation and width, TotalVFs) stays unknown.

All files are checked before anything is written: one unusable file (bad YAML, a required field missing) is one
line on stderr, exit 2, and the catalog is left as it was. Importing a file again replaces its entry.

Examples:
  rackplane catalog import netbox devicetype-library/module-types/Intel
  rackplane catalog import netbox X710-DA2.yaml N9K-C93180YC-FX.yaml --catalog team-catalog.json
`,
    ),
  options: ([format, ...paths], raw) => {
    if (!FORMATS.includes(format as (typeof FORMATS)[number])) throw new CliError(`unknown catalog format '${format}': rackplane catalog import knows ${FORMATS.join(', ')}`);
    const file = raw.catalog;
    if (file !== undefined && (typeof file !== 'string' || file.trim() === '')) throw new CliError('--catalog needs a file name');
    return { paths, ...(typeof file === 'string' ? { catalog: file } : {}) };
  },
  run: importNetboxCommand,
});

export const catalogCommand = defineGroup({
  usage: 'catalog',
  summary: 'edit your component catalog from the command line (import)',
  subcommands: [catalogImportCommand],
  help: `
Examples:
  rackplane catalog import netbox devicetype-library/module-types/Intel
`,
});
