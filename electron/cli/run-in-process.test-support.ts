/** Runs the `rackplane` CLI in this process with captured streams (test-only): the exit code and what it printed. */
import type { CliIo } from './io';
import { runCli } from './program';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += typeof t === 'string' ? t : Buffer.from(t).toString('utf8')),
    stderr: (t) => void (stderr += t),
    readStdin: () => Buffer.alloc(0),
  };
  return { code: await runCli(args, io), stdout, stderr };
}
