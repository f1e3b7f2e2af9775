// File ▸ Export… in main: the export:write and export:cancel handlers with scripted dialogs and real files in a
// temp folder (inline rendering, a scripted worker thread, and the built worker when a build is present), and
// File ▸ Open of an exported SVG.
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createHandlers, suggestedFileName, type Handlers } from '../ipc/handlers';
import { designToDocument, loadDocument } from '../../shared/formats/topology';
import type { IpcResult } from '../../shared/ipc/contract';
import type { ExportOptions, ExportProgress } from '../../shared/ipc/export-request';
import { defaultScenario } from '../../shared/sim/scenarios';
import { simulate } from '../../shared/sim/simulate';
import { makeTemplate } from '../../shared/templates';
import { fakeDeps, type FakeDeps } from '../../test/unit/electron/support/fake-deps';
import { expectOneLine, useTempDirs } from '../../test/unit/electron/support/temp-dir';
import { runWorkerRequest, startExportJob, type WorkerReply } from './export-job';
import { DEFAULT_RENDER, renderDesign } from './render';
import { renderSettings } from './export-service';

const tempDir = useTempDirs('rackplane-export-');
const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
const BUILT_WORKER = resolve(__dirname, '../..', process.env.RACKPLANE_OUT ?? 'out', 'main', 'export-worker.js');

function setup(extra: Partial<FakeDeps> = {}): { h: Handlers; deps: FakeDeps; dir: string; progress: ExportProgress[] } {
  const dir = tempDir();
  const progress: ExportProgress[] = [];
  const deps: FakeDeps = { ...fakeDeps(join(dir, 'userData')), exportProgress: (p) => progress.push(p), exportDate: () => '2026-11-26', ...extra };
  return { h: createHandlers(deps), deps, dir, progress };
}

const options = (patch: Partial<ExportOptions> = {}): ExportOptions => ({
  format: 'svg',
  scope: 'all',
  layers: ['pcie', 'ethernet', 'virtual'],
  problems: true,
  heat: null,
  png: DEFAULT_RENDER.png,
  pdf: DEFAULT_RENDER.pdf,
  ...patch,
});
const request = (patch: Partial<ExportOptions> = {}) => ({ document: designToDocument(design), options: options(patch), suggestedName: design.meta.name });

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
  return r.value;
}
const reason = (r: IpcResult<unknown>) => expectOneLine(!r.ok && 'reason' in r ? r.reason : '');

/** A stand-in worker thread: `body` runs with `port` (its parentPort) and the first request in `req`. */
function scriptedWorker(dir: string, body: string): string {
  const file = join(dir, 'worker.cjs');
  writeFileSync(file, `const { parentPort: port } = require('node:worker_threads');\nport.once('message', (req) => {\n${body}\n});\n`);
  return file;
}

