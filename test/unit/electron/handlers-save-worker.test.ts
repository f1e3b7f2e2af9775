// Issue #17: saves and recovery copies are checked and written in the project worker thread (design-write-job.ts),
// so a large save never blocks main's event loop; the guards, the atomic rename, the target's mode and the debris
// clean-up of store.ts are unchanged, and a save stopped at its deadline leaves no temp file. The TypeScript worker
// entry runs through a loader, with real better-sqlite3 and real files.
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerDeps } from '../../../electron/ipc/handlers';
import { DesignWriteJob } from '../../../electron/project/design-write-job';
import { DesignWriter } from '../../../electron/project/design-writer';
import { openProject, saveProject } from '../../../electron/project/store';
import { designToDocument } from '../../../shared/formats/topology';
import type { IpcResult } from '../../../shared/ipc/contract';
import { fakeDeps } from './support/fake-deps';
import { largeDesign } from './support/large-design';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-saveworker-');
const LOADER = join(__dirname, 'support/ts-worker.mjs');
const PROJECT_WORKER = join(__dirname, '../../../electron/project/project-worker.ts');

function setup(more: Partial<HandlerDeps> = {}, entry = PROJECT_WORKER) {
  const dir = tempDir();
  // Every design goes to the worker here (the app saves designs under 5,000 records inline: faster than starting it).
  const deps = Object.assign(fakeDeps(join(dir, 'userData')), { projectWorker: LOADER, projectWorkerArgv: [entry], inlineSaveBelowRecords: 0 }, more);
  return { h: createHandlers(deps), deps, dir };
}

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
  return r.value;
}

const reason = (r: IpcResult<unknown>) => expectOneLine(!r.ok && 'reason' in r ? r.reason : '');
const temps = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('-journal'));

/** Counts turns of main's event loop until `work` settles: zero when `work` held the thread the whole time. */
async function turnsDuring<T>(work: Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work;
  done = true;
  return { result, turns };
}

