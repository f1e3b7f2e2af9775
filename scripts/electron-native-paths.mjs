// Where the Electron build of better-sqlite3 lives. Shared by scripts/ensure-electron-native.mjs, which
// builds it, and electron/main.ts, which loads it in development (plain JS so both can import it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Environment variable naming a prebuilt better_sqlite3.node for Electron; overrides the cache path. */
export const BINDING_ENV = 'RACKPLANE_SQLITE_BINDING';

/** Folder under node_modules where Rackplane keeps its per-runtime builds. */
export const CACHE_DIR = ['node_modules', '.cache', 'rackplane'];

/**
 * Path of better_sqlite3.node built for one Electron version, platform and architecture:
 * `<root>/node_modules/.cache/rackplane/better-sqlite3-electron-<version>-<platform>-<arch>/better_sqlite3.node`.
 */
export function electronBindingPath(root, electronVersion, platform, arch) {
  if (!/^\d+\.\d+\.\d+([-+.][0-9A-Za-z.-]+)?$/.test(electronVersion)) {
    throw new Error(`not an Electron version: "${electronVersion}"`);
  }
  return join(root, ...CACHE_DIR, `better-sqlite3-electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}

/**
 * The binding Electron should load in development: the env override when set, else the cache path.
 * Returns `{ path, exists }` so callers can explain a missing build.
 */
export function resolveElectronBinding({ root, electronVersion, platform, arch, env }) {
  const override = env[BINDING_ENV];
  const path = override ? override : electronBindingPath(root, electronVersion, platform, arch);
  return { path, exists: existsSync(path), fromEnv: Boolean(override) };
}
