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

function removeFrom<K, V>(map: Map<K, V[]>, key: K, pred: (v: V) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.findIndex(pred);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}

function replaceIn<K, V extends { id: string }>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  const i = list ? list.findIndex((v) => v.id === value.id) : -1;
  if (i >= 0) list![i] = value;
  else addTo(map, key, value);
}

/** The host an element belongs to for validation (itself for a host), or null for fabric elements. */
export function hostOf(el: Element): string | null {
  if (el.kind === 'host') return el.id;
  return el.parent;
}

export class DesignIndexView implements Omit<DesignView, 'memo'> {
  design: Design;
  private readonly links = new Map<string, Link[]>();
  private readonly hostChildren = new Map<string, Element[]>();
  // Per-kind indexes kept current by update(), so that no pass enumerates the whole design again.
  private readonly elementsByKind = new Map<ElementKind, Map<string, Element>>();
  private readonly linksByKind = new Map<LinkKind, Map<string, Link>>();

  constructor(design: Design) {
    this.design = design;
    for (const el of Object.values(design.elements)) this.addElement(el);
    for (const l of Object.values(design.links)) this.addLink(l);
  }

  element(id: string): Element | undefined {
    // Own keys only: an id such as "constructor" must not find Object.prototype's.
    return Object.hasOwn(this.design.elements, id) ? this.design.elements[id] : undefined;
  }

  linksOf(id: string): readonly Link[] {
    return this.links.get(id) ?? [];
  }

  /** Elements inside a host. */
  childrenOf(host: string): readonly Element[] {
    return this.hostChildren.get(host) ?? [];
  }

  childrenOfKind<K extends ElementKind>(host: string, kind: K): ElementOf<K>[] {
    return this.childrenOf(host).filter((e): e is ElementOf<K> => e.kind === kind);
  }

  /** Every element of a kind. */
  ofKind<K extends ElementKind>(kind: K): ElementOf<K>[] {
    const m = this.elementsByKind.get(kind);
    return m ? ([...m.values()] as ElementOf<K>[]) : [];
  }

  /** Every link of a kind. */
  linksOfKind<K extends LinkKind>(kind: K): LinkOf<K>[] {
    const m = this.linksByKind.get(kind);
    return m ? ([...m.values()] as LinkOf<K>[]) : [];
  }

  /** Ids of every host. */
  hostIds(): string[] {
    return [...(this.elementsByKind.get('host')?.keys() ?? [])];
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
      if (old && cur && old.kind === cur.kind && old.a.element === cur.a.element && old.b.element === cur.b.element) {
        replaceIn(this.links, old.a.element, cur);
        if (cur.b.element !== cur.a.element) replaceIn(this.links, cur.b.element, cur);
        this.linksByKind.get(cur.kind)!.set(id, cur);
        continue;
      }
      if (old) this.removeLink(old);
      if (cur) this.addLink(cur);
    }
    for (const id of diff.elements) {
      const old = own(prev.elements, id);
      const cur = own(next.elements, id);
      if (old && cur && old.kind === cur.kind && old.parent === cur.parent) {
        if (cur.parent !== null) replaceIn(this.hostChildren, cur.parent, cur);
        this.elementsByKind.get(cur.kind)!.set(id, cur);
        continue;
      }
      if (old) this.removeElement(old);
      if (cur) this.addElement(cur);
    }
  }

  private addElement(el: Element): void {
    if (el.parent !== null) addTo(this.hostChildren, el.parent, el);
    let m = this.elementsByKind.get(el.kind);
    if (!m) this.elementsByKind.set(el.kind, (m = new Map()));
    m.set(el.id, el);
  }

  private removeElement(el: Element): void {
    if (el.parent !== null) removeFrom(this.hostChildren, el.parent, (e) => e.id === el.id);
    this.elementsByKind.get(el.kind)?.delete(el.id);
  }

  private addLink(l: Link): void {
    addTo(this.links, l.a.element, l);
    if (l.b.element !== l.a.element) addTo(this.links, l.b.element, l);
    let m = this.linksByKind.get(l.kind);
    if (!m) this.linksByKind.set(l.kind, (m = new Map()));
    m.set(l.id, l);
  }

  private removeLink(l: Link): void {
    removeFrom(this.links, l.a.element, (x) => x.id === l.id);
    if (l.b.element !== l.a.element) removeFrom(this.links, l.b.element, (x) => x.id === l.id);
    this.linksByKind.get(l.kind)?.delete(l.id);
  }
}
