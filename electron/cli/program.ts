/**
 * The `rackplane` program: wires each command of commands/ into commander and turns every outcome into an exit
 * code. Nothing escapes as a stack trace: commander's usage errors, CliErrors and the store's UserFacingErrors
 * become one line `rackplane: <reason>`, and anything unexpected is reported the same way as an internal error.
 */
import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json';
import { describeError, UserFacingError } from '../util/messages';
import { missingSubcommand, type CliCommand } from './command';
import { COMMANDS } from './commands';
import { CliError, EXIT, reportError, type CliIo } from './io';

const PROGRAM_HELP = `
Exit codes:
  0  done
  1  the command could not finish (the output could not be written, or an internal error)
  2  bad arguments or unusable input; the reason is one line on stderr

Examples:
  rackplane new --template rack --hosts 16 -o rack.rackplane
  rackplane info rack.rackplane
  rackplane export rack.rackplane --format json -o rack.json
  rackplane import json rack.json -o copy.rackplane

Run rackplane help <command> for the options of each command.
`;

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('rackplane');
  // Settings made before .command() are inherited by every subcommand.
  program
    .description('Design virtualized server I/O from the command line: create, inspect, validate, simulate, import and export Rackplane designs.')
    .version(packageJson.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      // Help printed because of a usage error is replaced by our one-line message (see runCli).
      writeErr: () => {},
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', PROGRAM_HELP);
  const register = (parent: Command, spec: CliCommand): void => {
    const cmd = parent.command(spec.usage).description(spec.summary);
    spec.configure(cmd);
    if (spec.subcommands) {
      // A group has no action: commander dispatches to the subcommand named after it.
      for (const sub of spec.subcommands) register(cmd, sub);
      return;
    }
    cmd.action(async (...params: unknown[]) => {
      // commander calls the action with the positional values, then the options object, then the command.
      // A variadic argument (`<paths...>`) arrives as one array.
      const positional = params.slice(0, -2).flatMap((p) => (Array.isArray(p) ? p.map(String) : [String(p)]));
      const raw = params[params.length - 2] as Record<string, unknown>;
      setExit(await spec.invoke(positional, raw, io));
    });
  };
  for (const spec of COMMANDS) register(program, spec);
  return program;
}

/** commander's message without its `error: ` prefix. */
const commanderReason = (e: CommanderError) => e.message.replace(/^error:\s*/i, '');

/** Runs the CLI on `argv` (the arguments after the program name) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  try {
    if (argv.length === 0) throw new CliError('missing command: run rackplane --help to see the commands');
    await buildProgram(io, (code) => (exitCode = code)).parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help, --version and `help` end through here with exit code 0.
      if (e.exitCode === 0) return EXIT.ok;
      // commander answers a missing or unknown command after `help` by printing help as an error.
      const helpFor = argv[0] === 'help' ? argv[1] : undefined;
      // A group named without a subcommand (`rackplane model`) also ends as help printed as an error.
      const group = COMMANDS.find((c) => c.subcommands && c.usage === argv[0]);
      const reason =
        e.code !== 'commander.help'
          ? commanderReason(e)
          : helpFor
            ? `unknown command '${helpFor}'`
            : group?.subcommands
              ? missingSubcommand(group.usage, group.subcommands)
              : 'missing command: run rackplane --help to see the commands';
      reportError(io, reason);
      return EXIT.usage;
    }
    if (e instanceof CliError) {
      reportError(io, e.message);
      return e.exitCode;
    }
    if (e instanceof UserFacingError) {
      reportError(io, e.message);
      return EXIT.usage;
    }
    reportError(io, `internal error: ${describeError(e)} (please report this with the command you ran)`);
    return EXIT.failed;
  }
}
