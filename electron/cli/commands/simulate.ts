/**
 * `rackplane simulate`: a traffic scenario on a design file. Flows are routed per bridging mode and share
 * capacities max-min fairly; migrations run on what the traffic leaves. Prints the result (JSON or a short
 * text table), or with --dump-maxmin writes the scenario's max-min instance for the measurement peers.
 */
import { Option } from 'commander';
import { readFileSync } from 'node:fs';
import packageJson from '../../../package.json';
import { parseScenarioFile, scenarioReferenceProblem } from '../../../shared/formats/scenarios';
import { expectationsJunit, expectationsSarif } from '../../../shared/sim/expectations-report';
import type { Design } from '../../../shared/model/design';
import { EMPTY_SIMULATION, type ProjectSimulation } from '../../../shared/sim/persist';
import { allToAll, defaultScenario, evacuate, SCENARIO_DEFAULTS } from '../../../shared/sim/scenarios';
import { MIGRATION_SCENARIO_DEFAULTS, simulate, type Scenario } from '../../../shared/sim/simulate';
import { MIGRATION_POLICIES, type MigrationPolicy } from '../../../shared/sim/migration-policy';
import { parseDuration, parseRate, type UnitResult } from '../../../shared/units/parse';
import { listNames } from '../../../shared/validate/format';
import { quoteName } from '../../util/messages';
import { defineCommand } from '../command';
import { readDesign, reportRepairs, STDIO, writeOutput, type LoadedDesign } from '../design-files';
import { CliError, EXIT, printable, type CliIo } from '../io';
import { maxMinInstance, simulationJson, simulationText } from './simulate-report';
import { artifactUri } from './validate';

export const SIMULATE_FORMATS = ['json', 'text', 'junit', 'sarif'] as const;

export interface SimulateOptions {
  file: string;
  /** `--scenario`; absent: the file's own scenario, else one-per-vm (see defaultScenarioName). */
  scenario?: string;
  /** `--scenario-file`: run the scenarios of this scenario file (all of them, or the one `--scenario` names). */
  scenarioFile?: string;
  format: (typeof SIMULATE_FORMATS)[number];
  /** Write the traffic's max-min instance here instead of printing the result. */
  dumpMaxmin?: string;
  /** Overrides the scenario's guest disk write rate (local-storage migrations), Gb/s. */
  diskWriteGbps?: number;
  /** Overrides the scenario's edge-update duration, seconds. */
  networkUpdateSec?: number;
  /** Overrides every migration's stop policy. */
  migrationPolicy?: MigrationPolicy;
  /** Overrides the migration bandwidth limit, Gb/s; null = unlimited. */
  migrationBandwidthGbps?: number | null;
}

export const SCENARIO_HELP = `Scenarios:
  one-per-vm              one elastic flow from every VM to the VM with the same index on the
                          next host (hosts in id order, the last wrapping to the first): every NIC busy
  all-to-all:HOSTA:HOSTB  every VM of host A sends to every VM of host B (A = B: VM to VM inside one host)
  evacuate:HOSTA          live-migrate every VM off host A, round-robin over the other hosts, on an idle network
  NAME                    a scenario stored in the project (saved from the app's simulation panel; see
                          rackplane info); a stored name wins over a built-in one`;

const hostIds = (d: Design) =>
  Object.values(d.elements)
    .filter((e) => e.kind === 'host')
    .map((e) => e.id)
    .sort();

function requireHost(d: Design, id: string, scenario: string): string {
  if (d.elements[id]?.kind === 'host') return id;
  const hosts = hostIds(d);
  const known = hosts.length ? `hosts: ${listNames(hosts, 3)}` : 'the design has no hosts';
  throw new CliError(`--scenario ${printable(scenario)}: no host '${printable(id)}' in the design (${known})`);
}

/** Splits `A:B` where host ids may themselves hold colons: the split whose both sides are hosts. */
function hostPair(d: Design, rest: string, scenario: string): [string, string] {
  const isHost = (id: string) => d.elements[id]?.kind === 'host';
  for (let i = rest.indexOf(':'); i >= 0; i = rest.indexOf(':', i + 1)) {
    const a = rest.slice(0, i);
    const b = rest.slice(i + 1);
    if (isHost(a) && isHost(b)) return [a, b];
  }
  const colon = rest.indexOf(':');
  if (colon < 0) throw new CliError(`--scenario ${printable(scenario)}: expected all-to-all:HOSTA:HOSTB`);
  const a = rest.slice(0, colon);
  requireHost(d, a, scenario);
  requireHost(d, rest.slice(colon + 1), scenario);
  throw new CliError(`--scenario ${printable(scenario)}: expected all-to-all:HOSTA:HOSTB`);
}

