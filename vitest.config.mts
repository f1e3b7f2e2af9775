import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The installation key that lets this build trust its own project files (electron/project/schema-fingerprint.ts)
// lives in a temp folder for the tests, never in the user's real settings folder.
const env = { RACKPLANE_KEY_DIR: join(tmpdir(), 'rackplane-test-installation') };

export default defineConfig({
  test: {
    // better-sqlite3 is a native addon: forks keep each test file in its own process.
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          env,
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/cli/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          env,
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Installer configuration checks: the electron-builder schema and a --dir packaging run with a
        // stub Electron (test/packaging/). Relies on out/, which `npm test` builds first.
        test: {
          name: 'packaging',
          env,
          include: ['test/packaging/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
