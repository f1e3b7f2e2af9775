// Issue #17: Save As decides "the window's own file" and "a file that opened damaged" by canonical path (the real
// path through links; case-insensitive on macOS and Windows, whose file systems usually ignore case), so picking
// such a file by another name neither asks about the window's own file nor slips past the damaged-file refusal.
// The platform is injected (this machine's file system is case-sensitive).
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/ipc/handlers';
import { canonicalPath, sameFile } from '../../../electron/project/same-file';
import { saveProject } from '../../../electron/project/store';
import { designToDocument } from '../../../shared/formats/topology';
import type { IpcResult } from '../../../shared/ipc/contract';
import { fakeDeps } from './support/fake-deps';
import { largeDesign } from './support/large-design';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-samefile-');

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
  return r.value;
}

function setup(platform: string) {
  const dir = tempDir();
  const deps = fakeDeps(join(dir, 'userData'));
  deps.appInfo = { ...deps.appInfo, platform };
  return { h: createHandlers(deps), deps, dir };
}

/** A project changed after its save (one element renamed in place), which opens as an unsaved copy. */
function damagedProject(file: string): string {
  saveProject(file, largeDesign({ hosts: 1 }));
  const db = new Database(file);
  db.exec(`UPDATE elements SET json = json_set(json, '$.name', 'Edited') WHERE rowid = 2;`);
  db.close();
  return file;
}

describe('canonicalPath and sameFile', () => {
  it('ignore case on darwin and win32 only, and see through links to files and to folders', () => {
    const dir = tempDir();
    const file = join(dir, 'Plan.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    expect(sameFile(file, join(dir, 'PLAN.rackplane'), 'darwin')).toBe(true);
    expect(sameFile(file, join(dir, 'PLAN.rackplane'), 'win32')).toBe(true);
    expect(sameFile(file, join(dir, 'PLAN.rackplane'), 'linux')).toBe(false);
    symlinkSync(file, join(dir, 'link.rackplane'));
    expect(sameFile(join(dir, 'link.rackplane'), file, 'linux')).toBe(true);
    // A file not there yet, in a folder reached through a link, compares by the folder's real path.
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    expect(canonicalPath(join(dir, 'alias', 'new.rackplane'), 'linux')).toBe(canonicalPath(join(dir, 'real', 'new.rackplane'), 'linux'));
  });
});

describe('Save As onto a file that opened damaged, by another name', () => {
  it('is refused on darwin when only the case differs, and allowed on linux, where that is another file', async () => {
    for (const [platform, refused] of [
      ['darwin', true],
      ['linux', false],
    ] as const) {
      const { h, deps, dir } = setup(platform);
      const file = damagedProject(join(dir, 'plan.rackplane'));
      const before = readFileSync(file);
      const opened = value(await h['project:openPath'](deps.pathTokens.issue(file)));
      expect(opened.warning).toBeDefined();
      deps.answers.push(join(dir, 'PLAN.rackplane'));
      const r = await h['project:save']({ document: opened.document, saveAs: true });
      if (refused) expect(expectOneLine(!r.ok && 'reason' in r ? r.reason : '')).toMatch(/changed outside Rackplane and is kept as it is: save the design under a new name$/);
      else expect(value(r).path).toBe(join(dir, 'PLAN.rackplane'));
      expect(readFileSync(file).equals(before)).toBe(true);
    }
  });

  it('is refused through a symbolic link on any platform', async () => {
    const { h, deps, dir } = setup('linux');
    const file = damagedProject(join(dir, 'plan.rackplane'));
    const before = readFileSync(file);
    symlinkSync(file, join(dir, 'shortcut.rackplane'));
    const opened = value(await h['project:openPath'](deps.pathTokens.issue(file)));
    deps.answers.push(join(dir, 'shortcut.rackplane'));
    const r = await h['project:save']({ document: opened.document, saveAs: true });
    expect(expectOneLine(!r.ok && 'reason' in r ? r.reason : '')).toMatch(/changed outside Rackplane/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('Save As onto the window’s own file by another name', () => {
  it('does not ask about "another window" on darwin (the same file), and does on linux (another file)', async () => {
    for (const [platform, asks] of [
      ['darwin', false],
      ['linux', true],
    ] as const) {
      const { h, deps, dir } = setup(platform);
      const file = join(dir, 'Plan.rackplane');
      saveProject(file, largeDesign({ hosts: 1 }));
      // Any other path the registry is asked about is shown elsewhere: only the window's own file may skip the question.
      deps.window.otherShowing = () => true;
      value(await h['project:openPath'](deps.pathTokens.issue(file)));
      deps.answers.push(join(dir, 'plan.rackplane'), 'replace');
      value(await h['project:save']({ document: designToDocument(largeDesign({ hosts: 2 })), saveAs: true }));
      expect(deps.shown.some((s) => s.dialog === 'confirmReplaceOpen')).toBe(asks);
    }
  });
});
