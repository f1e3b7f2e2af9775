/**
 * Fault injection (issue #17 item 7): a few hundred seeded mutations of a real topology JSON, SVG export and hwloc
 * XML, each truncated, spliced, duplicated or seeded with hostile markup, control characters and byte-order marks.
 * Every input either loads (into a structurally sound design) or is refused with one printable line; no importer
 * throws. Bounded in time by the input sizes (a few KiB) and the run counts, with the test timeout as the hang guard.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { designToSvg, svgToDesign } from '../../../shared/export/svg';
import { importHwloc } from '../../../shared/formats/hwloc';
import { exportTopologyJson, importTopologyJson } from '../../../shared/formats/topology';
import { checkIntegrity, type Design } from '../../../shared/model/design';
import { sequentialIds } from '../../../shared/model/ids';
import { makeTemplate } from '../../../shared/templates';

const SEED = 1717;
const RUNS = 300;

const design = makeTemplate('single-host');
const BASES = {
  json: exportTopologyJson(design),
  svg: designToSvg(design),
  hwloc: readFileSync(join(__dirname, '../../fixtures/hwloc/devel09-pci.xml'), 'utf8'),
};

/** Fragments that have broken parsers before: unclosed markup, quotes, brackets, controls, a BOM, references. */
const HOSTILE = [
  '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '<!DOCTYPE svg [', '<metadata>', '</metadata>', '<rackplane-design>', '</rackplane-design>',
  '<object type="PCIDev" pci_busid="0000:02:00.0" pci_type="0200 [8086:10ed] [0000:0000] 01">', '<object type="Bridge" bridge_type="0-1">', '</object>',
  '"', "'", '{', '}', '[', ']', ',', ':', '\\', '\\u0000', '\u0000', '\u001b[2J', '\n', '\r', '\u2028', '\u202e', '\ufeff', '&', '&#x0;', '&#99999999;', '&amp',
  '"id":"vm-1"', '"kind":"nope"', '"version":99', '"elements":{}', '1e999', '-0', 'null', '__proto__', '"constructor"',
];

type Mutation = (s: string) => string;

const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((k) => (s: string) => s.slice(0, k % (s.length + 1))),
  fc.tuple(fc.nat(), fc.nat({ max: 400 })).map(([i, n]) => (s: string) => {
    const at = i % (s.length + 1);
    return s.slice(0, at) + s.slice(at + n);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 400 }), fc.nat(), fc.integer({ min: 1, max: 20 })).map(([i, n, j, times]) => (s: string) => {
    const from = i % (s.length + 1);
    const piece = s.slice(from, from + n).repeat(times);
    const at = j % (s.length + 1);
    return s.slice(0, at) + piece + s.slice(at);
  }),
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 12 }))).map(([i, text]) => (s: string) => {
    const at = i % (s.length + 1);
    return s.slice(0, at) + text + s.slice(at);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0xffff })).map(([i, code]) => (s: string) => {
    const at = i % Math.max(1, s.length);
    return s.slice(0, at) + String.fromCharCode(code) + s.slice(at + 1);
  }),
);

const arbMutated = (base: string) => fc.array(arbMutation, { minLength: 1, maxLength: 4 }).map((ms) => ms.reduce((s, m) => m(s), base));

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function expectLoadedOrRefused(r: { ok: true; design: Design } | { ok: false; reason: string }): void {
  if (r.ok) {
    expect(checkIntegrity(r.design)).toEqual([]);
  } else {
    expect(typeof r.reason).toBe('string');
    expect(r.reason.length).toBeGreaterThan(0);
    expect(r.reason).not.toMatch(CONTROL);
    expect(r.reason.length).toBeLessThanOrEqual(1000);
  }
}

describe('malformed imports load or are refused in one line, never throw', () => {
  it.each([
    ['topology JSON', BASES.json, (t: string) => importTopologyJson(t)],
    ['SVG', BASES.svg, (t: string) => svgToDesign(t)],
    ['hwloc XML', BASES.hwloc, (t: string) => importHwloc(t, { ids: sequentialIds() })],
  ] as const)('%s', (_label, base, load) => {
    expect(load(base).ok).toBe(true);
    fc.assert(
      fc.property(arbMutated(base), (text) => {
        expectLoadedOrRefused(load(text));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 60_000);

  it('loaded repairs are one printable line each', () => {
    fc.assert(
      fc.property(arbMutated(BASES.json), (text) => {
        const r = importTopologyJson(text);
        if (r.ok) for (const line of r.repairs) expect(line).not.toMatch(CONTROL);
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  }, 60_000);
});
