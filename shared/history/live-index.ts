/**
 * Children of each container and links at each element, kept in step with one evolving design. Deleting an element
 * must remove its contents and its links, and building `indexDesign` for that scans the whole design (tens of
 * milliseconds at 50,000 elements). The History keeps one of these for its current design: it is built on the first
 * command that needs it and then moved along each change by the ids the change touched, so a delete costs O(its
 * contents and links) instead. Private to the command path: callers still read the design as plain records.
 */
import type { Design } from '../model/design';
import type { DesignDiff } from './changes';

/** What the commands ask of an index: the direct contents of a container and the links at an element. */
export interface DesignLookup {
  childrenOf(id: string): Iterable<string>;
  linksOf(id: string): Iterable<string>;
}

const NONE: readonly string[] = [];

// Lists, not sets: most elements have one or two links, and at 250,000 elements a Set each costs tens of megabytes.
// Adding and dropping scan one element's list: O(its links or contents), the size of the change's neighbourhood.
type Lists = Map<string, string[]>;

function add(map: Lists, key: string, id: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

function drop(map: Lists, key: string, id: string): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(id);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}

export class LiveIndex implements DesignLookup {
  private built: { children: Lists; linksOf: Lists } | null = null;

  constructor(private design: Design) {}

  /** The design this index describes. */
  get current(): Design {
    return this.design;
  }

  childrenOf(id: string): Iterable<string> {
    return this.maps().children.get(id) ?? NONE;
  }

  linksOf(id: string): Iterable<string> {
    return this.maps().linksOf.get(id) ?? NONE;
  }

  /**
   * Moves the index from its design to `next`, which differs from it in the records `changes` names (null: unknown,
   * so the index is dropped and rebuilt when next asked). Costs O(changed records) once built, nothing before.
   */
  advance(next: Design, changes: DesignDiff | null): void {
    const prev = this.design;
    this.design = next;
    const m = this.built;
    if (!m) return;
    if (!changes) {
      this.built = null;
      return;
    }
    for (const id of changes.elements) {
      const before = Object.hasOwn(prev.elements, id) ? prev.elements[id] : undefined;
      const after = Object.hasOwn(next.elements, id) ? next.elements[id] : undefined;
      if (before?.parent === after?.parent) continue;
      if (before && before.parent !== null) drop(m.children, before.parent, id);
      if (after && after.parent !== null) add(m.children, after.parent, id);
    }
    for (const id of changes.links) {
      const before = Object.hasOwn(prev.links, id) ? prev.links[id] : undefined;
      const after = Object.hasOwn(next.links, id) ? next.links[id] : undefined;
      if (before) {
        drop(m.linksOf, before.a.element, id);
        drop(m.linksOf, before.b.element, id);
      }
      if (after) {
        add(m.linksOf, after.a.element, id);
        add(m.linksOf, after.b.element, id);
      }
    }
  }

  private maps(): { children: Lists; linksOf: Lists } {
    if (this.built) return this.built;
    const children: Lists = new Map();
    const linksOf: Lists = new Map();
    // Each id comes once, so a build appends without `add`'s scan (a link from an element to itself, once).
    const append = (map: Lists, key: string, id: string) => {
      const list = map.get(key);
      if (!list) map.set(key, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    };
    for (const el of Object.values(this.design.elements)) if (el.parent !== null) append(children, el.parent, el.id);
    for (const l of Object.values(this.design.links)) {
      append(linksOf, l.a.element, l.id);
      append(linksOf, l.b.element, l.id);
    }
    this.built = { children, linksOf };
    return this.built;
  }
}
