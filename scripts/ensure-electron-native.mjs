#!/usr/bin/env node
// Run before `npm start` / `npm run dev`. better-sqlite3 is a native addon, and Electron's ABI differs
// from Node's, so one build cannot serve both. This keeps node_modules/better-sqlite3 built for Node
// (tests, CLI) and builds a second copy for Electron into node_modules/.cache/rackplane/…, which
// electron/main.ts passes as better-sqlite3's `nativeBinding` when the app is not packaged. So
// `npm start` and `npm test` work in any order, with no manual rebuilds.
//
// Environment:
//   RACKPLANE_SQLITE_BINDING      use this prebuilt better_sqlite3.node for Electron (skips the build)
//   RACKPLANE_ELECTRON_DIST_URL   where to fetch Electron headers (default https://electronjs.org/headers)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BINDING_ENV, electronBindingPath } from './electron-native-paths.mjs';

export const DEFAULT_DIST_URL = 'https://electronjs.org/headers';
const TAG = 'ensure-electron-native';

/** A failure whose message is the one line the user sees. */
export class EnsureError extends Error {}

/** The Electron version installed under `root`, or an EnsureError saying how to install it. */
export function installedElectronVersion(root) {
  const pkg = join(root, 'node_modules', 'electron', 'package.json');
  if (!existsSync(pkg)) throw new EnsureError('Electron is not installed (node_modules/electron is missing): run npm install');
  return JSON.parse(readFileSync(pkg, 'utf8')).version;
}

/** The most telling line of a failed download, for the one-line message. */
export function downloadFailureDetail(output) {
  const m = /(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|CERT_[A-Z_]+|\b[45]\d\d\b[^\n]*status[^\n]*|status code \d+[^\n]*)/.exec(output);
  return m ? m[1].trim() : 'the download failed';
}

function nodeGyp(root, args, opts) {
  const script = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!existsSync(script)) throw new EnsureError('node-gyp is not installed (node_modules/node-gyp is missing): run npm install');
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', ...opts });
}

/** Loads the Node build of better-sqlite3 in a child process; true when it works under this Node. */
export function nodeBindingWorks(root) {
  const probe = `require(${JSON.stringify(join(root, 'node_modules', 'better-sqlite3'))})(':memory:').close()`;
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure both builds exist. Returns the Electron binding path. `log` receives progress lines;
 * failures throw EnsureError with a one-line message.
 */
export function ensureElectronNative({ root, env = process.env, log = () => {} }) {
  if (!nodeBindingWorks(root)) {
    log('node_modules/better-sqlite3 does not load under this Node (built for another runtime?): running npm rebuild better-sqlite3');
    const npm = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
    if (npm.status !== 0 || !nodeBindingWorks(root)) {
      throw new EnsureError('better-sqlite3 does not load under Node and npm rebuild better-sqlite3 failed: reinstall with rm -rf node_modules && npm install');
    }
  }

  const override = env[BINDING_ENV];
  if (override) {
    if (!existsSync(override)) throw new EnsureError(`${BINDING_ENV} is set to ${override}, which does not exist: fix the path or unset it`);
    log(`using ${override} from ${BINDING_ENV}`);
    return override;
  }

  const version = installedElectronVersion(root);
  const target = electronBindingPath(root, version, process.platform, process.arch);
  if (existsSync(target)) {
    log(`better-sqlite3 for Electron ${version} is already built: ${target}`);
    return target;
  }

  const distUrl = env.RACKPLANE_ELECTRON_DIST_URL || DEFAULT_DIST_URL;
  const gypArgs = [`--target=${version}`, `--arch=${process.arch}`, `--dist-url=${distUrl}`, '--runtime=electron'];
  log(`building better-sqlite3 for Electron ${version} (${process.platform}-${process.arch}) into ${target}`);

  log(`downloading Electron ${version} headers from ${distUrl}`);
  const headers = nodeGyp(root, ['install', ...gypArgs], { cwd: root, env });
  if (headers.status !== 0) {
    const detail = downloadFailureDetail(`${headers.stdout}\n${headers.stderr}`);
    throw new EnsureError(
      `could not download the Electron ${version} headers from ${distUrl} (${detail}): connect to the internet and retry, or set ${BINDING_ENV} to a better_sqlite3.node built for Electron ${version}`,
    );
  }

  // Build a copy of the package so node_modules/better-sqlite3 keeps its Node build.
  const work = mkdtempSync(join(tmpdir(), 'rackplane-sqlite-electron-'));
  try {
    const source = join(root, 'node_modules', 'better-sqlite3');
    for (const part of ['package.json', 'binding.gyp', 'src', 'deps']) cpSync(join(source, part), join(work, part), { recursive: true });
    log('compiling (this takes a minute or two)');
    const build = nodeGyp(root, ['rebuild', '--release', ...gypArgs], { cwd: work, env, stdio: 'inherit' });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (build.status !== 0 || !existsSync(built)) {
      throw new EnsureError(
        `could not compile better-sqlite3 for Electron ${version} (node-gyp exited with code ${build.status}; see the output above): install python3, make and a C++ compiler, or set ${BINDING_ENV}`,
      );
    }
    mkdirSync(dirname(target), { recursive: true });
    // Copy then rename, so an interrupted run never leaves a half-written addon at the final path.
    const partial = join(dirname(target), `.${basename(target)}.partial`);
    cpSync(built, partial);
    renameSync(partial, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  log(`built ${target}`);
  return target;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  try {
    ensureElectronNative({ root, log: (line) => process.stdout.write(`${TAG}: ${line}\n`) });
  } catch (e) {
    process.stderr.write(`${TAG}: ${e instanceof EnsureError ? e.message : String(e?.message ?? e).split('\n')[0]}\n`);
    process.exit(1);
  }
}
