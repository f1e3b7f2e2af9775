/**
 * `rackplane solve-maxmin`: max-min fair rates of an instance in the measurement peers' JSON format
 * (../shared/bench: links with capacities, flows with paths), so Rackplane's solver can be checked and timed
 * against the numpy reference and SimGrid on the same files.
 */
import { solveMaxMin } from '../../../shared/sim/maxmin';
import { buildInstance, ratesJson } from '../../../shared/sim/io';
import { defineCommand } from '../command';
import { STDIO, writeOutput } from '../design-files';
import { CliError, EXIT, type CliIo } from '../io';
import { inputLabel, readJsonInput } from './read-input';

export interface SolveMaxMinOptions {
  instance: string;
  /** Where the full rates JSON goes; stdout then gets the same object without "rates". */
  out?: string;
}

const WHAT = 'a max-min instance ({"links": [...], "flows": [...]})';

export function solveMaxMinFile(opts: SolveMaxMinOptions, io: CliIo): number {
  const raw = readJsonInput(opts.instance, io, WHAT);
  const built = buildInstance(raw);
  if (!built.ok) throw new CliError(`${inputLabel(opts.instance)}: ${built.reason}`);
  const start = process.hrtime.bigint();
  const solution = solveMaxMin(built.instance);
  const solveSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const full = ratesJson(built.flowIds, built.linkIds.length, solution, solveSeconds);
  if (opts.out === undefined || opts.out === STDIO) {
    io.stdout(JSON.stringify(full) + '\n');
    return EXIT.ok;
  }
  writeOutput(opts.out, JSON.stringify(full) + '\n', io);
  const { rates: _rates, ...summary } = full;
  io.stdout(JSON.stringify(summary) + '\n');
  return EXIT.ok;
}

export const solveMaxMinCommand = defineCommand<SolveMaxMinOptions>({
  usage: 'solve-maxmin <instance>',
  summary: 'solve a max-min fair sharing instance (links, flows, paths) and print the rates',
  configure: (cmd) =>
    cmd.option('--out <file>', 'write the full rates JSON here; standard output then gets it without "rates"').addHelpText(
      'after',
      `
<instance> is JSON: {"links": [{"id", "capacity"}], "flows": [{"id", "path": [link ids], "demand"?}]}
(capacities in Gb/s; a link listed twice in a path counts twice; - reads standard input).

Output: {"peer", "n_links", "n_flows", "solve_seconds", "rates": {flow id: rate}}, one line of JSON.
A flow with an empty path and no demand is unbounded: its rate is null. solve_seconds times the
solver alone (not reading or parsing the file).

Examples:
  rackplane solve-maxmin dc1k.json > dc1k.rates.json
  rackplane solve-maxmin dc100k.json --out dc100k.rates.json
`,
    ),
  options: ([instance], raw) => {
    if (raw.out !== undefined && String(raw.out).trim() === '') throw new CliError('--out needs a file name (or - for standard output)');
    return { instance: instance!, out: raw.out === undefined ? undefined : String(raw.out) };
  },
  run: solveMaxMinFile,
});
