/** `rackplane export`: a design file rendered in another format. One entry in EXPORTERS per format. */
import { Option } from 'commander';
import { exportTopologyJson } from '../../../shared/formats/topology';
import type { Design } from '../../../shared/model/design';
import { defineCommand, outputOption } from '../command';
import { readDesign, reportRepairs, STDIO, writeOutput } from '../design-files';
import { EXIT, type CliIo } from '../io';
import { quoteName } from '../../util/messages';

interface Exporter {
  description: string;
  render(design: Design): string | Uint8Array;
}

/** Output formats; svg, png and pdf join here. */
export const EXPORTERS = {
  json: { description: 'topology JSON (stable, versioned; diff-friendly)', render: exportTopologyJson },
} satisfies Record<string, Exporter>;
export type ExportFormat = keyof typeof EXPORTERS;
const FORMATS = Object.keys(EXPORTERS) as ExportFormat[];

export interface ExportOptions {
  file: string;
  format: ExportFormat;
  output: string;
}

export function exportDesign(opts: ExportOptions, io: CliIo): number {
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  writeOutput(opts.output, EXPORTERS[opts.format].render(d.design), io);
  if (opts.output !== STDIO) io.stdout(`wrote ${quoteName(opts.output)}: ${opts.format}\n`);
  return EXIT.ok;
}

export const exportCommand = defineCommand<ExportOptions>({
  usage: 'export <file>',
  summary: 'export a project or topology JSON file to another format',
  configure: (cmd) =>
    cmd
      .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('json'))
      .requiredOption('-o, --output <file>', 'file to write, or - for standard output')
      .addHelpText(
        'after',
        `
Formats:
${FORMATS.map((f) => `  ${f.padEnd(6)} ${EXPORTERS[f].description}`).join('\n')}

Examples:
  rackplane export rack.rackplane --format json -o rack.json
  rackplane export rack.rackplane --format json -o - | git diff --no-index rack.json -
`,
      ),
  options: ([file], raw) => ({ file: file!, format: raw.format as ExportFormat, output: outputOption(raw.output) }),
  run: exportDesign,
});
