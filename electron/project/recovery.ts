/**
 * Recovery copies of unsaved work in `<userData>/recovery/`: `<id>.rackplane` (a project file written
 * by the same atomic store, simulation tables included) and `<id>.json`, a small sidecar saying which file the work belongs to.
 * A copy counts only when both exist and the sidecar parses; stale temp files and half-written pairs
 * (a crash between the two writes) are ignored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LoadResult } from '../../shared/formats/topology';
import type { RecoveryInfo } from '../../shared/ipc/contract';
import type { Design } from '../../shared/model/design';
import { EMPTY_SIMULATION, type ProjectSimulation } from '../../shared/sim/persist';
import { removeQuietly, writeFileAtomic } from '../fs/atomic';
import { UserFacingError } from '../util/messages';
import { openProject, saveProject, type StoreOptions } from './store';

const DIR_NAME = 'recovery';
// Ids are generated here; anything else coming back from the renderer is refused before touching disk.
const ID_PATTERN = /^(file|untitled)-[0-9a-f]{8,40}$/;

const sidecarSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  path: z.string().min(1).nullable(),
  name: z.string().max(200),
  savedAt: z.string(),
});

export const isRecoveryId = (id: string): boolean => ID_PATTERN.test(id);

/** The recovery id of work on a saved file: the same file always maps to the same copy. */
export function recoveryIdForPath(path: string): string {
  return `file-${createHash('sha256').update(path).digest('hex').slice(0, 24)}`;
}

/** A fresh id for a never-saved design. */
export function newUntitledRecoveryId(): string {
  return `untitled-${randomBytes(8).toString('hex')}`;
}

export class RecoveryStore {
  readonly dir: string;

  constructor(
    userDataDir: string,
    private readonly store: StoreOptions = {},
  ) {
    this.dir = join(userDataDir, DIR_NAME);
  }

  private files(id: string) {
    if (!isRecoveryId(id)) throw new UserFacingError(`no recovery copy "${id.slice(0, 60)}": it may have been discarded already`);
    return { project: join(this.dir, `${id}.rackplane`), sidecar: join(this.dir, `${id}.json`) };
  }

  /**
   * Writes (or replaces) the copy `id`: the project first, then the sidecar that makes it visible. The
   * simulation state goes into the copy as into a saved project, so a recovered design comes back with
   * its scenarios and last results (marked stale on recovery when the design changed after the run).
   */
  write(id: string, design: Design, path: string | null, simulation: ProjectSimulation = EMPTY_SIMULATION): RecoveryInfo {
    const files = this.files(id);
    mkdirSync(this.dir, { recursive: true });
    saveProject(files.project, design, this.store, simulation);
    const info: RecoveryInfo = { id, path, name: design.meta.name, savedAt: new Date().toISOString() };
    writeFileAtomic(files.sidecar, JSON.stringify(info, null, 2) + '\n');
    return info;
  }

  private readInfo(id: string): RecoveryInfo | null {
    const files = this.files(id);
    if (!existsSync(files.project)) return null;
    try {
      const parsed = sidecarSchema.safeParse(JSON.parse(readFileSync(files.sidecar, 'utf8')));
      return parsed.success && parsed.data.id === id ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Every usable copy, newest first. */
  list(): RecoveryInfo[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const infos: RecoveryInfo[] = [];
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      if (!isRecoveryId(id)) continue;
      const info = this.readInfo(id);
      if (info) infos.push(info);
    }
    return infos.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
  }

  /** Opens the copy `id`; the info says which file the work belongs to. */
  read(id: string): { info: RecoveryInfo; loaded: LoadResult } {
    const info = this.readInfo(id);
    if (!info) throw new UserFacingError(`no recovery copy "${id.slice(0, 60)}": it may have been discarded already`);
    const loaded = openProject(this.files(id).project, this.store);
    return { info, loaded };
  }

  /** Deletes the copy `id` (sidecar first, so a half-deleted copy is never listed). Unknown ids are fine. */
  discard(id: string): void {
    const files = this.files(id);
    removeQuietly(files.sidecar);
    removeQuietly(files.project);
  }
}
