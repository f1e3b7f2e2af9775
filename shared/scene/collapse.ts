/**
 * Collapsing servers: which servers an action acts on, the one undoable step that collapses or expands them,
 * and what a collapsed server hides. A collapsed server draws as a compact box; its contents keep their
 * positions (relative to the server), so moving the box moves them, and expanding shows them where they were.
 */
import type { Command } from '../history/commands';
import type { Design } from '../model/design';
import type { Host } from '../model/elements';
import { asElementId } from '../model/ids';

// Containment is one level in the model (servers hold devices), but a corrupt chain must not hang the UI.
const MAX_DEPTH = 16;

/** The servers named by `ids`: a selected server itself, and the server holding any other selected element. */
export function hostsOf(design: Design, ids: Iterable<string>): Host[] {
  const out = new Map<string, Host>();
  for (const id of ids) {
    let el = design.elements[id];
    for (let guard = 0; el && guard < MAX_DEPTH; guard++) {
      if (el.kind === 'host') {
        out.set(el.id, el);
        break;
      }
      el = el.parent === null ? undefined : design.elements[el.parent];
    }
  }
  return [...out.values()];
}

/** Every server of the design. */
export const allHosts = (design: Design): Host[] => Object.values(design.elements).filter((e): e is Host => e.kind === 'host');

export interface CollapsePlan {
  commands: Command[];
  /** The undo label: "Collapse server1", "Expand 3 servers". */
  label: string;
  hosts: Host[];
}

/**
 * The commands that set `collapsed` on those of `hosts` not already in that state, run together as one undo
 * step; null when there is nothing to change.
 */
export function planCollapse(hosts: readonly Host[], collapsed: boolean): CollapsePlan | null {
  const changing = hosts.filter((h) => h.collapsed !== collapsed);
  if (changing.length === 0) return null;
  const verb = collapsed ? 'Collapse' : 'Expand';
  const label = changing.length === 1 ? `${verb} ${changing[0]!.name || changing[0]!.id}` : `${verb} ${changing.length} servers`;
  return { commands: changing.map((h) => ({ type: 'updateElement', id: asElementId(h.id), changes: { collapsed } })), label, hosts: changing };
}

/**
 * The element that draws `id`: itself, or the outermost collapsed server that hides it (the rule the scene
 * places nodes by). Unknown ids come back unchanged.
 */
export function shownAs(design: Design, id: string): string {
  let shown = id;
  let el = design.elements[id];
  for (let guard = 0; el && el.parent !== null && guard < MAX_DEPTH; guard++) {
    const parent = design.elements[el.parent];
    if (!parent) break;
    if (parent.kind === 'host' && parent.collapsed) shown = parent.id;
    el = parent;
  }
  return shown;
}

/** The collapsed servers that hide any of `ids`, outermost first along each chain. */
export function hidingHosts(design: Design, ids: Iterable<string>): Host[] {
  const out = new Map<string, Host>();
  for (const id of ids) {
    let el = design.elements[id];
    for (let guard = 0; el && el.parent !== null && guard < MAX_DEPTH; guard++) {
      const parent = design.elements[el.parent];
      if (parent?.kind === 'host' && parent.collapsed) out.set(parent.id, parent);
      el = parent;
    }
  }
  return [...out.values()];
}

export interface SelectionLike {
  readonly elements: ReadonlySet<string>;
  readonly links: ReadonlySet<string>;
}

/**
 * A selection that names only what is drawn: a hidden element is replaced by the collapsed server that hides
 * it, and a link folded inside one collapsed server is dropped (links with one end outside still draw, to the
 * box). Nothing invisible can then be deleted, copied or moved by accident. Returns `sel` itself when nothing
 * is hidden, so callers can compare by identity.
 */
export function visibleSelection(sel: SelectionLike, design: Design): SelectionLike {
  let changed = false;
  const elements = new Set<string>();
  for (const id of sel.elements) {
    const shown = shownAs(design, id);
    if (shown !== id) changed = true;
    elements.add(shown);
  }
  const links = new Set<string>();
  for (const id of sel.links) {
    const l = design.links[id];
    if (l) {
      const a = shownAs(design, l.a.element);
      const b = shownAs(design, l.b.element);
      if (a === b && (a !== l.a.element || b !== l.b.element)) {
        changed = true;
        continue;
      }
    }
    links.add(id);
  }
  return changed ? { elements, links } : sel;
}
