// Property tests of the topology JSON format: a stable, diff-friendly round trip for valid designs, and a
// loader that never throws and repairs only what is safe, saying what it did.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { designToDocument, exportTopologyJson, importTopologyJson, loadDocument, type LoadResult } from './topology';
import { applyCommand } from '../history/commands';
import { arbCoord, arbDesign, arbText, ARB_PROPS, reinsert } from '../model/arbitraries.test-support';
import { checkIntegrity, type Design } from '../model/design';
import { defaultProps } from '../model/defaults';
import { elementSchema, type Element } from '../model/elements';
import { linkSchema } from '../model/links';
import { CURRENT_DOCUMENT_VERSION } from '../model/migrations';

const arbD = arbDesign({ maxElements: 8, maxLinks: 10 });

/** A JSON-shaped copy of a design's document (what a file holds). */
const docOf = (d: Design) => JSON.parse(exportTopologyJson(d)) as { meta: Record<string, unknown>; elements: Record<string, unknown>[]; links: Record<string, unknown>[]; [k: string]: unknown };

function expectLoaded(r: LoadResult): Extract<LoadResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected the document to load, got: ${r.reason}`);
  return r;
}

/** A loaded design is as valid as one made by commands, and loading its export repairs nothing more. */
function expectFullyValid(d: Design): void {
  for (const el of Object.values(d.elements)) expect(elementSchema.safeParse(el).success).toBe(true);
  for (const l of Object.values(d.links)) expect(linkSchema.safeParse(l).success).toBe(true);
  expect(checkIntegrity(d)).toEqual([]);
  const again = expectLoaded(importTopologyJson(exportTopologyJson(d)));
  expect(again.repairs).toEqual([]);
  expect(again.design).toEqual(d);
}

const expectOneLine = (reason: string) => {
  expect(reason.length).toBeGreaterThan(0);
  expect(reason.length).toBeLessThan(400);
  expect(reason).not.toMatch(/\n/);
};

describe('round trip of valid designs', () => {
  it('export → import → export is byte-identical, the design deep-equals, nothing is repaired', () => {
    fc.assert(
      fc.property(arbD, (d) => {
        const text = exportTopologyJson(d);
        const r = expectLoaded(importTopologyJson(text));
        expect(r.repairs).toEqual([]);
        expect(r.migrations).toEqual([]);
        expect(r.design).toEqual(d);
        expect(exportTopologyJson(r.design)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('writes negative zero as 0 (JSON has no -0), and the second export is identical', () => {
    const d = fc.sample(arbD.filter((x) => Object.keys(x.elements).length > 0), { numRuns: 1, seed: 7 })[0]!;
    const id = Object.keys(d.elements)[0]!;
    const moved = applyCommand(d, { type: 'move', moves: [{ id: id as Element['id'], x: -0, y: 5 }] }).design;
    const text = exportTopologyJson(moved);
    const r = expectLoaded(importTopologyJson(text));
    expect(Object.is(r.design.elements[id]!.x, 0)).toBe(true);
    expect(exportTopologyJson(r.design)).toBe(text);
  });
});

// The ordering rule documented in docs/topology.md.
const PRIORITY = ['format', 'version', 'id', 'kind', 'name', 'parent', 'x', 'y', 'a', 'b', 'element', 'port'];
function canonicalOrder(keys: string[]): string[] {
  const first = PRIORITY.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !PRIORITY.includes(k)).sort();
  return [...first, ...rest];
}

function checkKeyOrder(v: unknown, path = '$'): void {
  if (Array.isArray(v)) return v.forEach((x, i) => checkKeyOrder(x, `${path}[${i}]`));
  if (v === null || typeof v !== 'object') return;
  const keys = Object.keys(v);
  expect(keys, path).toEqual(canonicalOrder(keys));
  for (const k of keys) checkKeyOrder((v as Record<string, unknown>)[k], `${path}.${k}`);
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('canonical form', () => {
  it('keys follow the documented order at every level; elements and links are sorted by id', () => {
    fc.assert(
      fc.property(arbD, (d) => {
        const text = exportTopologyJson(d);
        const doc = JSON.parse(text);
        checkKeyOrder(doc);
        expect(Object.keys(doc)).toEqual(['format', 'version', 'elements', 'links', 'meta']);
        const elIds = doc.elements.map((e: Element) => e.id);
        expect(elIds).toEqual([...elIds].sort(byCodeUnits));
        const linkIds = doc.links.map((l: { id: string }) => l.id);
        expect(linkIds).toEqual([...linkIds].sort(byCodeUnits));
        expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order in which elements and links were inserted', () => {
    const arbShuffled = arbD.chain((d) => {
      const els = Object.keys(d.elements);
      const links = Object.keys(d.links);
      return fc.tuple(
        fc.constant(d),
        fc.shuffledSubarray(els, { minLength: els.length, maxLength: els.length }),
        fc.shuffledSubarray(links, { minLength: links.length, maxLength: links.length }),
      );
    });
    fc.assert(
      fc.property(arbShuffled, ([d, elOrder, linkOrder]) => {
        expect(exportTopologyJson(reinsert(d, elOrder, linkOrder))).toBe(exportTopologyJson(d));
      }),
      { numRuns: 200 },
    );
  });
});

/** Line range [first, last] of the k-th element object in exported text. */
function elementBlock(lines: string[], k: number): [number, number] {
  const open = lines.indexOf('  "elements": [');
  let seen = -1;
  let start = -1;
  for (let i = open + 1; i < lines.length; i++) {
    if (lines[i] === '    {' && ++seen === k) start = i;
    if (start >= 0 && (lines[i] === '    }' || lines[i] === '    },')) return [start, i];
  }
  throw new Error(`element #${k} not found`);
}

