// Issue #17 items 1 and 4: untrusted project files are opened defensively (exact schema, no views,
// triggers or virtual tables, bounded reads, nothing written beside the file), and content that changed
// after the save is detected (content checksum, key columns) and opened as a read-only copy.
import Database from 'better-sqlite3';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProject, saveProject, type ProjectLoadResult } from '../../../electron/project/store';
import { largeDesign } from './support/large-design';
import { HOSTILE_EDITS, makeBase } from './support/fault-variants';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-hostile-');

/** A saved project (with scenarios and a result when `withSimulation`) changed by `sql`. */
function edited(sql: string, withSimulation = false): string {
  const dir = tempDir();
  const file = join(dir, 'p.rackplane');
  if (withSimulation) writeFileSync(file, makeBase(tempDir()).bytes);
  else saveProject(file, largeDesign({ hosts: 2 }));
  const db = new Database(file);
  db.exec(sql);
  db.close();
  return file;
}

function refusal(r: ProjectLoadResult): string {
  if (r.ok) throw new Error('expected a refusal');
  return expectOneLine(r.reason);
}

function flagged(r: ProjectLoadResult): string {
  if (!r.ok) throw new Error(r.reason);
  expect(r.damage, 'a damage warning').toBeDefined();
  return expectOneLine(r.damage!);
}

const edit = (name: string) => HOSTILE_EDITS.find((e) => e.name === name)!.sql;

describe('hostile schemas are refused before any table is read', () => {
  it('the recursive view that used to hang the app is refused in well under a second', () => {
    const file = edited(edit('recursive view as elements'));
    const start = performance.now();
    const reason = refusal(openProject(file));
    expect(performance.now() - start).toBeLessThan(1000);
    expect(reason).toMatch(/^“p.rackplane” was altered outside Rackplane \(its database holds a table “e0”/);
  });

  it('a recursive view under a table name names it', () => {
    expect(refusal(openProject(edited(edit('recursive view as links'))))).toContain('(“links” is a view, not a table)');
  });

  it.each([
    ['trigger', /holds a trigger “t”/],
    ['virtual table', /holds a virtual table “f”/],
    ['extra index', /holds an index “i”/],
    ['extra column', /the definition of table “elements” was changed/],
    ['generated column', /the definition of table “links” was changed/],
    ['check constraint', /the definition of table “links” was changed/],
    ['missing table', /its table “sim_results” is missing/],
    ['analyze statistics', /sqlite_stat1/],
  ])('%s', (name, pattern) => {
    expect(refusal(openProject(edited(edit(name))))).toMatch(pattern);
  });

  it('values that are not text are refused', () => {
    expect(refusal(openProject(edited(edit('blob json'))))).toMatch(/its elements table holds values that are not text/);
  });
});

describe('opening never writes beside the file', () => {
  it('a WAL-flagged project opens without creating -wal or -shm files', () => {
    const file = edited('PRAGMA journal_mode = WAL;');
    const dir = join(file, '..');
    expect(readFileSync(file)[18]).toBe(2);
    const before = readFileSync(file);
    const r = openProject(file);
    expect(r.ok && r.design).toEqual(largeDesign({ hosts: 2 }));
    expect(readdirSync(dir)).toEqual(['p.rackplane']);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('content that changed after the save', () => {
  it('a valid edit of a row opens read-only with a one-line warning', () => {
    const r = openProject(edited(edit('element renamed')));
    expect(flagged(r)).toMatch(/^“p.rackplane” changed after Rackplane saved it \(its content does not match the checksum saved with it\): Rackplane will not save over it/);
  });

  it.each(['link dropped', 'design description', 'scenario edited', 'current scenario changed', 'checksum key renamed'])('%s is flagged', (name) => {
    flagged(openProject(edited(edit(name), true)));
  });

  it('key columns are cross-checked with the JSON, also in files without a checksum', () => {
    const sql = `DELETE FROM meta WHERE key = 'contentChecksum'; UPDATE links SET json = json_set(json, '$.id', 'renamed') WHERE rowid = 1;`;
    expect(flagged(openProject(edited(sql)))).toMatch(/link row 1 \(“[^”]+”\) does not match its key columns/);
    const moved = `DELETE FROM meta WHERE key = 'contentChecksum'; UPDATE links SET json = json_set(json, '$.b.element', 'tor0') WHERE rowid = 2;`;
    expect(flagged(openProject(edited(moved)))).toMatch(/link row 2/);
    expect(flagged(openProject(edited(`DELETE FROM meta WHERE key = 'contentChecksum'; UPDATE elements SET parent = NULL WHERE rowid = 5;`)))).toMatch(/element row 5/);
  });

  it('files saved before checksums existed open without a warning', () => {
    for (const fixture of ['v1/one-host.rackplane', 'v2/three-hypervisors.rackplane']) {
      const src = join(__dirname, '../../fixtures', fixture);
      const file = join(tempDir(), 'old.rackplane');
      copyFileSync(src, file);
      const r = openProject(file);
      expect(r.ok, fixture).toBe(true);
      expect(r.ok && r.damage, fixture).toBeUndefined();
    }
  });

  it('a clean save opens without a warning, and a bit flip in a JSON value is flagged', () => {
    const file = join(tempDir(), 'flip.rackplane');
    const design = largeDesign({ hosts: 2, tag: 'find me' });
    saveProject(file, design);
    const r = openProject(file);
    expect(r.ok && r.damage).toBeUndefined();
    const bytes = readFileSync(file);
    const at = bytes.indexOf('find me');
    bytes[at] = bytes[at]! ^ 0x02; // "find" → "dind": still valid JSON, different content
    writeFileSync(file, bytes);
    flagged(openProject(file));
  });
});