describe('export:write', () => {
  it('asks where to save (design name + extension), renders, writes the file and reports bytes and stages', async () => {
    const { h, deps, dir, progress } = setup();
    const path = join(dir, 'rack.svg');
    deps.answers.push(path);
    const written = value(await h['export:write'](request()));
    expect(deps.shown).toEqual([{ dialog: 'saveExport', suggested: suggestedFileName(design.meta.name, '.svg') }]);
    expect(deps.shown[0]!.suggested).toBe('Rack- 2 hosts × 2 VMs.svg');
    expect(written).toEqual({ path, bytes: readFileSync(path).length, note: null });
    expect(readFileSync(path, 'utf8')).toContain('<svg');
    expect(progress[0]).toEqual({ stage: 'Starting', fraction: 0 });
    expect(progress.at(-1)).toEqual({ stage: 'Done', fraction: 1 });
    expect(progress.map((p) => p.stage)).toContain('Drawing the diagram');
  });

  it("draws links with the routing the canvas uses (straight: one segment per link), orthogonal when it is not given", async () => {
    const { h, deps, dir } = setup();
    /** Vertex counts of the link subpaths in an exported SVG. */
    const vertices = (svg: string) =>
      [...svg.matchAll(/<g class="links(?: under)?">([^]*?)<\/g>/g)].flatMap((g) => [...g[1]!.matchAll(/d="([^"]*)"/g)].flatMap((m) => m[1]!.split('M').filter(Boolean).map((sub) => sub.split(/[L ]/).length / 2)));
    deps.answers.push(join(dir, 'straight.svg'), join(dir, 'default.svg'));
    const straight = vertices(readFileSync(value(await h['export:write'](request({ routing: 'straight' }))).path, 'utf8'));
    const orthogonal = vertices(readFileSync(value(await h['export:write'](request())).path, 'utf8'));
    expect(straight.length).toBeGreaterThan(0);
    expect(straight.every((n) => n === 2)).toBe(true);
    expect(orthogonal.some((n) => n > 2)).toBe(true);
    expect(reason(await h['export:write'](request({ routing: 'curved' as 'straight' })))).toMatch(/options\.routing/);
  });

  it('adds the extension a Linux save dialog leaves off, and writes a real PNG', async () => {
    const { h, deps, dir } = setup();
    deps.answers.push(join(dir, 'picture'));
    const written = value(await h['export:write'](request({ format: 'png', png: { scale: 1, background: 'dark' } })));
    expect(written.path).toBe(join(dir, 'picture.png'));
    const png = PNG.sync.read(readFileSync(written.path));
    expect(png.width).toBeGreaterThan(100);
  });

  it('a dismissed save dialog is a silent cancel and writes nothing', async () => {
    const { h, deps, dir } = setup();
    deps.answers.push(null);
    expect(await h['export:write'](request({ format: 'csv' }))).toEqual({ ok: false, canceled: true });
    expect(existsSync(join(dir, `${design.meta.name}.csv`))).toBe(false);
  });

  it('refuses bad options with one line, before any dialog', async () => {
    const { h, deps } = setup();
    expect(reason(await h['export:write'](request({ png: { scale: 9, background: 'light' } })))).toMatch(/^export:write: invalid request \(argument 0\.options\.png\.scale/);
    expect(reason(await h['export:write']({ ...request(), options: { ...options(), format: 'gif' } }))).toMatch(/options\.format/);
    expect(reason(await h['export:write']({ ...request(), document: { format: 'rackplane-topology', version: 1, elements: [{}], links: [] } }))).toMatch(/^cannot export: the design is invalid/);
    expect(deps.shown).toEqual([]);
  });

  it('never replaces a project file picked in the save dialog', async () => {
    const { h, deps, dir } = setup();
    const project = join(dir, 'rack.rackplane');
    deps.answers.push(project);
    value(await h['project:save']({ document: designToDocument(design), saveAs: false }));
    const before = readFileSync(project);
    deps.answers.push(project);
    expect(reason(await h['export:write'](request()))).toMatch(/is a database \(perhaps a Rackplane project\): export the SVG under another name$/);
    expect(readFileSync(project).equals(before)).toBe(true);
  });
});

describe('the export worker thread', () => {
  it('writes what the worker sends, with its stages and its note', async () => {
    const dir = tempDir();
    const worker = scriptedWorker(dir, `port.postMessage({ type: 'progress', progress: { stage: 'Rendering the bitmap', fraction: 0.4 } });\nport.postMessage({ type: 'note', line: 'drawn at 2x; use --format pdf or svg for full detail' });\nport.postMessage({ type: 'done', data: new Uint8Array([1, 2, 3]) });`);
    const { h, deps, progress } = setup({ exportWorker: worker });
    deps.answers.push(join(dir, 'out.png'));
    const written = value(await h['export:write'](request({ format: 'png' })));
    expect(written).toEqual({ path: join(dir, 'out.png'), bytes: 3, note: 'drawn at 2x; export as PDF or SVG for full detail' });
    expect([...readFileSync(written.path)]).toEqual([1, 2, 3]);
    expect(progress).toContainEqual({ stage: 'Rendering the bitmap', fraction: 0.4 });
  });

  it('a worker that dies is one line, and nothing is written', async () => {
    const dir = tempDir();
    const { h, deps } = setup({ exportWorker: scriptedWorker(dir, 'process.exit(3);') });
    deps.answers.push(join(dir, 'out.pdf'));
    expect(reason(await h['export:write'](request({ format: 'pdf' })))).toBe('cannot export PDF: the export worker stopped unexpectedly (exit code 3)');
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
  });

  it('Cancel stops a running export: canceled, no file, and a second cancel finds nothing to stop', async () => {
    const dir = tempDir();
    const { h, deps, progress } = setup({ exportWorker: scriptedWorker(dir, `port.postMessage({ type: 'progress', progress: { stage: 'Rendering the bitmap', fraction: 0.3 } });\nsetInterval(() => {}, 1000);`) });
    deps.answers.push(join(dir, 'slow.png'));
    const pending = h['export:write'](request({ format: 'png' }));
    await expect.poll(() => progress.some((p) => p.stage === 'Rendering the bitmap')).toBe(true);
    // Only one export at a time.
    expect(reason(await h['export:write'](request()))).toBe('an export is already running: wait for it to finish or cancel it');
    expect(value(await h['export:cancel']())).toBe(true);
    expect(await pending).toEqual({ ok: false, canceled: true });
    expect(existsSync(join(dir, 'slow.png'))).toBe(false);
    expect(value(await h['export:cancel']())).toBe(false);
  });

  it('without a built worker (or with a missing file) the job runs inline; its cancel drops the result', async () => {
    const settings = { ...DEFAULT_RENDER, layers: ['pcie' as const], date: '2026-11-26' };
    const done = startExportJob(design, 'csv', settings, { workerFile: null });
    expect(done.mode).toBe('inline');
    expect(await done.result).toMatchObject({ kind: 'done', data: expect.stringMatching(/^category,/) });
    const dropped = startExportJob(design, 'svg', settings, { workerFile: join(tempDir(), 'missing.js') });
    expect(dropped.mode).toBe('inline');
    dropped.cancel();
    expect(await dropped.result).toEqual({ kind: 'canceled' });
  });

  it('the worker adapter answers a bad request with an error reply, not an exception', async () => {
    const replies: WorkerReply[] = [];
    await runWorkerRequest({ document: { nope: true }, format: 'svg', settings: { ...DEFAULT_RENDER, layers: ['pcie'], date: '2026-11-26' } }, (m) => replies.push(m));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/^the design is invalid/) });
  });

  it.runIf(existsSync(BUILT_WORKER))('the built export-worker.js renders a PDF off the main thread', async () => {
    const { h, deps, dir, progress } = setup({ exportWorker: BUILT_WORKER });
    deps.answers.push(join(dir, 'built.pdf'));
    const written = value(await h['export:write'](request({ format: 'pdf' })));
    expect(readFileSync(written.path).subarray(0, 5).toString()).toBe('%PDF-');
    expect(progress.map((p) => p.stage)).toContain('Drawing the pages');
  });
});

