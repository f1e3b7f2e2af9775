/** `rackplane new`: a design from a template, written as a project or as topology JSON. */
import { Option } from 'commander';
import { countByKind } from '../../../shared/model/design';
import { isTemplateName, makeTemplate, resolveTemplateOptions, TEMPLATE_DESCRIPTIONS, TEMPLATE_LIMITS, TEMPLATE_NAMES, templateSimulation, type TemplateName } from '../../../shared/templates';
import { defineCommand, outputOption, wholeNumberOption } from '../command';
import { outputKind, STDIO, writeDesign, type OutputKind } from '../design-files';
import { CliError, EXIT, type CliIo } from '../io';
import { quoteName } from '../../util/messages';

export interface NewOptions {
  template: TemplateName;
  hosts?: number;
  vmsPerHost?: number;
  output: string;
}

/** Builds the template and writes it; the output kind follows the extension of `output`. */
export function newDesign(opts: NewOptions, io: CliIo): number {
  const kind: OutputKind = outputKind(opts.output, ['project', 'json']);
  const sizes = { hosts: opts.hosts, vmsPerHost: opts.vmsPerHost };
  const resolved = resolveTemplateOptions(opts.template, sizes);
  if (!resolved.ok) throw new CliError(`cannot make the ${opts.template} template: ${resolved.reason}`);
  const design = makeTemplate(opts.template, sizes);
  // The template's scenario (chapter6: the book's two flows) is stored in a project, or in topology JSON's `scenarios`.
  const simulation = templateSimulation(opts.template);
  writeDesign(opts.output, design, kind, io, simulation ?? undefined);
  if (opts.output !== STDIO) {
    const counts = countByKind(design);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const summary = `${plural(Object.keys(design.elements).length, 'element')} (${plural(counts.host, 'host')}, ${plural(counts.vm, 'VM')}), ${plural(Object.keys(design.links).length, 'link')}`;
    const stored = simulation && kind === 'project' ? `; scenario '${simulation.current}' stored (rackplane simulate runs it)` : '';
    io.stdout(`wrote ${quoteName(opts.output)}: ${opts.template} template, ${summary}${stored}\n`);
  }
  return EXIT.ok;
}

const EXAMPLES = `
Templates:
${TEMPLATE_NAMES.map((n) => `  ${n.padEnd(12)} ${TEMPLATE_DESCRIPTIONS[n]}`).join('\n')}

The output is a project for *.rackplane, topology JSON for *.json or - (standard output).
Limits: up to ${TEMPLATE_LIMITS.maxHosts} hosts, ${TEMPLATE_LIMITS.maxVmsPerHost} VMs per host, ${TEMPLATE_LIMITS.maxVms} VMs in all.

Examples:
  rackplane new -o lab.rackplane
  rackplane new --template rack --hosts 16 --vms-per-host 20 -o rack.rackplane
  rackplane new --template fabric --hosts 2000 --vms-per-host 20 -o dc.rackplane
  rackplane new --template single-host -o - | jq '.elements | length'
  rackplane new --template chapter6 -o c.rackplane && rackplane simulate c.rackplane --format text
`;

export const newCommand = defineCommand<NewOptions>({
  usage: 'new',
  summary: 'create a design from a template',
  configure: (cmd) =>
    cmd
      .addOption(new Option('-t, --template <name>', 'template to start from').choices(TEMPLATE_NAMES).default('empty'))
      .option('--hosts <n>', 'number of hosts (rack: 8, fabric: 160 when omitted)')
      .option('--vms-per-host <m>', 'VMs in each host (single-host: 4, rack and fabric: 10 when omitted)')
      .requiredOption('-o, --output <file>', 'file to write: *.rackplane, *.json, or - for standard output')
      .addHelpText('after', EXAMPLES),
  options: (_args, raw) => {
    const template = String(raw.template);
    if (!isTemplateName(template)) throw new CliError(`unknown template '${template}' (one of ${TEMPLATE_NAMES.join(', ')})`);
    return {
      template,
      hosts: wholeNumberOption('--hosts', raw.hosts),
      vmsPerHost: wholeNumberOption('--vms-per-host', raw.vmsPerHost),
      output: outputOption(raw.output),
    };
  },
  run: newDesign,
});
