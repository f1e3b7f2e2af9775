// The DOT export: read back by a strict parser of the DOT subset it writes (so the syntax is checked on every
// machine) and, where Graphviz is installed, by `dot -Tsvg` itself. Clusters, nodes, edges, labels and the
// layers/scope options must say what the design says, whatever its names hold.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbDesign } from '../model/arbitraries.test-support';
import type { Design } from '../model/design';
import { makeTemplate, TEMPLATE_NAMES } from '../templates';
import { designToDot, dotEdgeLabel, dotString } from './dot';

interface Parsed {
  name: string;
  /** Node id → its attributes and the cluster it is in ('' at top level). */
  nodes: Map<string, { attrs: Record<string, string>; cluster: string }>;
  /** Cluster name → its attributes and the cluster it is in. */
  clusters: Map<string, { attrs: Record<string, string>; cluster: string }>;
  edges: { a: string; b: string; attrs: Record<string, string> }[];
}

/**
 * Parses the DOT this exporter writes: `graph ID { … }` holding attribute statements, `subgraph ID { … }`, node
 * statements and `ID -- ID` edges, every ID a double-quoted string with only \\ and \" escaped (plus \n line
 * breaks); anything else throws. Returns the strings unescaped.
 */
function parseDot(text: string): Parsed {
  const tokens: { kind: 'str' | 'word' | 'punct'; value: string }[] = [];
  const re = /\s+|"((?:[^"\\]|\\.)*)"|(--|[{}[\]=,;])|([A-Za-z_][A-Za-z0-9_]*)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length) {
    const at = re.lastIndex;
    m = re.exec(text);
    if (!m) throw new Error(`unexpected text at ${at}: ${JSON.stringify(text.slice(at, at + 20))}`);
    if (m[1] !== undefined) {
      if (/\\[^\\"n]/.test(m[1].replace(/\\\\/g, ''))) throw new Error(`unexpected escape in "${m[1]}"`);
      tokens.push({ kind: 'str', value: m[1].replace(/\\(.)/g, (_s, c: string) => (c === 'n' ? '\n' : c)) });
    } else if (m[2] !== undefined) tokens.push({ kind: 'punct', value: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'word', value: m[3] });
  }
  let i = 0;
  const next = () => tokens[i++] ?? { kind: 'punct', value: '<end>' };
  const expectToken = (kind: string, value?: string) => {
    const t = next();
    if (t.kind !== kind || (value !== undefined && t.value !== value)) throw new Error(`expected ${value ?? kind}, got ${t.value}`);
    return t.value;
  };
  const attrList = (): Record<string, string> => {
    expectToken('punct', '[');
    const out: Record<string, string> = {};
    for (;;) {
      const key = expectToken('word');
      expectToken('punct', '=');
      out[key] = expectToken('str');
      const sep = next();
      if (sep.value === ']') return out;
      if (sep.value !== ',') throw new Error(`expected , or ], got ${sep.value}`);
    }
  };
  const parsed: Parsed = { name: '', nodes: new Map(), clusters: new Map(), edges: [] };
  const body = (cluster: string): void => {
    expectToken('punct', '{');
    for (;;) {
      const t = next();
      if (t.value === '}' && t.kind === 'punct') return;
      if (t.kind === 'word' && (t.value === 'graph' || t.value === 'node' || t.value === 'edge')) {
        const a = attrList();
        if (t.value === 'graph' && cluster) parsed.clusters.get(cluster)!.attrs = a;
      } else if (t.kind === 'word' && t.value === 'subgraph') {
        const name = expectToken('str');
        if (!name.startsWith('cluster_') || parsed.clusters.has(name)) throw new Error(`bad or repeated cluster ${name}`);
        parsed.clusters.set(name, { attrs: {}, cluster });
        body(name);
        continue;
      } else if (t.kind === 'str') {
        if (tokens[i]?.value === '--') {
          i++;
          parsed.edges.push({ a: t.value, b: expectToken('str'), attrs: attrList() });
        } else {
          if (parsed.nodes.has(t.value)) throw new Error(`node ${t.value} declared twice`);
          parsed.nodes.set(t.value, { attrs: attrList(), cluster });
        }
      } else throw new Error(`unexpected ${t.value}`);
      expectToken('punct', ';');
    }
  };
  expectToken('word', 'graph');
  parsed.name = expectToken('str');
  body('');
  if (i !== tokens.length) throw new Error('text after the graph');
  return parsed;
}

const hasGraphviz = spawnSync('dot', ['-V']).status === 0;

