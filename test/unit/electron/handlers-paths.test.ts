// Issue #17, item 2: the page (treated as compromised) tries to make main read and write paths of its
// choosing. Main takes no path from it: saves without a dialog go only to the file the window opened or
// saved, opens take a token main issued, and autosave keys come from main.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../../electron/ipc/handlers';
import { UNKNOWN_TOKEN } from '../../../electron/ipc/path-tokens';
import { openProject, saveProject } from '../../../electron/project/store';
import { designToDocument } from '../../../shared/formats/topology';
import type { IpcResult } from '../../../shared/ipc/contract';
import { fakeDeps, type FakeDeps } from './support/fake-deps';
import { largeDesign } from './support/large-design';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-paths-');

function setup(): { h: Handlers; deps: FakeDeps; dir: string; data: string } {
  const dir = tempDir();
  const data = join(dir, 'userData');
  const deps = fakeDeps(data);
  return { h: createHandlers(deps), deps, dir, data };
}

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
  return r.value;
}

function reason(r: IpcResult<unknown>): string {
  expect(r.ok).toBe(false);
  return expectOneLine(!r.ok && 'reason' in r ? r.reason : '');
}

const document = designToDocument(largeDesign({ hosts: 1, tag: 'attack' }));
const namesOf = (file: string) => {
  const r = openProject(file);
  return r.ok ? r.design.meta.name : `unreadable: ${r.reason}`;
};

describe('project:save never writes where the page says', () => {
  it.each([
    ['a shell script', 'evil.sh'],
    ['a desktop entry in a new folder', join('newdir', 'x.desktop')],
    ['a relative path out of the working folder', join('..', '..', 'escaped.rackplane')],
  ])('refuses %s as the target, shows no dialog and writes nothing', async (_what, rel) => {
    const { h, deps, dir } = setup();
    const target = join(dir, rel);
    for (const path of [target, rel]) {
      expect(reason(await h['project:save']({ document, path, saveAs: false }))).toMatch(/^project:save: invalid request \(arguments?.*: Unrecognized key/);
    }
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(dir, 'newdir'))).toBe(false);
    expect(deps.shown).toEqual([]);
    // Without a path the window has no file yet: Save asks, and canceling writes nothing.
    deps.answers.push(null);
    expect(await h['project:save']({ document, saveAs: false })).toEqual({ ok: false, canceled: true });
    expect(deps.shown.map((d) => d.dialog)).toEqual(['saveProject']);
    expect(existsSync(target)).toBe(false);
  });

  it('writes only the file this window opened, never an unrelated project', async () => {
    const { h, deps, dir } = setup();
    const mine = join(dir, 'mine.rackplane');
    const theirs = join(dir, 'theirs.rackplane');
    saveProject(mine, { ...largeDesign({ hosts: 1 }), meta: { name: 'Mine', description: '', revision: 0 } });
    saveProject(theirs, { ...largeDesign({ hosts: 1 }), meta: { name: 'Theirs', description: '', revision: 0 } });
    const before = readFileSync(theirs);
    value(await h['project:openPath'](deps.pathTokens.issue(mine)));
    expect(reason(await h['project:save']({ document, path: theirs, saveAs: false }))).toMatch(/invalid request/);
    expect(value(await h['project:save']({ document, saveAs: false })).path).toBe(mine);
    expect(namesOf(mine)).toBe('DC 1 hosts');
    expect(readFileSync(theirs).equals(before)).toBe(true);
    expect(deps.shown).toEqual([]);
  });

  it('asks again after File ▸ New: the previous file is no longer the window’s', async () => {
    const { h, deps, dir } = setup();
    const mine = join(dir, 'mine.rackplane');
    deps.answers.push(mine);
    value(await h['project:save']({ document, saveAs: false }));
    value(await h['project:new']());
    deps.answers.push(null);
    expect(await h['project:save']({ document, saveAs: false })).toEqual({ ok: false, canceled: true });
    expect(deps.shown.map((d) => d.dialog)).toEqual(['saveProject', 'saveProject']);
  });
});

