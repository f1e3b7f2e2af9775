// Issue #17 items 3 and 6: temp files of saves have a recognisable name and the target's mode, vanish on
// every failure path, and those of killed saves are removed by the next save or open of that file. Write
// failures a user can fix (a folder they may not write in, a read-only disk, a full disk, a name that is
// too long) each get their own sentence.
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTempName, replaceFileAtomically, tempPathFor } from '../../../electron/fs/atomic';
import { removeStaleTemps } from '../../../electron/fs/temp-files';
import { openProject, saveProject } from '../../../electron/project/store';
import { describeError, describeWriteError } from '../../../electron/util/messages';
import { emptyDesign } from '../../../shared/model/design';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-atomic-');

/** The pid of a process that has exited (so a temp file naming it is debris). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

/** A temp name for `target` as another process (pid) would have made it. */
function tempOf(target: string, pid: number): string {
  return tempPathFor(target).replace(/-\d+-([0-9a-f]{8})\.tmp$/, `-${pid}-$1.tmp`);
}

describe('temp files', () => {
  it('are named after the target and recognised', () => {
    const tmp = tempPathFor('/x/plan.rackplane');
    expect(tmp).toMatch(/^\/x\/\.plan\.rackplane\.[0-9a-f]{6}-\d+-[0-9a-f]{8}\.tmp$/);
    expect(isTempName(tmp.slice(3))).toBe(true);
    expect(isTempName(`${tmp.slice(3)}-journal`)).toBe(true);
    expect(isTempName('plan.rackplane')).toBe(false);
  });

  it('fit in 255 bytes beside a 240-character name, which saves and opens', () => {
    const dir = tempDir();
    const file = join(dir, `${'n'.repeat(230)}.rackplane`);
    saveProject(file, emptyDesign('long'));
    expect(openProject(file).ok).toBe(true);
    expect(readdirSync(dir)).toEqual([`${'n'.repeat(230)}.rackplane`]);
  });

  it('have the target’s permissions from the start (a 0600 project never has a readable copy)', () => {
    const dir = tempDir();
    const notes = join(dir, 'private.json');
    writeFileSync(notes, '{}');
    chmodSync(notes, 0o600);
    let seen = -1;
    replaceFileAtomically(notes, (tmp) => {
      seen = statSync(tmp).mode & 0o777;
      writeFileSync(tmp, '{"a":1}');
    });
    expect(seen).toBe(0o600);
    expect(statSync(notes).mode & 0o777).toBe(0o600);
    const file = join(dir, 'private.rackplane');
    saveProject(file, emptyDesign('secret'));
    chmodSync(file, 0o640);
    saveProject(file, emptyDesign('secret'));
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('are removed when the write fails', () => {
    const dir = tempDir();
    expect(() =>
      replaceFileAtomically(join(dir, 'a.json'), (tmp) => {
        writeFileSync(`${tmp}-journal`, 'j');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('of killed saves are removed by the next save, and by the next open', () => {
    const dir = tempDir();
    const file = join(dir, 'p.rackplane');
    saveProject(file, emptyDesign('p'));
    const pid = deadPid();
    writeFileSync(tempOf(file, pid), 'partial');
    writeFileSync(`${tempOf(file, pid)}-journal`, 'partial');
    saveProject(file, emptyDesign('p'));
    expect(readdirSync(dir)).toEqual(['p.rackplane']);
    writeFileSync(tempOf(file, pid), 'partial');
    expect(openProject(file).ok).toBe(true);
    expect(readdirSync(dir)).toEqual(['p.rackplane']);
  });

  it('of saves still running elsewhere, of other files, and recent ones of unknown owners are kept', () => {
    const dir = tempDir();
    const file = join(dir, 'p.rackplane');
    const running = tempOf(file, process.ppid); // a live process
    const other = tempOf(join(dir, 'q.rackplane'), deadPid());
    const legacy = join(dir, '.p.rackplane.0123456789ab.tmp');
    const oldLegacy = join(dir, '.p.rackplane.ba9876543210.tmp');
    for (const f of [running, other, legacy, oldLegacy]) writeFileSync(f, 'x');
    const twoDaysAgo = Date.now() / 1000 - 2 * 86400;
    utimesSync(oldLegacy, twoDaysAgo, twoDaysAgo);
    expect(removeStaleTemps(file)).toEqual(['.p.rackplane.ba9876543210.tmp']);
    expect(readdirSync(dir).sort()).toEqual([running, other, legacy].map((f) => f.slice(dir.length + 1)).sort());
  });
});

describe('write failures each get their own sentence', () => {
  const err = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
  const lines = ['EACCES', 'EROFS', 'ENOSPC', 'ENAMETOOLONG', 'EDQUOT'].map((c) => expectOneLine(describeWriteError(err(c), '/data/plans')));

  it('are distinct and name the folder where it helps', () => {
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines[0]).toBe('you may not write in the folder /data/plans (permission denied): choose another folder, or ask its owner for write access');
    expect(lines[1]).toBe('the disk holding /data/plans is mounted read-only: save on another disk');
    expect(lines[2]).toBe('the disk holding /data/plans is full: free some space or save on another disk');
    expect(lines[3]).toMatch(/^the file name is too long/);
  });

  it('SQLite’s full disk reads like the errno', () => {
    expect(describeWriteError(err('SQLITE_FULL'), '/d')).toBe(describeWriteError(err('ENOSPC'), '/d'));
    expect(describeError(err('SQLITE_FULL'))).toBe(describeError(err('ENOSPC')));
  });

  it('an over-long file name is reported as such when saving', () => {
    expect(() => saveProject(join(tempDir(), `${'n'.repeat(300)}.rackplane`), emptyDesign())).toThrow(/^cannot save “n+\.rackplane”: the file name is too long/);
  });
});
