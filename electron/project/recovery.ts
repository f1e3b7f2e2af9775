/**
 * Recovery copies of unsaved work in `<userData>/recovery/`: `<id>.rackplane` (a project file written
 * by the same atomic store, simulation tables included) and `<id>.json`, a small sidecar saying which file the work belongs to.
 * Every copy has an id of its own (a window writes a fresh one per design), so a damaged copy never blocks
 * the next autosave of the same file and two windows on one file never share one. A copy counts when its
 * project file exists; a missing or damaged sidecar (a crash between the two writes, a bad disk) does not
 * hide it: it is listed as untitled work. Stale temp files are ignored.
 *
 * The sidecar's file path is what a later Save writes to, so it counts only when main wrote it: the sidecar carries
 * a seal (an HMAC of the copy's id and path under the installation key, installation-key.ts). A sidecar without a
 * valid one (written by an older build, which took the path from the page, or by anything else) says `sealed: false`,
 * and the caller recovers the copy as untitled work unless it knows the path otherwise.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RecoveryInfo } from '../../shared/ipc/contract';
import type { Design } from '../../shared/model/design';
import { EMPTY_SIMULATION, type ProjectSimulation } from '../../shared/sim/persist';
import { removeQuietly, writeFileAtomic } from '../fs/atomic';
import { UserFacingError } from '../util/messages';
import { readHeader } from './file-format';
import { installationHmac } from './installation-key';
import { saveProject, type StoreOptions } from './store';

const DIR_NAME = 'recovery';
// Ids are generated here; anything else coming back from the renderer is refused before touching disk.
const ID_PATTERN = /^(file|untitled)-[0-9a-f]{8,40}$/;

const sidecarSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  path: z.string().min(1).nullable(),
  name: z.string().max(200),
  savedAt: z.string(),
  seal: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

/** A copy as stored: `sealed` when its path is one main recorded (see above). */
export type StoredRecovery = RecoveryInfo & { sealed: boolean };

/** Main's seal on "copy `id` belongs to the file at `path`". */
export function sealRecoveryPath(id: string, path: string): string {
  return installationHmac('rackplane-recovery-path', `${id}\n${path}`);
}

function sealMatches(id: string, path: string | null, seal: string | undefined): boolean {
  if (path === null || seal === undefined) return false;
  return timingSafeEqual(Buffer.from(sealRecoveryPath(id, path), 'hex'), Buffer.from(seal, 'hex'));
}

export const isRecoveryId = (id: string): boolean => ID_PATTERN.test(id);

/** A fresh id for unsaved work on a saved file (the sidecar says which file). */
export function newFileRecoveryId(): string {
  return `file-${randomBytes(8).toString('hex')}`;
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
  write(
    id: string,
    design: Design,
    path: string | null,
    simulation: ProjectSimulation = EMPTY_SIMULATION,
    // Made by main (a worker passes main's: its own key could differ where the key file cannot be read).
    seal: string | null = path === null ? null : sealRecoveryPath(id, path),
  ): RecoveryInfo {
    const files = this.files(id);
    mkdirSync(this.dir, { recursive: true });
    saveProject(files.project, design, this.store, simulation);
    const info: RecoveryInfo = { id, path, name: design.meta.name, savedAt: new Date().toISOString() };
    writeFileAtomic(files.sidecar, JSON.stringify(seal === null ? info : { ...info, seal }, null, 2) + '\n');
    return info;
  }

  private readInfo(id: string): StoredRecovery | null {
    const files = this.files(id);
    let modified: Date;
    try {
      modified = statSync(files.project).mtime;
    } catch {
      return null;
    }
    try {
      const parsed = sidecarSchema.safeParse(JSON.parse(readFileSync(files.sidecar, 'utf8')));
      if (parsed.success && parsed.data.id === id) {
        const { seal, ...info } = parsed.data;
        return { ...info, sealed: sealMatches(id, info.path, seal) };
      }
    } catch {
      // missing or unreadable: below
    }
    // The sidecar is missing or damaged but the work may be intact: offer it, as untitled work (which file
    // it belonged to is unknown, so recovering it never writes over a file; Save asks for a name).
    try {
      if (readHeader(files.project).kind !== 'rackplane') return null;
    } catch {
      return null;
    }
    return { id, path: null, name: 'Unsaved work (its file name was lost)', savedAt: modified.toISOString(), sealed: false };
  }

  /** Every usable copy, newest first. */
  list(): StoredRecovery[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const infos: StoredRecovery[] = [];
    for (const name of names) {
      if (!name.endsWith('.rackplane')) continue;
      const id = name.slice(0, -'.rackplane'.length);
      if (!isRecoveryId(id)) continue;
      const info = this.readInfo(id);
      if (info) infos.push(info);
    }
    return infos.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
  }

  /**
   * The copy `id`: which file the work belongs to, and the project file holding it. The caller reads that
   * file like any other (in the reader worker, with its deadline and cancel): a copy is a file on disk
   * that a crash, a bad disk or another program may have damaged.
   */
  locate(id: string): { info: StoredRecovery; project: string } {
    const info = this.readInfo(id);
    if (!info) throw new UserFacingError(`no recovery copy "${id.slice(0, 60)}": it may have been discarded already`);
    return { info, project: this.files(id).project };
  }

  /** Deletes the copy `id` (project first: it is what makes a copy listed). Unknown ids are fine. */
  discard(id: string): void {
    const files = this.files(id);
    removeQuietly(files.project);
    removeQuietly(files.sidecar);
  }
}
