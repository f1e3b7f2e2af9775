/**
 * Lookup structures over a design that every rule needs (links per element, link per port, children per
 * host), kept up to date incrementally so that revalidating after one edit costs little.
 */
import type { Design } from '../model/design';
import type { Element, ElementKind, ElementOf } from '../model/elements';
import type { Link, LinkKind, LinkOf } from '../model/links';
import type { DesignView } from './types';

import type { DesignDiff } from '../history/changes';

export type { DesignDiff };

/** Ids of elements and links that differ between two designs (added, removed or replaced). */
export function diffDesigns(prev: Design, next: Design): DesignDiff {
  const elements = new Set<string>();
  const links = new Set<string>();
  // Immer shares unchanged records, so a reference comparison finds every change. Ids may be "constructor":
  // test own keys only, never through Object.prototype.
  if (prev.elements !== next.elements) {
    for (const id in next.elements) if (!Object.hasOwn(prev.elements, id) || prev.elements[id] !== next.elements[id]) elements.add(id);
    for (const id in prev.elements) if (!Object.hasOwn(next.elements, id)) elements.add(id);
  }
  if (prev.links !== next.links) {
    for (const id in next.links) if (!Object.hasOwn(prev.links, id) || prev.links[id] !== next.links[id]) links.add(id);
    for (const id in prev.links) if (!Object.hasOwn(next.links, id)) links.add(id);
  }
  return { elements, links };
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Appends to lists in a map by key, remembering the last key's list (see the DesignIndexView constructor). */
class LastList<K, V> {
  private key: K | undefined;
  private list: V[] | undefined;
  constructor(private readonly map: Map<K, V[]>) {}

  add(key: K, value: V): void {
    if (this.list === undefined || key !== this.key) {
      this.key = key;
      this.list = this.map.get(key);
      if (!this.list) this.map.set(key, (this.list = []));
    }
    this.list.push(value);
  }
}

/** Inserts `el` into the list under `key`, which is in document order, at its own document position. */
function insertAt(map: Map<string, Element[]>, key: string, el: Element, position: (id: string) => number): void {
  const list = map.get(key);
  if (!list) {
    map.set(key, [el]);
    return;
  }
  const p = position(el.id);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (position(list[mid]!.id) < p) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, el);
}

function removeFrom<K, V>(map: Map<K, V[]>, key: K, pred: (v: V) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.findIndex(pred);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}

/** The host an element belongs to for validation (itself for a host), or null for fabric elements. */
export function hostOf(el: Element): string | null {
  if (el.kind === 'host') return el.id;
  return el.parent;
}

/** Replaces `old` by `cur` in place (keeping its position), or appends `cur` when `old` is not listed. */
function replaceRef<V>(list: V[], old: V, cur: V): void {
  const i = list.indexOf(old);
  if (i >= 0) list[i] = cur;
  else list.push(cur);
}

function removeRef<V>(list: V[] | undefined, old: V): void {
  if (!list) return;
  const i = list.indexOf(old);
  if (i >= 0) list.splice(i, 1);
}

const NONE: readonly never[] = Object.freeze([]);

export class DesignIndexView implements Omit<DesignView, 'memo'> {
  design: Design;
  private readonly links = new Map<string, Link[]>();
  private readonly hostChildren = new Map<string, Element[]>();
  // Per-kind lists in document order, kept current by update() (records replaced in place, so that no pass
  // enumerates the whole design again nor copies a 40k-VM list). Plain arrays without an id index: building them
  // is one push per record, and an edit finds its record with a reference scan, which is cheap next to a Map per kind.
  private readonly elementsByKind = new Map<ElementKind, Element[]>();
  /** Elements of each kind not inside a container, a subset of `elementsByKind`. */
  private readonly topByKind = new Map<ElementKind, Element[]>();
  private readonly linksByKind = new Map<LinkKind, Link[]>();
  /**
   * Position of each element in its kind's list, built on first use and dropped when an element of that kind is
   * added or removed (a record replaced in place keeps its position), so that an edit does not rebuild a 40k-VM map.
   */
  private readonly positions = new Map<ElementKind, Map<string, number>>();
  private docOrder: Map<string, number> | null = null;
  private docNext = 0;
  /**
   * Elements inside something that is not a host (a container of another kind, or a parent that does not exist):
   * no host pass sees them, nor does `topLevelOfKind`. Kept current by update(), so that a fabric rule finds them
   * without testing the parent of each of 10,000 virtual switches.
   */
  private readonly strays = new Map<string, Element>();