describe('designToDot', () => {
  it.each(TEMPLATE_NAMES)('writes every element and link of the %s template', (name) => {
    const d = makeTemplate(name);
    const g = parseDot(designToDot(d));
    expect(g.name).toBe(d.meta.name);
    for (const el of Object.values(d.elements)) {
      const node = g.nodes.get(el.id) ?? g.clusters.get(`cluster_${el.id}`);
      expect(node, el.id).toBeDefined();
      expect(node!.attrs.label).toBe(`${el.name}\n${node!.attrs.label!.split('\n')[1]}`);
      // Contents sit in their server's cluster.
      expect(node!.cluster).toBe(el.parent === null ? '' : `cluster_${el.parent}`);
    }
    expect(g.edges).toHaveLength(Object.keys(d.links).length);
    const declared = new Set(g.nodes.keys());
    for (const e of g.edges) expect(declared.has(e.a) && declared.has(e.b), `${e.a} -- ${e.b}`).toBe(true);
  });

  it('labels edges with the link kind and rate', () => {
    const d = makeTemplate('rack', { hosts: 1, vmsPerHost: 1 });
    const g = parseDot(designToDot(d));
    const byId = new Map(g.edges.map((e) => [e.attrs.id!, e]));
    for (const l of Object.values(d.links)) {
      const e = byId.get(`l:${l.id}`)!;
      expect([e.a, e.b, e.attrs.class]).toEqual([l.a.element, l.b.element, l.kind]);
      expect(e.attrs.label).toBe(dotEdgeLabel(d, l));
    }
    const labels = g.edges.map((e) => e.attrs.label);
    expect(labels).toContain('Ethernet 25G');
    expect(labels.some((t) => /^PCIe Gen \d x\d+$/.test(t!))).toBe(true);
  });

  it('keeps only the chosen layers and scope', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    const pcie = parseDot(designToDot(d, { layers: ['pcie'] }));
    expect([...pcie.nodes.values()].some((n) => ['vm', 'vswitch', 'tor'].includes(n.attrs.class!))).toBe(false);
    expect(pcie.edges.every((e) => e.attrs.class === 'pcie')).toBe(true);
    const host = Object.values(d.elements).find((e) => e.kind === 'host')!;
    const one = parseDot(designToDot(d, { scope: [host.id] }));
    expect([...one.clusters.keys()]).toEqual([`cluster_${host.id}`]);
    expect([...one.nodes.values()].every((n) => n.cluster === `cluster_${host.id}`)).toBe(true);
  });

  it('quotes ids and names that hold DOT syntax, keywords, backslashes and line breaks', () => {
    const d = makeTemplate('single-host');
    const host = Object.values(d.elements).find((e) => e.kind === 'host')!;
    const name = 'graph } -- "x" \\N \\ [a=b];\nrow 2\u0001';
    const tricky: Design = { ...d, meta: { ...d.meta, name }, elements: { ...d.elements, [host.id]: { ...host, name } } };
    const g = parseDot(designToDot(tricky));
    expect(g.name).toBe(name.replace('\u0001', ' '));
    expect(g.clusters.get(`cluster_${host.id}`)!.attrs.label).toBe(`${name.replace('\u0001', ' ')}\nServer`);
    expect(dotString('a\\b"c\nd')).toBe('"a\\\\b\\"c\\nd"');
    expect(dotString('\ud800x')).toBe('"\ufffdx"');
  });

  it('parses for arbitrary designs', () => {
    fc.assert(
      fc.property(arbDesign({ maxElements: 10, maxLinks: 12 }), (d) => {
        const g = parseDot(designToDot(d));
        expect(g.nodes.size + g.clusters.size).toBeGreaterThanOrEqual(Object.keys(d.elements).length);
      }),
      { numRuns: 150 },
    );
  });

  // Graphviz is not part of the project's toolchain: checked where a developer has it installed.
  it.skipIf(!hasGraphviz)('is read by Graphviz (dot -Tsvg) without errors or warnings', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    const host = Object.values(d.elements).find((e) => e.kind === 'host')!;
    const tricky: Design = { ...d, elements: { ...d.elements, [host.id]: { ...host, name: 'graph } -- "x" \\ é\nrow 2' } } };
    for (const design of [d, tricky, makeTemplate('chapter6')]) {
      const r = spawnSync('dot', ['-Tsvg'], { input: designToDot(design), encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      // Every element and link is in the drawing, under the id the export gave it (Graphviz writes "-" as &#45;).
      const svg = r.stdout.replace(/&#45;/g, '-');
      for (const el of Object.values(design.elements)) expect(svg).toContain(`id="e:${el.id}"`);
      for (const l of Object.values(design.links)) expect(svg).toContain(`id="l:${l.id}"`);
    }
  });
});
