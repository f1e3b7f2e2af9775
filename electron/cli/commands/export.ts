/** `rackplane export`: a design file rendered in another format. One entry in EXPORTERS per format. */
import { Option } from 'commander';
import { bomCsv } from '../../../shared/export/bom';
import { designReportHtml } from '../../../shared/export/report-html';
import { designToSvg, EXPORT_LAYERS, type ExportLayer } from '../../../shared/export/svg';
import { exportTopologyJson } from '../../../shared/formats/topology';
import type { Design } from '../../../shared/model/design';
import { ALL_RULES, ruleCatalog, validateDesign } from '../../../shared/validate';
import { defineCommand, outputOption } from '../command';
import { readDesign, reportRepairs, STDIO, writeOutput } from '../design-files';
import { CliError, EXIT, printable, type CliIo } from '../io';
import { quoteName } from '../../util/messages';

/** What the diagram formats take from the command line. */
export interface RenderSettings {
  layers: readonly ExportLayer[];
  /** Mark validation problems on the diagram (and list them in the report). */
  problems: boolean;
}

interface Exporter {
  description: string;
  render(design: Design, settings: RenderSettings): string | Uint8Array;
}

/** The design's validation, run only when the output shows it. */
const validationOf = (design: Design, s: RenderSettings) => (s.problems ? validateDesign(design, ALL_RULES) : undefined);

/** Output formats. PNG and PDF are planned (see LATER_FORMATS) and refused until they land. */
export const EXPORTERS = {
  json: { description: 'topology JSON (stable, versioned; diff-friendly)', render: (d) => exportTopologyJson(d) },
  svg: {
    description: 'the diagram as SVG (text as text; reopens in Rackplane: File → Open, import svg)',
    render: (d, s) => designToSvg(d, { layers: s.layers, problems: validationOf(d, s)?.diagnostics }),
  },
  csv: { description: 'bill of materials as CSV: one row per component model, per-server and total counts', render: (d) => bomCsv(d) },
  html: {
    description: 'the design report as one HTML file (same as rackplane report)',
    render: (d, s) => designReportHtml(d, { layers: s.layers, validation: validationOf(d, s), rules: ruleCatalog() }),
  },
} satisfies Record<string, Exporter>;
export type ExportFormat = keyof typeof EXPORTERS;
const FORMATS = Object.keys(EXPORTERS) as ExportFormat[];

/** Formats and flags the issue asks for that are not built yet: refused with one line, exit 2, and not in --help. */
const LATER_FORMATS = ['png', 'pdf'];

/** A --format value checked by hand (not commander's choices), so planned formats get their own message. */
export function formatOption<F extends string>(raw: unknown, formats: readonly F[], later: readonly string[]): F {
  const f = String(raw).trim().toLowerCase();
  if ((formats as readonly string[]).includes(f)) return f as F;
  if (later.includes(f)) throw new CliError(`--format ${f} is not yet supported; use ${formats.join(', ')}`);
  throw new CliError(`unknown --format '${printable(String(raw))}': use ${formats.join(', ')}`);
}

/** `--layers pcie,ethernet` as a list; all layers when the flag is absent. */
export function layersOption(raw: unknown): ExportLayer[] {
  if (raw === undefined) return [...EXPORT_LAYERS];
  const names = String(raw)
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  if (names.length === 0) throw new CliError(`--layers needs one or more of ${EXPORT_LAYERS.join(', ')}, separated by commas`);
  for (const n of names) {
    if (!(EXPORT_LAYERS as readonly string[]).includes(n)) throw new CliError(`unknown layer '${printable(n)}' in --layers: use ${EXPORT_LAYERS.join(', ')}`);
  }
  return EXPORT_LAYERS.filter((l) => names.includes(l));
}

/** --scale and --page belong to PNG and PDF output; until those land the flags are refused, not ignored. */
export function refusePageFlags(raw: Record<string, unknown>): void {
  if (raw.scale !== undefined) throw new CliError('--scale applies to PNG export, which is not yet supported');
  if (raw.page !== undefined) throw new CliError('--page applies to PDF export, which is not yet supported');
}

/** Hidden options for the planned flags, so they reach refusePageFlags instead of "unknown option". */
export const plannedFlags = (): Option[] => [new Option('--scale <n>').hideHelp(), new Option('--page <size>').hideHelp()];

export interface ExportOptions {
  file: string;
  format: ExportFormat;
  output: string;
  settings: RenderSettings;
}

export function exportDesign(opts: ExportOptions, io: CliIo): number {
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  writeOutput(opts.output, EXPORTERS[opts.format].render(d.design, opts.settings), io);
  if (opts.output !== STDIO) io.stdout(`wrote ${quoteName(opts.output)}: ${opts.format}\n`);
  return EXIT.ok;
}

const DIAGRAM_FORMATS: readonly ExportFormat[] = ['svg', 'html'];

export const exportCommand = defineCommand<ExportOptions>({
  usage: 'export <file>',
  summary: 'export a design file as topology JSON, an SVG diagram, a bill of materials (CSV) or an HTML report',
  configure: (cmd) => {
    cmd
      .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'json')
      .requiredOption('-o, --output <file>', 'file to write, or - for standard output')
      .option('--layers <list>', `svg, html: layers to draw, comma-separated (${EXPORT_LAYERS.join(',')}; default all)`)
      .option('--no-problems', 'svg, html: leave validation problems off the diagram (and out of the report)');
    for (const o of plannedFlags()) cmd.addOption(o);
    cmd.addHelpText(
      'after',
      `
Formats:
${FORMATS.map((f) => `  ${f.padEnd(6)} ${EXPORTERS[f].description}`).join('\n')}

Layers: pcie (root complexes, PCIe switches, endpoints, PCIe links), ethernet (switches, extenders,
storage, cables, S-channels), virtual (virtual switches, VMs, vNICs, VFs, uplinks). Servers and NICs
are drawn on every layer.

Examples:
  rackplane export rack.rackplane --format json -o rack.json
  rackplane export rack.rackplane --format svg --layers pcie,ethernet -o rack.svg
  rackplane export rack.rackplane --format csv -o rack-bom.csv
  rackplane export rack.rackplane --format json -o - | git diff --no-index rack.json -
`,
    );
  },
  options: ([file], raw) => {
    const format = formatOption(raw.format, FORMATS, LATER_FORMATS);
    refusePageFlags(raw);
    const layersGiven = raw.layers !== undefined;
    const settings: RenderSettings = { layers: layersOption(raw.layers), problems: raw.problems !== false };
    if ((layersGiven || raw.problems === false) && !DIAGRAM_FORMATS.includes(format)) {
      throw new CliError(`${layersGiven ? '--layers' : '--no-problems'} applies to svg and html export only`);
    }
    return { file: file!, format, output: outputOption(raw.output), settings };
  },
  run: exportDesign,
});
