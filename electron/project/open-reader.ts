/**
 * One window's file reads (open, import) as the IPC handlers use them: one read at a time, in a worker
 * (open-job.ts) that `cancel` stops, and the files that opened damaged, which this window never saves over.
 */
import { quoteName, UserFacingError } from '../util/messages';
import { canonicalPath } from './same-file';
import { startOpenJob, type OpenJob, type OpenOutcome, type OpenRequest } from './open-job';

export interface OpenReaderOptions {
  workerFile: string | null;
  workerArgv?: string[];
  nativeBinding?: string;
  deadlineMs?: number;
  /** Called as each read starts (the page times its progress panel from here, not from an Open dialog). */
  onStart?: () => void;
  /** Decides how file names compare (same-file.ts); the running platform when absent. */
  platform?: string;
}

export class OpenReader {
  private job: OpenJob | null = null;
  /** Files that changed outside Rackplane since their last save (content checksum or key columns), by canonical path. */
  private readonly damaged = new Set<string>();

  constructor(private readonly opts: OpenReaderOptions) {}

  /** Reads `path` as `kind` (an lspci capture with its tree at `treePath`); a second read while one runs is refused (the window does one at a time). */
  async read(kind: OpenRequest['kind'], path: string, treePath?: string): Promise<OpenOutcome> {
    if (this.job) return { ok: false, reason: 'another file is still being read: wait for it, or cancel it' };
    const job = startOpenJob({ kind, path, ...(treePath === undefined ? {} : { treePath }), nativeBinding: this.opts.nativeBinding }, this.opts);
    this.job = job;
    this.opts.onStart?.();
    try {
      const outcome = await job.result;
      if (outcome.ok && outcome.damage) this.damaged.add(canonicalPath(path, this.opts.platform));
      return outcome;
    } finally {
      this.job = null;
    }
  }

  /** Stops the running read (it then resolves as canceled); false when none was running. */
  cancel(): boolean {
    if (!this.job) return false;
    this.job.cancel();
    return true;
  }

  /** Saving over a file that opened damaged would destroy what is left of the original: refused, by whatever name it is picked. */
  refuseOverwritingDamaged(target: string): void {
    if (this.damaged.has(canonicalPath(target, this.opts.platform))) {
      throw new UserFacingError(`${quoteName(target)} changed outside Rackplane and is kept as it is: save the design under a new name`);
    }
  }
}
