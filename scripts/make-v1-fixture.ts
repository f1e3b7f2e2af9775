/**
 * Writes test/fixtures/v1/: a small project saved by this version (file format 1, document version 1)
 * and its expected design as topology JSON. Run once per file format: the files are committed and must
 * keep opening after every later migration (test/unit/electron/store-fixtures.test.ts).
 *
 *   node --import tsx scripts/make-v1-fixture.ts [--force]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { saveProject } from '../electron/project/store';
import { exportTopologyJson } from '../shared/formats/topology';
import { v1FixtureDesign } from './v1-fixture-design';

function main(): void {
  const dir = resolve(import.meta.dirname ?? __dirname, '../test/fixtures/v1');
  mkdirSync(dir, { recursive: true });
  // The fixture proves that files written by this version keep opening; rewriting it would prove nothing.
  if (existsSync(join(dir, 'one-host.rackplane')) && !process.argv.includes('--force')) {
    process.stderr.write('test/fixtures/v1/one-host.rackplane exists and is frozen: pass --force only when creating it anew\n');
    process.exit(1);
  }
  const design = v1FixtureDesign();
  saveProject(join(dir, 'one-host.rackplane'), design);
  writeFileSync(join(dir, 'one-host.expected.json'), exportTopologyJson(design));
  process.stdout.write(`wrote ${join(dir, 'one-host.rackplane')} and one-host.expected.json\n`);
}

main();
