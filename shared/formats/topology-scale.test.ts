// Issue #17 item 5: topology JSON loads in time linear in its size. These are correctness tests at the sizes that
// used to take seconds to minutes (timings live in test/bench/import.bench.ts, not here).
import { describe, expect, it } from 'vitest';
import { makeElement } from '../model/defaults';
import { asElementId } from '../model/ids';
import { LISTED_PER_KIND } from './repair-log';
import { importTopologyJson, loadDocument, MAX_ELEMENTS, MAX_LINKS } from './topology';

const HEAD = '{"format":"rackplane-topology","version":3,"meta":{"name":"n","description":"","revision":0}';
const vm = (id: string) => JSON.stringify(makeElement('vm', { id: asElementId(id), name: id }));
const docText = (elements: string[], links: string[] = []) => `${HEAD},"elements":[${elements.join(',')}],"links":[${links.join(',')}]}`;

function loaded(text: string) {
  const r = importTopologyJson(text);
  if (!r.ok) throw new Error(r.reason);
  return r;
}

describe('duplicate ids at scale', () => {
  it('renames 50,000 copies of one element id to id-2 … id-50000, naming the first duplicate first', () => {
    const r = loaded(docText(Array.from({ length: 50_000 }, () => vm('vm-1'))));
    const ids = Object.keys(r.design.elements);
    expect(ids).toHaveLength(50_000);
    expect(r.design.elements['vm-1-50000']).toBeDefined();
    expect(r.repairs[0]).toBe('duplicate element id vm-1 renamed to vm-1-2');
    // Listed one by one up to a limit, then counted in one line.
    expect(r.repairs).toHaveLength(LISTED_PER_KIND + 1);
    expect(r.repairs.at(-1)).toBe(`… and ${(49_999 - LISTED_PER_KIND).toLocaleString('en-US')} more: duplicate element ids renamed`);
  });

  it('skips a suffix another element already holds, as before', () => {
    const r = loaded(docText([vm('a'), vm('a-2'), vm('a'), vm('a'), vm('a-3')]));
    expect(Object.keys(r.design.elements).sort()).toEqual(['a', 'a-2', 'a-3', 'a-3-2', 'a-4']);
    expect(r.repairs).toEqual(['duplicate element id a renamed to a-3', 'duplicate element id a renamed to a-4', 'duplicate element id a-3 renamed to a-3-2']);
  });

  it('renames 20,000 copies of one link id', () => {
    const host = JSON.stringify(makeElement('host', { id: asElementId('h'), name: 'h' }));
    const link = JSON.stringify({ id: 'l-1', kind: 'vnic', a: { element: 'h', port: 'none' }, b: { element: 'h', port: 'none' } });
    const r = loaded(docText([host], Array(20_000).fill(link)));
    expect(r.repairs[0]).toBe('duplicate link id l-1 renamed to l-1-2');
    expect(r.repairs).toContain(`… and ${(19_999 - LISTED_PER_KIND).toLocaleString('en-US')} more: duplicate link ids renamed`);
    // Every copy ends at a port the host does not have: all are dropped, and that is counted too.
    expect(Object.keys(r.design.links)).toHaveLength(0);
    expect(r.repairs.at(-1)).toBe(`… and ${(20_000 - LISTED_PER_KIND).toLocaleString('en-US')} more: links to missing elements or ports dropped`);
  });

  it('fills defaults for 20,000 incomplete VMs and lists a bounded number of those repairs', () => {
    const els = Array.from({ length: 20_000 }, (_, i) => `{"id":"vm-${i}","kind":"vm"}`);
    const r = loaded(docText(els));
    expect(Object.keys(r.design.elements)).toHaveLength(20_000);
    expect(r.design.elements['vm-19999']).toMatchObject({ name: 'vm-19999', parent: null, vcpus: makeElement('vm', { id: asElementId('x'), name: 'x' }).vcpus });
    expect(r.repairs).toHaveLength(LISTED_PER_KIND + 1);
    expect(r.repairs[0]).toMatch(/^vm-0: filled missing parent, x, y, notes, name, vcpus, /);
  });
});

describe('limits and encodings', () => {
  it('refuses more elements or links than the limit in one line, before reading any', () => {
    const base = JSON.parse(docText([])) as Record<string, unknown>;
    const many = loadDocument({ ...base, elements: new Array(MAX_ELEMENTS + 1) });
    expect(many).toEqual({ ok: false, reason: `too large: ${(MAX_ELEMENTS + 1).toLocaleString('en-US')} elements, more than the ${MAX_ELEMENTS.toLocaleString('en-US')} Rackplane loads` });
    const links = loadDocument({ ...base, links: new Array(MAX_LINKS + 1) });
    expect(links.ok === false && links.reason).toMatch(/^too large: 4,000,001 links, more than the 4,000,000 Rackplane loads$/);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const r = importTopologyJson(`\ufeff${docText([vm('vm-1')])}`);
    expect(r.ok && Object.keys(r.design.elements)).toEqual(['vm-1']);
  });

  it('gives a one-line reason with control characters escaped when the file quotes them', () => {
    const r = importTopologyJson(docText(['{"id":"x","kind":"vm\\u001b[2J\\nmore"}']));
    expect(r).toEqual({ ok: false, reason: 'element #1 (x): unknown element kind "vm\\x1b[2J\\nmore"' });
  });

  it('lists a repair that quotes a port name on one line, its control characters escaped', () => {
    const host = JSON.stringify(makeElement('host', { id: asElementId('h'), name: 'h' }));
    const link = JSON.stringify({ id: 'l-1', kind: 'vnic', a: { element: 'h', port: 'p\u001b[2J\nq' }, b: { element: 'h', port: 'x' } });
    const r = loaded(docText([host], [link]));
    expect(r.repairs).toEqual(['dropped link: link l-1 ends at port p\\x1b[2J\\nq of h, which has no such port']);
  });
});