  constructor(design: Design) {
    this.design = design;
    // Files and templates list a host's children one after another, and runs of one kind and of links on one element:
    // each loop keeps the list it last appended to, which spares most of the lookups in maps of 250,000 keys.
    const els = design.elements;
    const children = new LastList(this.hostChildren);
    const top = new LastList(this.topByKind);
    const byKind = new LastList(this.elementsByKind);
    for (const id in els) {
      if (!Object.hasOwn(els, id)) continue;
      const el = els[id]!;
      if (el.parent !== null) children.add(el.parent, el);
      else top.add(el.kind, el);
      byKind.add(el.kind, el);
    }
    const links = design.links;
    const atA = new LastList(this.links);
    const atB = new LastList(this.links);
    const linkKinds = new LastList(this.linksByKind);
    for (const id in links) {
      if (!Object.hasOwn(links, id)) continue;
      const l = links[id]!;
      atA.add(l.a.element, l);
      if (l.b.element !== l.a.element) atB.add(l.b.element, l);
      linkKinds.add(l.kind, l);
    }
    for (const [parent, children] of this.hostChildren) if (this.element(parent)?.kind !== 'host') for (const c of children) this.strays.set(c.id, c);
  }

  element(id: string): Element | undefined {
    // Own keys only: an id such as "constructor" must not find Object.prototype's.
    return Object.hasOwn(this.design.elements, id) ? this.design.elements[id] : undefined;
  }

  linksOf(id: string): readonly Link[] {
    return this.links.get(id) ?? NONE;
  }

  /** Elements inside a host. */
  childrenOf(host: string): readonly Element[] {
    return this.hostChildren.get(host) ?? NONE;
  }

  childrenOfKind<K extends ElementKind>(host: string, kind: K): ElementOf<K>[] {
    return this.childrenOf(host).filter((e): e is ElementOf<K> => e.kind === kind);
  }

  /** Every element of a kind. The view's own list: read it within a pass, never mutate or keep it. */
  ofKind<K extends ElementKind>(kind: K): readonly ElementOf<K>[] {
    return (this.elementsByKind.get(kind) ?? NONE) as readonly ElementOf<K>[];
  }

  /** Elements of a kind that are not inside a container. The view's own list, as for `ofKind`. */
  topLevelOfKind<K extends ElementKind>(kind: K): readonly ElementOf<K>[] {
    return (this.topByKind.get(kind) ?? NONE) as readonly ElementOf<K>[];
  }

  /** Elements of a kind no host pass sees: top-level ones and those inside a container that is not a host, in document order. */
  outsideHosts<K extends ElementKind>(kind: K): readonly ElementOf<K>[] {
    const top = this.topLevelOfKind(kind);
    let strays: ElementOf<K>[] | null = null;
    for (const el of this.strays.values()) if (el.kind === kind) (strays ??= []).push(el as ElementOf<K>);
    if (!strays) return top;
    const pos = this.positionsOf(kind);
    return [...top, ...strays].sort((a, b) => pos.get(a.id)! - pos.get(b.id)!);
  }

  /** Each element's index in `ofKind(kind)` (document order), by id. The view's own map, as for `ofKind`. */
  positionsOf(kind: ElementKind): ReadonlyMap<string, number> {
    let map = this.positions.get(kind);
    if (!map) {
      map = new Map();
      const list = this.ofKind(kind);
      for (let i = 0; i < list.length; i++) map.set(list[i]!.id, i);
      this.positions.set(kind, map);
    }
    return map;
  }

  /** Every link of a kind. The view's own list, as for `ofKind`. */
  linksOfKind<K extends LinkKind>(kind: K): readonly LinkOf<K>[] {
    return (this.linksByKind.get(kind) ?? NONE) as readonly LinkOf<K>[];
  }

  /** Ids of every host. */
  hostIds(): string[] {
    return this.ofKind('host').map((h) => h.id);
  }

