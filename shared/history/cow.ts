/**
 * Copy-on-write for designs: the hand-written replacement of immer on the command and undo paths. A command writes
 * through a `DesignDraft`, which keeps its writes in small overlays and, when finished, copies each record map it
 * touched once, sets or deletes only the touched keys, and reads the patches and inverse patches straight off the
 * overlays. Immer did the same writes but, on finalizing, walked every key of a touched record and deep-froze the
 * whole design (edit.bench.ts at 2,000 hosts: immer ~115 ms a command, this ~26 ms): here the only O(design) cost left
 * is the one shallow copy of each touched record map.
 *
 * Patches keep immer's shape (`Patch` from immer, paths `['elements', id]`, `['links', id]`, `['meta']`), so
 * consumers that replay them with immer's `applyPatches` (the validation worker) are unaffected.
 */
import { applyPatches, enablePatches, type Patch } from 'immer';
import type { Design, DesignMeta } from '../model/design';
import type { Element } from '../model/elements';
import type { Link } from '../model/links';
import type { DesignDiff } from './changes';

// The fallback below replays patches with immer, and code that imports the history (tests, replicas) replays its
// patches with immer's applyPatches, which needs the plugin.
enablePatches();

/** One record map of a draft: own keys only, so ids such as "constructor" never reach Object.prototype. */
export interface DraftTable<T> {
  has(id: string): boolean;
  get(id: string): T | undefined;
  set(id: string, value: T): void;
  delete(id: string): void;
}

/** What a command may write: whole records by id, and the metadata as a whole. */
export interface DesignDraft {
  readonly elements: DraftTable<Element>;
  readonly links: DraftTable<Link>;
  setMeta(meta: DesignMeta): void;
}

/** A finished draft: the new design, the patches from the base to it and back, and the ids it touched. */
export interface Finished {
  design: Design;
  patches: Patch[];
  inverse: Patch[];
  changes: DesignDiff;
}

/** Marks a deleted key in an overlay (a record value is never a symbol). */
const GONE: unique symbol = Symbol('deleted');

class Overlay<T> implements DraftTable<T> {
  /** Touched keys, in first-write order, with their value now (or GONE). */
  readonly writes = new Map<string, T | typeof GONE>();
  constructor(readonly base: Readonly<Record<string, T>>) {}

  has(id: string): boolean {
    const w = this.writes.get(id);
    return w === undefined ? Object.hasOwn(this.base, id) : w !== GONE;
  }

  get(id: string): T | undefined {
    const w = this.writes.get(id);
    if (w === undefined) return Object.hasOwn(this.base, id) ? this.base[id] : undefined;
    return w === GONE ? undefined : w;
  }

  set(id: string, value: T): void {
    this.writes.set(id, value);
  }

  delete(id: string): void {
    // Deleting what is not there (base or overlay) is no change at all.
    if (this.has(id)) this.writes.set(id, GONE);
  }

  /**
   * The new record map (the base itself when nothing changed) and its patches. A key ends as it ends: written back to
   * its base value it makes no patch, as in immer; a replaced record makes a `replace` even when its fields are equal.
   */
  finish(root: 'elements' | 'links', patches: Patch[], inverse: Patch[], touched: Set<string>): Readonly<Record<string, T>> {
    let next: Record<string, T> | null = null;
    for (const [id, value] of this.writes) {
      const had = Object.hasOwn(this.base, id);
      const old = had ? this.base[id] : undefined;
      const path = [root, id];
      if (value === GONE) {
        if (!had) continue;
        patches.push({ op: 'remove', path });
        inverse.push({ op: 'add', path, value: old });
      } else if (had) {
        if (old === value) continue;
        patches.push({ op: 'replace', path, value });
        inverse.push({ op: 'replace', path, value: old });
      } else {
        patches.push({ op: 'add', path, value });
        inverse.push({ op: 'remove', path });
      }
      next ??= copyRecord(this.base);
      if (value === GONE) delete next[id];
      else next[id] = deepFreeze(value);
      touched.add(id);
    }
    return next ?? this.base;
  }
}

/**
 * A shallow copy of a record map. The element record of the fabric is a V8 dictionary-mode object (50k and 250k
 * keys): copying it key by key with for-in measured 1.4-2× faster than `{ ...rec }` or Object.assign, on the
 * template's record and on copies of copies. test/bench/edit.bench.ts prints both beside the commands as their floor.
 * Records are plain objects (Object.prototype has no enumerable keys), so for-in sees exactly the own keys.
 */
export function copyRecord<T>(rec: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const id in rec) out[id] = rec[id]!;
  return out;
}

/**
 * Freezes a value the draft stores and everything in it, stopping at what is already frozen (records taken from a
 * design that a command produced). Designs stay as immutable as immer left them: the design, its metadata and every
 * record are frozen. The copied record maps are not: freezing one walks all its keys, which would double the floor.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

/** Starts a draft of `base`; `finish` returns the new design and its patches. */
export function draftDesign(base: Design): DesignDraft & { finish(): Finished } {
  const elements = new Overlay<Element>(base.elements);
  const links = new Overlay<Link>(base.links);
  let meta: DesignMeta | null = null;
  return {
    elements,
    links,
    setMeta(m) {
      meta = m;
    },
    finish() {
      const patches: Patch[] = [];
      const inverse: Patch[] = [];
      const changes: DesignDiff = { elements: new Set(), links: new Set() };
      // Metadata first, then elements, then links: the order immer reports a root object's changed keys in.
      const metaChanged = meta !== null && meta !== base.meta;
      if (metaChanged) {
        patches.push({ op: 'replace', path: ['meta'], value: deepFreeze(meta) });
        inverse.push({ op: 'replace', path: ['meta'], value: base.meta });
      }
      const nextElements = elements.finish('elements', patches, inverse, changes.elements);
      const nextLinks = links.finish('links', patches, inverse, changes.links);
      if (patches.length === 0) return { design: base, patches, inverse, changes };
      const design: Design = Object.freeze({ meta: metaChanged ? meta! : base.meta, elements: nextElements, links: nextLinks });
      // Inverse patches undo the change, so they run in the opposite order.
      inverse.reverse();
      return { design, patches, inverse, changes };
    },
  };
}

/** Whether a patch replaces one record (or the metadata) as a whole: the only shape `applyDesignPatches` replays itself. */
function isRecordPatch(p: Patch): boolean {
  if (p.path.length === 1) return p.path[0] === 'meta' && p.op === 'replace';
  return p.path.length === 2 && (p.path[0] === 'elements' || p.path[0] === 'links') && typeof p.path[1] === 'string';
}

/**
 * Applies patches to a design, copying each touched record map once. Patches of another shape (never made by the
 * commands, but allowed by the type) go through immer's `applyPatches`. `changes` is null when a patch replaced more
 * than single records, as in `changesFromPatches`.
 */
export function applyDesignPatches(design: Design, patches: readonly Patch[]): { design: Design; changes: DesignDiff | null } {
  if (!patches.every(isRecordPatch)) {
    const next = applyPatches(design, patches as Patch[]);
    return { design: next, changes: null };
  }
  const draft = draftDesign(design);
  for (const p of patches) {
    if (p.path[0] === 'meta') {
      draft.setMeta(p.value as DesignMeta);
      continue;
    }
    const table: DraftTable<unknown> = p.path[0] === 'elements' ? draft.elements : draft.links;
    const id = p.path[1] as string;
    if (p.op === 'remove') table.delete(id);
    else table.set(id, p.value);
  }
  const r = draft.finish();
  return { design: r.design, changes: r.changes };
}
