/**
 * Packages the built app with electron-builder (--dir --linux, the same configuration `npm run dist`
 * uses) against a stub Electron distribution, and checks what the package holds. Offline by design:
 *  - `electronDist` pointing at a folder makes electron-builder copy that folder as an already-unpacked
 *    Electron (app-builder-lib electron/ElectronFramework.js `unpack` → `selectElectron`) instead of
 *    downloading electron-v<version>-linux-x64.zip; on Linux it only needs the `electron` executable,
 *    which it renames to the configured executableName;
 *  - `electronVersion` is given, so it does not read it from node_modules/electron;
 *  - `npmRebuild=false`, because rebuilding better-sqlite3 for Electron needs Electron's headers;
 *  - `--dir` stops before AppImage/deb, which would download appimagetool and fpm. The afterPack probe
 *    (after-pack-probe.mjs) asks electron-builder's Linux helper for the icons, desktop entry and
 *    shared-mime-info XML those targets would install.
 * Needs out/ (built by `npm test` before vitest runs).
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentationFolder } from '../../electron/app/documentation';
import { ICON_SIZES } from '../../scripts/packaging/icon-sizes';
import { CONFIG_PATH, ELECTRON_BUILDER_BIN, extractAsar, listAsar, ROOT } from './builder-deps';

const run = promisify(execFile);
const OUT = join(ROOT, 'out');

interface Probe {
  icons: { file: string; size: number }[];
  mimeXml: string | null;
  desktop: string;
  executableName: string;
}

let work = '';
let appDir = '';
let asarPaths: string[] = [];
let probe: Probe;

/** Files (not folders) under `dir`, as paths relative to `base` with "/" separators. */
function filesUnder(dir: string, base: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile())
    .map((p) => relative(base, p).split('\\').join('/'));
}