describe('diffs are local', () => {
  type Change = { t: 'move'; x: number; y: number } | { t: 'name'; v: string } | { t: 'notes'; v: string } | { t: 'props'; props: Record<string, unknown> };
  const arbCase = arbD
    .filter((d) => Object.keys(d.elements).length > 0)
    .chain((d) => {
      const ids = Object.keys(d.elements).sort(byCodeUnits);
      return fc.nat({ max: ids.length - 1 }).chain((k) => {
        const el = d.elements[ids[k]!]!;
        const linked = Object.values(d.links).some((l) => l.a.element === el.id || l.b.element === el.id);
        const changes: fc.Arbitrary<Change>[] = [
          fc.record({ t: fc.constant('move' as const), x: arbCoord, y: arbCoord }),
          fc.record({ t: fc.constant('name' as const), v: arbText(40) }),
          fc.record({ t: fc.constant('notes' as const), v: arbText(60) }),
        ];
        // New kind properties may remove ports; only unlinked elements keep the change inside their block.
        if (!linked) changes.push((ARB_PROPS[el.kind] as fc.Arbitrary<Record<string, unknown>>).map((props) => ({ t: 'props' as const, props })));
        return fc.tuple(fc.constant(d), fc.constant(k), fc.oneof(...changes));
      });
    });

  it('changing one element changes only the lines of that element', () => {
    fc.assert(
      fc.property(arbCase, ([d, k, change]) => {
        const id = Object.keys(d.elements).sort(byCodeUnits)[k]! as Element['id'];
        const changes = change.t === 'move' ? { x: change.x, y: change.y } : change.t === 'props' ? change.props : { [change.t]: change.v };
        const after = applyCommand(d, { type: 'updateElement', id, changes }).design;
        const a = exportTopologyJson(d).split('\n');
        const b = exportTopologyJson(after).split('\n');
        let p = 0;
        while (p < a.length && p < b.length && a[p] === b[p]) p++;
        if (p === a.length && p === b.length) return; // the change was a no-op
        let s = 0;
        while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
        const [a0, a1] = elementBlock(a, k);
        const [b0, b1] = elementBlock(b, k);
        expect(p).toBeGreaterThanOrEqual(Math.max(a0, b0));
        expect(a.length - 1 - s).toBeLessThanOrEqual(a1);
        expect(b.length - 1 - s).toBeLessThanOrEqual(b1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('loading untrusted input', () => {
  it('never throws on arbitrary JSON values or text, and explains a refusal in one line', () => {
    const arbDocLike = fc.record({
      format: fc.oneof(fc.constant('rackplane-topology'), fc.jsonValue()),
      version: fc.oneof(fc.constant(1), fc.integer({ min: -2, max: 3 }), fc.jsonValue()),
      meta: fc.jsonValue(),
      elements: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 4 }), fc.jsonValue()),
      links: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 4 }), fc.jsonValue()),
    });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), arbDocLike), (raw) => {
        const r = loadDocument(raw);
        if (r.ok) expectFullyValid(r.design);
        else expectOneLine(r.reason);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const r = importTopologyJson(text);
        if (!r.ok) expectOneLine(r.reason);
      }),
      { numRuns: 300 },
    );
  });

  type Mutation = { op: 'delete' | 'set' | 'dupElement' | 'dupLink'; pick: number; value: unknown };
  const arbMutation: fc.Arbitrary<Mutation> = fc.record({ op: fc.constantFrom('delete', 'set', 'dupElement', 'dupLink'), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) });

  /** Every path to a value inside `v` (object keys and array indices). */
  function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    const children: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : v !== null && typeof v === 'object' ? Object.entries(v) : [];
    for (const [k, x] of children) {
      out.push([...prefix, k]);
      paths(x, [...prefix, k], out);
    }
    return out;
  }

  function mutate(doc: Record<string, unknown>, m: Mutation): void {
    if (m.op === 'dupElement' || m.op === 'dupLink') {
      const list = doc[m.op === 'dupElement' ? 'elements' : 'links'];
      if (Array.isArray(list) && list.length) list.push(structuredClone(list[m.pick % list.length]));
      return;
    }
    const all = paths(doc);
    if (!all.length) return;
    const path = all[m.pick % all.length]!;
    const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], doc) as Record<string | number, unknown> | unknown[];
    const key = path.at(-1)!;
    if (m.op === 'set') (parent as Record<string | number, unknown>)[key] = structuredClone(m.value);
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  }

  it('on mutated documents: never throws; what loads is fully valid and needs no further repair', () => {
    fc.assert(
      fc.property(arbD, fc.array(arbMutation, { minLength: 1, maxLength: 4 }), (d, mutations) => {
        const doc = docOf(d);
        for (const m of mutations) mutate(doc, m);
        const r = loadDocument(doc);
        if (r.ok) expectFullyValid(r.design);
        else expectOneLine(r.reason);
      }),
      { numRuns: 400 },
    );
  });

  it('names an unknown enum value in one short line, even when the field has many allowed values', () => {
    // Found by the mutation property (seed 790766550): a bad teamPolicy listed all 18 policies, 443 characters.
    const doc = docOf({ meta: { name: 'm', description: '', revision: 0 }, elements: { v: { ...(defaultProps('vswitch') as object), id: 'v', kind: 'vswitch', name: 'v', parent: null, x: 0, y: 0, notes: '' } as unknown as Element }, links: {} });
    (doc.elements as Record<string, unknown>[])[0]!.teamPolicy = 'round-robin';
    const r = loadDocument(doc);
    if (r.ok) throw new Error('a bad teamPolicy loaded');
    expectOneLine(r.reason);
    expect(r.reason).toMatch(/teamPolicy: not an allowed value; expected one of 18 values \("none", "vmware-port-id", .*, …: see docs\/topology\.md\)$/);
    // A short list is still spelled out in full.
    (doc.elements as Record<string, unknown>[])[0]!.teamPolicy = 'none';
    (doc.elements as Record<string, unknown>[])[0]!.evbMode = 'vepa2';
    const short = loadDocument(doc);
    expect(short.ok ? '' : short.reason).toMatch(/evbMode: .*"veb".*"vntag"/);
  });

  it('refuses a newer document version with an "update Rackplane" reason', () => {
    fc.assert(
      fc.property(arbD, fc.integer({ min: CURRENT_DOCUMENT_VERSION + 1, max: CURRENT_DOCUMENT_VERSION + 10_000 }), (d, version) => {
        const r = loadDocument({ ...docOf(d), version });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toMatch(/update Rackplane/);
      }),
      { numRuns: 50 },
    );
  });
});

