// A save killed at any moment (SIGKILL: no cleanup runs) leaves the previous project or the new one,
// never a broken file. A child process saves generation after generation over one file; it is killed
// at random moments, and each time the file must open to exactly one of the generations.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTempName } from '../../../electron/fs/atomic';
import { openProject, saveProject } from '../../../electron/project/store';
import { largeDesign } from './support/large-design';
import { useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-kill-');
const HOSTS = 150; // ~3,800 elements and ~3,900 links: a save takes long enough to be hit mid-write
const KILLS = 6;

/** Starts the save loop and resolves once it has saved `afterSaves` generations, plus a random extra moment. */
function killDuringSave(target: string, afterSaves: number): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support/save-loop.ts'), target, String(HOSTS)], {
      cwd: join(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let saved = 0;
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      for (const line of b.toString().split('\n')) {
        const m = /^saved (\d+)$/.exec(line);
        if (m) saved = Number(m[1]);
      }
      if (!armed && saved >= afterSaves) {
        armed = true;
        // A random moment inside one of the next saves (each takes tens of milliseconds).
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 120);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolvePromise(saved);
      else reject(new Error(`save loop exited early (code ${code}): ${stderr.trim()}`));
    });
  });
}

describe('kill during save', () => {
  it(`leaves the old or the new project after each of ${KILLS} SIGKILLs`, async () => {
    const dir = tempDir();
    const target = join(dir, 'busy.rackplane');
    saveProject(target, largeDesign({ hosts: HOSTS, tag: 'original' }));
    for (let k = 0; k < KILLS; k++) {
      const saved = await killDuringSave(target, 1 + (k % 3));
      const r = openProject(target);
      if (!r.ok) throw new Error(`after kill #${k + 1}: ${r.reason}`);
      const tag = r.design.meta.description;
      // The last completed save, or the one in flight that reached its rename before the kill.
      expect([`gen-${saved}`, `gen-${saved + 1}`], `after kill #${k + 1}`).toContain(tag);
      expect(r.design).toEqual(largeDesign({ hosts: HOSTS, tag }));
      // Whatever else is left must be a temp file the app ignores by name.
      for (const name of readdirSync(dir)) if (name !== 'busy.rackplane') expect(isTempName(name), name).toBe(true);
    }
    // The next save removes what the killed ones left (issue #17: no debris after the next save).
    saveProject(target, largeDesign({ hosts: 1, tag: 'after' }));
    expect(readdirSync(dir)).toEqual(['busy.rackplane']);
  }, 120_000);
});