describe('project:openPath takes tokens only', () => {
  it('answers every path or guessed token with the same sentence, so nothing about the disk leaks', async () => {
    const { h, dir, data } = setup();
    const existing = join(dir, 'real.rackplane');
    saveProject(existing, largeDesign({ hosts: 1 }));
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'notes.svg'), '<svg/>');
    const probes = [existing, join(dir, 'missing.rackplane'), join(dir, 'folder'), join(dir, 'notes.svg'), '/etc/passwd', '../../etc/shadow', 'f-00000000000000000000000000000000'];
    const reasons = await Promise.all(probes.map(async (p) => reason(await h['project:openPath'](p))));
    expect(new Set(reasons)).toEqual(new Set([UNKNOWN_TOKEN]));
    // Nothing was read or remembered.
    expect(value(await h['project:recent']())).toEqual([]);
    expect(existsSync(join(data, 'recent.json'))).toBe(false);
  });

  it('opens a recent entry by its token; another window’s token is refused', async () => {
    const { h, deps, dir, data } = setup();
    const file = join(dir, 'p.rackplane');
    deps.answers.push(file);
    value(await h['project:save']({ document, saveAs: false }));
    const [entry] = value(await h['project:recent']());
    expect(entry!.path).toBe(file);
    expect(entry!.token).not.toContain(file);
    expect(value(await h['project:openPath'](entry!.token)).path).toBe(file);
    const other = createHandlers(fakeDeps(data));
    expect(reason(await other['project:openPath'](entry!.token))).toBe(UNKNOWN_TOKEN);
  });
});

describe('project:autosave keys come from main', () => {
  it('refuses a page-supplied path and ties the copy to the window’s own file', async () => {
    const { h, deps, dir, data } = setup();
    const victim = join(dir, 'victim.rackplane');
    saveProject(victim, largeDesign({ hosts: 2 }));
    expect(reason(await h['project:autosave']({ document, path: victim }))).toMatch(/invalid request/);
    expect(existsSync(join(data, 'recovery'))).toBe(false);
    // Untitled: the copy belongs to no file, so recovering it can never write over one.
    const untitled = value(await h['project:autosave']({ document }));
    expect(untitled.id).toMatch(/^untitled-/);
    expect(value(await h['project:recoverable']())).toMatchObject([{ id: untitled.id, path: null }]);
    // After opening a file, the copy is that file's.
    const mine = join(dir, 'mine.rackplane');
    saveProject(mine, largeDesign({ hosts: 1 }));
    value(await h['project:openPath'](deps.pathTokens.issue(mine)));
    const owned = value(await h['project:autosave']({ document }));
    expect(value(await h['project:recoverable']()).find((r) => r.id === owned.id)?.path).toBe(mine);
  });

  it('recovers or discards only copies it listed to this page', async () => {
    const { h, data } = setup();
    const crashed = createHandlers(fakeDeps(data));
    const { id } = value(await crashed['project:autosave']({ document }));
    expect(reason(await h['project:recover'](id))).toMatch(/^no such recovery copy/);
    expect(reason(await h['project:discardRecovery'](id))).toMatch(/^no such recovery copy/);
    expect(readdirSync(join(data, 'recovery'))).toContain(`${id}.rackplane`);
    expect(value(await h['project:recoverable']()).map((r) => r.id)).toEqual([id]);
    expect(value(await h['project:discardRecovery'](id))).toBeNull();
  });

  it('reports to the window only the file main knows it shows', async () => {
    const { h, deps, dir } = setup();
    value(await h['window:state']({ name: 'x', path: '/etc/passwd', dirty: false }));
    const mine = join(dir, 'mine.rackplane');
    saveProject(mine, largeDesign({ hosts: 1 }));
    value(await h['project:openPath'](deps.pathTokens.issue(mine)));
    value(await h['window:state']({ name: 'x', path: '/elsewhere/other.rackplane', dirty: false }));
    value(await h['window:state']({ name: 'x', path: null, dirty: false }));
    expect(deps.states.map((s) => s.path)).toEqual([null, mine, null]);
  });
});