beforeAll(async () => {
  if (!existsSync(join(OUT, 'main/index.js'))) throw new Error('out/ is missing: run "npm run build" before the packaging tests');
  work = mkdtempSync(join(tmpdir(), 'rackplane-pack-'));
  const stub = join(work, 'electron-dist');
  mkdirSync(join(stub, 'resources'), { recursive: true });
  writeFileSync(join(stub, 'electron'), '#!/bin/sh\necho "stub Electron: packaging test only" >&2\nexit 1\n');
  chmodSync(join(stub, 'electron'), 0o755);
  writeFileSync(join(stub, 'LICENSE'), 'stub\n');
  const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const probeFile = join(work, 'probe.json');
  const output = join(work, 'dist');
  await run(
    ELECTRON_BUILDER_BIN,
    [
      '--dir',
      '--linux',
      '--x64',
      '--publish',
      'never',
      '--config',
      CONFIG_PATH,
      `-c.electronDist=${stub}`,
      `-c.electronVersion=${electronVersion}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
      `-c.afterPack=${join(ROOT, 'test/packaging/after-pack-probe.mjs')}`,
    ],
    {
      cwd: ROOT,
      // The probe writes its findings to RACKPLANE_PACK_PROBE; a private cache keeps runs independent.
      env: { ...process.env, RACKPLANE_PACK_PROBE: probeFile, ELECTRON_BUILDER_CACHE: join(work, 'cache') },
      maxBuffer: 16 * 1024 * 1024,
    },
  ).catch((e: { stderr?: string; stdout?: string; message: string }) => {
    const tail = `${e.stdout ?? ''}\n${e.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`electron-builder --dir failed:\n${tail || e.message}`);
  });
  appDir = join(output, 'linux-unpacked');
  asarPaths = listAsar(join(appDir, 'resources/app.asar'));
  probe = JSON.parse(readFileSync(probeFile, 'utf8')) as Probe;
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const appFiles = () => asarPaths.map((p) => p.replace(/^\//, ''));

describe('electron-builder --dir (Linux, stub Electron)', () => {
  it('names the executable and keeps the Electron distribution beside the app', () => {
    expect(existsSync(join(appDir, 'rackplane'))).toBe(true);
    expect(existsSync(join(appDir, 'electron'))).toBe(false);
    expect(probe.executableName).toBe('rackplane');
  });

  it('packs the built main, preload and renderer, every renderer asset and worker chunk, and package.json', () => {
    const packed = new Set(appFiles());
    for (const f of ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html', 'package.json']) {
      expect(packed.has(f), f).toBe(true);
    }
    // Every built file except source maps: the hashed renderer assets, shared chunks, and any
    // *.worker*.js chunk the simulator worker produces.
    const built = filesUnder(OUT, ROOT).filter((f) => !f.endsWith('.map'));
    expect(built.some((f) => f.startsWith('out/renderer/assets/') && f.endsWith('.js'))).toBe(true);
    for (const f of built) expect(packed.has(f), f).toBe(true);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(packed.has(pkg.main)).toBe(true);
  });

  it('packs the worker chunks the renderer starts (simulation, validation, layout) and main\'s export and project workers', () => {
    const packed = appFiles();
    const workers = packed.filter((f) => /^out\/renderer\/assets\/[^/]+\.worker[^/]*\.js$/.test(f));
    for (const name of ['simulation', 'validation', 'layout']) {
      expect(workers.filter((f) => f.startsWith(`out/renderer/assets/${name}.worker`)), name).toHaveLength(1);
    }
    // File ▸ Export… renders in a worker thread that main starts from beside itself (electron/export/export-job.ts).
    expect(packed).toContain('out/main/export-worker.js');
    // File ▸ Open and Import read untrusted files in a worker thread with a deadline (electron/project/open-job.ts).
    expect(packed).toContain('out/main/project-worker.js');
  });

  it('ships the guides Help ▸ Documentation opens, outside the asar, where the packaged app looks', () => {
    const resources = join(appDir, 'resources');
    // The same lookup the menu uses at run time, as a packaged app.
    const folder = documentationFolder({ isPackaged: true, appPath: join(resources, 'app.asar'), resourcesPath: resources, exists: existsSync });
    expect(folder).toBe(join(resources, 'docs'));
    const shipped = filesUnder(folder!, folder!).sort();
    const guides = readdirSync(join(ROOT, 'docs')).filter((f) => /\.(md|png)$/.test(f)).sort();
    expect(guides).toContain('desktop.md');
    expect(shipped).toEqual(guides);
  });

  it('carries no source maps, sources or tests of the app', () => {
    const files = appFiles();
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const own = files.filter((f) => f !== 'node_modules' && !f.startsWith('node_modules/'));
    // Only out/ (and the folder entry itself) and package.json come from the project.
    expect(own.filter((f) => !/^(out(\/.*)?|package\.json)$/.test(f))).toEqual([]);
    expect(own.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))).toEqual([]);
    expect(files.filter((f) => /(^|\/)(test|tests|__tests__)\/.*\.test\.[cm]?[jt]sx?$/.test(f))).toEqual([]);
    // Nor any test or spec file of a dependency, wherever it sits.
    expect(files.filter((f) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(f))).toEqual([]);
    // better-sqlite3's bundled SQLite sources and build intermediates stay out.
    expect(files.filter((f) => /^node_modules\/better-sqlite3\/(deps|src)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.includes('better-sqlite3/build/Release/obj'))).toEqual([]);
  });

  it('includes the production dependencies and no dev tooling', () => {
    const top = new Set(appFiles().filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/')[1]));
    for (const dep of ['better-sqlite3', 'commander', 'fast-xml-parser', 'immer', 'zod', '@napi-rs']) expect(top.has(dep), dep).toBe(true);
    for (const dev of ['electron', 'electron-builder', 'vite', 'vitest', 'typescript', 'react', 'playwright-core']) expect(top.has(dev), dev).toBe(false);
  });

  it('the trimmed dependencies still load from the packaged tree', async () => {
    // Extract the asar (unpacked files included) and require every runtime dependency from there, so a
    // files-list exclusion that removes something a dependency needs fails here, not on a user's machine.
    // npmRebuild is off, so better_sqlite3.node is the Node build and loads under plain Node.
    const extracted = join(work, 'extracted');
    extractAsar(join(appDir, 'resources/app.asar'), extracted);
    // @napi-rs/canvas (PNG export) must find its platform package's Skia binding in the trimmed tree too.
    const script = `const r = require('node:module').createRequire(${JSON.stringify(join(extracted, 'package.json'))});
      for (const d of ['zod', 'commander', 'fast-xml-parser', 'immer']) r(d);
      const Db = r('better-sqlite3'); const db = new Db(':memory:'); process.stdout.write(String(db.prepare('select 41 + 1 as n').get().n));
      const png = r('@napi-rs/canvas').createCanvas(4, 4).toBuffer('image/png'); process.stdout.write(' ' + png.subarray(1, 4).toString());`;
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: work });
    expect(stdout).toBe('42 PNG');
  });

  it("unpacks better-sqlite3's native addon from the asar", () => {
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(existsSync(join(appDir, 'resources/app.asar.unpacked', addon))).toBe(true);
    // The asar keeps an "unpacked" entry for it, which Electron's fs redirects to the real file.
    expect(appFiles()).toContain(addon);
  });

  it("unpacks @napi-rs/canvas's native Skia binding (PNG export) from the asar", () => {
    const bindings = appFiles().filter((f) => /^node_modules\/@napi-rs\/canvas-[^/]+\/[^/]+\.node$/.test(f));
    // This machine's platform package (linux-x64-gnu here); installers carry their own platform's.
    expect(bindings.length).toBeGreaterThan(0);
    for (const f of bindings) expect(existsSync(join(appDir, 'resources/app.asar.unpacked', f)), f).toBe(true);
    // Every native addon in the package is unpacked: one left inside the asar could not be loaded.
    const packedNative = appFiles().filter((f) => f.endsWith('.node'));
    expect(packedNative.filter((f) => !existsSync(join(appDir, 'resources/app.asar.unpacked', f)))).toEqual([]);
  });

  it('installs the Rackplane icon at every size (what AppImage and deb would install)', () => {
    expect(probe.icons.map((i) => i.size)).toEqual([...ICON_SIZES]);
    for (const icon of probe.icons) expect(icon.file).toBe(join(ROOT, 'build/icons', `${icon.size}x${icon.size}.png`));
  });

  it('registers application/x-rackplane for *.rackplane files in the desktop entry and the MIME database', () => {
    expect(probe.desktop).toMatch(/^MimeType=application\/x-rackplane;$/m);
    expect(probe.desktop).toMatch(/^Exec=rackplane %U$/m);
    expect(probe.desktop).toMatch(/^Icon=rackplane$/m);
    expect(probe.desktop).toMatch(/^Categories=Development;$/m);
    expect(probe.mimeXml).toContain('<mime-type type="application/x-rackplane">');
    expect(probe.mimeXml).toContain('<glob pattern="*.rackplane"/>');
  });
});
