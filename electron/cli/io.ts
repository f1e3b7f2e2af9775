/** What a CLI command may touch besides the file system: its output streams and standard input. */
import { printableLine } from '../../shared/text/printable';

export interface CliIo {
  stdout(text: string | Uint8Array): void;
  stderr(text: string): void;
  /** All of standard input, for `-` as an input file. */
  readStdin(): Buffer;
  /** True when standard error is a terminal: long commands (whatif) then show progress there. */
  stderrIsTTY?: boolean;
}

/** Exit codes: 0 done; 1 the command could not finish (output not writable, internal error); 2 bad arguments or unusable input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the user can act on: printed as one line `rackplane: <message>`, then the process exits with `exitCode`. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(message);
  }
}

/**
 * One printable line: parsers quote bytes of the offending input in their messages, and names and port names come
 * from files, so a random or binary file must not put control characters (shown escaped: `\x1b`, `\n`) or a
 * screenful of text on the user's terminal. Undecodable bytes (U+FFFD after UTF-8 decoding) show as `?`.
 */
export function printable(text: string): string {
  return printableLine(text.replace(/\ufffd/g, '?'));
}

/** Writes the one-line report of a failure. */
export function reportError(io: CliIo, message: string): void {
  io.stderr(`rackplane: ${printable(message)}\n`);
}
