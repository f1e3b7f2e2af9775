// Issue #17: the CLI reads projects in process, and a SQLite statement cannot be stopped from JavaScript (no progress
// handler in better-sqlite3; a worker stuck in SQLite can be neither terminated nor waited out at exit). The schema
// check keeps such statements away from every project; the watchdog (read-watchdog.ts) bounds the read anyway: a read
// past its deadline ends the process with one line. Run in child processes, since it ends the process it guards.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CHILD = join(__dirname, 'support/watchdog-child.ts');
const run = (mode: string) => spawnSync(process.execPath, ['--import', 'tsx', CHILD, mode], { encoding: 'utf8', timeout: 60_000, cwd: join(__dirname, '../../..') });

describe('the CLI read watchdog', () => {
  it('ends a process stuck in a SQLite statement past the deadline, with one line on stderr', () => {
    const r = run('hang');
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('rackplane: reading “loop.rackplane” took longer than 1 s, so Rackplane stopped\n');
  });

  it('stays quiet once the read has finished, and never keeps the process alive', () => {
    const r = run('quick');
    expect([r.status, r.signal, r.stderr]).toEqual([0, null, '']);
    expect(r.stdout).toBe('read 42\n');
  });
});
