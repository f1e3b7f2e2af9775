/** `rackplane export`: a design file rendered in another format. One entry in EXPORTERS per format; electron/export/render.ts draws them. */
import { DIAGRAM_ORIENTATIONS, MAX_PNG_SCALE, MIN_PNG_SCALE, PAGE_NAMES, PDF_FITS, PNG_BACKGROUNDS } from '../../../shared/export/page-plan';
import { EXPORT_LAYERS, type ExportLayer } from '../../../shared/export/svg';
import type { Design } from '../../../shared/model/design';
import type { ValidationResult } from '../../../shared/validate';
import { exportTopologyJsonChunks } from '../../../shared/formats/topology';
import { defineCommand, outputOption } from '../command';
import { readDesign, reportRepairs, scenariosCurrentFirst, STDIO, writeOutput } from '../design-files';
import { CliError, EXIT, printable, type CliIo } from '../io';
import { quoteName } from '../../util/messages';
import { DEFAULT_RENDER, renderDesign, renderSvgChunks, today, type RenderFormat, type RenderHooks, type RenderSettings } from '../../export/render';
import { validateFileInWorker } from '../../export/validate-job';

export { DEFAULT_RENDER, today, type RenderSettings };

interface Exporter {
  description: string;
  /** `warn` takes one line for standard error (e.g. a bitmap scaled down to stay within limits). */
  /** Pieces (an iterable) are written as they come, so a large SVG is never held whole. */
  render(design: Design, settings: RenderSettings, hooks: RenderHooks): Promise<string | Uint8Array | Iterable<string>>;
}

const via =
  (format: RenderFormat): Exporter['render'] =>
  (d, s, hooks) =>
    renderDesign(d, format, s, hooks);

/** Output formats. */
export const EXPORTERS = {
  json: { description: 'topology JSON (stable, versioned; diff-friendly)', render: via('json') },
  svg: { description: 'the diagram as SVG (text as text; reopens in Rackplane: File → Open, import svg)', render: (d, s, hooks) => renderSvgChunks(d, s, hooks) },
  png: { description: 'the diagram as a PNG bitmap (--scale 1-4, --background transparent|light|dark)', render: via('png') },
  pdf: { description: 'the diagram as a vector PDF with a title block (--page, --orientation, --fit page|tile)', render: via('pdf') },
  drawio: { description: 'the diagram as an uncompressed draw.io file (.drawio): same layout, servers as containers, layers, properties as shape data', render: via('drawio') },
  dot: { description: 'the topology as a Graphviz DOT graph (.dot): servers as clusters, links labelled with kind and rate', render: via('dot') },
  csv: { description: 'bill of materials as CSV: one row per component model, per-server and total counts', render: via('csv') },
  html: { description: 'the design report as one HTML file (same as rackplane report)', render: via('html') },
} satisfies Record<string, Exporter>;
export type ExportFormat = keyof typeof EXPORTERS;
const FORMATS = Object.keys(EXPORTERS) as ExportFormat[];

