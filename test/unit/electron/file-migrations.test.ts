// The runner of file-level (SQL layout) migrations, on in-memory databases.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyFileMigrations, CURRENT_FILE_VERSION, FILE_MIGRATIONS, type FileMigration } from '../../../electron/project/file-migrations';

const NOW = '2025-01-01T00:00:00.000Z';
const extra: FileMigration[] = [
  { version: 2, description: 'add simulation results', up: (db) => db.exec('CREATE TABLE sim_results (id TEXT PRIMARY KEY, json TEXT NOT NULL)') },
  { version: 3, description: 'add validation settings', up: (db) => db.exec('CREATE TABLE validation (rule TEXT PRIMARY KEY, enabled INTEGER NOT NULL)') },
];
const tables = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

describe('applyFileMigrations', () => {
  it('builds the current layout from an empty database', () => {
    const db = new Database(':memory:');
    const applied = applyFileMigrations(db, 0, FILE_MIGRATIONS, NOW);
    expect(applied).toHaveLength(CURRENT_FILE_VERSION);
    expect(applied[0]).toBe('file format v0→v1: meta, migrations, elements and links tables');
    expect(applied[1]).toBe('file format v1→v2: scenarios and sim_results tables');
    expect(tables(db)).toEqual(['elements', 'links', 'meta', 'migrations', 'scenarios', 'sim_results']);
    expect(db.pragma('user_version', { simple: true })).toBe(CURRENT_FILE_VERSION);
  });

  it('runs only the missing tail and records each migration', () => {
    const db = new Database(':memory:');
    applyFileMigrations(db, 0, FILE_MIGRATIONS.slice(0, 1), NOW);
    const list = [...FILE_MIGRATIONS.slice(0, 1), ...extra];
    expect(applyFileMigrations(db, 1, list, NOW)).toEqual(['file format v1→v2: add simulation results', 'file format v2→v3: add validation settings']);
    expect(tables(db)).toContain('sim_results');
    expect(db.prepare('SELECT version, description, applied_at FROM migrations ORDER BY version').all()).toEqual([
      { version: 1, description: 'meta, migrations, elements and links tables', applied_at: NOW },
      { version: 2, description: 'add simulation results', applied_at: NOW },
      { version: 3, description: 'add validation settings', applied_at: NOW },
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(applyFileMigrations(db, 3, list, NOW)).toEqual([]);
  });

  it('refuses a list that is not numbered 1, 2, 3, …', () => {
    const db = new Database(':memory:');
    expect(() => applyFileMigrations(db, 0, [FILE_MIGRATIONS[0]!, extra[1]!], NOW)).toThrow(/must be 1, 2, 3/);
  });
});
