// Opening a project written in an older file layout upgrades a copy in memory and leaves the file as it was.
// A layout v2 is simulated by appending a migration to the list the store sees.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../electron/project/file-migrations', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/project/file-migrations')>();
  const list = [
    ...real.FILE_MIGRATIONS,
    {
      version: real.FILE_MIGRATIONS.length + 1,
      description: 'add simulation results',
      up: (db: import('better-sqlite3').Database) => db.exec('CREATE TABLE sim_results (id TEXT PRIMARY KEY, json TEXT NOT NULL)'),
    },
  ];
  return {
    ...real,
    FILE_MIGRATIONS: list,
    CURRENT_FILE_VERSION: list.length,
    applyFileMigrations: (db: import('better-sqlite3').Database, from: number, migrations = list, now?: string) =>
      real.applyFileMigrations(db, from, migrations, now),
  };
});

const { openProject } = await import('../../../electron/project/store');

describe('opening an older file layout', () => {
  it('migrates in memory, reports the migration, and never writes the file', () => {
    const file = join(__dirname, '../../fixtures/v1/one-host.rackplane');
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const r = openProject(file);
    if (!r.ok) throw new Error(r.reason);
    expect(r.migrations).toEqual(['file format v1→v2: add simulation results']);
    expect(Object.keys(r.design.elements)).toHaveLength(7);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });
});
