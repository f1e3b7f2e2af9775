/**
 * Lookup structures over a design that every rule needs (links per element, link per port, children per
 * host), kept up to date incrementally so that revalidating after one edit costs little.
 */
import type { Design } from '../model/design';
import type { Element, ElementKind, ElementOf } from '../model/elements';
import type { Link, LinkKind, LinkOf } from '../model/links';
import type { DesignView } from './types';

export interface DesignDiff {
  elements: Set<string>;
  links: Set<string>;
}

/** Ids of elements and links that differ between two designs (added, removed or replaced). */
export function diffDesigns(prev: Design, next: Design): DesignDiff {
  const elements = new Set<string>();
  const links = new Set<string>();
  // Immer shares unchanged records, so a reference comparison finds every change.
  if (prev.elements !== next.elements) {
    for (const id in next.elements) if (prev.elements[id] !== next.elements[id]) elements.add(id);
    for (const id in prev.elements) if (!(id in next.elements)) elements.add(id);
  }
  if (prev.links !== next.links) {
    for (const id in next.links) if (prev.links[id] !== next.links[id]) links.add(id);
    for (const id in prev.links) if (!(id in next.links)) links.add(id);
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

/** The host an element belongs to for validation (itself for a host), or null for fabric elements. */
export function hostOf(el: Element): string | null {
  if (el.kind === 'host') return el.id;
  return el.parent;
}

export class DesignIndexView implements Omit<DesignView, 'memo'> {
  design: Design;
  private readonly links = new Map<string, Link[]>();
  private readonly hostChildren = new Map<string, Element[]>();

  constructor(design: Design) {
    this.design = design;
    for (const el of Object.values(design.elements)) this.addElement(el);
    for (const l of Object.values(design.links)) this.addLink(l);
  }

  element(id: string): Element | undefined {
    return this.design.elements[id];
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

  linksOfKind<K extends LinkKind>(kind: K): LinkOf<K>[] {
    return Object.values(this.design.links).filter((l): l is LinkOf<K> => l.kind === kind);
  }

  /** Moves the view to `next`, touching only what `diff` names. */
  update(next: Design, diff: DesignDiff): void {
    const prev = this.design;
    for (const id of diff.links) {
      const old = prev.links[id];
      if (old) this.removeLink(old);
    }
    for (const id of diff.elements) {
      const old = prev.elements[id];
      if (old) this.removeElement(old);
    }
    this.design = next;
    for (const id of diff.elements) {
      const el = next.elements[id];
      if (el) this.addElement(el);
    }
    for (const id of diff.links) {
      const l = next.links[id];
      if (l) this.addLink(l);
    }
  }

  private addElement(el: Element): void {
    if (el.parent !== null) addTo(this.hostChildren, el.parent, el);
  }

  private removeElement(el: Element): void {
    if (el.parent !== null) removeFrom(this.hostChildren, el.parent, (e) => e.id === el.id);
  }

  private addLink(l: Link): void {
    addTo(this.links, l.a.element, l);
    if (l.b.element !== l.a.element) addTo(this.links, l.b.element, l);
  }

  private removeLink(l: Link): void {
    removeFrom(this.links, l.a.element, (x) => x.id === l.id);
    if (l.b.element !== l.a.element) removeFrom(this.links, l.b.element, (x) => x.id === l.id);
  }
}