describe('repairs', () => {
  const arbWithElement = arbD.filter((d) => Object.keys(d.elements).length > 0);

  it('fills missing element fields with the kind defaults and reports which', () => {
    const arbCase = arbWithElement.chain((d) => fc.tuple(fc.constant(d), fc.nat(), fc.nat()));
    fc.assert(
      fc.property(arbCase, ([d, pick, mask]) => {
        const doc = docOf(d);
        const raw = doc.elements[pick % doc.elements.length]!;
        const removable = Object.keys(raw).filter((k) => k !== 'id' && k !== 'kind');
        const gone = removable.filter((_, i) => mask & (1 << i % 30));
        fc.pre(gone.length > 0);
        for (const k of gone) delete raw[k];
        const r = expectLoaded(loadDocument(doc));
        const id = raw.id as string;
        const kind = raw.kind as Element['kind'];
        const defaults: Record<string, unknown> = { parent: null, x: 0, y: 0, notes: '', name: id, ...defaultProps(kind) };
        const filled = Object.keys(defaults).filter((k) => gone.includes(k));
        expect(r.repairs).toContain(`${id}: filled missing ${filled.join(', ')} with defaults`);
        const el = r.design.elements[id] as unknown as Record<string, unknown>;
        for (const k of gone) expect(el[k], k).toEqual(defaults[k]);
        expectFullyValid(r.design);
      }),
      { numRuns: 200 },
    );
  });

  it('fills missing design metadata and reports it', () => {
    const doc = docOf(fc.sample(arbD, { numRuns: 1, seed: 3 })[0]!);
    delete doc.meta.description;
    delete doc.meta.revision;
    const r = expectLoaded(loadDocument(doc));
    expect(r.design.meta).toMatchObject({ description: '', revision: 0 });
    expect(r.repairs).toEqual(['design metadata: filled missing description, revision with defaults']);
    const none = expectLoaded(loadDocument({ ...doc, meta: undefined }));
    expect(none.design.meta).toEqual({ name: 'Untitled design', description: '', revision: 0 });
  });

  it('renames duplicate element and link ids and reports each', () => {
    const arbCase = arbWithElement.chain((d) => fc.tuple(fc.constant(d), fc.nat(), fc.nat(), arbText(20)));
    fc.assert(
      fc.property(arbCase, ([d, pickEl, pickLink, name]) => {
        const doc = docOf(d);
        const el = doc.elements[pickEl % doc.elements.length]!;
        doc.elements.push({ ...structuredClone(el), name });
        const link = doc.links.length ? doc.links[pickLink % doc.links.length]! : null;
        if (link) doc.links.push(structuredClone(link));
        const r = expectLoaded(loadDocument(doc));
        const renamed = r.repairs.map((x) => /^duplicate element id (.+) renamed to (.+)$/.exec(x)).filter((m) => m !== null);
        expect(renamed).toHaveLength(1);
        const [, from, to] = renamed[0]!;
        expect(from).toBe(el.id);
        expect(to).not.toBe(el.id);
        expect(r.design.elements[from!]).toEqual(d.elements[from!]);
        expect(r.design.elements[to!]).toMatchObject({ name, kind: el.kind });
        expect(Object.keys(r.design.elements)).toHaveLength(doc.elements.length);
        if (link) {
          expect(r.repairs.filter((x) => x.startsWith(`duplicate link id ${link.id} renamed to `))).toHaveLength(1);
          expect(Object.keys(r.design.links)).toHaveLength(doc.links.length);
        }
        expectFullyValid(r.design);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a renamed id within the 128-character limit', () => {
    const long = 'L'.repeat(128);
    const vm = { id: long, kind: 'vm', name: 'v', parent: null, x: 0, y: 0, notes: '', ...defaultProps('vm') };
    const r = expectLoaded(loadDocument({ ...designToDocument({ meta: { name: '', description: '', revision: 0 }, elements: {}, links: {} }), elements: [vm, vm, vm] }));
    const ids = Object.keys(r.design.elements).sort();
    expect(ids).toEqual([`${'L'.repeat(126)}-2`, `${'L'.repeat(126)}-3`, long].sort());
    expectFullyValid(r.design);
  });

  it('drops links to missing elements or ports and reports each; everything else is kept', () => {
    const arbCase = arbD.chain((d) => fc.tuple(fc.constant(d), fc.constantFrom('element', 'port'), fc.nat(), fc.constantFrom('constructor', 'ghost', 'toString')));
    fc.assert(
      fc.property(arbCase, ([d, what, pick, ghost]) => {
        const doc = docOf(d);
        const ids = doc.elements.map((e) => e.id as string);
        fc.pre(what === 'element' ? !ids.includes(ghost) : ids.length > 0);
        const end = what === 'element' ? { element: ghost, port: 'eth0' } : { element: ids[pick % ids.length]!, port: 'no-such-port' };
        doc.links.push({ id: 'zz-dangling', kind: 'ethernet', a: end, b: end, speedGbps: null, lag: null, fullDuplex: true });
        const r = expectLoaded(loadDocument(doc));
        expect(r.repairs).toHaveLength(1);
        expect(r.repairs[0]).toMatch(/^dropped link: link zz-dangling ends at /);
        expect(r.design).toEqual(d);
      }),
      { numRuns: 150 },
    );
  });

  it('moves an element whose container is missing or not a host to the top level, and reports it', () => {
    const d = fc.sample(arbD, { numRuns: 1, seed: 11 })[0]!;
    const doc = docOf(d);
    const vm = { id: 'vm-orphan', kind: 'vm', name: 'orphan', parent: 'constructor', x: 1, y: 2, notes: '', ...defaultProps('vm') };
    const tor = { id: 'tor-x', kind: 'tor', name: 't', parent: null, x: 0, y: 0, notes: '', ...defaultProps('tor') };
    const nic = { id: 'nic-in-tor', kind: 'nic', name: 'n', parent: 'tor-x', x: 0, y: 0, notes: '', ...defaultProps('nic') };
    doc.elements.push(vm, tor, nic);
    const r = expectLoaded(loadDocument(doc));
    expect(r.design.elements['vm-orphan']!.parent).toBeNull();
    expect(r.design.elements['nic-in-tor']!.parent).toBeNull();
    expect(r.repairs).toEqual([
      'moved to top level: vm-orphan is inside constructor, which does not exist',
      'moved to top level: a nic cannot be inside a tor (nic-in-tor in tor-x)',
    ]);
    expectFullyValid(r.design);
  });
});