describe('export:write streams an SVG from the built worker', () => {
  it.runIf(existsSync(BUILT_WORKER))('into a temp file renamed over the target: the same bytes, the target\'s permissions, nothing left behind', async () => {
    const { h, deps, dir } = setup({ exportWorker: BUILT_WORKER });
    const path = join(dir, 'private.svg');
    writeFileSync(path, 'old');
    chmodSync(path, 0o600);
    deps.answers.push(path);
    const written = value(await h['export:write'](request()));
    // The worker draws the design it received as a topology document: compare with the same design rendered here.
    const received = loadDocument(designToDocument(design));
    if (!received.ok) throw new Error(received.reason);
    const inline = String(await renderDesign(received.design, 'svg', renderSettings(options(), '2026-11-26')));
    expect(readFileSync(path, 'utf8')).toBe(inline);
    expect(written.bytes).toBe(Buffer.byteLength(inline, 'utf8'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // File ▸ Open of the streamed SVG: the design it carries.
    deps.answers.push(path);
    const opened = value(await h['project:open']());
    expect(opened.path).toBeNull();
  });
});

describe('export:write with the what-if view', () => {
  const heat = Object.keys(design.links).map((ref) => ({ kind: 'ethernet', ref, utilisation: 0.5 }));
  const whatIf = { links: [['r01.h001.nic0.eth0', 'down']] as [string, 'down'][], failures: 1, failed: { elements: ['r01.tor-a'], links: [] } };

  it('draws the diff legend and the failed marks with the heatmap; a what-if alone changes nothing', async () => {
    const { h, deps, dir } = setup();
    deps.answers.push(join(dir, 'diff.svg'), join(dir, 'plain.svg'), join(dir, 'none.svg'));
    const diff = readFileSync(value(await h['export:write'](request({ heat, whatIf }))).path, 'utf8');
    expect(diff).toContain('What-if: 1 failure<');
    expect(diff).toContain('<g class="failed">');
    const plain = readFileSync(value(await h['export:write'](request({ heat: null, whatIf }))).path, 'utf8');
    const none = readFileSync(value(await h['export:write'](request())).path, 'utf8');
    expect(plain).toBe(none);
  });

  it('refuses a change the diff does not know, with one line', async () => {
    const { h, deps, dir } = setup();
    deps.answers.push(join(dir, 'bad.svg'));
    const bad = { ...whatIf, links: [['r01.h001.nic0.eth0', 'exploded']] } as unknown as typeof whatIf;
    expect(reason(await h['export:write'](request({ heat, whatIf: bad })))).toMatch(/whatIf|export/i);
    expect(existsSync(join(dir, 'bad.svg'))).toBe(false);
  });
});

describe('File ▸ Open of an SVG', () => {
  it('an SVG exported by Rackplane opens as a new untitled design named after the file', async () => {
    const { h, deps, dir } = setup();
    const svg = join(dir, 'From the wiki.svg');
    deps.answers.push(svg);
    value(await h['export:write'](request()));
    deps.answers.push(svg);
    const opened = value(await h['project:open']());
    expect(opened.path).toBeNull();
    const loaded = loadDocument(opened.document);
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.design.meta.name).toBe('From the wiki');
    expect(designToDocument({ ...loaded.design, meta: design.meta })).toEqual(designToDocument(design));
    // Not a project: it is not added to the recent files.
    expect(value(await h['project:recent']())).toEqual([]);
  });

  it('a foreign SVG is refused with one line naming the file', async () => {
    const { h, deps, dir } = setup();
    const svg = join(dir, 'logo.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    deps.answers.push(svg);
    expect(reason(await h['project:open']())).toMatch(/logo\.svg.*this SVG holds no Rackplane design/);
  });
});

describe('export:write with simulation results', () => {
  it('writes the reports with their simulation section and charts; without results they have none', async () => {
    const { h, deps, dir } = setup();
    const simulation = simulate(design, { ...defaultScenario(design), migrations: [{ vm: 'r01.h001.vm02', to: 'r01.h002' }] });
    deps.answers.push(join(dir, 'with.html'), join(dir, 'without.html'), join(dir, 'with.pdf'));
    const withSim = readFileSync(value(await h['export:write'](request({ format: 'html', simulation }))).path, 'utf8');
    expect(withSim).toContain('<section id="simulation">');
    expect(withSim).toContain('id="chart-migration-timeline"');
    const without = readFileSync(value(await h['export:write'](request({ format: 'html' }))).path, 'utf8');
    expect(without).not.toContain('<section id="simulation">');
    const pdf = value(await h['export:write'](request({ format: 'report-pdf', simulation })));
    expect(pdf.bytes).toBeGreaterThan(0);
    expect(reason(await h['export:write'](request({ format: 'html', simulation: { ...simulation, flows: 'none' } as unknown as typeof simulation })))).toMatch(/simulation/);
  });
});
