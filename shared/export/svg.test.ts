// The SVG export: reopenable (the embedded design round-trips JSON-identically), well-formed XML whatever the
// names hold, text as text, and drawn from the same scene as the canvas (layers, scope and problem marks).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arbDesign } from '../model/arbitraries.test-support';
import { exportTopologyJson, importTopologyJson } from '../formats/topology';
import type { Design } from '../model/design';
import { sceneOf } from '../scene/scene';
import { makeTemplate, TEMPLATE_NAMES } from '../templates';
import { ALL_RULES, validateDesign } from '../validate';
import { designSvgChunks, designToSvg, svgToDesign } from './svg';

function reopened(svg: string): Design {
  const r = svgToDesign(svg);
  if (!r.ok) throw new Error(r.reason);
  return r.design;
}

/** Every text node of the parsed SVG (labels and tooltips), in document order. */
function texts(svg: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '#text' && typeof v === 'string') out.push(v);
        else if (k !== 'metadata') walk(v);
      }
    }
  };
  walk(new XMLParser({ preserveOrder: true, ignoreAttributes: true, processEntities: true, htmlEntities: false }).parse(svg));
  return out;
}

const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;

describe('designToSvg → svgToDesign', () => {
  it.each(TEMPLATE_NAMES)('reopens the %s template JSON-identically', (name) => {
    const d = makeTemplate(name);
    const svg = designToSvg(d);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(exportTopologyJson(reopened(svg))).toBe(exportTopologyJson(d));
  });

  it('reopens arbitrary designs JSON-identically and always writes well-formed XML', () => {
    fc.assert(
      fc.property(arbDesign({ maxElements: 10, maxLinks: 12 }), (d) => {
        const svg = designToSvg(d);
        expect(XMLValidator.validate(svg)).toBe(true);
        expect(exportTopologyJson(reopened(svg))).toBe(exportTopologyJson(d));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps names that would end CDATA or break markup', () => {
    const d = makeTemplate('single-host');
    const host = Object.values(d.elements).find((e) => e.kind === 'host')!;
    const tricky: Design = { ...d, meta: { ...d.meta, name: 'a ]]> b <c> & "d"' }, elements: { ...d.elements, [host.id]: { ...host, name: ']]><script>x</script>\ufffe' } } };
    const svg = designToSvg(tricky);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script>');
    expect(exportTopologyJson(reopened(svg))).toBe(exportTopologyJson(tricky));
  });
});

describe('what the SVG shows', () => {
  it('holds every drawn element name as text', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 3 });
    const found = new Set(texts(designToSvg(d)));
    for (const n of sceneOf(d).nodes) expect(found, n.name).toContain(n.name);
  });

  it('draws one use or group per scene node and one marker per problem element', () => {
    const d = importTopologyJson(readFileSync(join(__dirname, '../../test/fixtures/validate/problems.topology.json'), 'utf8'));
    if (!d.ok) throw new Error(d.reason);
    const problems = validateDesign(d.design, ALL_RULES).diagnostics;
    expect(problems.length).toBeGreaterThan(0);
    const svg = designToSvg(d.design, { problems });
    expect(count(svg, /<g transform="translate\(/g)).toBe(sceneOf(d.design).nodes.length);
    expect(svg).toContain('class="problems"');
    expect(designToSvg(d.design)).not.toContain('class="problems"');
  });

  it('leaves out the layers not asked for', () => {
    const d = makeTemplate('single-host');
    const all = texts(designToSvg(d));
    const pcieOnly = texts(designToSvg(d, { layers: ['pcie'] }));
    const vms = Object.values(d.elements).filter((e) => e.kind === 'vm');
    const rcs = Object.values(d.elements).filter((e) => e.kind === 'rootComplex');
    for (const vm of vms) {
      expect(all).toContain(vm.name);
      expect(pcieOnly).not.toContain(vm.name);
    }
    for (const rc of rcs) expect(pcieOnly).toContain(rc.name);
  });

  it('draws only the selected elements and their contents for a scoped export', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    const hosts = Object.values(d.elements).filter((e) => e.kind === 'host');
    const shown = texts(designToSvg(d, { scope: [hosts[0]!.id] }));
    expect(shown).toContain(hosts[0]!.name);
    expect(shown).not.toContain(hosts[1]!.name);
    const tors = Object.values(d.elements).filter((e) => e.kind === 'tor');
    for (const t of tors) expect(shown).not.toContain(t.name);
  });

  it('resolves colours from the chosen theme', () => {
    const d = makeTemplate('single-host');
    expect(designToSvg(d, { theme: 'dark' })).toContain('#15191e');
    expect(designToSvg(d, { theme: 'light' })).toContain('#f6f7f9');
  });

  it('labels links with their rate where the canvas does: a 25G cable beneath the servers, a PCIe link inside one', () => {
    const svg = designToSvg(makeTemplate('single-host'));
    expect(texts(svg)).toContain('25G');
    // Cables between top-level items are labelled in the group painted beneath the servers, as on the canvas.
    expect(/<g class="labels under">.*>25G<\/text>.*<\/g>\n<g class="containers">/.test(svg)).toBe(true);
    const chapter6 = designToSvg(makeTemplate('chapter6'));
    expect(/<g class="labels">[^\n]*>Gen 2 x4<\/text>/.test(chapter6)).toBe(true);
    // A hidden layer hides its labels with its links.
    expect(texts(designToSvg(makeTemplate('single-host'), { layers: ['pcie', 'virtual'] }))).not.toContain('25G');
  });

  it('routes links straight or orthogonally as asked', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    /** Vertices of every link subpath in the SVG's link groups. */
    const vertices = (svg: string) =>
      [...svg.matchAll(/<g class="links(?: under)?">([^]*?)<\/g>/g)].flatMap((g) => [...g[1]!.matchAll(/d="([^"]*)"/g)].flatMap((m) => m[1]!.split('M').filter(Boolean).map((sub) => sub.split(/[L ]/).length / 2)));
    const straight = vertices(designToSvg(d, { routing: 'straight' }));
    const orthogonal = vertices(designToSvg(d, { routing: 'orthogonal' }));
    expect(straight.length).toBeGreaterThan(0);
    expect(straight.every((n) => n === 2)).toBe(true);
    expect(orthogonal.some((n) => n > 2)).toBe(true);
    expect(vertices(designToSvg(d))).toEqual(orthogonal);
  });

  it('colours links by utilisation when given simulation resources', () => {
    const d = makeTemplate('single-host');
    const eth = Object.values(d.links).find((l) => l.kind === 'ethernet')!;
    const svg = designToSvg(d, { heat: [{ kind: 'ethernet', ref: eth.id, utilisation: 1 }] });
    expect(svg).toContain('#cf222e');
  });
});

describe('designSvgChunks (the streamed SVG)', () => {
  const d = makeTemplate('fabric');
  const problems = validateDesign(d, ALL_RULES).diagnostics;

  it('is designToSvg in pieces, none of them the whole document', () => {
    const pieces = [...designSvgChunks(d, { problems })];
    const whole = designToSvg(d, { problems });
    expect(pieces.join('')).toBe(whole);
    // The 160-host fabric's SVG is about 1.8 MB; pieces of a quarter MB (plus at most one record) keep it from
    // ever being one string when it is written.
    expect(whole.length).toBeGreaterThan(1_000_000);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(whole.length / 3);
  });

  it('declares every class before the drawing and numbers them in the order the drawing first uses them', () => {
    const svg = designToSvg(d, { problems, heat: Object.keys(d.links).map((ref, i) => ({ kind: 'ethernet', ref, utilisation: (i % 5) / 4 })) });
    const [head, drawing] = svg.split('</style>') as [string, string];
    const declared = [...head.matchAll(/^\.(c\d+)\{/gm)].map((m) => m[1]);
    const firstUse: string[] = [];
    for (const m of drawing.matchAll(/class="(c\d+)"/g)) if (!firstUse.includes(m[1]!)) firstUse.push(m[1]!);
    // The streaming writer registers classes in a first pass; numbering in order of first use proves it walked
    // the drawing in the order the second pass writes it.
    expect(firstUse).toEqual(declared);
    expect(declared).toEqual(declared.map((_, i) => `c${i}`));
  });
});

describe('svgToDesign refusals', () => {
  it.each([
    ['not svg', '{"format":"rackplane-topology"}', /not an SVG file/],
    ['foreign svg', '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', /holds no Rackplane design/],
    ['damaged', '<svg><metadata><rackplane-design><![CDATA[{"format":"x"]]></rackplane-design></metadata></svg>', /damaged: not valid JSON/],
  ])('%s gives a one-line reason', (_label, text, reason) => {
    const r = svgToDesign(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(reason);
      expect(r.reason).not.toMatch(/\n/);
    }
  });

  it('reads metadata whose prefix and CDATA an editor rewrote', () => {
    const d = makeTemplate('single-host');
    const json = JSON.stringify(JSON.parse(exportTopologyJson(d)));
    const escaped = json.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:rp="https://rackplane.dev/ns/design"><metadata><rp:rackplane-design>${escaped}</rp:rackplane-design></metadata></svg>`;
    expect(exportTopologyJson(reopened(svg))).toBe(exportTopologyJson(d));
  });
});
