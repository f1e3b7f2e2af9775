#!/usr/bin/env node
// `npm run bench`: runs every *.bench.ts under test/bench, one after another (never in parallel, so they do not
// skew each other's timings), each in its own `node --import tsx` process. Arguments filter by file name:
// `npm run bench -- project-file`. Exits 1 when a benchmark fails to run; slow results are reported, not failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const filters = process.argv.slice(2);

const benches = readdirSync(here, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.bench.ts'))
  .map((e) => join(e.parentPath ?? e.path, e.name))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();

if (benches.length === 0) {
  process.stderr.write(`bench: no *.bench.ts under test/bench${filters.length ? ` matching ${filters.join(', ')}` : ''}\n`);
  process.exit(2);
}

const failed = [];
for (const file of benches) {
  const name = relative(root, file);
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed.push(`${name} (${r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit ${r.status}`})`);
}
if (failed.length) {
  process.stderr.write(`\nbench: ${failed.length} of ${benches.length} failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
