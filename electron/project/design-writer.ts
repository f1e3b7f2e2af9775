/**
 * The side of a save that does the work (in the project worker thread, or inline where there is none): checks the
 * design the page sent, holds it while main asks where to save, then writes it as a project or as a recovery copy.
 * A large design takes seconds to check, serialise and write; here that happens off main's event loop. Each step
 * answers with a result and never throws: a refusal is one line.
 */
import { loadDocument } from '../../shared/formats/topology';
import type { RecoveryInfo } from '../../shared/ipc/contract';
import type { Design } from '../../shared/model/design';
import { checkProjectSimulation, EMPTY_SIMULATION, type ProjectSimulation } from '../../shared/sim/persist';
import { describeError, oneLine, quoteName, UserFacingError } from '../util/messages';
import { RecoveryStore } from './recovery';
import { saveProject } from './store';

/** What the page sent, as it sent it: `document` is a topology document, `simulation` the stored scenarios. */
export interface DesignPayload {
  document: unknown;
  simulation?: unknown;
}

/** The record lists of a topology document, which cross to a worker in parts. */
export type RecordField = 'elements' | 'links';

export type WriteRequest =
  /** Part of the next check's document: the JSON of a slice of its `field` (no reply). */
  | { kind: 'write:part'; field: RecordField; json: string }
  /**
   * Checks the design: `payload` is a DesignPayload, or its JSON when it crossed to a worker, its record lists then
   * sent before it in parts (`parts: true`); `action` names the refusal.
   */
  | { kind: 'write:check'; payload: string | DesignPayload; parts?: boolean; action: string; nativeBinding?: string }
  /** Saves the checked design to `path` with its revision set to `revision`. */
  | { kind: 'write:project'; path: string; revision: number }
  /** Writes the checked design as recovery copy `id` of the file `path` (null: untitled), with main's `seal`. */
  | { kind: 'write:recovery'; userDataDir: string; id: string; path: string | null; seal: string | null };

export type WriteReply = { ok: true; name?: string; revision?: number; info?: RecoveryInfo } | { ok: false; reason: string };

export const isWriteRequest = (m: unknown): m is WriteRequest =>
  m !== null && typeof m === 'object' && typeof (m as { kind?: unknown }).kind === 'string' && (m as { kind: string }).kind.startsWith('write:');

/** One design's checks and writes, step by step (main sends the steps in order). */
export class DesignWriter {
  private checked: { design: Design; simulation: ProjectSimulation; nativeBinding?: string } | null = null;
  private parts: Record<RecordField, unknown[]> = { elements: [], links: [] };

  /** `onTemp` hears of each temp file before a save creates it (main removes it if this thread is stopped). */
  constructor(private readonly onTemp?: (tempPath: string) => void) {}

  /** The reply to `request`; null for a part, which gets none. */
  handle(request: WriteRequest): WriteReply | null {
    if (request.kind === 'write:part') {
      this.take(request.field, request.json);
      return null;
    }
    try {
      return this.step(request);
    } catch (e) {
      const what = request.kind === 'write:project' ? `cannot save ${quoteName(request.path)}` : request.kind === 'write:recovery' ? 'cannot write the recovery copy' : request.kind === 'write:check' ? `cannot ${request.action}` : 'cannot write';
      return { ok: false, reason: oneLine(e instanceof UserFacingError ? e.message : `${what}: ${describeError(e)}`) };
    }
  }

  private take(field: RecordField, json: string): void {
    // A part that does not parse leaves a gap the check below reports (loadDocument refuses the document).
    let records: unknown;
    try {
      records = JSON.parse(json);
    } catch {
      records = [undefined];
    }
    const list = this.parts[field];
    for (const r of Array.isArray(records) ? records : [undefined]) list.push(r);
  }

  private step(request: Exclude<WriteRequest, { kind: 'write:part' }>): WriteReply {
    if (request.kind === 'write:check') {
      const { document, simulation } = (typeof request.payload === 'string' ? JSON.parse(request.payload) : request.payload) as DesignPayload;
      if (request.parts && document !== null && typeof document === 'object') Object.assign(document, this.parts);
      this.parts = { elements: [], links: [] };
      const loaded = loadDocument(document);
      if (!loaded.ok) throw new UserFacingError(`cannot ${request.action}: the design is invalid (${loaded.reason})`);
      // The contract's schema checked each entry; this also drops duplicate names, which the tables key on.
      const sim = simulation ? checkProjectSimulation(simulation as Parameters<typeof checkProjectSimulation>[0]).simulation : EMPTY_SIMULATION;
      this.checked = { design: loaded.design, simulation: sim, nativeBinding: request.nativeBinding };
      return { ok: true, name: loaded.design.meta.name, revision: loaded.design.meta.revision };
    }
    const checked = this.checked;
    if (!checked) throw new Error('no design was checked before writing');
    const store = { nativeBinding: checked.nativeBinding, onTemp: this.onTemp };
    if (request.kind === 'write:project') {
      const { design } = checked;
      saveProject(request.path, { ...design, meta: { ...design.meta, revision: request.revision } }, store, checked.simulation);
      return { ok: true };
    }
    const info = new RecoveryStore(request.userDataDir, store).write(request.id, checked.design, request.path, checked.simulation, request.seal);
    return { ok: true, info };
  }
}
