/**
 * Copy, paste and duplicate, planned purely: what a copy holds (the selected elements, everything inside
 * them, and the links among them) and what a paste adds (the same with fresh ids, offset, links between
 * copied elements kept, links to anything outside the copy dropped) as ONE `add` command, so one undo
 * removes a paste. The renderer keeps the clip in memory; no OS clipboard is involved.
 */
import type { Command } from '../history/commands';
import { descendantsOf, getElement, indexDesign, type Design } from '../model/design';
import { HOSTED_KINDS, KIND_LABELS, type Element } from '../model/elements';
import { asElementId, asLinkId, type ElementId, type IdSource } from '../model/ids';
import type { Link } from '../model/links';
import { GRID } from './drop';

/** A copied piece of a design: elements (roots first, then their contents) and the links among them. */
export interface Clip {
  /** Copied elements whose parent was not copied: what a paste places. */
  readonly roots: readonly string[];
  readonly elements: readonly Element[];
  readonly links: readonly Link[];
}

/** How far each paste shifts pasted items, so a paste never hides exactly on top of its original. */
export const PASTE_OFFSET = GRID * 3;

/** The clip of a selection: selected elements with their contents; links with both ends inside. Null when nothing is selected. */
export function copySelection(design: Design, selected: Iterable<string>): Clip | null {
  const chosen = new Set([...selected].filter((id) => getElement(design, id)));
  if (chosen.size === 0) return null;
  const index = indexDesign(design);
  // A server and something inside it both selected: the server's copy already holds it.
  const roots = [...chosen].filter((id) => !hasAncestorIn(design, id, chosen));
  const ids = new Set<string>();
  const elements: Element[] = [];
  for (const r of roots) {
    for (const id of descendantsOf(design, r, index)) {
      if (ids.has(id)) continue;
      ids.add(id);
      elements.push(design.elements[id]!);
    }
  }
  const links = Object.values(design.links).filter((l) => ids.has(l.a.element) && ids.has(l.b.element));
  return { roots, elements, links };
}

function hasAncestorIn(design: Design, id: string, set: ReadonlySet<string>): boolean {
  let p = getElement(design, id)?.parent ?? null;
  for (let guard = 0; p !== null && guard < 16; guard++) {
    if (set.has(p)) return true;
    p = getElement(design, p)?.parent ?? null;
  }
  return false;
}

/**
 * Where a paste goes. `host`: the server that receives copied devices and VMs (the selected server, or the
 * server of the selected element); null when none is selected. `inPlace`: duplicate, i.e. each hosted root
 * goes back into its own server.
 */
export interface PasteTarget {
  host: string | null;
  inPlace?: boolean;
}

export type PastePlan = { ok: true; command: Command; roots: ElementId[]; label: string } | { ok: false; reason: string };

