/**
 * File-level (SQL layout) migrations of `.rackplane` projects: append-only and numbered. Entry `n`
 * lifts a file from layout `n - 1` to `n`; a new project runs them all from an empty database, an old
 * one runs the missing tail (in memory, on open). Never edit or reorder a shipped entry: the fixtures
 * in test/fixtures/v1/ prove old files keep loading.
 *
 * These change tables, not the design: document-level migrations live in shared/model/migrations.ts
 * and run inside `loadDocument`. Layout 2 added simulation scenarios and results.
 */
import type { Database } from 'better-sqlite3';

export interface FileMigration {
  /** The layout version this migration produces (1, 2, …, in order). */
  version: number;
  description: string;
  up(db: Database): void;
}

export const FILE_MIGRATIONS: readonly FileMigration[] = [
  {
    version: 1,
    description: 'meta, migrations, elements and links tables',
    up(db) {
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
        CREATE TABLE elements (id TEXT PRIMARY KEY, kind TEXT NOT NULL, parent TEXT, json TEXT NOT NULL);
        CREATE TABLE links (id TEXT PRIMARY KEY, kind TEXT NOT NULL, a_element TEXT NOT NULL, b_element TEXT NOT NULL, json TEXT NOT NULL);
      `);
    },
  },
  {
    version: 2,
    description: 'scenarios and sim_results tables',
    // Row contents are checked by shared/sim/persist.ts on read; the columns only index them.
    up(db) {
      db.exec(`
        CREATE TABLE scenarios (name TEXT PRIMARY KEY, json TEXT NOT NULL);
        CREATE TABLE sim_results (scenario TEXT PRIMARY KEY, design_fingerprint TEXT NOT NULL, run_at TEXT NOT NULL, json TEXT NOT NULL);
      `);
    },
  },
];

/** The file layout version this build writes (and the newest it reads). */
export const CURRENT_FILE_VERSION = FILE_MIGRATIONS.length;

/**
 * Runs every migration above `fromVersion`, recording each in the `migrations` table and bumping
 * `PRAGMA user_version`. The caller owns the transaction. Returns the descriptions of those run.
 */
export function applyFileMigrations(
  db: Database,
  fromVersion: number,
  migrations: readonly FileMigration[] = FILE_MIGRATIONS,
  now: string = new Date().toISOString(),
): string[] {
  const applied: string[] = [];
  for (const [i, m] of migrations.entries()) {
    if (m.version !== i + 1) throw new Error(`file migration #${i + 1} is numbered ${m.version}: the list must be 1, 2, 3, …`);
    if (m.version <= fromVersion) continue;
    m.up(db);
    db.prepare('INSERT INTO migrations (version, description, applied_at) VALUES (?, ?, ?)').run(m.version, m.description, now);
    db.pragma(`user_version = ${m.version}`);
    applied.push(`file format v${m.version - 1}→v${m.version}: ${m.description}`);
  }
  return applied;
}
