// The parts of scripts/ensure-electron-native.mjs that can run without Electron's header server:
// path computation, skipping when a build exists, the env override, and the one-line failures.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINDING_ENV, electronBindingPath, resolveElectronBinding } from '../../../scripts/electron-native-paths.mjs';
import { downloadFailureDetail, ensureElectronNative, EnsureError } from '../../../scripts/ensure-electron-native.mjs';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-native-');
const REPO = join(__dirname, '../../..');

/** A project root whose node_modules has a fake Electron and, optionally, links to the real packages. */
function fakeRoot(opts: { electron?: string | null; link?: string[] } = {}): string {
  const root = tempDir();
  const nm = join(root, 'node_modules');
  mkdirSync(nm);
  if (opts.electron !== null) {
    mkdirSync(join(nm, 'electron'));
    writeFileSync(join(nm, 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: opts.electron ?? '45.5.0' }));
  }
  for (const pkg of opts.link ?? ['better-sqlite3']) symlinkSync(join(REPO, 'node_modules', pkg), join(nm, pkg), 'dir');
  return root;
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(EnsureError);
    return expectOneLine((e as Error).message);
  }
  throw new Error('expected an EnsureError');
}

describe('electronBindingPath', () => {
  it('names the build by Electron version, platform and architecture', () => {
    expect(electronBindingPath('/p', '45.5.0', 'linux', 'x64')).toBe(
      join('/p', 'node_modules', '.cache', 'rackplane', 'better-sqlite3-electron-45.5.0-linux-x64', 'better_sqlite3.node'),
    );
    expect(electronBindingPath('/p', '46.0.0-beta.2', 'darwin', 'arm64')).toContain('better-sqlite3-electron-46.0.0-beta.2-darwin-arm64');
  });

  it('refuses something that is not a version (it becomes part of a path)', () => {
    expect(() => electronBindingPath('/p', '../../evil', 'linux', 'x64')).toThrow(/not an Electron version/);
  });

  it('prefers the environment override', () => {
    const common = { root: '/p', electronVersion: '45.5.0', platform: 'linux', arch: 'x64' };
    expect(resolveElectronBinding({ ...common, env: { [BINDING_ENV]: '/opt/b.node' } })).toEqual({ path: '/opt/b.node', exists: false, fromEnv: true });
    expect(resolveElectronBinding({ ...common, env: {} }).path).toBe(electronBindingPath('/p', '45.5.0', 'linux', 'x64'));
  });
});

describe('ensureElectronNative', () => {
  it('skips the build when the Electron binding is already there (node-gyp is not even installed)', () => {
    const root = fakeRoot();
    const target = electronBindingPath(root, '45.5.0', process.platform, process.arch);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, 'built earlier');
    const log: string[] = [];
    expect(ensureElectronNative({ root, env: {}, log: (l) => log.push(l) })).toBe(target);
    expect(log).toEqual([`better-sqlite3 for Electron 45.5.0 is already built: ${target}`]);
  });

  it('uses an existing override and refuses a missing one', () => {
    const root = fakeRoot();
    const prebuilt = join(root, 'prebuilt.node');
    writeFileSync(prebuilt, '');
    expect(ensureElectronNative({ root, env: { [BINDING_ENV]: prebuilt } })).toBe(prebuilt);
    expect(failure(() => ensureElectronNative({ root, env: { [BINDING_ENV]: join(root, 'nope.node') } }))).toMatch(
      /RACKPLANE_SQLITE_BINDING is set to .*nope.node, which does not exist/,
    );
  });

  it('says how to install Electron when it is missing', () => {
    expect(failure(() => ensureElectronNative({ root: fakeRoot({ electron: null }), env: {} }))).toBe(
      'Electron is not installed (node_modules/electron is missing): run npm install',
    );
  });

  it('fails with one clear line when the Electron headers cannot be downloaded', () => {
    const root = fakeRoot({ link: ['better-sqlite3', 'node-gyp'] });
    const env = { ...process.env, RACKPLANE_ELECTRON_DIST_URL: 'http://127.0.0.1:9', npm_config_devdir: join(root, 'gyp') };
    expect(failure(() => ensureElectronNative({ root, env }))).toBe(
      'could not download the Electron 45.5.0 headers from http://127.0.0.1:9 (ECONNREFUSED): connect to the internet and retry, or set RACKPLANE_SQLITE_BINDING to a better_sqlite3.node built for Electron 45.5.0',
    );
  });

  it('as a script, prints that line on stderr and exits 1', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, RACKPLANE_ELECTRON_DIST_URL: 'http://127.0.0.1:9', npm_config_devdir: join(tempDir(), 'gyp') };
    delete env[BINDING_ENV];
    const target = electronBindingPath(REPO, '45.5.0', process.platform, process.arch);
    const r = spawnSync(process.execPath, [join(REPO, 'scripts/ensure-electron-native.mjs')], { env, encoding: 'utf8' });
    if (r.stdout.includes('already built')) {
      // A developer machine that has really built it: the script must then succeed without network.
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(target);
      return;
    }
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ensure-electron-native: could not download the Electron \S+ headers from http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\): .*\n$/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('downloadFailureDetail', () => {
  it('picks the network error out of node-gyp output', () => {
    expect(downloadFailureDetail('gyp ERR! stack FetchError: request to https://x failed, reason: getaddrinfo ENOTFOUND electronjs.org')).toBe('ENOTFOUND');
    expect(downloadFailureDetail('gyp ERR! 404 status code downloading tarball')).toBe('404 status code downloading tarball');
    expect(downloadFailureDetail('something else')).toBe('the download failed');
  });
});
