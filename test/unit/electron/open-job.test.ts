// Issue #17 item 1: open and import read in a worker thread with a deadline and a cancel, so a file built to
// stall the reader never freezes the main process. The TypeScript worker entry runs through a loader here.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startOpenJob, type OpenJobOptions } from '../../../electron/project/open-job';
import { openProject, saveProject } from '../../../electron/project/store';
import { largeDesign } from './support/large-design';
import { HOSTILE_EDITS } from './support/fault-variants';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-openjob-');
const LOADER = join(__dirname, 'support/ts-worker.mjs');
const worker = (entry: string, more: Partial<OpenJobOptions> = {}): OpenJobOptions => ({ workerFile: LOADER, workerArgv: [entry], ...more });
const READER = worker(join(__dirname, '../../../electron/project/project-worker.ts'));

describe('reading in a worker thread', () => {
  it('gives what openProject gives', async () => {
    const file = join(tempDir(), 'p.rackplane');
    saveProject(file, largeDesign({ hosts: 3 }));
    const job = startOpenJob({ kind: 'project', path: file }, READER);
    expect(job.mode).toBe('worker');
    expect(await job.result).toEqual(openProject(file));
  });

  it('refuses the recursive-view project with one line', async () => {
    const file = join(tempDir(), 'loop.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    const db = new Database(file);
    db.exec(HOSTILE_EDITS.find((e) => e.name === 'recursive view as elements')!.sql);
    db.close();
    const r = await startOpenJob({ kind: 'project', path: file }, READER).result;
    expect(r.ok).toBe(false);
    expect(expectOneLine(!r.ok && 'reason' in r ? r.reason : '')).toMatch(/was altered outside Rackplane/);
  });

  it('imports topology JSON and refuses a bad one', async () => {
    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, '{"format": 1');
    const r = await startOpenJob({ kind: 'topology', path: file }, READER).result;
    expect(r.ok).toBe(false);
    expect(!r.ok && 'reason' in r && r.reason).toMatch(/^“bad.json”: /);
  });

  it("opens a topology document's scenarios as the design's stored scenarios (issue #13), the first shown in the panel", async () => {
    const file = join(__dirname, '../../fixtures/scenarios/rack.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    doc.scenarios = [{ name: 'busy', flows: [{ from: { vm: 'r01.h001.vm01' }, to: 'external' }], expectations: [{ noDrops: true }] }];
    const withScenarios = join(tempDir(), 'with-scenarios.json');
    writeFileSync(withScenarios, JSON.stringify(doc));
    const r = await startOpenJob({ kind: 'topology', path: withScenarios }, READER).result;
    expect(r.ok && 'simulation' in r && r.simulation).toMatchObject({ current: 'busy', results: [], scenarios: [{ name: 'busy', expectations: [{ noDrops: true }] }] });
  });

  it('stops a reader that stalls at the deadline', async () => {
    const start = Date.now();
    const r = await startOpenJob({ kind: 'project', path: '/x/stuck.rackplane' }, worker(join(__dirname, 'support/stall-worker.ts'), { deadlineMs: 1500 })).result;
    expect(r).toEqual({ ok: false, reason: 'reading “stuck.rackplane” took longer than 2 s, so Rackplane stopped: the file is too large, or built to stall the reader' });
    expect(Date.now() - start).toBeLessThan(10_000);
  });

  it('cancel stops a running read', async () => {
    const job = startOpenJob({ kind: 'project', path: '/x/stuck.rackplane' }, worker(join(__dirname, 'support/stall-worker.ts')));
    setTimeout(() => job.cancel(), 200);
    expect(await job.result).toEqual({ ok: false, canceled: true });
  });

  it('reads inline when there is no built worker', async () => {
    const file = join(tempDir(), 'p.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    const job = startOpenJob({ kind: 'project', path: file }, { workerFile: join(tempDir(), 'missing.js') });
    expect(job.mode).toBe('inline');
    expect((await job.result).ok).toBe(true);
  });
});
