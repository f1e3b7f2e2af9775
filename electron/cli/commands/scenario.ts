/**
 * `rackplane scenario list|export|import`: moves simulation scenarios between a design (a project's stored
 * scenarios, or a topology document's `scenarios`) and scenario files (docs/scenarios.md), so a design's
 * scenarios can be kept in a repository and run by `simulate --scenario-file`.
 */
import { Option } from 'commander';
import { exportScenarioFile } from '../../../shared/formats/scenarios';
import type { ProjectSimulation } from '../../../shared/sim/persist';
import type { Scenario } from '../../../shared/sim/simulate';
import { listNames } from '../../../shared/validate/format';
import { quoteName } from '../../util/messages';
import { defineCommand, defineGroup, outputOption } from '../command';
import { outputKind, readDesign, reportRepairs, writeDesign, writeOutput } from '../design-files';
import { CliError, EXIT, printable, type CliIo } from '../io';
import { scenariosFromFile } from './simulate';

const collect = (v: string, list: string[]) => [...list, v];
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** One line per scenario: name, what it holds, and whether it is the one `simulate` runs by default. */
function listScenarios(opts: { file: string; format: 'text' | 'json' }, io: CliIo): number {
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  const rows = d.simulation.scenarios.map((s) => ({
    name: s.name,
    current: s.name === d.simulation.current,
    flows: s.flows.length,
    migrations: s.migrations.length,
    failures: s.failures?.length ?? 0,
    expectations: s.expectations?.length ?? 0,
  }));
  if (opts.format === 'json') io.stdout(JSON.stringify({ scenarios: rows }, null, 2) + '\n');
  else if (rows.length === 0) io.stdout(`${quoteName(opts.file)} stores no scenarios\n`);
  else
    for (const r of rows)
      io.stdout(`${printable(r.name)}${r.current ? ' (current)' : ''}: ${count(r.flows, 'flow')}, ${count(r.migrations, 'migration')}, ${count(r.failures, 'failure')}, ${count(r.expectations, 'expectation')}\n`);
  return EXIT.ok;
}

/** The stored scenarios `names` picks (all of them when empty); an unknown name is an error listing the stored ones. */
function pick(stored: readonly Scenario[], names: readonly string[], file: string): Scenario[] {
  if (names.length === 0) return [...stored];
  return names.map((n) => {
    const s = stored.find((x) => x.name === n);
    if (s) return s;
    const known = stored.length ? `it has ${listNames(stored.map((x) => `'${printable(x.name)}'`), 5)}` : 'it stores none';
    throw new CliError(`--scenario ${printable(n)}: ${quoteName(file)} stores no such scenario (${known})`);
  });
}

function exportScenarios(opts: { file: string; output: string; names: string[] }, io: CliIo): number {
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  const chosen = pick(d.simulation.scenarios, opts.names, opts.file);
  if (chosen.length === 0) throw new CliError(`${quoteName(opts.file)} stores no scenarios to export`);
  writeOutput(opts.output, exportScenarioFile(chosen), io);
  if (opts.output !== '-') io.stdout(`wrote ${quoteName(opts.output)}: ${count(chosen.length, 'scenario')}\n`);
  return EXIT.ok;
}

/**
 * Adds a scenario file's scenarios to a design and writes the result: checked against the design first, so a bad
 * file writes nothing. A name the design already stores is refused unless --replace, which also drops its last result.
 */
function importScenarios(opts: { file: string; scenarios: string; output: string; replace: boolean }, io: CliIo): number {
  const kind = outputKind(opts.output, ['project', 'json']);
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  const incoming = scenariosFromFile(opts.scenarios, d.design, undefined);
  const names = new Set(incoming.map((s) => s.name));
  const clash = d.simulation.scenarios.find((s) => names.has(s.name));
  if (clash && !opts.replace) throw new CliError(`${quoteName(opts.file)} already stores a scenario named '${printable(clash.name)}': use --replace to overwrite it`);
  const kept = d.simulation.scenarios.filter((s) => !names.has(s.name));
  const simulation: ProjectSimulation = {
    // Without a current scenario the app would open an empty simulation panel: the first imported one becomes current.
    current: d.simulation.current ?? incoming[0]?.name ?? null,
    scenarios: [...kept, ...incoming],
    results: d.simulation.results.filter((r) => !names.has(r.scenario.name)),
  };
  writeDesign(opts.output, d.design, kind, io, simulation);
  if (opts.output !== '-') io.stdout(`wrote ${quoteName(opts.output)}: ${count(incoming.length, 'scenario')} imported, ${simulation.scenarios.length} stored in all\n`);
  return EXIT.ok;
}

const listCommand = defineCommand<{ file: string; format: 'text' | 'json' }>({
  usage: 'list <file>',
  summary: 'list the scenarios a project (or a topology JSON document) stores',
  configure: (cmd) => cmd.addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text')),
  options: ([file], raw) => ({ file: file!, format: raw.format as 'text' | 'json' }),
  run: listScenarios,
});

const exportCommand = defineCommand<{ file: string; output: string; names: string[] }>({
  usage: 'export <file>',
  summary: 'write the stored scenarios of a design as a scenario file',
  configure: (cmd) =>
    cmd
      .requiredOption('-o, --output <file>', 'the scenario file to write (- for standard output)')
      .option('-s, --scenario <name>', 'export only this scenario (repeat for several; default: all)', collect, []),
  options: ([file], raw) => ({ file: file!, output: outputOption(raw.output), names: (raw.scenario as string[] | undefined) ?? [] }),
  run: exportScenarios,
});

const importCommand = defineCommand<{ file: string; scenarios: string; output: string; replace: boolean }>({
  usage: 'import <file> <scenario-file>',
  summary: "add a scenario file's scenarios to a design and write it (a project, or topology JSON with a scenarios array)",
  configure: (cmd) =>
    cmd
      .requiredOption('-o, --output <file>', 'where to write the design with its scenarios (.rackplane or .json; may be <file> itself)')
      .option('--replace', 'overwrite stored scenarios of the same names (their last results are dropped)'),
  options: ([file, scenarios], raw) => ({ file: file!, scenarios: scenarios!, output: outputOption(raw.output), replace: raw.replace === true }),
  run: importScenarios,
});

export const scenarioCommand = defineGroup({
  usage: 'scenario',
  summary: 'move simulation scenarios between a design and scenario files (list, export, import)',
  subcommands: [listCommand, exportCommand, importCommand],
  help: `
A scenario file (format rackplane-scenarios, version 1; docs/scenarios.md) holds flows, migrations, failures and
expectations; rackplane simulate FILE --scenario-file S.json runs it.

Examples:
  rackplane scenario list rack.rackplane
  rackplane scenario export rack.rackplane -o scenarios.json
  rackplane scenario import rack.rackplane scenarios.json -o rack.rackplane --replace
`,
});
