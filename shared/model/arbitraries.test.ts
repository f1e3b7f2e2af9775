// The arbitraries are the ground truth of every property test: prove they only produce valid documents,
// and that they reach every element kind and link kind.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ARB_PROPS, arbDesign, arbElement, arbKindSpec } from './arbitraries.test-support';
import { elementSchema, ELEMENT_KINDS, type ElementKind } from './elements';
import { LINK_KINDS, linkSchema, type LinkKind } from './links';
import { checkIntegrity } from './design';
import { defaultProps } from './defaults';

describe('element arbitraries', () => {
  it.each(ELEMENT_KINDS.map((k) => [k]))('%s: every generated element passes the schema unchanged', (kind) => {
    fc.assert(
      fc.property(arbElement(kind), (el) => {
        const parsed = elementSchema.safeParse(el);
        expect(parsed.success ? null : parsed.error.issues).toBeNull();
        expect(parsed.data).toEqual(el);
      }),
      { numRuns: 150 },
    );
  });

  it('generate exactly the fields of each kind', () => {
    for (const kind of ELEMENT_KINDS) {
      const sample = fc.sample(ARB_PROPS[kind] as fc.Arbitrary<object>, 1)[0]!;
      expect(Object.keys(sample).sort(), kind).toEqual(Object.keys(defaultProps(kind)).sort());
    }
  });

  it('reach every kind', () => {
    const seen = new Set(fc.sample(arbKindSpec, 500).map((s) => s.kind));
    expect([...seen].sort()).toEqual([...ELEMENT_KINDS].sort());
  });
});

describe('design arbitrary', () => {
  it('produces structurally valid designs', () => {
    fc.assert(
      fc.property(arbDesign(), (d) => {
        for (const [id, el] of Object.entries(d.elements)) {
          expect(el.id).toBe(id);
          expect(elementSchema.safeParse(el).success).toBe(true);
        }
        for (const [id, l] of Object.entries(d.links)) {
          expect(l.id).toBe(id);
          expect(linkSchema.safeParse(l).success).toBe(true);
        }
        expect(checkIntegrity(d)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('reaches every link kind, nested elements and prototype-named ids', () => {
    const designs = fc.sample(arbDesign({ maxElements: 12, maxLinks: 16 }), 400);
    const linkKinds = new Set<LinkKind>();
    const nested = new Set<ElementKind>();
    let protoIds = 0;
    for (const d of designs) {
      for (const l of Object.values(d.links)) linkKinds.add(l.kind);
      for (const el of Object.values(d.elements)) if (el.parent) nested.add(el.kind);
      if (Object.keys(d.elements).some((id) => ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'].includes(id))) protoIds++;
    }
    expect([...linkKinds].sort()).toEqual([...LINK_KINDS].sort());
    expect(nested.size).toBeGreaterThanOrEqual(5);
    expect(protoIds).toBeGreaterThan(0);
  });
});
