/**
 * How a CLI command is declared. A command is a typed function `run(options, io) → exit code`; its spec also
 * says how commander spells it and how commander's raw values become those options, so the program only wires.
 * Adding a command is adding one file under commands/ and one line to the list in commands/index.ts.
 */
import type { Command } from 'commander';
import { CliError, type CliIo } from './io';

export interface CommandSpec<O> {
  /** Name and positional arguments as commander spells them, e.g. `info <file>`. */
  usage: string;
  summary: string;
  /** Adds options, argument descriptions and help text (examples) to the commander command. */
  configure(cmd: Command): void;
  /** Typed options from commander's positional values and option object; throws CliError on a bad value. */
  options(args: string[], raw: Record<string, unknown>): O;
  run(opts: O, io: CliIo): number | Promise<number>;
}

/** A spec with its option type closed over, so specs of different commands fit in one list. */
export interface CliCommand {
  usage: string;
  summary: string;
  configure(cmd: Command): void;
  invoke(args: string[], raw: Record<string, unknown>, io: CliIo): Promise<number>;
  /** Set on a group such as `model`: its subcommands run, the group itself runs nothing. */
  subcommands?: readonly CliCommand[];
}

export function defineCommand<O>(spec: CommandSpec<O>): CliCommand {
  return {
    usage: spec.usage,
    summary: spec.summary,
    configure: (cmd) => spec.configure(cmd),
    invoke: async (args, raw, io) => spec.run(spec.options(args, raw), io),
  };
}

/** A command that only groups subcommands (`rackplane model migration`, `rackplane model pcie`). */
export function defineGroup(spec: { usage: string; summary: string; help: string; subcommands: readonly CliCommand[] }): CliCommand {
  return {
    usage: spec.usage,
    summary: spec.summary,
    subcommands: spec.subcommands,
    configure: (cmd) => void cmd.addHelpText('after', spec.help),
    invoke: () => Promise.reject(new CliError(missingSubcommand(spec.usage, spec.subcommands))),
  };
}

/** `model needs a subcommand: migration or pcie`. */
export function missingSubcommand(group: string, subcommands: readonly CliCommand[]): string {
  return `${group} needs a subcommand: ${subcommands.map((s) => s.usage.split(' ')[0]).join(' or ')} (run rackplane ${group} --help)`;
}

/** A whole-number option value, or undefined when the option was not given. */
export function wholeNumberOption(flag: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  if (!/^[+-]?\d+$/.test(text)) throw new CliError(`${flag} must be a whole number (got '${text}')`);
  return Number(text);
}

/** The value of `-o/--output`, refused when empty. */
export function outputOption(raw: unknown): string {
  const out = typeof raw === 'string' ? raw : '';
  if (out.trim() === '') throw new CliError('-o/--output needs a file name (or - for standard output where allowed)');
  return out;
}
