/** Entry of the `rackplane` CLI (built to out/main/cli.js and run by bin/rackplane.cjs under plain Node). */
import { readFileSync } from 'node:fs';
import { runCli } from './program';
import { describeError } from '../util/messages';
import { EXIT, reportError, type CliIo } from './io';

const io: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readStdin: () => readFileSync(0),
  stderrIsTTY: process.stderr.isTTY === true,
};

// A reader that goes away (`rackplane export … -o - | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  reportError(io, `cannot write to standard output: ${describeError(e)}`);
  process.exit(EXIT.failed);
});
// Last resort: runCli catches everything it runs, so this only sees failures outside any command.
process.on('uncaughtException', (e) => {
  reportError(io, `internal error: ${describeError(e)} (please report this with the command you ran)`);
  process.exit(EXIT.failed);
});

// exitCode rather than process.exit(): pending writes to a pipe are flushed before the process ends.
void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
