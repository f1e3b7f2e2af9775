/** The design document: metadata, elements and links keyed by id. Immutable; changed only by commands. */
import { z } from 'zod';
import type { ElementId, LinkId } from './ids';
import { findPort, HOSTED_KINDS, type Element, type ElementKind } from './elements';
import type { Link } from './links';

export const designMetaSchema = z.object({
  name: z.string().max(200),
  description: z.string().max(10_000),
  /** Bumped on every save; shown in title blocks of exports. */
  revision: z.number().int().min(0),
});
export type DesignMeta = z.infer<typeof designMetaSchema>;

export interface Design {
  readonly meta: DesignMeta;
  readonly elements: Readonly<Record<string, Element>>;
  readonly links: Readonly<Record<string, Link>>;
}

export function emptyDesign(name = 'Untitled design'): Design {
  return { meta: { name, description: '', revision: 0 }, elements: {}, links: {} };
}

// Own keys only: an id such as "constructor" must not find Object.prototype's members.
export const getElement = (d: Design, id: ElementId | string): Element | undefined => (Object.hasOwn(d.elements, id) ? d.elements[id] : undefined);
export const getLink = (d: Design, id: LinkId | string): Link | undefined => (Object.hasOwn(d.links, id) ? d.links[id] : undefined);

/** Element counts by kind. */
export function countByKind(d: Design): Record<ElementKind, number> {
  const counts = { host: 0, rootComplex: 0, pcieSwitch: 0, nic: 0, endpoint: 0, vm: 0, vswitch: 0, tor: 0, fex: 0, storage: 0 };
  for (const el of Object.values(d.elements)) counts[el.kind]++;
  return counts;
}

/** Children of each container, and links touching each element, built in one pass. */
export interface DesignIndex {
  children: Map<string, string[]>;
  linksOf: Map<string, string[]>;
}

export function indexDesign(d: Design): DesignIndex {
  const children = new Map<string, string[]>();
  const linksOf = new Map<string, string[]>();
  for (const el of Object.values(d.elements)) {
    if (el.parent === null) continue;
    const list = children.get(el.parent);
    if (list) list.push(el.id);
    else children.set(el.parent, [el.id]);
  }
  for (const l of Object.values(d.links)) {
    for (const end of [l.a.element, l.b.element]) {
      const list = linksOf.get(end);
      if (list) {
        if (list[list.length - 1] !== l.id) list.push(l.id);
      } else linksOf.set(end, [l.id]);
    }
  }
  return { children, linksOf };
}

/** The element and everything contained in it, transitively. */
export function descendantsOf(d: Design, id: string, index = indexDesign(d)): string[] {
  const out: string[] = [];
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    out.push(cur);
    for (const c of index.children.get(cur) ?? []) stack.push(c);
  }
  return out;
}

/** A problem with the document's structure (not a design-rule diagnostic). */
export interface IntegrityIssue {
  kind: 'dangling-parent' | 'bad-parent-kind' | 'dangling-link' | 'missing-port';
  id: string;
  message: string;
}

/**
 * Structural problems: references to missing elements or ports, misplaced containment. A caller that already holds
 * the records in arrays passes them as `records`: Object.values on a record of a million keys (V8 dictionary mode)
 * takes seconds, most of a million-VM load.
 */
export function checkIntegrity(d: Design, records?: { elements: readonly Element[]; links: readonly Link[] }): IntegrityIssue[] {
  const issues: IntegrityIssue[] = [];
  for (const el of records?.elements ?? Object.values(d.elements)) {
    if (el.parent === null) continue;
    const parent = getElement(d, el.parent);
    if (!parent) {
      issues.push({ kind: 'dangling-parent', id: el.id, message: `${el.id} is inside ${el.parent}, which does not exist` });
    } else if (parent.kind !== 'host' || !HOSTED_KINDS.has(el.kind)) {
      issues.push({ kind: 'bad-parent-kind', id: el.id, message: `a ${el.kind} cannot be inside a ${parent.kind} (${el.id} in ${parent.id})` });
    }
  }
  for (const l of records?.links ?? Object.values(d.links)) {
    for (const end of [l.a, l.b]) {
      const el = getElement(d, end.element);
      if (!el) {
        issues.push({ kind: 'dangling-link', id: l.id, message: `link ${l.id} ends at ${end.element}, which does not exist` });
      } else if (!findPort(el, end.port)) {
        issues.push({ kind: 'missing-port', id: l.id, message: `link ${l.id} ends at port ${end.port} of ${el.id}, which has no such port` });
      }
    }
  }
  return issues;
}
