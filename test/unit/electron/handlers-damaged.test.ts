// Issue #17 item 4 through the IPC handlers: a project that changed after its save opens as an unsaved copy
// with a one-line warning, and is never saved over; a read runs in the worker when one is configured and
// `project:cancelOpen` stops it.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/ipc/handlers';
import { saveProject } from '../../../electron/project/store';
import { designToDocument } from '../../../shared/formats/topology';
import type { IpcResult, OpenedProject } from '../../../shared/ipc/contract';
import { fakeDeps } from './support/fake-deps';
import { largeDesign } from './support/large-design';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-damaged-');

function damagedProject(dir: string): string {
  const file = join(dir, 'plan.rackplane');
  saveProject(file, largeDesign({ hosts: 2 }));
  const db = new Database(file);
  db.exec(`UPDATE elements SET json = json_set(json, '$.name', 'Edited') WHERE rowid = 3;`);
  db.close();
  return file;
}

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
  return r.value;
}

describe('a project that changed outside Rackplane', () => {
  it('opens as an unsaved copy with a one-line warning, and Save never replaces the original', async () => {
    const dir = tempDir();
    const file = damagedProject(dir);
    const before = readFileSync(file);
    const deps = fakeDeps(join(dir, 'userData'));
    const h = createHandlers(deps);
    const opened = value((await h['project:openPath'](deps.pathTokens.issue(file))) as IpcResult<OpenedProject>);
    expect(opened.path).toBeNull();
    expect(expectOneLine(opened.warning ?? '')).toMatch(/^“plan.rackplane” changed after Rackplane saved it/);
    // Save (no path: the dialog asks) and the user picks the original: refused, the file is untouched.
    deps.answers.push(file);
    const r = await h['project:save']({ document: opened.document, saveAs: false });
    expect(r.ok).toBe(false);
    expect(!r.ok && 'reason' in r && r.reason).toBe('“plan.rackplane” changed outside Rackplane and is kept as it is: save the design under a new name');
    expect(readFileSync(file).equals(before)).toBe(true);
    // A new name works.
    deps.answers.push(join(dir, 'plan-recovered.rackplane'));
    expect(value(await h['project:save']({ document: opened.document, saveAs: false })).path).toBe(join(dir, 'plan-recovered.rackplane'));
  });

  it('a clean project opens with its path and no warning', async () => {
    const dir = tempDir();
    const file = join(dir, 'ok.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    const deps = fakeDeps(join(dir, 'userData'));
    const opened = value((await createHandlers(deps)['project:openPath'](deps.pathTokens.issue(file))) as IpcResult<OpenedProject>);
    expect(opened.path).toBe(file);
    expect(opened.warning).toBeUndefined();
    expect(opened.document).toEqual(designToDocument(largeDesign({ hosts: 1 })));
  });
});

describe('project:cancelOpen', () => {
  it('stops a read in the worker; the open then resolves as canceled', async () => {
    const dir = tempDir();
    const deps = {
      ...fakeDeps(join(dir, 'userData')),
      projectWorker: join(__dirname, 'support/ts-worker.mjs'),
      projectWorkerArgv: [join(__dirname, 'support/stall-worker.ts')],
    };
    const h = createHandlers(deps);
    expect(value(await h['project:cancelOpen']())).toBe(false);
    const opening = h['project:openPath'](deps.pathTokens.issue(join(dir, 'stuck.rackplane')));
    await new Promise((r) => setTimeout(r, 100));
    expect(value(await h['project:cancelOpen']())).toBe(true);
    expect(await opening).toEqual({ ok: false, canceled: true });
  });
});
