/**
 * Every change to a design is one of these commands. `applyCommand` is the only code that writes to a
 * design; it checks the result against the schema so that an invalid edit is refused, not stored.
 */
import type { Patch } from 'immer';
import type { Design, DesignMeta } from '../model/design';
import { designMetaSchema } from '../model/design';
import { elementSchema, exhaustive, findPort, HOSTED_KINDS, portsOf, type Element } from '../model/elements';
import { linkSchema, type Link } from '../model/links';
import type { ElementId, LinkId } from '../model/ids';
import { printableLine } from '../text/printable';
import type { DesignDiff } from './changes';
import { draftDesign, type DesignDraft } from './cow';
import { LiveIndex, type DesignLookup } from './live-index';

/** Property changes for an element: any field except identity and kind. */
export type ElementChanges = Partial<Omit<Element, 'id' | 'kind'>> & Record<string, unknown>;
export type LinkChanges = Partial<Omit<Link, 'id' | 'kind'>> & Record<string, unknown>;

export type Command =
  | { type: 'add'; elements: Element[]; links: Link[] }
  | { type: 'remove'; elements: ElementId[]; links: LinkId[] }
  | { type: 'updateElement'; id: ElementId; changes: ElementChanges }
  | { type: 'updateLink'; id: LinkId; changes: LinkChanges }
  /** Moves elements; a server may also be given a new width and height (automatic layout fits it to its contents). */
  | { type: 'move'; moves: { id: ElementId; x: number; y: number; width?: number; height?: number }[] }
  | { type: 'reparent'; id: ElementId; parent: ElementId | null; x: number; y: number }
  | { type: 'setMeta'; changes: Partial<DesignMeta> };

export type CommandType = Command['type'];

// Names and port names are user text and may hold newlines or control characters: messages show them escaped.
const oneLine = printableLine;

/** A refused command: the design is unchanged and `message` says why, on one line, in words a user can act on. */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(message: string) {
    super(oneLine(message));
  }
}

/** How an element is named in a message: its name when it has a visible one, else its id. */
const labelOf = (el: { name?: unknown; id?: unknown }): string => (typeof el.name === 'string' && el.name.trim() !== '' && oneLine(el.name, 80)) || String(el.id);

export interface Applied {
  design: Design;
  patches: Patch[];
  inverse: Patch[];
  /** The ids of the records the command added, replaced or removed (what `changesFromPatches(patches)` reads). */
  changes: DesignDiff;
}

/**
 * Applies a command; throws CommandError (design unchanged) when it would break the document. Costs O(the change)
 * plus one shallow copy of each record map it touches (cow.ts). `index` describes `design` (the History passes the
 * one it keeps); without it, a delete builds one, which scans the design.
 */
export function applyCommand(design: Design, cmd: Command, index: DesignLookup = new LiveIndex(design)): Applied {
  const draft = draftDesign(design);
  writeCommand(draft, design, cmd, index);
  return draft.finish();
}

// Ids are user-visible tokens and may be "constructor" or "toString": look records up by own keys only,
// never through Object.prototype.
const own = <T>(rec: Readonly<Record<string, T>>, id: string): T | undefined => (Object.hasOwn(rec, id) ? rec[id] : undefined);

function checkElement(el: unknown): Element {
  const r = elementSchema.safeParse(el);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new CommandError(`${labelOf(el as Element)}: ${issue.path.join('.') || 'value'} ${issue.message}`);
  }
  return r.data as Element;
}

function checkLink(l: unknown, d: DesignDraft): Link {
  const r = linkSchema.safeParse(l);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new CommandError(`link ${(l as Link).id}: ${issue.path.join('.') || 'value'} ${issue.message}`);
  }
  for (const end of [r.data.a, r.data.b]) {
    const el = d.elements.get(end.element);
    if (!el) throw new CommandError(`link ${r.data.id}: element ${end.element} does not exist`);
    if (!findPort(el, end.port)) throw new CommandError(`link ${r.data.id}: ${labelOf(el)} has no port ${end.port}`);
  }
  return r.data;
}

function checkParent(d: DesignDraft, el: Element): void {
  if (el.parent === null) return;
  const parent = d.elements.get(el.parent);
  if (!parent) throw new CommandError(`${labelOf(el)}: container ${el.parent} does not exist`);
  if (parent.kind !== 'host' || !HOSTED_KINDS.has(el.kind)) {
    throw new CommandError(`a ${el.kind} cannot be placed inside a ${parent.kind}`);
  }
}

/**
 * Writes a command's effect into a draft of `before` (the only code that decides what a command changes).
 * `applyCommand` drives it with the copy-on-write draft; the property tests also drive it with an immer draft as
 * the reference. Throws CommandError; the draft is then to be discarded.
 */
