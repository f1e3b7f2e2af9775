// Two windows' IPC handlers side by side, as main creates them (one set per window, sharing userData):
// each window's unsaved work has its own recovery copy, another window never offers or takes it, and a
// project open in one window is not opened again in another.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecoveryClaims } from '../../../electron/app/recovery-claims';
import { createHandlers } from '../../../electron/ipc/handlers';
import { openProject, saveProject } from '../../../electron/project/store';
import { designToDocument } from '../../../shared/formats/topology';
import type { IpcResult } from '../../../shared/ipc/contract';
import { emptyDesign } from '../../../shared/model/design';
import { fakeDeps } from './support/fake-deps';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-windows-');

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
  return r.value;
}

function reason(r: IpcResult<unknown>): string {
  expect(r.ok).toBe(false);
  return expectOneLine(!r.ok && 'reason' in r ? r.reason : '');
}

const createdFor = (deps: ReturnType<typeof fakeDeps>, path: string) => deps.pathTokens.issue(path);

/** Two windows over one userData folder; `showing` is what each window's page last reported. */
function twoWindows() {
  const dir = tempDir();
  const data = join(dir, 'userData');
  const claims = new RecoveryClaims();
  const showing = new Map<number, string | null>([
    [1, null],
    [2, null],
  ]);
  const focused: number[] = [];
  const make = (id: number) => {
    const deps = fakeDeps(data);
    deps.recoveryClaims = claims.forWindow(id);
    deps.window.focusOtherShowing = (path) => {
      const other = [...showing].find(([w, p]) => w !== id && p === path);
      if (other) focused.push(other[0]);
      return other !== undefined;
    };
    deps.window.otherShowing = (path) => [...showing].some(([w, p]) => w !== id && p === path);
    return { h: createHandlers(deps), deps, open: (path: string) => createdFor(deps, path) };
  };
  return { dir, claims, showing, focused, one: make(1), two: make(2) };
}

const named = (name: string) => {
  const d = emptyDesign();
  return designToDocument({ ...d, meta: { ...d.meta, name } });
};

describe('several windows', () => {
  it("never offers one window's live unsaved work as recoverable in another", async () => {
    const { one, two, claims } = twoWindows();
    const { id } = value(await one.h['project:autosave']({ document: named('Lab A') }));
    expect(value(await one.h['project:recoverable']()).map((r) => r.id)).toEqual([id]);
    expect(value(await two.h['project:recoverable']())).toEqual([]);
    expect(reason(await two.h['project:recover'](id))).toMatch(/belongs to a design open in another window/);
    expect(reason(await two.h['project:discardRecovery'](id))).toMatch(/belongs to a design open in another window/);
    // Window 1 closes without its work being saved or discarded (a crash of its page, say): the copy is
    // left over now, and the other window offers it.
    claims.releaseAll(1);
    expect(value(await two.h['project:recoverable']()).map((r) => r.name)).toEqual(['Lab A']);
    expect(value(await two.h['project:recover'](id)).path).toBeNull();
    // Now it is window 2's: window 1 (reopened with the same id) would not see it.
    expect(value(await one.h['project:recoverable']())).toEqual([]);
  });

  it('keeps separate recovery copies for two untitled designs', async () => {
    const { one, two } = twoWindows();
    const a = value(await one.h['project:autosave']({ document: named('A') })).id;
    const b = value(await two.h['project:autosave']({ document: named('B') })).id;
    expect(a).not.toBe(b);
    // Each window keeps writing its own copy.
    expect(value(await one.h['project:autosave']({ document: named('A2') })).id).toBe(a);
  });

  it('brings the window that shows a project to the front instead of opening it a second time', async () => {
    const { dir, one, two, showing, focused } = twoWindows();
    const file = join(dir, 'dc.rackplane');
    saveProject(file, emptyDesign());
    expect(value(await one.h['project:openPath'](one.open(file))).path).toBe(file);
    showing.set(1, file);
    expect(reason(await two.h['project:openPath'](two.open(file)))).toMatch(/dc\.rackplane.* is already open in another window/);
    expect(focused).toEqual([1]);
    // The same window may reopen its own file (File ▸ Open Recent on it reloads from disk).
    expect(value(await one.h['project:openPath'](one.open(file))).path).toBe(file);
  });

  it("refuses to recover a crashed session's copy of a file another window has open", async () => {
    const { dir, one, two, claims, showing, focused } = twoWindows();
    const file = join(dir, 'dc.rackplane');
    saveProject(file, emptyDesign());
    value(await one.h['project:openPath'](one.open(file)));
    const { id } = value(await one.h['project:autosave']({ document: named('DC') }));
    claims.releaseAll(1); // window 1's page crashed: the copy is left over
    showing.set(1, file); // …but window 1 (reloaded) shows the file again
    expect(value(await two.h['project:recoverable']()).map((r) => r.id)).toEqual([id]);
    expect(reason(await two.h['project:recover'](id))).toMatch(/dc\.rackplane.* is open in another window: close it there/);
    expect(focused).toEqual([1]);
  });
});

