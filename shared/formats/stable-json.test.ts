import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stableStringify } from './stable-json';

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