export function writeCommand(d: DesignDraft, before: Design, cmd: Command, index: DesignLookup): void {
  switch (cmd.type) {
    case 'add': {
      for (const raw of cmd.elements) {
        if (d.elements.has(raw.id)) throw new CommandError(`an element with id ${raw.id} already exists`);
        d.elements.set(raw.id, checkElement(raw));
      }
      for (const raw of cmd.elements) checkParent(d, d.elements.get(raw.id)!);
      for (const raw of cmd.links) {
        if (d.links.has(raw.id)) throw new CommandError(`a link with id ${raw.id} already exists`);
        d.links.set(raw.id, checkLink(raw, d));
      }
      return;
    }
    case 'remove': {
      // The elements, everything inside them and every link at any of them; the index answers without a scan.
      const doomed = new Set<string>();
      for (const id of cmd.elements) {
        if (!own(before.elements, id)) continue;
        const stack = [id as string];
        while (stack.length) {
          const cur = stack.pop()!;
          if (doomed.has(cur)) continue;
          doomed.add(cur);
          for (const c of index.childrenOf(cur)) stack.push(c);
        }
      }
      for (const id of doomed) {
        for (const l of index.linksOf(id)) d.links.delete(l);
        d.elements.delete(id);
      }
      for (const id of cmd.links) d.links.delete(id);
      return;
    }
    case 'updateElement': {
      if (!d.elements.has(cmd.id)) throw new CommandError(`element ${cmd.id} does not exist`);
      const { id: _i, kind: _k, ...changes } = cmd.changes as Record<string, unknown>;
      const merged = checkElement({ ...before.elements[cmd.id], ...changes });
      d.elements.set(cmd.id, merged);
      if ('parent' in changes) checkParent(d, merged);
      dropLinksToVanishedPorts(d, before, cmd.id, index);
      return;
    }
    case 'updateLink': {
      const cur = own(before.links, cmd.id);
      if (!cur) throw new CommandError(`link ${cmd.id} does not exist`);
      const { id: _i, kind: _k, ...changes } = cmd.changes as Record<string, unknown>;
      d.links.set(cmd.id, checkLink({ ...cur, ...changes }, d));
      return;
    }
    // Move and reparent replace the whole element record rather than assigning its fields: patches stop at
    // `elements/<id>` (immer's applyPatches, which replicas use, refuses a path that runs *through* a key named
    // "constructor"). Unchanged positions produce no patch, so a no-op move is not an undo step.
    case 'move': {
      for (const m of cmd.moves) {
        const el = d.elements.get(m.id);
        if (!el) throw new CommandError(`element ${m.id} does not exist`);
        if (!Number.isFinite(m.x) || !Number.isFinite(m.y)) throw new CommandError(`position of ${labelOf(el)} must be finite`);
        if (m.width === undefined && m.height === undefined) {
          if (el.x !== m.x || el.y !== m.y) d.elements.set(m.id, { ...own(before.elements, m.id)!, x: m.x, y: m.y });
          continue;
        }
        // One command resizes many servers at once: thousands of updateElement commands would copy the
        // element record once each.
        if (el.kind !== 'host') throw new CommandError(`${labelOf(el)} is not a server and cannot be resized`);
        const width = m.width ?? el.width;
        const height = m.height ?? el.height;
        if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) throw new CommandError(`size of ${labelOf(el)} must be positive and finite`);
        if (el.x !== m.x || el.y !== m.y || el.width !== width || el.height !== height) d.elements.set(m.id, { ...own(before.elements, m.id)!, x: m.x, y: m.y, width, height } as Element);
      }
      return;
    }
    case 'reparent': {
      const el = d.elements.get(cmd.id);
      if (!el) throw new CommandError(`element ${cmd.id} does not exist`);
      if (el.parent === cmd.parent && el.x === cmd.x && el.y === cmd.y) return;
      const moved = { ...own(before.elements, cmd.id)!, parent: cmd.parent, x: cmd.x, y: cmd.y };
      checkParent(d, moved);
      d.elements.set(cmd.id, moved);
      return;
    }
    case 'setMeta': {
      const r = designMetaSchema.safeParse({ ...before.meta, ...cmd.changes });
      if (!r.success) throw new CommandError(`design ${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
      d.setMeta(r.data);
      return;
    }
    default:
      exhaustive(cmd);
  }
}

// Shrinking an element (fewer ports, VFs or port groups) removes the links that used the vanished ports,
// so an edit never leaves a dangling link behind; undo restores them with the element.
function dropLinksToVanishedPorts(d: DesignDraft, before: Design, id: string, index: DesignLookup): void {
  const el = d.elements.get(id)!;
  // Most edits (a VM's vCPUs, a port's VLANs) keep every port: checking the element's own ports is cheap.
  const old = before.elements[id]!;
  if (portsOf(old, { includeHidden: true }).every((p) => findPort(el, p.name))) return;
  for (const lid of index.linksOf(id)) {
    const l = before.links[lid]!;
    for (const end of [l.a, l.b]) {
      if (end.element === id && !findPort(el, end.port)) d.links.delete(l.id);
    }
  }
}

/** Short human label of a command, for the undo menu ("Undo Move 3 elements"). */
export function describeCommand(cmd: Command): string {
  switch (cmd.type) {
    case 'add':
      return cmd.elements.length ? `Add ${cmd.elements.length === 1 ? cmd.elements[0]!.name : `${cmd.elements.length} elements`}` : `Add ${cmd.links.length === 1 ? 'link' : `${cmd.links.length} links`}`;
    case 'remove':
      return `Delete ${cmd.elements.length + cmd.links.length === 1 ? 'item' : `${cmd.elements.length + cmd.links.length} items`}`;
    case 'updateElement':
      return `Edit ${Object.keys(cmd.changes).join(', ')}`;
    case 'updateLink':
      return 'Edit link';
    case 'move':
      return `Move ${cmd.moves.length === 1 ? 'element' : `${cmd.moves.length} elements`}`;
    case 'reparent':
      return 'Move into container';
    case 'setMeta':
      return 'Edit design properties';
    default:
      return exhaustive(cmd);
  }
}
