// Opening a project written in an older file layout upgrades a copy in memory and leaves the file as it was.
// A layout newer than this build's is simulated by appending a migration to the list the store sees, so the
// v1 fixture runs the real v1→v2 step and then the appended one.
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
      description: 'add validation settings',
      up: (db: import('better-sqlite3').Database) => db.exec('CREATE TABLE validation (rule TEXT PRIMARY KEY, enabled INTEGER NOT NULL)'),
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
    expect(r.migrations).toEqual(['file format v1→v2: scenarios and sim_results tables', 'file format v2→v3: add validation settings', 'v1→v2: VMs gained a disk size (diskGiB, set to 0: no local disk copied on migration)', 'v2→v3: virtual switches gained a team policy, standby uplinks, an MTU (1500) and overlay bytes (0); NICs and switches an MTU (1500); VMs NUMA nodes (any); hosts an IOMMU flag (on)']);
    expect(r.simulation).toEqual({ current: null, scenarios: [], results: [] });
    expect(Object.keys(r.design.elements)).toHaveLength(7);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });
});
