/** `rackplane validate`: every validator rule over a design file, reported as text, JSON, JUnit XML or SARIF. */
import { Option } from 'commander';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import packageJson from '../../../package.json';
import { ALL_RULES, ruleCatalog, validateDesign } from '../../../shared/validate';
import { VALIDATION_FORMATS, validationJson, validationJunit, validationSarif, validationText, type ValidationFormat } from '../../../shared/validate/report';
import { defineCommand } from '../command';
import { readDesign, reportRepairs, STDIO } from '../design-files';
import { EXIT, type CliIo } from '../io';

export interface ValidateOptions {
  file: string;
  format: ValidationFormat;
}

/** Exit code of a validation: 1 when any diagnostic is an error (unusable input already exited 2). */
export const VALIDATION_FAILED = EXIT.failed;

/** The design file as a SARIF artifact URI: relative to the working directory when inside it, else file://. */
export function artifactUri(file: string): string | undefined {
  if (file === STDIO) return undefined;
  const rel = relative(process.cwd(), file);
  if (isAbsolute(file) && (rel.startsWith('..') || isAbsolute(rel))) return pathToFileURL(file).href;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

export function validate(opts: ValidateOptions, io: CliIo): number {
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  const result = validateDesign(d.design, ALL_RULES);
  const catalog = ruleCatalog();
  switch (opts.format) {
    case 'text':
      io.stdout(validationText(result, { rules: catalog.length }));
      break;
    case 'json':
      io.stdout(JSON.stringify(validationJson(result), null, 2) + '\n');
      break;
    case 'junit':
      io.stdout(validationJunit(result, catalog, { name: `rackplane validate ${opts.file}` }));
      break;
    case 'sarif':
      io.stdout(JSON.stringify(validationSarif(result, catalog, { toolVersion: packageJson.version, artifactUri: artifactUri(opts.file) }), null, 2) + '\n');
      break;
  }
  return result.summary.error > 0 ? VALIDATION_FAILED : EXIT.ok;
}

export const validateCommand = defineCommand<ValidateOptions>({
  usage: 'validate <file>',
  summary: 'check a design against every validator rule (exit 1 when there are errors)',
  configure: (cmd) =>
    cmd
      .addOption(new Option('-f, --format <format>', 'report format').choices(VALIDATION_FORMATS).default('text'))
      .addHelpText(
        'after',
        `
<file> is a .rackplane project or topology JSON (- reads topology JSON from standard input).

Formats:
  text   one line per diagnostic (error PCI-002 r01.h001.nic0: …) and a summary line
  json   {"diagnostics": [{rule, severity, message, elements, links, fix?}], "summary": {error, warning, info}}
  junit  JUnit XML: a test suite per rule family, a test case per rule; errors and warnings fail it
  sarif  SARIF 2.1.0 for code-scanning dashboards; results located by element id

Exit codes: 0 no errors (warnings and info allowed), 1 errors found, 2 unusable input or bad arguments.

Examples:
  rackplane validate rack.rackplane
  rackplane validate rack.rackplane --format junit > validation.xml
  rackplane validate rack.rackplane --format sarif > rackplane.sarif
  rackplane validate --format json rack.rackplane | jq '.diagnostics[] | select(.severity == "error")'
`,
      ),
  options: ([file], raw) => ({ file: file!, format: raw.format as ValidationFormat }),
  run: validate,
});
