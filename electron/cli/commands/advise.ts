/**
 * `rackplane advise`: placement advice for a scenario (shared/sim/placement.ts): which VMs to live-migrate where so
 * heavy VM↔VM and VM↔storage traffic stays inside a host or a rack, within MIG-001's rules, and the Ethernet load
 * before and after. `--apply -o OUT` writes the design with the moves added to the scenario as migrations (the plan
 * to get there), so `simulate` then shows what moving them costs; the design itself records where VMs are today.
 */
import { Option } from 'commander';
import { advisePlacement, type NetworkLoad, type PlacementAdvice } from '../../../shared/sim/placement';
import type { ProjectSimulation } from '../../../shared/sim/persist';
import type { Scenario } from '../../../shared/sim/simulate';
import { quoteName } from '../../util/messages';
import { defineCommand, outputOption } from '../command';
import { outputKind, readDesign, reportRepairs, STDIO, writeDesign } from '../design-files';
import { CliError, EXIT, printable, type CliIo } from '../io';
import { chosenScenarios, SCENARIO_HELP } from './simulate';

export interface AdviseOptions {
  file: string;
  scenario?: string;
  scenarioFile?: string;
  maxMoves: number;
  minGainGbps: number;
  format: 'text' | 'json';
  /** Where to write the design with the moves added to the scenario as migrations. */
  apply?: string;
}

const gbps = (x: number) => `${x.toFixed(2)} Gb/s`;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function loadLine(label: string, l: NetworkLoad): string {
  return `  ${label.padEnd(7)} ${gbps(l.cableGbps)} on cables (${gbps(l.interSwitchGbps)} between switches), busiest cable ${pct(l.maxUtilisation)}, ${gbps(l.carriedGbps)} carried`;
}

export function adviceText(a: PlacementAdvice, label: string): string {
  const out = [`Placement advice for scenario ${printable(a.scenario)} on ${label}: ${a.moves.length === 0 ? 'no move helps' : `${a.moves.length} move${a.moves.length === 1 ? '' : 's'}`}`];
  for (const m of a.moves) out.push(`  move ${printable(m.vm)}: ${printable(m.from)} → ${printable(m.to)} (keeps ${gbps(m.gainGbps)} × hops ${m.keeps === 'host' ? 'inside the host' : 'under the rack switch'})`);
  out.push('Ethernet load:', loadLine('before', a.before), loadLine('after', a.after));
  if (a.withdrawn.length) {
    out.push('Withdrawn (the run after them slowed traffic):');
    for (const w of a.withdrawn.slice(0, 10)) out.push(`  ${printable(w.vm)}: ${printable(w.reason)}`);
    if (a.withdrawn.length > 10) out.push(`  … and ${a.withdrawn.length - 10} more`);
  }
  if (a.pinned.length) {
    out.push('Not moved (hardware of their host):');
    for (const p of a.pinned.slice(0, 10)) out.push(`  ${printable(p.vm)}: ${printable(p.reason)}`);
    if (a.pinned.length > 10) out.push(`  … and ${a.pinned.length - 10} more`);
  }
  return out.join('\n') + '\n';
}

/** The scenario with the advice's moves appended as migrations (a VM already planned to move keeps its own). */
export function withAdvisedMigrations(s: Scenario, a: PlacementAdvice): Scenario {
  const planned = new Set(s.migrations.map((m) => m.vm));
  return { ...s, migrations: [...s.migrations, ...a.moves.filter((m) => !planned.has(m.vm)).map((m) => ({ vm: m.vm, to: m.to }))] };
}