describe('saving in the project worker', () => {
  it('saves what openProject reads back, keeping a private file private, with main free meanwhile', async () => {
    const { h, deps, dir } = setup();
    const file = join(dir, 'dc.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    chmodSync(file, 0o600);
    value(await h['project:openPath'](deps.pathTokens.issue(file)));
    const design = largeDesign({ hosts: 40, tag: 'v2' });
    const { result, turns } = await turnsDuring(h['project:save']({ document: designToDocument(design), saveAs: false }));
    expect(value(result)).toEqual({ path: file, revision: 1 });
    // The check, serialisation and SQLite write ran on the worker: main's loop kept turning.
    expect(turns).toBeGreaterThan(0);
    const r = openProject(file);
    expect(r.ok && r.design).toEqual({ ...design, meta: { ...design.meta, revision: 1 } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(temps(dir)).toEqual([]);
  });

  it('keeps every guard: an invalid design is refused before the dialog, a non-project is never overwritten', async () => {
    const { h, deps, dir } = setup();
    const bad = { ...designToDocument(largeDesign({ hosts: 1 })), elements: [{ kind: 'vm', id: 'v', vcpus: -1 }] };
    expect(reason(await h['project:save']({ document: bad, saveAs: false }))).toMatch(/^cannot save: the design is invalid \(element #1 \(v\): /);
    expect(deps.shown).toEqual([]);
    writeFileSync(join(dir, 'thesis.txt'), 'do not lose me');
    deps.answers.push(join(dir, 'thesis.txt'));
    expect(reason(await h['project:save']({ document: designToDocument(largeDesign({ hosts: 1 })), saveAs: false }))).toMatch(/will not overwrite it/);
    expect(readFileSync(join(dir, 'thesis.txt'), 'utf8')).toBe('do not lose me');
    expect(temps(dir)).toEqual([]);
  });

  it('writes recovery copies there too, and an autosave racing a save leaves no orphaned copy', async () => {
    const { h, deps, dir } = setup();
    const file = join(dir, 'race.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    value(await h['project:openPath'](deps.pathTokens.issue(file)));
    // The page's autosave timer fires just before the user saves: both reach main before either finishes. (The
    // autosave carries a larger design than the save, so without ordering it would land after the save: an orphan.)
    const larger = designToDocument(largeDesign({ hosts: 80, tag: 'edited' }));
    const document = designToDocument(largeDesign({ hosts: 1, tag: 'edited' }));
    const [auto, saved] = await Promise.all([h['project:autosave']({ document: larger }), h['project:save']({ document, saveAs: false })]);
    value(auto);
    expect(value(saved).path).toBe(file);
    // The save ran after the autosave and discarded the copy it had made obsolete.
    expect(readdirSync(join(dir, 'userData', 'recovery')).filter((n) => n.endsWith('.rackplane'))).toEqual([]);
    expect(value(await h['project:recoverable']())).toEqual([]);
  });

  it('stops a save that stalls at the deadline and removes its temp file; the file keeps its last save', async () => {
    const dir = tempDir();
    const file = join(dir, 'slow.rackplane');
    saveProject(file, largeDesign({ hosts: 1, tag: 'kept' }));
    const before = readFileSync(file);
    // The handlers' writer with a short deadline (the app's is two minutes); long enough for the check step to start a
    // TypeScript worker on a loaded machine.
    const job = await DesignWriteJob.check({ document: designToDocument(largeDesign({ hosts: 2 })) }, 'save', {
      workerFile: LOADER,
      workerArgv: [join(__dirname, 'support/save-stall-worker.ts')],
      deadlineMs: 10_000,
      inlineBelowRecords: 0,
    });
    await expect(job.saveAs(file, 1)).rejects.toThrow('saving “slow.rackplane” took longer than 10 s, so Rackplane stopped it (the file on disk is whole): save again');
    for (let i = 0; i < 100 && temps(dir).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(temps(dir)).toEqual([]);
    expect(readFileSync(file).equals(before)).toBe(true);
    job.end();
  });

  it('checks a design sent in parts as the whole design, and refuses one with a damaged part', () => {
    const design = largeDesign({ hosts: 2 });
    const document = designToDocument(design) as { elements: unknown[]; links: unknown[] };
    const send = (writer: DesignWriter, spoil = false) => {
      for (const field of ['elements', 'links'] as const) {
        const list = document[field];
        // Parts of three records (the app sends 2,000), the last one short.
        for (let i = 0; i < list.length; i += 3) writer.handle({ kind: 'write:part', field, json: spoil && i === 3 ? '[{"id": ' : JSON.stringify(list.slice(i, i + 3)) });
      }
      return writer.handle({ kind: 'write:check', payload: JSON.stringify({ document: { ...document, elements: [], links: [] } }), parts: true, action: 'save' });
    };
    expect(send(new DesignWriter())).toEqual({ ok: true, name: design.meta.name, revision: 0 });
    const whole = new DesignWriter();
    expect(whole.handle({ kind: 'write:check', payload: { document }, action: 'save' })).toEqual({ ok: true, name: design.meta.name, revision: 0 });
    const spoilt = send(new DesignWriter(), true);
    expect(spoilt?.ok).toBe(false);
    expect(expectOneLine(spoilt && !spoilt.ok ? spoilt.reason : '')).toMatch(/^cannot save: the design is invalid \(/);
  });

  it('saves a small design inline, faster than starting the worker (the stalling worker is never asked)', async () => {
    const dir = tempDir();
    const file = join(dir, 'small.rackplane');
    const design = largeDesign({ hosts: 2 });
    const job = await DesignWriteJob.check({ document: designToDocument(design) }, 'save', { workerFile: LOADER, workerArgv: [join(__dirname, 'support/save-stall-worker.ts')] });
    await job.saveAs(file, 1);
    job.end();
    const r = openProject(file);
    expect(r.ok && r.design.meta.revision).toBe(1);
  });

  it('runs inline, the same way, when there is no built worker', async () => {
    const { h, deps, dir } = setup({ projectWorker: join(tempDir(), 'missing.js') });
    deps.answers.push(join(dir, 'new'));
    const saved = value(await h['project:save']({ document: designToDocument(largeDesign({ hosts: 2 })), saveAs: false }));
    expect(saved.path).toBe(join(dir, 'new.rackplane'));
    expect(existsSync(saved.path) && openProject(saved.path).ok).toBe(true);
  });
});
