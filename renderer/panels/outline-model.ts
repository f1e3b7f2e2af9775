/**
 * The outline's rows: servers with their contents (root complexes, PCIe devices, vSwitches, VMs), then
 * switches, storage and anything else at top level. Pure functions of the design, the expanded set
 * and the search text, so the panel can virtualise the list (2,000 servers stay one row each).
 */
import type { Design } from '../../shared/model/design';
import type { Element, ElementKind } from '../../shared/model/elements';
import { matchesWords, queryWords, searchText } from '../actions/name-query';

export type OutlineRow =
  | { type: 'section'; key: string; label: string; count: number }
  | { type: 'element'; id: string; name: string; kind: ElementKind; depth: number; expandable: boolean; expanded: boolean; childCount: number };

interface Grouped {
  hosts: Element[];
  switches: Element[];
  storage: Element[];
  other: Element[];
  children: Map<string, Element[]>;
}

// Contents of a server in the order an engineer reads it: silicon first, then the virtual layer.
const CHILD_ORDER: Partial<Record<ElementKind, number>> = { rootComplex: 0, pcieSwitch: 1, nic: 2, endpoint: 3, vswitch: 4, vm: 5 };
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byName = (a: Element, b: Element) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byChildOrder = (a: Element, b: Element) => (CHILD_ORDER[a.kind] ?? 9) - (CHILD_ORDER[b.kind] ?? 9) || byName(a, b);

const groupedCache = new WeakMap<Design, Grouped>();

/** The design sorted into outline groups; cached per design object. */
export function groupDesign(d: Design): Grouped {
  const cached = groupedCache.get(d);
  if (cached) return cached;
  const g: Grouped = { hosts: [], switches: [], storage: [], other: [], children: new Map() };
  for (const el of Object.values(d.elements)) {
    if (el.parent !== null && d.elements[el.parent]) {
      const list = g.children.get(el.parent);
      if (list) list.push(el);
      else g.children.set(el.parent, [el]);
    } else if (el.kind === 'host') g.hosts.push(el);
    else if (el.kind === 'tor' || el.kind === 'fex') g.switches.push(el);
    else if (el.kind === 'storage') g.storage.push(el);
    else g.other.push(el);
  }
  g.hosts.sort(byName);
  g.switches.sort(byName);
  g.storage.sort(byName);
  g.other.sort(byName);
  for (const list of g.children.values()) list.sort(byChildOrder);
  groupedCache.set(d, g);
  return g;
}

const SECTIONS: { key: keyof Omit<Grouped, 'children'>; label: string }[] = [
  { key: 'hosts', label: 'Servers' },
  { key: 'switches', label: 'Switches' },
  { key: 'storage', label: 'Storage' },
  { key: 'other', label: 'Unplaced' },
];

/** The visible rows. With a query, only matching elements and the servers that contain them are listed. */
export function outlineRows(d: Design, expanded: ReadonlySet<string>, query: string): OutlineRow[] {
  const g = groupDesign(d);
  const words = queryWords(query);
  const q = words.length > 0;
  const rows: OutlineRow[] = [];
  for (const section of SECTIONS) {
    const sectionRows: OutlineRow[] = [];
    let count = 0;
    for (const el of g[section.key]) {
      const kids = g.children.get(el.id) ?? [];
      // "h001 vm07": a word may name the server, as long as another names the element itself.
      const text = q ? searchText(el) : '';
      const shownKids = q ? kids.filter((k) => matchesWords(words, searchText(k), text)) : kids;
      const selfMatch = !q || matchesWords(words, text, null);
      if (!selfMatch && shownKids.length === 0) continue;
      count++;
      // While searching, a server with matching contents opens to show them.
      const open = q ? shownKids.length > 0 : expanded.has(el.id);
      sectionRows.push({ type: 'element', id: el.id, name: el.name, kind: el.kind, depth: 0, expandable: kids.length > 0, expanded: open && kids.length > 0, childCount: kids.length });
      if (open) {
        for (const k of shownKids) sectionRows.push({ type: 'element', id: k.id, name: k.name, kind: k.kind, depth: 1, expandable: false, expanded: false, childCount: 0 });
      }
    }
    if (count > 0) rows.push({ type: 'section', key: section.key, label: section.label, count }, ...sectionRows);
  }
  return rows;
}

/** The containers to expand so that `id` shows in the outline. */
export function ancestorsOf(d: Design, id: string): string[] {
  const out: string[] = [];
  let cur = d.elements[id];
  for (let guard = 0; cur && cur.parent !== null && guard < 16; guard++) {
    out.push(cur.parent);
    cur = d.elements[cur.parent];
  }
  return out;
}
