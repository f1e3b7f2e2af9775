// Two windows' IPC handlers side by side, as main creates them (one set per window, sharing userData):
// each window's unsaved work has its own recovery copy, another window never offers or takes it, and a
// project open in one window is not opened again in another.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecoveryClaims } from '../../../electron/app/recovery-claims';
import { createHandlers } from '../../../electron/ipc/handlers';
import { saveProject } from '../../../electron/project/store';
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
    return { h: createHandlers(deps), deps };
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
    const { id } = value(await one.h['project:autosave']({ document: named('Lab A'), path: null }));
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
    const a = value(await one.h['project:autosave']({ document: named('A'), path: null })).id;
    const b = value(await two.h['project:autosave']({ document: named('B'), path: null })).id;
    expect(a).not.toBe(b);
    // Each window keeps writing its own copy.
    expect(value(await one.h['project:autosave']({ document: named('A2'), path: null })).id).toBe(a);
  });

  it('brings the window that shows a project to the front instead of opening it a second time', async () => {
    const { dir, one, two, showing, focused } = twoWindows();
    const file = join(dir, 'dc.rackplane');
    saveProject(file, emptyDesign());
    expect(value(await one.h['project:openPath'](file)).path).toBe(file);
    showing.set(1, file);
    expect(reason(await two.h['project:openPath'](file))).toMatch(/dc\.rackplane.* is already open in another window/);
    expect(focused).toEqual([1]);
    // The same window may reopen its own file (File ▸ Open Recent on it reloads from disk).
    expect(value(await one.h['project:openPath'](file)).path).toBe(file);
  });

  it("refuses to recover a crashed session's copy of a file another window has open", async () => {
    const { dir, one, two, claims, showing, focused } = twoWindows();
    const file = join(dir, 'dc.rackplane');
    saveProject(file, emptyDesign());
    const { id } = value(await one.h['project:autosave']({ document: named('DC'), path: file }));
    claims.releaseAll(1); // window 1's page crashed: the copy is left over
    showing.set(1, file); // …but window 1 (reloaded) shows the file again
    expect(value(await two.h['project:recoverable']()).map((r) => r.id)).toEqual([id]);
    expect(reason(await two.h['project:recover'](id))).toMatch(/dc\.rackplane.* is open in another window: close it there/);
    expect(focused).toEqual([1]);
  });
});