export function adviseFile(opts: AdviseOptions, io: CliIo): number {
  const kind = opts.apply !== undefined ? outputKind(opts.apply, ['project', 'json']) : null;
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  const scenarios = chosenScenarios(d, opts);
  if (opts.apply !== undefined && scenarios.length > 1) throw new CliError(`--apply adds one scenario's moves: name it with --scenario (the file has ${scenarios.length})`);
  const advice = scenarios.map((s) => advisePlacement(d.design, s, { maxMoves: opts.maxMoves, minGainGbps: opts.minGainGbps }));
  if (opts.apply !== undefined && kind !== null) {
    const updated = withAdvisedMigrations(scenarios[0]!, advice[0]!);
    const simulation: ProjectSimulation = {
      current: updated.name,
      scenarios: [...d.simulation.scenarios.filter((s) => s.name !== updated.name), updated],
      // Its last result no longer matches the scenario.
      results: d.simulation.results.filter((r) => r.scenario.name !== updated.name),
    };
    writeDesign(opts.apply, d.design, kind, io, simulation);
  }
  const label = opts.file === STDIO ? 'standard input' : quoteName(opts.file);
  if (opts.format === 'json') {
    const json = advice.length === 1 && opts.scenarioFile === undefined ? advice[0] : { scenarios: advice };
    io.stdout(JSON.stringify(json, null, 2) + '\n');
  } else {
    io.stdout(advice.map((a) => adviceText(a, label)).join('\n'));
    if (opts.apply !== undefined && opts.apply !== STDIO) io.stdout(`wrote ${quoteName(opts.apply)}: scenario ${printable(scenarios[0]!.name)} with ${advice[0]!.moves.length} migration${advice[0]!.moves.length === 1 ? '' : 's'} added\n`);
  }
  return EXIT.ok;
}

function positive(raw: unknown, flag: string, integer: boolean): number {
  const text = String(raw).trim();
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) throw new CliError(`${flag}: expected ${integer ? 'a whole number' : 'a number'} ≥ 0, got '${printable(text)}'`);
  return n;
}

export const adviseCommand = defineCommand<AdviseOptions>({
  usage: 'advise <file>',
  summary: 'placement advice: VM moves that keep heavy traffic inside a host or a rack (within MIG-001), with the load before and after',
  configure: (cmd) =>
    cmd
      .option('-s, --scenario <name>', "scenario whose traffic to localise (as for simulate; default: the file's own scenario, else one-per-vm)")
      .option('--scenario-file <file>', 'use the scenarios of a scenario file (docs/scenarios.md): all of them, or the one --scenario names')
      .option('--max-moves <n>', 'most moves suggested', '20')
      .option('--min-gain <gbps>', 'smallest gain worth a migration, in Gb/s × hops', '0.1')
      .option('--apply <out>', 'write the design to <out> (.rackplane or .json) with the moves added to the scenario as migrations')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
      .addHelpText(
        'after',
        `
${SCENARIO_HELP}

How moves are chosen (docs/simulation.md "Placement advice"): each flow weighs what the scenario's run gives it;
a pair of ends costs weight × hops: 0 inside one host's vSwitch (same switch, same VLAN, VEB), 1 when it turns at
the first switch (same ToR/FEX; or one host across VLANs or through a VEPA/VN-Tag edge), 2 beyond. A VM moves only
to a host MIG-001 would accept: same hypervisor, its port-group networks (on the same distributed switch), its vCPUs
in logical CPUs, memory headroom (counting the moves before it). VMs with a VF, a passed-through device or an
S-channel stay. The loads come from running the scenario's flows before and after the moves.

JSON: {scenario, moves: [{vm, from, to, gainGbps, keeps, reattach}], before: {cableGbps, interSwitchGbps,
maxUtilisation, carriedGbps}, after: {…}, pinned: [{vm, reason}]}.

Examples:
  rackplane advise rack.rackplane
  rackplane advise dc.rackplane --scenario-file scenarios.json --scenario "app traffic" --format json
  rackplane advise rack.rackplane --scenario one-per-vm --apply planned.rackplane
`,
      ),
  options: ([file], raw) => {
    const opts: AdviseOptions = {
      file: file!,
      scenario: raw.scenario === undefined ? undefined : String(raw.scenario),
      maxMoves: positive(raw.maxMoves, '--max-moves', true),
      minGainGbps: positive(raw.minGain, '--min-gain', false),
      format: raw.format as AdviseOptions['format'],
    };
    if (raw.scenarioFile !== undefined) {
      if (String(raw.scenarioFile).trim() === '') throw new CliError('--scenario-file needs a file name');
      opts.scenarioFile = String(raw.scenarioFile);
    }
    if (raw.apply !== undefined) opts.apply = outputOption(raw.apply);
    return opts;
  },
  run: adviseFile,
});