/**
 * The scenario `simulate FILE` runs without `--scenario`: the one the project marks as current (the app's open
 * scenario when it was saved; a new chapter6 project's comparison), else the only one it stores, else one-per-vm.
 * Several stored scenarios and none current would make any pick a guess, so the built-in default runs.
 */
export function defaultScenarioName(stored: ProjectSimulation): string {
  if (stored.current !== null && stored.scenarios.some((s) => s.name === stored.current)) return stored.current;
  if (stored.scenarios.length === 1) return stored.scenarios[0]!.name;
  return 'one-per-vm';
}

/** The scenario a `--scenario` value names: one stored in the project, or a built-in one built on the design. */
export function scenarioFor(d: Design, spec: string, stored: ProjectSimulation = EMPTY_SIMULATION): Scenario {
  const saved = stored.scenarios.find((s) => s.name === spec);
  if (saved) return saved;
  const base = { name: spec, flows: [], migrations: [], ...SCENARIO_DEFAULTS };
  if (spec === 'one-per-vm') return { ...defaultScenario(d), name: spec };
  if (spec.startsWith('all-to-all:')) {
    const [a, b] = hostPair(d, spec.slice('all-to-all:'.length), spec);
    return { ...base, flows: allToAll(d, a, b) };
  }
  if (spec.startsWith('evacuate:')) {
    const host = requireHost(d, spec.slice('evacuate:'.length), spec);
    return { ...base, migrations: evacuate(d, host) };
  }
  const names = stored.scenarios.map((s) => `'${printable(s.name)}'`);
  const inFile = names.length ? `, or one stored in the file: ${listNames(names, 5)}` : ' (the file stores no scenarios)';
  throw new CliError(`unknown scenario '${printable(spec)}': use one-per-vm, all-to-all:HOSTA:HOSTB or evacuate:HOSTA${inFile}`);
}

/**
 * The scenarios of a scenario file, checked against the design before anything runs: a bad file is one line naming
 * the field (`“s.json”: scenarios[0].failures[2].link: no link "x" in the design`), exit 2, and no output.
 */
