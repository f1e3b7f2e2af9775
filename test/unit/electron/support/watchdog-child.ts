/**
 * A CLI-like process for read-watchdog.test.ts: `hang` runs a SQLite statement that never ends (the recursive view's
 * query, which open-guard.ts keeps from ever running on a project) under a 1 s watchdog; `quick` arms it around a
 * read that finishes, waits past the deadline and exits normally.
 */
import Database from 'better-sqlite3';
import { withReadWatchdog } from '../../../../electron/project/read-watchdog';

const FOREVER = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c';

if (process.argv[2] === 'hang') {
  withReadWatchdog(1000, 'rackplane: reading “loop.rackplane” took longer than 1 s, so Rackplane stopped', () => new Database(':memory:').prepare(FOREVER).get());
  process.stdout.write('never here\n');
} else {
  const n = withReadWatchdog(300, 'should not be printed', () => new Database(':memory:').prepare('SELECT 42').pluck().get());
  // Past the deadline of the finished read: a disarmed watchdog stays quiet.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 800);
  process.stdout.write(`read ${String(n)}\n`);
}
