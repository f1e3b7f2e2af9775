/** `rackplane report`: the design report (summary, diagram, validation by rule, components, simulation) as one file. */
import type { ExportLayer } from '../../../shared/export/svg';
import { simulate } from '../../../shared/sim/simulate';
import { ALL_RULES, validateDesign } from '../../../shared/validate';
import { defineCommand, outputOption } from '../command';
import { readDesign, reportRepairs, STDIO, writeOutput } from '../design-files';
import { CliError, EXIT, type CliIo } from '../io';
import { quoteName } from '../../util/messages';
import { DEFAULT_RENDER, renderDesign } from '../../export/render';
import type { PdfLayoutOptions } from '../../../shared/export/page-plan';
import { formatOption, layersOption, pageSettings, today } from './export';
import { SCENARIO_HELP, scenarioFor } from './simulate';

const REPORT_FORMATS = ['html', 'pdf'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportCommandOptions {
  file: string;
  format: ReportFormat;
  output: string;
  layers: ExportLayer[];
  /** Scenario to simulate for the report's simulation section; none when absent. */
  scenario: string | null;
  /** PDF only: page size and orientation (the diagram page is always fitted). */
  layout: PdfLayoutOptions;
}

export async function writeReport(opts: ReportCommandOptions, io: CliIo): Promise<number> {
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  const simulation = opts.scenario === null ? undefined : simulate(d.design, scenarioFor(d.design, opts.scenario));
  const validation = validateDesign(d.design, ALL_RULES);
  const data = await renderDesign(d.design, opts.format === 'pdf' ? 'report-pdf' : 'html', { ...DEFAULT_RENDER, layers: opts.layers, pdf: opts.layout, date: today(), validation, simulation });
  writeOutput(opts.output, data, io);
  if (opts.output !== STDIO) {
    io.stdout(`wrote ${quoteName(opts.output)}: ${opts.format} report, ${validation.diagnostics.length} problems${simulation ? `, scenario ${simulation.scenario}` : ''}\n`);
  }
  return EXIT.ok;
}

export const reportCommand = defineCommand<ReportCommandOptions>({
  usage: 'report <file>',
  summary: 'write the design report: summary, diagram, validation by rule, components and (with --scenario) simulation',
  configure: (cmd) => {
    cmd
      .option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(', ')}`, 'html')
      .requiredOption('-o, --output <file>', 'file to write, or - for standard output')
      .option('--layers <list>', 'layers to draw in the diagram, comma-separated (pcie,ethernet,virtual; default all)')
      .option('-s, --scenario <name>', 'also simulate this scenario and add its results (see below)')
      .option('--page <size>', 'pdf: A4, A3 or letter (default A4)')
      .option('--orientation <o>', 'pdf: portrait or landscape (default portrait)');
    cmd.addHelpText(
      'after',
      `
The HTML report is one self-contained file: inline CSS, no scripts, no external resources.
The PDF report has the same sections; the diagram is vector, fitted onto its own page.

${SCENARIO_HELP}

Examples:
  rackplane report rack.rackplane -o rack-report.html
  rackplane report rack.rackplane --format pdf --page letter -o rack-report.pdf
  rackplane report rack.rackplane --scenario evacuate:r01.h001 -o rack-report.html
`,
    );
  },
  options: ([file], raw) => {
    const format = formatOption<ReportFormat>(raw.format, REPORT_FORMATS);
    const { pdf } = pageSettings({ page: raw.page, orientation: raw.orientation ?? 'portrait' }, 'pdf');
    if (format !== 'pdf' && (raw.page !== undefined || raw.orientation !== undefined)) throw new CliError(`--${raw.page !== undefined ? 'page' : 'orientation'} applies to pdf reports only, not ${format}`);
    // A report's text pages have one orientation; its diagram pages already pick the one that prints it larger.
    if (pdf.orientation === 'auto') throw new CliError('--orientation auto is for diagram exports: a report’s pages are portrait or landscape (its diagram pages pick their own)');
    const layout = { page: pdf.page, orientation: pdf.orientation, fit: pdf.fit };
    return { file: file!, format, output: outputOption(raw.output), layers: layersOption(raw.layers), scenario: raw.scenario === undefined ? null : String(raw.scenario), layout };
  },
  run: writeReport,
});