export function scenariosFromFile(path: string, d: Design, only: string | undefined): Scenario[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`--scenario-file: cannot read ${quoteName(path)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = parseScenarioFile(text);
  if (!parsed.ok) throw new CliError(`${quoteName(path)}: ${parsed.reason}`);
  const problem = scenarioReferenceProblem(d, parsed.scenarios);
  if (problem) throw new CliError(`${quoteName(path)}: ${problem}`);
  if (only === undefined) {
    if (parsed.scenarios.length === 0) throw new CliError(`${quoteName(path)}: the file holds no scenarios`);
    return parsed.scenarios;
  }
  const found = parsed.scenarios.find((s) => s.name === only);
  if (found) return [found];
  throw new CliError(`--scenario ${printable(only)}: ${quoteName(path)} has no such scenario (it has ${listNames(parsed.scenarios.map((s) => `'${printable(s.name)}'`), 5)})`);
}

/**
 * The scenarios a run uses, as `simulate` and `whatif` both choose them: from `--scenario-file` (all, or the one
 * `--scenario` names), else the stored scenario or preset `--scenario` names, else the design's current one.
 */
export function chosenScenarios(d: LoadedDesign, opts: { scenario?: string; scenarioFile?: string }): Scenario[] {
  return opts.scenarioFile !== undefined
    ? scenariosFromFile(opts.scenarioFile, d.design, opts.scenario)
    : [scenarioFor(d.design, opts.scenario ?? defaultScenarioName(d.simulation), d.simulation)];
}

export function simulateFile(opts: SimulateOptions, io: CliIo): number {
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  const chosen = chosenScenarios(d, opts);
  if (opts.dumpMaxmin !== undefined && chosen.length > 1) throw new CliError(`--dump-maxmin writes one scenario: name it with --scenario (the file has ${chosen.length})`);
  const scenarios: Scenario[] = chosen.map((c) => ({
    ...c,
    ...(opts.diskWriteGbps !== undefined ? { diskWriteGbps: opts.diskWriteGbps } : {}),
    ...(opts.networkUpdateSec !== undefined ? { networkUpdateSec: opts.networkUpdateSec } : {}),
    ...(opts.migrationPolicy !== undefined ? { migrationPolicy: opts.migrationPolicy } : {}),
    ...(opts.migrationBandwidthGbps !== undefined ? { migrationBandwidthGbps: opts.migrationBandwidthGbps } : {}),
  }));
  const results = scenarios.map((s) => simulate(d.design, s));
  const label = opts.file === STDIO ? 'standard input' : quoteName(opts.file);
  if (opts.dumpMaxmin !== undefined) {
    const [scenario, result] = [scenarios[0]!, results[0]!];
    const instance = maxMinInstance(result, { source: 'rackplane simulate', design: d.design.meta.name, scenario: scenario.name, unit: 'Gb/s' });
    writeOutput(opts.dumpMaxmin, JSON.stringify(instance) + '\n', io);
    if (opts.dumpMaxmin !== STDIO) io.stdout(`wrote ${quoteName(opts.dumpMaxmin)}: ${instance.links.length} links, ${instance.flows.length} flows (scenario ${scenario.name})\n`);
    return EXIT.ok;
  }
  const outcomes = results.map((r) => ({ scenario: r.scenario, expectations: r.expectations ?? [] }));
  switch (opts.format) {
    case 'json': {
      // One scenario prints its result as before; a whole scenario file prints every result.
      const json = results.length === 1 && opts.scenarioFile === undefined ? simulationJson(results[0]!) : { scenarios: results.map(simulationJson) };
      io.stdout(JSON.stringify(json, null, 2) + '\n');
      break;
    }
    case 'text':
      io.stdout(results.map((r) => simulationText(r, label)).join('\n'));
      break;
    case 'junit':
      io.stdout(expectationsJunit(outcomes, { name: `rackplane simulate ${opts.file}${opts.scenarioFile !== undefined ? ` --scenario-file ${opts.scenarioFile}` : ''}` }));
      break;
    case 'sarif':
      io.stdout(JSON.stringify(expectationsSarif(outcomes, { toolVersion: packageJson.version, artifactUri: artifactUri(opts.scenarioFile ?? opts.file) }), null, 2) + '\n');
      break;
  }
  // A broken expectation fails the run, so a pipeline stops on it.
  return outcomes.some((o) => o.expectations.some((e) => !e.passed)) ? EXIT.failed : EXIT.ok;
}

/** A parsed rate or duration, or a CliError `--flag: expected …, got '…'`. */
function unitOption(flag: string, raw: unknown, parse: (text: string) => UnitResult): number {
  const r = parse(String(raw));
  if (!r.ok) throw new CliError(`${flag}: ${r.reason}`);
  if (!(r.value >= 0) || !Number.isFinite(r.value)) throw new CliError(`${flag} must be 0 or more (got '${printable(String(raw))}')`);
  return r.value;
}

export const simulateCommand = defineCommand<SimulateOptions>({
  usage: 'simulate <file>',
  summary: 'route a traffic scenario through a design and share capacities max-min fairly',
  configure: (cmd) =>
    cmd
      .option('-s, --scenario <name>', "scenario to run (see below; default: the file's own scenario, else one-per-vm; with --scenario-file: one of that file's)")
      .option('--scenario-file <file>', 'run the scenarios of a scenario file (docs/scenarios.md): all of them, or the one --scenario names')
      .addOption(new Option('-f, --format <format>', 'output format (junit, sarif: the scenarios\' expectations)').choices(SIMULATE_FORMATS).default('json'))
      .option('--dump-maxmin <file>', "write the scenario's max-min instance (links, flows, paths) instead of the result")
      .option('--disk-write-rate <rate>', `guest disk write rate when a migration copies a local disk (default ${MIGRATION_SCENARIO_DEFAULTS.diskWriteGbps}Gbps)`)
      .addOption(new Option('--migration-policy <name>', "every migration's stop policy (default: each source host's hypervisor picks it)").choices(MIGRATION_POLICIES))
      .option('--migration-bandwidth <rate|unlimited>', 'migration bandwidth limit per stream, e.g. 128MiB/s (QEMU\'s own default) (default: unlimited, as libvirt, Xen and vMotion run)')
      .option('--network-update <duration>', `time for the edge to learn a migrated VM's location (default ${MIGRATION_SCENARIO_DEFAULTS.networkUpdateSec * 1000}ms)`)
      .addHelpText(
        'after',
        `
${SCENARIO_HELP}

With --scenario-file S.json: the scenarios of that file (format rackplane-scenarios, version 1; docs/scenarios.md),
checked against the design first (an unknown id is one line naming the field, exit 2, nothing printed). A
scenario's failures take links, switches, NIC ports, team members or hosts down before it runs; its expectations
(minRate, maxUtilisation, maxDowntime, maxTotal, noDrops) are judged after it. JSON of a scenario file:
{scenarios: [result, …]}; each result has expectations [{kind, label, subject, expected, measured, passed, message}].

Exit codes: 0 done and every expectation holds, 1 an expectation failed (or the output could not be written),
2 unusable input or bad arguments.

Without --scenario: the scenario the project marks as current (the one open in the app when it was saved, or
the one a template stored, e.g. new --template chapter6), else the project's only stored scenario, else one-per-vm.

JSON: {scenario, summary, flows: [{id, rate, demand, mode, path, bottleneck, pcieCrossings, dropped}],
resources (busy ones: {id, kind, ref, capacity, load, utilisation}), vswitchCpu, migrations,
protocolEfficiency}. Rates and capacities in Gb/s. A migration's result adds storageBytes/storageSeconds
(the local-disk copy, 0 on shared storage), networkUpdateSeconds and networkUpdateInDowntime (the edge update;
edgeUpdate says rarp or vdp-associate). A migration also has policy, bandwidthLimitGbps and rateSteps [{t, gbps}]
(its rate over time); rateGbps is its average over its stream; one that does not finish has result null and
dropped "does not finish: …". A flow's rate is its rate at t = 0 (rateSteps when it changed); a resource's load is
its peak over the run (durationSeconds).

Examples:
  rackplane simulate rack.rackplane --format text
  rackplane simulate rack.rackplane --scenario all-to-all:r01.h001:r01.h002
  rackplane simulate rack.rackplane --scenario evacuate:r01.h001 --format text
  rackplane simulate rack.rackplane --scenario "evacuate esx-r01-h001"   (a stored scenario)
  rackplane simulate dc.rackplane --dump-maxmin dc.instance.json && rackplane solve-maxmin dc.instance.json
  rackplane simulate rack.json --scenario-file scenarios.json --format junit > simulation.xml
  rackplane simulate rack.json --scenario-file scenarios.json --scenario "tor-a down" --format sarif > sim.sarif
`,
      ),
  options: ([file], raw) => {
    const dump = raw.dumpMaxmin === undefined ? undefined : String(raw.dumpMaxmin);
    if (dump !== undefined && dump.trim() === '') throw new CliError('--dump-maxmin needs a file name (or - for standard output)');
    const opts: SimulateOptions = { file: file!, scenario: raw.scenario === undefined ? undefined : String(raw.scenario), format: raw.format as SimulateOptions['format'], dumpMaxmin: dump };
    if (raw.scenarioFile !== undefined) {
      if (String(raw.scenarioFile).trim() === '') throw new CliError('--scenario-file needs a file name');
      opts.scenarioFile = String(raw.scenarioFile);
    }
    if (raw.diskWriteRate !== undefined) opts.diskWriteGbps = unitOption('--disk-write-rate', raw.diskWriteRate, parseRate) / 1e9;
    if (raw.networkUpdate !== undefined) opts.networkUpdateSec = unitOption('--network-update', raw.networkUpdate, parseDuration);
    if (raw.migrationPolicy !== undefined) opts.migrationPolicy = raw.migrationPolicy as MigrationPolicy;
    if (raw.migrationBandwidth !== undefined) {
      const text = String(raw.migrationBandwidth);
      const gbps = text === 'unlimited' ? null : unitOption('--migration-bandwidth', text, parseRate) / 1e9;
      if (gbps === 0) throw new CliError("--migration-bandwidth must be more than 0 (or 'unlimited')");
      opts.migrationBandwidthGbps = gbps;
    }
    return opts;
  },
  run: simulateFile,
});
