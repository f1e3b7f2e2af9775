/** `rackplane rules`: the validator's rule catalog (id, severity, title, description, source). */
import { Option } from 'commander';
import { ruleCatalog } from '../../../shared/validate';
import { rulesJson, rulesText } from '../../../shared/validate/report';
import { defineCommand } from '../command';
import { EXIT, type CliIo } from '../io';

export const RULES_FORMATS = ['text', 'json'] as const;

export interface RulesOptions {
  format: (typeof RULES_FORMATS)[number];
}

export function rules(opts: RulesOptions, io: CliIo): number {
  const catalog = ruleCatalog();
  io.stdout(opts.format === 'json' ? JSON.stringify(rulesJson(catalog), null, 2) + '\n' : rulesText(catalog));
  return EXIT.ok;
}

export const rulesCommand = defineCommand<RulesOptions>({
  usage: 'rules',
  summary: 'list the validator rules with their severity and source',
  configure: (cmd) =>
    cmd.addOption(new Option('-f, --format <format>', 'output format').choices(RULES_FORMATS).default('text')).addHelpText(
      'after',
      `
The JSON form is {"rules": [{id, severity, title, description, source, family}]}, in catalog order.

Examples:
  rackplane rules
  rackplane rules --format json | jq -r '.rules[] | select(.severity == "error") | .id'
`,
    ),
  options: (_args, raw) => ({ format: raw.format as RulesOptions['format'] }),
  run: rules,
});