// Issue #17, item 3: saves and recovery never lose work, whatever the order of windows, crashes and damage.
describe('recovery races', () => {
  const rec = (dir: string) => join(dir, 'userData', 'recovery');

  it('Save As onto a file another window holds asks first, and keeps both windows’ recovery copies', async () => {
    const { dir, one, two, claims, showing } = twoWindows();
    const file = join(dir, 'shared.rackplane');
    saveProject(file, emptyDesign());
    value(await one.h['project:openPath'](one.open(file)));
    showing.set(1, file);
    const held = value(await one.h['project:autosave']({ document: named('One’s edits') })).id;
    const mine = value(await two.h['project:autosave']({ document: named('Two’s work') })).id;

    // Cancel in the message box: nothing written, nothing discarded.
    two.deps.answers.push(file, null);
    expect(await two.h['project:save']({ document: named('Two’s work'), saveAs: true })).toEqual({ ok: false, canceled: true });
    expect(two.deps.shown.map((d) => d.dialog)).toEqual(['saveProject', 'confirmReplaceOpen']);
    const onDisk = openProject(file);
    expect(onDisk.ok && onDisk.design.meta.name).toBe('Untitled design');

    // Replace: the file is written; window 2's own copy goes, window 1's stays and it keeps autosaving.
    two.deps.answers.push(file, 'replace');
    expect(value(await two.h['project:save']({ document: named('Two’s work'), saveAs: true })).path).toBe(file);
    expect(readdirSync(rec(dir)).sort()).toEqual([`${held}.json`, `${held}.rackplane`]);
    expect(value(await one.h['project:autosave']({ document: named('One’s edits, later') })).id).toBe(held);
    expect(mine).not.toBe(held);

    // Both windows crash: a new window is offered window 1's work on that file.
    claims.releaseAll(1);
    claims.releaseAll(2);
    const third = createHandlers(fakeDeps(join(dir, 'userData')));
    expect(value(await third['project:recoverable']())).toMatchObject([{ id: held, path: file, name: 'One’s edits, later' }]);
  });

  it('a damaged copy of a file never blocks its autosave, and is not overwritten', async () => {
    const { dir, one, claims } = twoWindows();
    const file = join(dir, 'dc.rackplane');
    saveProject(file, emptyDesign());
    value(await one.h['project:openPath'](one.open(file)));
    const first = value(await one.h['project:autosave']({ document: named('v1') })).id;
    // The copy's file becomes something that cannot be replaced (a folder, here): the next autosave still lands.
    rmSync(join(rec(dir), `${first}.rackplane`));
    mkdirSync(join(rec(dir), `${first}.rackplane`));
    const second = value(await one.h['project:autosave']({ document: named('v2') })).id;
    expect(second).not.toBe(first);
    claims.releaseAll(1);
    const next = createHandlers(fakeDeps(join(dir, 'userData')));
    expect(value(await next['project:recoverable']()).map((r) => [r.id, r.name])).toContainEqual([second, 'v2']);
  });

  it('a damaged sidecar does not hide an intact copy', async () => {
    const { dir, one, claims } = twoWindows();
    const { id } = value(await one.h['project:autosave']({ document: named('Precious') }));
    claims.releaseAll(1);
    writeFileSync(join(rec(dir), `${id}.json`), '{"id": "tru');
    const next = createHandlers(fakeDeps(join(dir, 'userData')));
    const [info] = value(await next['project:recoverable']());
    expect(info).toMatchObject({ id, path: null });
    const recovered = value(await next['project:recover'](id));
    expect(recovered.path).toBeNull();
    expect(recovered.document).toMatchObject({ meta: { name: 'Precious' } });
  });

  it('opening a file with a crash copy offers it, and editing first never overwrites it', async () => {
    const { dir, one, two, claims } = twoWindows();
    const file = join(dir, 'dc.rackplane');
    saveProject(file, emptyDesign());
    value(await one.h['project:openPath'](one.open(file)));
    const crash = value(await one.h['project:autosave']({ document: named('Crashed edits') })).id;
    claims.releaseAll(1); // window 1's page crashed
    const opened = value(await two.h['project:openPath'](two.open(file)));
    expect(opened.recovery).toMatchObject([{ id: crash, path: file, name: 'Crashed edits' }]);
    // The user edits the file anyway ("Decide Later"): its autosave goes to a copy of its own.
    const edit = value(await two.h['project:autosave']({ document: named('New edits') })).id;
    expect(edit).not.toBe(crash);
    // …and can still recover the crash copy, intact.
    expect(value(await two.h['project:recover'](crash)).document).toMatchObject({ meta: { name: 'Crashed edits' } });
  });
});
