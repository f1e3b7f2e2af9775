/** Runs the built CLI (`node bin/rackplane.cjs …`) as a child process in a temp directory, as a user would. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const BIN = join(ROOT, 'bin', 'rackplane.cjs');
// RACKPLANE_OUT (see electron.vite.config.mts) points at another build folder; the tests then run that build directly.
const OUT_DIR = process.env.RACKPLANE_OUT;
const BUILT_CLI = join(ROOT, OUT_DIR ?? 'out', 'main', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr split into lines, without the trailing empty one. */
  errLines: string[];
}

/** Fails fast with the fix when the CLI has not been built (npm test builds before vitest). */
export function requireBuiltCli(): void {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run npx electron-vite build (npm test does it first)`);
}

export function rackplane(args: readonly string[], opts: { cwd: string; input?: string | Buffer; bin?: string }): CliRun {
  const r = spawnSync(process.execPath, [opts.bin ?? (OUT_DIR ? BUILT_CLI : BIN), ...args], {
    cwd: opts.cwd,
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, errLines: r.stderr.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1) };
}

/** A fresh temp directory and its cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rackplane-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
