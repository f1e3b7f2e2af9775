/** `rackplane import <format>`: a design from another format, saved as a project. One entry in IMPORTERS per format. */
import { Argument, Option } from 'commander';
import { svgToDesign } from '../../../shared/export/svg';
import { importHwloc } from '../../../shared/formats/hwloc';
import { importLspci } from '../../../shared/formats/lspci';
import type { Design } from '../../../shared/model/design';
import type { ProjectSimulation } from '../../../shared/sim/persist';
import { sequentialIds } from '../../../shared/model/ids';
import { defineCommand, outputOption } from '../command';
import { outputKind, readTopologyJson, reportRepairs, writeDesign } from '../design-files';
import { CliError, EXIT, printable, type CliIo } from '../io';
import { quoteName } from '../../util/messages';
import { inputLabel, readTextInput } from './read-input';

/** Options only some formats use; an importer refuses the ones it does not (see `accepts`). */
export interface ImportExtras {
  hostName?: string;
  allDevices: boolean;
  /** lspci: the file holding `lspci -tv` of the same machine. */
  tree?: string;
}

interface Imported {
  design: Design;
  /** Scenarios the input carries (a topology document's `scenarios`), stored in the project. */
  simulation?: ProjectSimulation;
  /** Lines about what the import did, printed after the summary. */
  notes: string[];
}

interface Importer {
  description: string;
  /** Which extras the format understands. */
  accepts: readonly (keyof ImportExtras)[];
  read(path: string, io: CliIo, extras: ImportExtras): Imported;
}

function readJson(path: string, io: CliIo): Imported {
  const d = readTopologyJson(path, io);
  reportRepairs(io, path, d);
  return { design: d.design, notes: d.simulation.scenarios.length ? [`${d.simulation.scenarios.length} scenario(s) stored`] : [], simulation: d.simulation };
}

/** hwloc XML with sequential ids (`host-1`, `rc-1`, …): importing the same file twice gives the same project. */
function readHwloc(path: string, io: CliIo, extras: ImportExtras): Imported {
  const xml = readTextInput(path, io, 'an hwloc XML topology (lstopo --whole-io file.xml)');
  const r = importHwloc(xml, { hostName: extras.hostName, ids: sequentialIds(), devices: extras.allDevices ? 'all' : 'important' });
  if (!r.ok) throw new CliError(`${inputLabel(path)}: ${r.reason}`);
  // The importer's notes name its API option; on the command line that option is --all-devices.
  return { design: r.design, notes: r.notes.map((n) => n.replace("import with devices: 'all'", 'import with --all-devices')) };
}

/** lspci text (with `lspci -tv` for the tree when given), sequential ids like hwloc: the same capture gives the same project. */
function readLspci(path: string, io: CliIo, extras: ImportExtras): Imported {
  const text = readTextInput(path, io, 'an lspci capture (lspci -vvv or -vvvnn, run as root)');
  const treeText = extras.tree === undefined ? undefined : readTextInput(extras.tree, io, 'an lspci tree (lspci -tv)');
  const r = importLspci(text, { treeText, hostName: extras.hostName, ids: sequentialIds(), devices: extras.allDevices ? 'all' : 'important' });
  if (!r.ok) throw new CliError(`${inputLabel(r.source === 'tree' ? extras.tree! : path)}: ${r.reason.replace("import with devices: 'all'", 'import with --all-devices')}`);
  return { design: r.design, notes: r.notes.map((n) => n.replace("import with devices: 'all'", 'import with --all-devices')) };
}

/** The design an SVG exported by Rackplane carries in its metadata. */
function readSvg(path: string, io: CliIo): Imported {
  const text = readTextInput(path, io, 'an SVG exported by Rackplane');
  const r = svgToDesign(text);
  if (!r.ok) throw new CliError(`${inputLabel(path)}: ${r.reason}`);
  const notes = r.repairs.length ? [`repaired: ${r.repairs[0]}${r.repairs.length > 1 ? ` (and ${r.repairs.length - 1} more)` : ''}`] : [];
  return { design: r.design, notes };
}

