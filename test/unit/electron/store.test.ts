// The project-file store against real better-sqlite3 and real temp files: round trips, overwrites,
// refusals, and every way a file can be unusable turning into a one-line reason.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../../electron/project/file-format';
import { CURRENT_FILE_VERSION } from '../../../electron/project/file-migrations';
import { openProject, saveProject } from '../../../electron/project/store';
import { arbDesign } from '../../../shared/model/arbitraries.test-support';
import { emptyDesign, type Design } from '../../../shared/model/design';
import { CURRENT_DOCUMENT_VERSION } from '../../../shared/model/migrations';
import { largeDesign } from './support/large-design';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-store-');

function opened(path: string): Design {
  const r = openProject(path);
  if (!r.ok) throw new Error(`expected ${path} to open: ${r.reason}`);
  expect(r.repairs).toEqual([]);
  return r.design;
}

function refusal(path: string): string {
  const r = openProject(path);
  expect(r.ok).toBe(false);
  return expectOneLine(r.ok ? '' : r.reason);
}

describe('saveProject / openProject round trip', () => {
  it('gives back the same design', () => {
    const dir = tempDir();
    const design = largeDesign({ hosts: 3, tag: 'round trip' });
    saveProject(join(dir, 'a.rackplane'), design);
    expect(opened(join(dir, 'a.rackplane'))).toEqual(design);
  });

  it('keeps an empty design', () => {
    const dir = tempDir();
    saveProject(join(dir, 'empty.rackplane'), emptyDesign('Nothing yet'));
    expect(opened(join(dir, 'empty.rackplane'))).toEqual(emptyDesign('Nothing yet'));
  });

  it('keeps arbitrary valid designs exactly (odd ids, unicode, lone surrogates, extreme numbers)', () => {
    const dir = tempDir();
    const file = join(dir, 'prop.rackplane');
    fc.assert(
      fc.property(arbDesign({ maxElements: 12, maxLinks: 12 }), (design) => {
        saveProject(file, design);
        const r = openProject(file);
        expect(r.ok ? r.design : r.reason).toEqual(design);
      }),
      { numRuns: 60 },
    );
  });

  it('stamps the SQLite header and records the file-level migrations that ran', () => {
    const file = join(tempDir(), 'meta.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.pragma('user_version', { simple: true })).toBe(CURRENT_FILE_VERSION);
      expect(db.prepare('SELECT version FROM migrations ORDER BY version').pluck().all()).toEqual(
        Array.from({ length: CURRENT_FILE_VERSION }, (_, i) => i + 1),
      );
      const meta = Object.fromEntries((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
      expect(meta).toMatchObject({ format: 'rackplane-project', fileVersion: String(CURRENT_FILE_VERSION), documentVersion: String(CURRENT_DOCUMENT_VERSION) });
      expect(Number.isNaN(Date.parse(meta.savedAt!))).toBe(false);
      expect(db.prepare("SELECT kind, parent FROM elements WHERE id = 'h0.vm0'").get()).toEqual({ kind: 'vm', parent: 'h0' });
      expect(db.prepare("SELECT a_element, b_element FROM links WHERE id = 'h0.vm0-vnic0'").get()).toEqual({ a_element: 'h0.vm0', b_element: 'h0.vs' });
    } finally {
      db.close();
    }
  });
});

describe('saveProject over existing files', () => {
  it('replaces an older project and leaves no temp files behind', () => {
    const dir = tempDir();
    const file = join(dir, 'p.rackplane');
    saveProject(file, largeDesign({ hosts: 2, tag: 'old' }));
    const next = largeDesign({ hosts: 3, tag: 'new' });
    saveProject(file, next);
    expect(opened(file)).toEqual(next);
    expect(readdirSync(dir)).toEqual(['p.rackplane']);
  });

  it('replaces an empty file (nothing to lose)', () => {
    const file = join(tempDir(), 'touched.rackplane');
    writeFileSync(file, '');
    saveProject(file, emptyDesign('x'));
    expect(opened(file).meta.name).toBe('x');
  });

  it('refuses to overwrite a file that is not a Rackplane project, and leaves it untouched', () => {
    const dir = tempDir();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'precious notes\n');
    const other = join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    const otherBytes = readFileSync(other);
    for (const path of [text, other]) {
      let message = '';
      try {
        saveProject(path, emptyDesign());
      } catch (e) {
        message = (e as Error).message;
      }
      expect(expectOneLine(message)).toMatch(/is not a Rackplane project: Rackplane will not overwrite it/);
    }
    expect(readFileSync(text, 'utf8')).toBe('precious notes\n');
    expect(readFileSync(other).equals(otherBytes)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'other.db']);
  });

  it('refuses a folder', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'folder.rackplane'));
    expect(() => saveProject(join(dir, 'folder.rackplane'), emptyDesign())).toThrow(/it is a folder/);
  });

  it('reports a missing folder on one line and leaves nothing behind', () => {
    const dir = tempDir();
    let message = '';
    try {
      saveProject(join(dir, 'missing', 'p.rackplane'), emptyDesign());
    } catch (e) {
      message = (e as Error).message;
    }
    expect(expectOneLine(message)).toBe(`cannot save “p.rackplane”: the folder ${join(dir, 'missing')} does not exist`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('saves through a symbolic link into the file it points to', () => {
    const dir = tempDir();
    const real = join(dir, 'real.rackplane');
    const link = join(dir, 'link.rackplane');
    saveProject(real, emptyDesign('before'));
    symlinkSync(real, link);
    saveProject(link, emptyDesign('after'));
    expect(opened(real).meta.name).toBe('after');
    expect(readdirSync(dir).sort()).toEqual(['link.rackplane', 'real.rackplane']);
  });

  it('keeps the permissions of the file it replaces', () => {
    const file = join(tempDir(), 'private.rackplane');
    saveProject(file, emptyDesign());
    chmodSync(file, 0o600);
    saveProject(file, emptyDesign('again'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('openProject refusals', () => {
  it('a missing path', () => {
    expect(refusal(join(tempDir(), 'gone.rackplane'))).toMatch(/“gone.rackplane”: it does not exist/);
  });

  it('a folder', () => {
    expect(refusal(tempDir())).toMatch(/is a folder, not a Rackplane project/);
  });

  it('an empty file', () => {
    const file = join(tempDir(), 'empty.rackplane');
    writeFileSync(file, '');
    expect(refusal(file)).toMatch(/is empty/);
  });

  it('random bytes', () => {
    const file = join(tempDir(), 'noise.rackplane');
    writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256)));
    expect(refusal(file)).toMatch(/is not a Rackplane project \(it is not a SQLite database/);
  });

  it('a SQLite database of another application', () => {
    const file = join(tempDir(), 'other.rackplane');
    const db = new Database(file);
    db.exec('CREATE TABLE songs (title TEXT)');
    db.close();
    expect(refusal(file)).toMatch(/is a database of another application/);
  });

  it('a project from a newer Rackplane', () => {
    const file = join(tempDir(), 'future.rackplane');
    saveProject(file, emptyDesign());
    const db = new Database(file);
    db.pragma('user_version = 3');
    db.close();
    expect(refusal(file)).toBe(
      `“future.rackplane” was written by a newer Rackplane (file format 3; this version reads up to ${CURRENT_FILE_VERSION}): update Rackplane to open it`,
    );
  });

  it('a project whose document comes from a newer Rackplane', () => {
    const file = join(tempDir(), 'future-doc.rackplane');
    saveProject(file, emptyDesign());
    const db = new Database(file);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'documentVersion'").run();
    db.close();
    expect(refusal(file)).toMatch(/^“future-doc.rackplane”: written by a newer Rackplane \(document version 99/);
  });

  it('a truncated project', () => {
    const file = join(tempDir(), 'cut.rackplane');
    saveProject(file, largeDesign({ hosts: 20 }));
    truncateSync(file, Math.floor(statSync(file).size / 2));
    expect(refusal(file)).toMatch(/is damaged/);
  });

  it('a project with overwritten pages', () => {
    const file = join(tempDir(), 'scribbled.rackplane');
    saveProject(file, largeDesign({ hosts: 20 }));
    const bytes = readFileSync(file);
    // Keep the 100-byte header (so it still looks like a project) and trash everything after page 1.
    for (let i = 4096; i < bytes.length; i += 3) bytes[i] = (i * 31) % 251;
    writeFileSync(file, bytes);
    expect(refusal(file)).toMatch(/is damaged/);
  });

  it('a row that is not valid JSON', () => {
    const file = join(tempDir(), 'bad-row.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    const db = new Database(file);
    db.prepare("UPDATE elements SET json = '{oops' WHERE id = 'h0.nic'").run();
    db.close();
    expect(refusal(file)).toMatch(/is damaged \(element row \d+ is not valid JSON\)/);
  });

  it('an element the schema rejects names the element', () => {
    const file = join(tempDir(), 'bad-element.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    const db = new Database(file);
    db.prepare(`UPDATE elements SET json = json_set(json, '$.vcpus', -4) WHERE id = 'h0.vm3'`).run();
    db.close();
    expect(refusal(file)).toMatch(/^“bad-element.rackplane”: element #\d+ \(h0.vm3\): vcpus/);
  });

  it('puts a file name with line breaks on one line', () => {
    const dir = tempDir();
    expectOneLine(refusal(join(dir, 'two\nlines.rackplane')));
  });
});

describe('openProject is read-only', () => {
  it('never changes the file or creates journals beside it', () => {
    const dir = tempDir();
    const file = join(dir, 'ro.rackplane');
    saveProject(file, largeDesign({ hosts: 2 }));
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    chmodSync(file, 0o444);
    opened(file);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(readdirSync(dir)).toEqual(['ro.rackplane']);
  });

  it('ignores stale temp files left by an interrupted save', () => {
    const dir = tempDir();
    const file = join(dir, 'p.rackplane');
    const design = largeDesign({ hosts: 1 });
    saveProject(file, design);
    writeFileSync(join(dir, '.p.rackplane.0123456789ab.tmp'), readFileSync(file).subarray(0, 1000));
    expect(opened(file)).toEqual(design);
  });
});