  /**
   * Moves the view to `next`, touching only what `diff` names. A record that changed in place keeps its
   * position in every list, so rules see the same order as after a full rebuild (their output must not
   * depend on whether validation ran incrementally).
   */
  update(next: Design, diff: DesignDiff): void {
    const prev = this.design;
    this.design = next;
    const own = <T>(rec: Readonly<Record<string, T>>, id: string): T | undefined => (Object.hasOwn(rec, id) ? rec[id] : undefined);
    for (const id of diff.links) {
      const old = own(prev.links, id);
      const cur = own(next.links, id);
      if (old === cur) continue;
      if (old && cur && old.kind === cur.kind && old.a.element === cur.a.element && old.b.element === cur.b.element) {
        replaceRef(this.links.get(old.a.element)!, old, cur);
        if (cur.b.element !== cur.a.element) replaceRef(this.links.get(cur.b.element)!, old, cur);
        replaceRef(this.linksByKind.get(cur.kind)!, old, cur);
        continue;
      }
      if (old) this.removeLink(old);
      if (cur) this.addLink(cur);
    }
    for (const id of diff.elements) {
      const old = own(prev.elements, id);
      const cur = own(next.elements, id);
      if (old === cur) continue;
      if (old && cur && old.kind === cur.kind && old.parent === cur.parent) {
        if (cur.parent !== null) replaceRef(this.hostChildren.get(cur.parent)!, old, cur);
        else replaceRef(this.topByKind.get(cur.kind)!, old, cur);
        replaceRef(this.elementsByKind.get(cur.kind)!, old, cur);
        continue;
      }
      if (old) this.removeElement(old);
      // A record that moved to another container or changed kind keeps its key's place in the document: insert it
      // there, as a rebuild would list it. A new record's key comes last, so it is appended.
      if (old && cur) this.addElement(cur, (id) => this.documentPosition(id));
      else if (cur) this.addElement(cur);
      else if (old) this.docOrder?.delete(old.id);
    }
    // Whether an element is a stray depends on its parent's kind and existence: recheck every changed element and
    // the children of each, once the lists above hold the new design.
    for (const id of diff.elements) {
      const cur = own(next.elements, id);
      if (cur) this.placeStray(cur);
      else this.strays.delete(id);
      for (const c of this.childrenOf(id)) this.placeStray(c);
    }
  }

  private placeStray(el: Element): void {
    if (el.parent !== null && this.element(el.parent)?.kind !== 'host') this.strays.set(el.id, el);
    else this.strays.delete(el.id);
  }

  /**
   * Where an element's key sits in the design's element record, comparable between elements. Built on the first move
   * between containers (rare, and a 50k-key scan): keys keep their places when their records are replaced, and new
   * keys come last, so later additions only extend it.
   */
  private documentPosition(id: string): number {
    if (!this.docOrder) {
      this.docOrder = new Map();
      for (const key of Object.keys(this.design.elements)) this.docOrder.set(key, this.docNext++);
    }
    return this.docOrder.get(id) ?? Number.POSITIVE_INFINITY;
  }

  /** Adds an element at the end of its lists, or at its document position when `position` is given. */
  private addElement(el: Element, position?: (id: string) => number): void {
    this.positions.delete(el.kind);
    if (this.docOrder && !this.docOrder.has(el.id)) this.docOrder.set(el.id, this.docNext++);
    const add = position ? (map: Map<string, Element[]>, key: string) => insertAt(map, key, el, position) : (map: Map<string, Element[]>, key: string) => addTo(map, key, el);
    if (el.parent !== null) add(this.hostChildren, el.parent);
    else add(this.topByKind, el.kind);
    add(this.elementsByKind, el.kind);
  }

  private removeElement(el: Element): void {
    this.positions.delete(el.kind);
    if (el.parent !== null) removeFrom(this.hostChildren, el.parent, (e) => e.id === el.id);
    else removeRef(this.topByKind.get(el.kind), el);
    removeRef(this.elementsByKind.get(el.kind), el);
  }

  private addLink(l: Link): void {
    addTo(this.links, l.a.element, l);
    if (l.b.element !== l.a.element) addTo(this.links, l.b.element, l);
    addTo(this.linksByKind, l.kind, l);
  }

  private removeLink(l: Link): void {
    removeFrom(this.links, l.a.element, (x) => x.id === l.id);
    if (l.b.element !== l.a.element) removeFrom(this.links, l.b.element, (x) => x.id === l.id);
    removeRef(this.linksByKind.get(l.kind), l);
  }
}