/** Plans pasting `clip` into `design`; `times` (1, 2, …) multiplies the offset so repeated pastes cascade. */
export function planPaste(design: Design, clip: Clip, target: PasteTarget, ids: IdSource, times = 1): PastePlan {
  const inClip = new Map(clip.elements.map((e) => [e.id as string, e]));
  const rename = new Map<string, ElementId>();
  const fresh = new Set<string>();
  for (const e of clip.elements) {
    let id = ids.next(e.kind);
    while (Object.hasOwn(design.elements, id) || fresh.has(id)) id = ids.next(e.kind);
    fresh.add(id);
    rename.set(e.id, asElementId(id));
  }

  const elements: Element[] = [];
  const roots: ElementId[] = [];
  const names = namesByParent(design);
  const offset = PASTE_OFFSET * times;
  for (const e of clip.elements) {
    const isRoot = e.parent === null || !inClip.has(e.parent);
    let parent: ElementId | null;
    let x = e.x;
    let y = e.y;
    if (!isRoot) {
      parent = rename.get(e.parent!)!;
    } else if (!HOSTED_KINDS.has(e.kind)) {
      parent = null;
      x += offset;
      y += offset;
    } else {
      const host = target.inPlace ? e.parent : target.host;
      const hostEl = host === null ? undefined : getElement(design, host);
      if (!hostEl) {
        const what = KIND_LABELS[e.kind];
        return { ok: false, reason: target.inPlace ? `the server of ${e.name || e.id} no longer exists` : `select a server to paste the ${what} into` };
      }
      if (hostEl.kind !== 'host') return { ok: false, reason: `${withArticle(KIND_LABELS[e.kind])} can only be pasted into a server, not into ${withArticle(KIND_LABELS[hostEl.kind].toLowerCase())}` };
      parent = hostEl.id;
      // Into its own server the copy shifts so it is visible; into another server it keeps its place there.
      if (hostEl.id === e.parent) {
        x += offset;
        y += offset;
      }
    }
    const copy = { ...e, id: rename.get(e.id)!, parent, x, y, name: isRoot || e.kind === 'vm' ? copyName(names, e, parent) : e.name } as Element;
    // A MAC address identifies one interface: a copied VM gets its MACs assigned afresh (null = automatic).
    if (copy.kind === 'vm') copy.vnics = copy.vnics.map((v) => ({ ...v, mac: null }));
    elements.push(copy);
    if (isRoot) roots.push(copy.id);
  }

  const taken = new Set<string>();
  const links: Link[] = clip.links.map((l) => {
    let id = ids.next(l.kind);
    while (Object.hasOwn(design.links, id) || taken.has(id)) id = ids.next(l.kind);
    taken.add(id);
    return { ...l, id: asLinkId(id), a: { ...l.a, element: rename.get(l.a.element)! }, b: { ...l.b, element: rename.get(l.b.element)! } };
  });

  const first = clip.elements.find((e) => e.id === clip.roots[0]);
  const label = clip.roots.length === 1 && first ? (first.name || KIND_LABELS[first.kind]) : `${clip.roots.length} items`;
  return { ok: true, command: { type: 'add', elements, links }, roots, label };
}

/** "a VM", "an Ethernet switch". */
const withArticle = (label: string): string => `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;

/**
 * VMs share one namespace across the design, as in vCenter or a libvirt cluster (a VM's name is how it is found and
 * migrated): a VM pasted into another server must not take a name another server's VM has. Other elements need a
 * name free only among their siblings (every server has its "nic0").
 */
const VM_NAMES = '\u0000vm';
const nameScope = (e: Element, parent: string | null): string => (e.kind === 'vm' ? VM_NAMES : (parent ?? ''));

/** Names in use in each scope (siblings under a parent, top level under "", every VM), built once per paste. */
function namesByParent(design: Design): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of Object.values(design.elements)) {
    const key = nameScope(s, s.parent);
    const set = out.get(key);
    if (set) set.add(s.name);
    else out.set(key, new Set([s.name]));
  }
  return out;
}

/** The copy's name: the original's when free in its scope (nameScope), else "name copy", "name copy 2", …; recorded as used. */
function copyName(used: Map<string, Set<string>>, e: Element, parent: string | null): string {
  const key = nameScope(e, parent);
  let set = used.get(key);
  if (!set) used.set(key, (set = new Set()));
  let name = e.name;
  if (set.has(name)) {
    const base = `${e.name.slice(0, 180)} copy`;
    name = base;
    for (let n = 2; set.has(name); n++) name = `${base} ${n}`;
  }
  set.add(name);
  return name;
}

/** The server a paste should go into given the selection: a selected server, or the server of a selected element. */
export function pasteHost(design: Design, selected: Iterable<string>): string | null {
  for (const id of selected) {
    const el = getElement(design, id);
    if (!el) continue;
    if (el.kind === 'host') return el.id;
    if (el.parent !== null && getElement(design, el.parent)?.kind === 'host') return el.parent;
  }
  return null;
}
