/**
 * Automatic-layout benchmark (elkjs, in this process, as the layout worker runs it): fabrics of 100, 500 and
 * 2,000 servers with 20 VMs each (2,000 servers ≈ 50k elements). For each size:
 *  - arrange: the app's three-stage layout (each server's contents, then each rack with its servers as boxes,
 *    then spines over racks; identical servers and racks laid out once), and turning the result into the one
 *    undoable `move` command;
 *  - flat top level: every switch and server in one graph (servers as boxes), the second stage before racks
 *    were split out; skipped beyond the first size that takes more than 60 s;
 *  - interiors uncached: every server's contents laid out separately, as a design whose servers all differ
 *    would need (measured on the first 100 servers and scaled to all);
 *  - whole graph: one hierarchical ELK run with servers as compound nodes (INCLUDE_CHILDREN) and no ports,
 *    the approach the two-stage layout replaces; skipped at sizes beyond the first that takes more than 60 s.
 * One run each (no warm-up beyond the first size): a run takes seconds to minutes. Prints; asserts nothing on time.
 * Run: node --import tsx test/bench/layout.bench.ts (or npm run bench -- layout).
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { applyCommand } from '../../shared/history/commands';
import { arrange, arrangeCommand } from '../../shared/layout';
import { childrenByHost, INTERIOR_OPTIONS, interiorGraph, rankOf, TOP_OPTIONS, topGraph } from '../../shared/layout/graph';
import type { Element } from '../../shared/model/elements';
import { describeElement } from '../../shared/scene/describe';
import type { Design } from '../../shared/model/design';
import { makeTemplate } from '../../shared/templates';
import { table } from './timing';

/** LAYOUT_BENCH_SIZES=100,500 runs fewer sizes (a quick look). */
const SIZES = (process.env.LAYOUT_BENCH_SIZES ?? '100,500,2000').split(',').map(Number);
const VMS = 20;
const WHOLE_GRAPH_LIMIT_MS = 60_000;
const UNCACHED_SAMPLE = 100;

const elk = new ELK();
const engine = (g: ElkNode) => elk.layout(g);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Every server's contents laid out separately (no structure cache), on the first `sample` servers. */
async function uncachedInteriors(design: Design, sample: number): Promise<{ perServerMs: number; servers: number }> {
  const kids = childrenByHost(design);
  const links = Object.values(design.links);
  const hosts = [...kids.keys()];
  const some = hosts.slice(0, sample);
  const { ms } = await timed(async () => {
    for (const h of some) await engine(interiorGraph(design, kids.get(h)!, links.filter((l) => kids.get(h)!.some((k) => k.id === l.a.element))).graph);
  });
  return { perServerMs: ms / some.length, servers: hosts.length };
}

/**
 * One ELK graph for the whole design: each server a compound node holding its devices and VMs, server
 * links inside it, cables from switches straight to the devices (cross-hierarchy edges, declared at the root).
 * Node-to-node edges without ports: a lower bound on what the same graph with ports would cost.
 */
// The model-order and component options of the two-stage layout make ELK 0.12 throw inside hierarchical
// layout ("Cannot read properties of undefined (reading 'a')"), so the whole graph uses the plain layered set.
const WHOLE_OPTIONS = { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.edgeRouting': 'ORTHOGONAL', 'elk.layered.thoroughness': '1' };
const pick = (o: Record<string, string>, keys: string[]) => Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]!]));
const SPACING_KEYS = ['elk.spacing.nodeNode', 'elk.layered.spacing.nodeNodeBetweenLayers', 'elk.padding'];
const TOP_SPACING = pick(TOP_OPTIONS, SPACING_KEYS);
const INTERIOR_SPACING = pick(INTERIOR_OPTIONS, SPACING_KEYS);

function wholeGraph(design: Design): ElkNode {
  const kids = childrenByHost(design);
  const node = (el: Element): ElkNode => {
    const look = describeElement(el);
    return { id: el.id, width: look.w, height: look.h };
  };
  const root: ElkNode = { id: 'root', layoutOptions: { ...WHOLE_OPTIONS, ...TOP_SPACING, 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' }, children: [], edges: [] };
  const hostNodes = new Map<string, ElkNode>();
  for (const el of Object.values(design.elements)) {
    if (el.parent !== null) continue;
    if (el.kind === 'host' && kids.has(el.id)) {
      const h: ElkNode = { id: el.id, layoutOptions: { ...WHOLE_OPTIONS, ...INTERIOR_SPACING }, children: kids.get(el.id)!.map(node), edges: [] };
      hostNodes.set(el.id, h);
      root.children!.push(h);
    } else {
      root.children!.push(node(el));
    }
  }
  const seen = new Set<string>();
  for (const l of Object.values(design.links)) {
    const a = design.elements[l.a.element];
    const b = design.elements[l.b.element];
    if (!a || !b || a.id === b.id) continue;
    const [src, dst] = rankOf(a) <= rankOf(b) ? [a, b] : [b, a];
    const key = `${src.id}>${dst.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const edge = { id: `e${seen.size}`, sources: [src.id], targets: [dst.id] };
    if (a.parent !== null && a.parent === b.parent) hostNodes.get(a.parent)!.edges!.push(edge);
    else root.edges!.push(edge);
  }
  return root;
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  let wholeTooSlow = false;
  let flatTooSlow = false;
  for (const hosts of SIZES) {
    const design = makeTemplate('fabric', { hosts, vmsPerHost: VMS });
    const elements = Object.keys(design.elements).length;
    const run = await timed(() => arrange(design, engine));
    const apply = await timed(async () => applyCommand(design, arrangeCommand(design, run.value)!));
    let flat = 'skipped (smaller size took > 60 s)';
    if (!flatTooSlow) {
      const f = await timed(() => engine(topGraph(design, Object.values(design.elements).filter((e) => e.parent === null), run.value.interiors).graph));
      flat = seconds(f.ms);
      flatTooSlow = f.ms > WHOLE_GRAPH_LIMIT_MS;
    }
    const uncached = await uncachedInteriors(design, UNCACHED_SAMPLE);
    let whole = 'skipped (smaller size took > 60 s)';
    if (!wholeTooSlow) {
      try {
        const w = await timed(() => engine(wholeGraph(design)));
        whole = seconds(w.ms);
        wholeTooSlow = w.ms > WHOLE_GRAPH_LIMIT_MS;
      } catch (e) {
        whole = `ELK failed: ${e instanceof Error ? e.message : String(e)}`;
        process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      }
    }
    rows.push([
      `${hosts} servers`,
      elements.toLocaleString('en-US'),
      seconds(run.ms),
      String(run.value.elkRuns),
      seconds(apply.ms),
      flat,
      `${uncached.perServerMs.toFixed(1)} ms × ${uncached.servers} = ${seconds(uncached.perServerMs * uncached.servers)}`,
      whole,
    ]);
    process.stdout.write(`${hosts} servers done\n`);
  }
  process.stdout.write(`\n${table(['fabric', 'elements', 'arrange', 'ELK runs', 'apply command', 'flat top level', 'interiors uncached (est.)', 'whole graph (1 run)'], rows)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`layout bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
