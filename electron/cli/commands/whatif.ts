/**
 * `rackplane whatif`: N-1 analysis of a scenario (shared/sim/whatif.ts). The scenario is chosen exactly as
 * `simulate` chooses it (--scenario, --scenario-file); --fail names the single failures to try one at a time.
 * Exit 1 when some failure loses a flow or migration the baseline carried (other than those of a failed host
 * itself), so a pipeline stops on a single point of failure; 2 for bad arguments, naming the bad id.
 */
import { Option } from 'commander';
import { FAILURE_SETS, failureForId, failuresOfSet, whatIf, type FailureSet, type WhatIfResult } from '../../../shared/sim/whatif';
import type { Failure } from '../../../shared/sim/failures';
import type { Design } from '../../../shared/model/design';
import { quoteName } from '../../util/messages';
import { defineCommand } from '../command';
import { readDesign, reportRepairs, STDIO } from '../design-files';
import { CliError, EXIT, printable, type CliIo } from '../io';
import { chosenScenarios, SCENARIO_HELP } from './simulate';
import { whatIfJunit, whatIfText } from './whatif-report';

export const WHATIF_FORMATS = ['text', 'json', 'junit'] as const;

export interface WhatIfOptions {
  file: string;
  scenario?: string;
  scenarioFile?: string;
  /** A failure set, or the ids of a LIST in the order given. */
  fail: FailureSet | string[];
  format: (typeof WHATIF_FORMATS)[number];
}

/** The failures `--fail` names on this design; a CliError naming the first id that names nothing failable. */
export function failuresFor(d: Design, fail: WhatIfOptions['fail']): Failure[] {
  if (!Array.isArray(fail)) return failuresOfSet(d, fail);
  return fail.map((id) => {
    const f = failureForId(d, id);
    if (typeof f === 'string') throw new CliError(`--fail: ${printable(f)}`);
    return f;
  });
}

export function whatIfFile(opts: WhatIfOptions, io: CliIo): number {
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  const scenarios = chosenScenarios(d, opts);
  const failures = failuresFor(d.design, opts.fail);
  const set = Array.isArray(opts.fail) ? `${failures.length} listed` : opts.fail;
  // Progress only on a terminal: a pipeline's log should hold the report, not a counter.
  const progress = io.stderrIsTTY ? (done: number, total: number, label: string) => io.stderr(`\rwhatif: ${done}/${total} ${printable(label)}\x1b[K`) : undefined;
  const results: WhatIfResult[] = scenarios.map((s) => {
    const r = whatIf(d.design, s, failures, { onProgress: progress });
    if (progress) io.stderr('\n');
    return r;
  });
  const label = opts.file === STDIO ? 'standard input' : quoteName(opts.file);
  switch (opts.format) {
    case 'json': {
      // Like simulate: one scenario prints its result; a whole scenario file prints every result.
      const json = results.length === 1 && opts.scenarioFile === undefined ? results[0] : { scenarios: results };
      io.stdout(JSON.stringify(json, null, 2) + '\n');
      break;
    }
    case 'text':
      io.stdout(results.map((r) => whatIfText(r, label, set)).join('\n'));
      break;
    case 'junit':
      io.stdout(whatIfJunit(results, `rackplane whatif ${opts.file} --fail ${Array.isArray(opts.fail) ? opts.fail.join(',') : opts.fail}`));
      break;
  }
  return results.some((r) => r.outcomes.some((o) => o.lost > 0)) ? EXIT.failed : EXIT.ok;
}

export const whatIfCommand = defineCommand<WhatIfOptions>({
  usage: 'whatif <file>',
  summary: 'N-1 analysis: run a scenario once per single failure and report what each one drops or slows',
  configure: (cmd) =>
    cmd
      .requiredOption('--fail <set|list>', `the single failures to try: ${FAILURE_SETS.join(', ')}, or a comma-separated list of link, switch and host ids`)
      .option('-s, --scenario <name>', "scenario to run (as for simulate; default: the file's own scenario, else one-per-vm; with --scenario-file: one of that file's)")
      .option('--scenario-file <file>', 'run the scenarios of a scenario file (docs/scenarios.md): all of them, or the one --scenario names')
      .addOption(new Option('-f, --format <format>', 'output format (junit: one testcase per failure)').choices(WHATIF_FORMATS).default('text'))
      .addHelpText(
        'after',
        `
${SCENARIO_HELP}

The baseline is the scenario as it stands (its own failures included); then each failure of --fail runs alone,
added to the scenario's failures, with exactly the semantics of a scenario failure (docs/scenarios.md):
  each-link    every Ethernet cable (host uplinks, MLAG peer links, ToR-to-spine links)
  each-switch  every switch (ToR, spine, FEX)
  each-host    every host (its own VMs' flows and migrations are dropped with it)
  LIST         ids separated by commas: links, switches and hosts, e.g. r01.tor-a,r01.h001.nic0.eth0

Per failure: flows dropped (with the reason and the rate they had), flows slowed (before → after), flows kept up
by failover (their baseline path crossed a link the failure took down and they are still carried: a team,
LAG or MLAG member or another switch took over), and migrations that no longer finish.

Exit codes: 0 no single failure loses traffic; 1 some failure drops a flow the baseline carried or stops a
migration finishing (not counting the flows and migrations of a failed host's own VMs); 2 bad arguments or
unusable input (an unknown --fail id is named on one line, nothing printed).

JSON: {scenario, baseline: {flows, carried, migrationsFinishing}, total, cancelled, outcomes: [{failure, label,
downLinks, dropped: [{flow, beforeGbps, reason, withFailedHost}], slowed: [{flow, beforeGbps, afterGbps}],
failedOver: [{flow, beforeGbps, afterGbps, movedTo}], migrationsLost: [{vm, to, reason, withFailedHost}], lost}]};
with --scenario-file: {scenarios: [result, …]}. Rates in Gb/s. Progress goes to stderr when it is a terminal.

Examples:
  rackplane whatif rack.rackplane --fail each-switch
  rackplane whatif rack.json --fail r01.tor-a,r01.h001.nic0.eth0 --format json
  rackplane whatif dc.rackplane --scenario-file scenarios.json --scenario "app traffic" --fail each-link --format junit > n-1.xml
`,
      ),
  options: ([file], raw) => {
    const text = String(raw.fail).trim();
    let fail: WhatIfOptions['fail'];
    if ((FAILURE_SETS as readonly string[]).includes(text)) fail = text as FailureSet;
    else {
      const ids = text.split(',').map((s) => s.trim());
      if (ids.some((id) => id === '')) throw new CliError(`--fail: expected ${FAILURE_SETS.join(', ')} or a comma-separated list of ids, got '${printable(text)}'`);
      fail = ids;
    }
    const opts: WhatIfOptions = { file: file!, fail, format: raw.format as WhatIfOptions['format'], scenario: raw.scenario === undefined ? undefined : String(raw.scenario) };
    if (raw.scenarioFile !== undefined) {
      if (String(raw.scenarioFile).trim() === '') throw new CliError('--scenario-file needs a file name');
      opts.scenarioFile = String(raw.scenarioFile);
    }
    return opts;
  },
  run: whatIfFile,
});
