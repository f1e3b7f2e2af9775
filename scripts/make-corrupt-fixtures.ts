/**
 * Writes test/fixtures/corrupt/: files that must never open as projects, each refused with its own
 * one-line reason (test/unit/electron/store-fixtures.test.ts; the CLI's tests can use them too).
 *
 *   node --import tsx scripts/make-corrupt-fixtures.ts
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { saveProject } from '../electron/project/store';
import { v1FixtureDesign } from './v1-fixture-design';

const dir = resolve(import.meta.dirname ?? __dirname, '../test/fixtures/corrupt');
mkdirSync(dir, { recursive: true });
const path = (name: string) => join(dir, name);
const fresh = (name: string) => {
  rmSync(path(name), { force: true });
  return path(name);
};

writeFileSync(fresh('empty.rackplane'), '');
writeFileSync(fresh('not-sqlite.rackplane'), '{"format": "rackplane-topology", "note": "JSON saved under a project name"}\n');

const foreign = new Database(fresh('foreign.rackplane'));
foreign.exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.com/');");
foreign.close();

saveProject(fresh('newer-format.rackplane'), v1FixtureDesign());
const newer = new Database(path('newer-format.rackplane'));
newer.pragma('user_version = 3');
newer.close();

saveProject(fresh('truncated.rackplane'), v1FixtureDesign());
const whole = readFileSync(path('truncated.rackplane'));
writeFileSync(path('truncated.rackplane'), whole.subarray(0, Math.floor(whole.length / 2)));

process.stdout.write(`wrote ${dir}\n`);