/** A --format value checked by hand (not commander's choices), matched without regard to case. */
export function formatOption<F extends string>(raw: unknown, formats: readonly F[]): F {
  const f = String(raw).trim().toLowerCase();
  if ((formats as readonly string[]).includes(f)) return f as F;
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

/** One of `choices`, matched without regard to case; a one-line error naming them otherwise. */
function choiceOption<C extends string>(flag: string, raw: unknown, choices: readonly C[]): C {
  const v = String(raw).trim().toLowerCase();
  const hit = choices.find((c) => c.toLowerCase() === v);
  if (hit === undefined) throw new CliError(`unknown ${flag} '${printable(String(raw))}': use ${choices.join(', ')}`);
  return hit;
}

/** `--scale N`: a number from 1 to 4 (fractions allowed, e.g. 1.5). */
export function scaleOption(raw: unknown): number {
  const text = String(raw).trim().replace(/x$/i, '');
  const n = text === '' ? NaN : Number(text);
  if (!Number.isFinite(n) || n < MIN_PNG_SCALE || n > MAX_PNG_SCALE) throw new CliError(`--scale must be a number from ${MIN_PNG_SCALE} to ${MAX_PNG_SCALE}, not '${printable(String(raw))}'`);
  return n;
}

const PNG_FLAGS = ['scale', 'background'] as const;
const PDF_FLAGS = ['page', 'orientation', 'fit'] as const;

/** The PNG and PDF flags, checked and refused (not ignored) when the format does not use them. */
export function pageSettings(raw: Record<string, unknown>, format: string): Pick<RenderSettings, 'png' | 'pdf'> {
  for (const [flags, owner] of [[PNG_FLAGS, 'png'], [PDF_FLAGS, 'pdf']] as const) {
    const given = flags.find((f) => raw[f] !== undefined);
    if (given && format !== owner) throw new CliError(`--${given} applies to ${owner} output only, not ${format}`);
  }
  const png = DEFAULT_RENDER.png;
  const pdf = DEFAULT_RENDER.pdf;
  return {
    png: { scale: raw.scale === undefined ? png.scale : scaleOption(raw.scale), background: raw.background === undefined ? png.background : choiceOption('--background', raw.background, PNG_BACKGROUNDS) },
    pdf: {
      page: raw.page === undefined ? pdf.page : choiceOption('--page', raw.page, PAGE_NAMES),
      orientation: raw.orientation === undefined ? pdf.orientation : choiceOption('--orientation', raw.orientation, DIAGRAM_ORIENTATIONS),
      fit: raw.fit === undefined ? pdf.fit : choiceOption('--fit', raw.fit, PDF_FITS),
    },
  };
}

export interface ExportOptions {
  file: string;
  format: ExportFormat;
  output: string;
  settings: RenderSettings;
}

export async function exportDesign(opts: ExportOptions, io: CliIo): Promise<number> {
  // The diagram's problem marks are drawn last: the file is validated on the other core while this thread reads it
  // and builds the scene (validate-job.ts; in-process when that cannot be done).
  const validating = DIAGRAM_FORMATS.includes(opts.format) && opts.settings.problems && opts.file !== STDIO ? validateFileInWorker(opts.file) : null;
  try {
    return await exportRead(opts, io, validating?.result);
  } finally {
    validating?.cancel();
  }
}

async function exportRead(opts: ExportOptions, io: CliIo, validation: Promise<ValidationResult | null> | undefined): Promise<number> {
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  // Topology JSON carries the project's stored scenarios, so a design and its scenarios travel together. It is
  // written as it is produced (a 10,000-host design's 190 MB never becomes one string): the same bytes as the
  // app's JSON export.
  if (opts.format === 'json') {
    writeOutput(opts.output, exportTopologyJsonChunks(d.design, { scenarios: scenariosCurrentFirst(d.simulation) }), io);
    if (opts.output !== STDIO) io.stdout(`wrote ${quoteName(opts.output)}: json\n`);
    return EXIT.ok;
  }
  const hooks: RenderHooks = { note: (line) => io.stderr(`rackplane: note: ${printable(line)}\n`), ...(validation ? { validation } : {}) };
  const data = await EXPORTERS[opts.format].render(d.design, { ...opts.settings, scenarios: scenariosCurrentFirst(d.simulation) }, hooks);
  writeOutput(opts.output, data, io);
  if (opts.output !== STDIO) io.stdout(`wrote ${quoteName(opts.output)}: ${opts.format}\n`);
  return EXIT.ok;
}

/** The diagram formats, which draw problem marks from a full validation. */
const DIAGRAM_FORMATS: readonly ExportFormat[] = ['svg', 'png', 'pdf'];
/** Formats that mark validation problems (--no-problems), and those that draw a chosen set of layers (--layers). */
const PROBLEM_FORMATS: readonly ExportFormat[] = ['svg', 'png', 'pdf', 'html'];
const LAYER_FORMATS: readonly ExportFormat[] = [...PROBLEM_FORMATS, 'drawio', 'dot'];
const listed = (formats: readonly string[]) => `${formats.slice(0, -1).join(', ')} and ${formats[formats.length - 1]}`;

export const exportCommand = defineCommand<ExportOptions>({
  usage: 'export <file>',
  summary: 'export a design file as topology JSON, an SVG, PNG, PDF or draw.io diagram, a Graphviz DOT graph, a bill of materials (CSV) or an HTML report',
  configure: (cmd) => {
    cmd
      .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'json')
      .requiredOption('-o, --output <file>', 'file to write, or - for standard output')
      .option('--layers <list>', `svg, png, pdf, html, drawio, dot: layers to draw, comma-separated (${EXPORT_LAYERS.join(',')}; default all)`)
      .option('--no-problems', 'svg, png, pdf, html: leave validation problems off the diagram (and out of the report)')
      .option('--scale <n>', `png: pixels per diagram unit, ${MIN_PNG_SCALE} to ${MAX_PNG_SCALE} (default 1)`)
      .option('--background <bg>', `png: ${PNG_BACKGROUNDS.join(', ')} (default light)`)
      .option('--page <size>', `pdf: ${PAGE_NAMES.join(', ')} (default A4)`)
      .option('--orientation <o>', `pdf: ${DIAGRAM_ORIENTATIONS.join(', ')} (auto: the one that prints the diagram larger; default landscape)`)
      .option('--fit <mode>', 'pdf: page (shrink onto one page) or tile (full size across overlapping pages); default page');
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
  rackplane export rack.rackplane --format png --scale 2 --background transparent -o rack.png
  rackplane export rack.rackplane --format pdf --page A3 --fit tile -o rack.pdf
  rackplane export rack.rackplane --format drawio -o rack.drawio
  rackplane export rack.rackplane --format dot --layers pcie -o rack-pcie.dot && dot -Tsvg rack-pcie.dot -o rack-pcie.svg
  rackplane export rack.rackplane --format csv -o rack-bom.csv
  rackplane export rack.rackplane --format json -o - | git diff --no-index rack.json -
`,
    );
  },
  options: ([file], raw) => {
    const format = formatOption(raw.format, FORMATS);
    const layersGiven = raw.layers !== undefined;
    const settings: RenderSettings = { layers: layersOption(raw.layers), problems: raw.problems !== false, ...pageSettings(raw, format), date: today() };
    if (layersGiven && !LAYER_FORMATS.includes(format)) throw new CliError(`--layers applies to ${listed(LAYER_FORMATS)} export only`);
    if (raw.problems === false && !PROBLEM_FORMATS.includes(format)) throw new CliError(`--no-problems applies to ${listed(PROBLEM_FORMATS)} export only`);
    return { file: file!, format, output: outputOption(raw.output), settings };
  },
  run: exportDesign,
});
