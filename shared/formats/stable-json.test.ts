import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stableJsonChunks, stableStringify } from './stable-json';

/** JSON.parse(JSON.stringify(v)): what any JSON writer can promise to preserve (e.g. -0 becomes 0). */
const viaJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** The same value with every object's keys inserted in reverse order. */
function reversedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).reverse()) Object.defineProperty(out, k, { value: reversedKeys((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

describe('stableStringify', () => {
  it('preserves every JSON value, is idempotent, and ignores key insertion order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = stableStringify(v);
        expect(text.endsWith('\n')).toBe(true);
        expect(JSON.parse(text)).toEqual(viaJson(v));
        expect(stableStringify(JSON.parse(text))).toBe(text);
        expect(stableStringify(reversedKeys(v))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('puts identity and placement keys first, then the rest alphabetically', () => {
    const text = stableStringify({ z: 1, port: 'p', b: 2, a: 3, kind: 'k', id: 'i', version: 1, format: 'f', y: 0, x: 0, parent: null, name: 'n', element: 'e', m: 4 });
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'id', 'kind', 'name', 'parent', 'x', 'y', 'a', 'b', 'element', 'port', 'm', 'z']);
  });

  it('keeps a "__proto__" key as data rather than turning it into a prototype', () => {
    const v = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const text = stableStringify(v);
    expect(text).toContain('"__proto__"');
    expect(JSON.parse(text)).toEqual(v);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops undefined fields like JSON.stringify does', () => {
    expect(stableStringify({ a: undefined, b: 1 })).toBe('{\n  "b": 1\n}\n');
  });
});

/** The canonical form as stable-json.ts built it before shapes were cached (issue #16): sort every object's keys. */
function previousStableStringify(value: unknown): string {
  const PRIORITY = ['format', 'version', 'id', 'kind', 'name', 'parent', 'x', 'y', 'a', 'b', 'element', 'port'];
  const RANK = new Map(PRIORITY.map((k, i) => [k, i]));
  const compareKeys = (x: string, y: string) => {
    const rx = RANK.get(x);
    const ry = RANK.get(y);
    if (rx !== undefined || ry !== undefined) return (rx ?? Infinity) - (ry ?? Infinity);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v !== null && typeof v === 'object') {
      const src = v as Record<string, unknown>;
      const out: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(src).sort(compareKeys)) if (src[k] !== undefined) out[k] = canonical(src[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(canonical(value), null, 2) + '\n';
}

/** Objects drawn from a few key sets in shuffled insertion orders: the shape cache is hit, missed and bucketed alike. */
const arbShaped = fc
  .array(fc.constantFrom<string[]>(['id', 'kind', 'name', 'x'], ['a', 'b', 'port', 'element'], ['id', 'kind', 'zeta', 'alpha', 'x', '__proto__'], ['10', '9', 'b', 'a'], ['only']), { maxLength: 12 })
  .chain((shapes) =>
    fc.tuple(...shapes.map((keys) => fc.tuple(fc.shuffledSubarray(keys, { minLength: keys.length }), fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: keys.length, maxLength: keys.length })))),
  )
  .map((objs) =>
    objs.map(([keys, values]) => {
      const o: Record<string, unknown> = Object.create(null);
      keys.forEach((k, i) => (o[k] = values[i]));
      return JSON.parse(JSON.stringify(o)) as unknown;
    }),
  );

describe('stableStringify against the previous canonical form (byte-identical output)', () => {
  it('gives the same text for any JSON value and for many objects of recurring shapes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), arbShaped, (v, shaped) => {
        expect(stableStringify(v)).toBe(previousStableStringify(v));
        expect(stableStringify(reversedKeys(v))).toBe(previousStableStringify(v));
        expect(stableStringify(shaped)).toBe(previousStableStringify(shaped));
      }),
      { numRuns: 400 },
    );
  });
});

describe('stableJsonChunks', () => {
  it('joins to exactly stableStringify, whatever the run length', () => {
    const arbDoc = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.jsonValue({ maxDepth: 2 }), arbShaped, fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 9 })), { maxKeys: 6 });
    fc.assert(
      fc.property(fc.oneof(arbDoc, fc.jsonValue()), fc.integer({ min: 1, max: 4 }), (doc, run) => {
        expect([...stableJsonChunks(doc, run)].join('')).toBe(stableStringify(doc));
      }),
      { numRuns: 400 },
    );
  });

  it('cuts a long top-level array into runs, each a whole number of items', () => {
    const doc = { format: 'f', items: Array.from({ length: 7 }, (_, i) => ({ i })) };
    const pieces = [...stableJsonChunks(doc, 3)];
    expect(pieces.join('')).toBe(stableStringify(doc));
    const runs = pieces.filter((p) => p.includes('"i"'));
    expect(runs.map((r) => r.match(/"i"/g)!.length)).toEqual([3, 3, 1]);
  });
});