/** Input formats. */
export const IMPORTERS = {
  json: { description: 'topology JSON, as written by export --format json (- reads standard input)', accepts: [], read: readJson },
  svg: { description: 'the design inside an SVG diagram exported by Rackplane (export --format svg)', accepts: [], read: readSvg },
  hwloc: { description: "a real machine's PCIe tree from hwloc XML (lstopo --whole-io machine.xml): one host", accepts: ['hostName', 'allDevices'], read: readHwloc },
  lspci: { description: "a real machine's PCIe tree from lspci -vvv text (--tree: lspci -tv): one host", accepts: ['hostName', 'allDevices', 'tree'], read: readLspci },
} satisfies Record<string, Importer>;
export type ImportFormat = keyof typeof IMPORTERS;
const FORMATS = Object.keys(IMPORTERS) as ImportFormat[];

const EXTRA_FLAGS: Record<keyof ImportExtras, string> = { hostName: '--host-name', allDevices: '--all-devices', tree: '--tree' };

export interface ImportOptions {
  format: ImportFormat;
  input: string;
  output: string;
  extras: ImportExtras;
}

export function importDesign(opts: ImportOptions, io: CliIo): number {
  const kind = outputKind(opts.output, ['project']);
  const importer: Importer = IMPORTERS[opts.format];
  const { design, notes, simulation } = importer.read(opts.input, io, opts.extras);
  writeDesign(opts.output, design, kind, io, simulation);
  io.stdout(`wrote ${quoteName(opts.output)}: ${Object.keys(design.elements).length} elements, ${Object.keys(design.links).length} links\n`);
  for (const note of notes) io.stdout(`  ${printable(note)}\n`);
  return EXIT.ok;
}

export const importCommand = defineCommand<ImportOptions>({
  usage: 'import',
  summary: 'import a design from another format into a project',
  configure: (cmd) =>
    cmd
      .addArgument(new Argument('<format>', 'input format').choices(FORMATS))
      .argument('<input>', 'file to read, or - for standard input')
      .requiredOption('-o, --output <file>', 'project to write (*.rackplane)')
      .addOption(new Option('--host-name <name>', 'hwloc, lspci: name of the host (default: the HostName hwloc recorded; "lspci host")'))
      .option('--all-devices', 'hwloc, lspci: also import chipset and uncore functions (USB, SMBus, memory controllers)')
      .option('--tree <file>', 'lspci: the output of lspci -tv from the same machine, for the tree')
      .addHelpText(
        'after',
        `
Formats:
${FORMATS.map((f) => `  ${f.padEnd(6)} ${IMPORTERS[f].description}`).join('\n')}

Examples:
  rackplane import json rack.json -o rack.rackplane
  rackplane import svg rack.svg -o rack.rackplane
  curl -s https://example.com/rack.json | rackplane import json - -o rack.rackplane
  lstopo --whole-io db-07.xml && rackplane import hwloc db-07.xml -o db-07.rackplane
  sudo lspci -vvvnn > db-07.txt && lspci -tv > db-07-tree.txt
  rackplane import lspci db-07.txt --tree db-07-tree.txt -o db-07.rackplane
`,
      ),
  options: ([format, input], raw) => {
    const extras: ImportExtras = {
      hostName: raw.hostName === undefined ? undefined : String(raw.hostName),
      allDevices: raw.allDevices === true,
      tree: raw.tree === undefined ? undefined : String(raw.tree),
    };
    const f = format as ImportFormat;
    const accepted: readonly string[] = IMPORTERS[f].accepts;
    for (const key of Object.keys(EXTRA_FLAGS) as (keyof ImportExtras)[]) {
      const given = key === 'allDevices' ? extras.allDevices : extras[key] !== undefined;
      if (given && !accepted.includes(key)) {
        const takers = FORMATS.filter((g) => (IMPORTERS[g].accepts as readonly string[]).includes(key)).map((g) => `import ${g}`);
        throw new CliError(`${EXTRA_FLAGS[key]} applies to ${takers.join(' and ')} only`);
      }
    }
    if (extras.hostName !== undefined && extras.hostName.trim() === '') throw new CliError('--host-name needs a name');
    if (extras.tree !== undefined && extras.tree.trim() === '') throw new CliError('--tree needs a file');
    return { format: f, input: input!, output: outputOption(raw.output), extras };
  },
  run: importDesign,
});
