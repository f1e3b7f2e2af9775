// Issue #17: a recovery copy's sidecar names the file the work belongs to, and recovering it makes that the file a
// later Save writes to. Older builds took that path from the page, so a sidecar counts only when main sealed it
// (HMAC under the installation key) or its file is in main's own recent list; any other copy comes back as untitled
// work with a one-line note, and Save asks where.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/ipc/handlers';
import { addRecent } from '../../../electron/project/recent';
import { newFileRecoveryId, RecoveryStore, sealRecoveryPath } from '../../../electron/project/recovery';
import { saveProject } from '../../../electron/project/store';
import { designToDocument } from '../../../shared/formats/topology';
import type { IpcResult } from '../../../shared/ipc/contract';
import { EMPTY_SIMULATION } from '../../../shared/sim/persist';
import { fakeDeps } from './support/fake-deps';
import { largeDesign } from './support/large-design';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-seal-');

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
  return r.value;
}

/** A victim project outside anything the user chose in this installation, and a copy whose sidecar names it. */
function setup(sidecar: (info: Record<string, unknown>) => Record<string, unknown>) {
  const dir = tempDir();
  const data = join(dir, 'userData');
  const victim = join(dir, 'victim.rackplane');
  saveProject(victim, largeDesign({ hosts: 1, tag: 'victim' }));
  const id = newFileRecoveryId();
  const store = new RecoveryStore(data);
  store.write(id, largeDesign({ hosts: 1, tag: 'planted' }), victim, EMPTY_SIMULATION, null);
  const sidecarFile = join(store.dir, `${id}.json`);
  writeFileSync(sidecarFile, JSON.stringify(sidecar(JSON.parse(readFileSync(sidecarFile, 'utf8')) as Record<string, unknown>)));
  const deps = fakeDeps(data);
  return { h: createHandlers(deps), deps, dir, data, victim, id, before: readFileSync(victim) };
}

describe('a recovery copy whose sidecar path main did not record', () => {
  it.each([
    ['no seal (an older build)', (info: Record<string, unknown>) => info],
    ['a forged seal', (info: Record<string, unknown>) => ({ ...info, seal: 'ab'.repeat(32) })],
    // Main's real seal, for the same copy but the file main did record: moved onto another path it does not hold.
    ['a seal made for another path', (info: Record<string, unknown>) => ({ ...info, seal: sealRecoveryPath(String(info.id), `${String(info.path)}.other`) })],
  ])('with %s is recovered as untitled work, and Save asks where instead of writing to that path', async (_what, forge) => {
    const { h, deps, dir, victim, id, before } = setup(forge);
    // Listed as untitled work: the page is never told the planted path as this copy's file.
    expect(value(await h['project:recoverable']()).map((c) => [c.id, c.path])).toEqual([[id, null]]);
    const recovered = value(await h['project:recover'](id));
    expect(recovered.path).toBeNull();
    expect(expectOneLine(recovered.warning ?? '')).toBe(
      'this recovery copy was written by an older Rackplane that did not record its file in a way this one can verify: it is open as an unsaved design; save it under a name',
    );
    // Save has no file: it asks, and the victim is untouched.
    deps.answers.push(join(dir, 'chosen.rackplane'));
    expect(value(await h['project:save']({ document: recovered.document, saveAs: false })).path).toBe(join(dir, 'chosen.rackplane'));
    expect(deps.shown.map((s) => s.dialog)).toEqual(['saveProject']);
    expect(readFileSync(victim).equals(before)).toBe(true);
  });
});

describe('a recovery copy main recorded', () => {
  it('adopts the path main sealed: Save writes there without asking', async () => {
    const dir = tempDir();
    const data = join(dir, 'userData');
    const file = join(dir, 'mine.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    const writer = fakeDeps(data);
    const first = createHandlers(writer);
    value(await first['project:openPath'](writer.pathTokens.issue(file)));
    const { id } = value(await first['project:autosave']({ document: designToDocument(largeDesign({ hosts: 2, tag: 'edits' })) }));
    expect(JSON.parse(readFileSync(join(data, 'recovery', `${id}.json`), 'utf8'))).toMatchObject({ path: file, seal: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The next session (crash in between): the copy is offered for its file, and recovering it adopts that file.
    const deps = fakeDeps(data);
    const h = createHandlers(deps);
    expect(value(await h['project:recoverable']()).map((c) => c.path)).toEqual([file]);
    const recovered = value(await h['project:recover'](id));
    expect(recovered).toMatchObject({ path: file });
    expect(recovered.warning).toBeUndefined();
    expect(value(await h['project:save']({ document: recovered.document, saveAs: false })).path).toBe(file);
    expect(deps.shown).toEqual([]);
  });

  it('adopts an older build’s path when the file is in main’s own recent list', async () => {
    const { h, data, victim, id } = setup((info) => info);
    addRecent(data, victim);
    expect(value(await h['project:recoverable']()).map((c) => c.path)).toEqual([victim]);
    const recovered = value(await h['project:recover'](id));
    expect(recovered).toMatchObject({ path: victim });
    expect(recovered.warning).toBeUndefined();
  });
});
