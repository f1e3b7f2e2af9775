/**
 * Writes test/fixtures/v2/: a project saved at document version 2 and its expected design as topology JSON
 * (also version 2). Run once, by the last build that wrote version 2: the files are committed, frozen, and must keep
 * opening after every later migration (test/unit/electron/store-fixtures.test.ts).
 *
 *   node --import tsx scripts/make-v2-fixture.ts [--force]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { saveProject } from '../electron/project/store';
import { exportTopologyJson } from '../shared/formats/topology';
import { v2FixtureDesign } from './v2-fixture-design';

function main(): void {
  const dir = resolve(import.meta.dirname ?? __dirname, '../test/fixtures/v2');
  mkdirSync(dir, { recursive: true });
  if (existsSync(join(dir, 'three-hypervisors.rackplane')) && !process.argv.includes('--force')) {
    process.stderr.write('test/fixtures/v2/three-hypervisors.rackplane exists and is frozen: pass --force only when creating it anew\n');
    process.exit(1);
  }
  const design = v2FixtureDesign();
  saveProject(join(dir, 'three-hypervisors.rackplane'), design);
  writeFileSync(join(dir, 'three-hypervisors.expected.json'), exportTopologyJson(design));
  process.stdout.write(`wrote ${join(dir, 'three-hypervisors.rackplane')} and three-hypervisors.expected.json\n`);
}

main();
