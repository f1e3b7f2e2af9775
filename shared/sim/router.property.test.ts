/**
 * Property: SwitchRouter.route, which keeps each target's next-hop choices across calls (200,000 flows over a few
 * hundred switches), gives the route the straightforward walk gives (breadth-first distances to the target, then at
 * each switch the neighbours one hop closer, never through a fabric extender, chosen by the flow's hash), on random
 * switch graphs with extenders and parallel cables, for queries repeated and interleaved so that cached choices are
 * reused for other flows, other sources and other targets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Element } from '../model/elements';
import type { EthEnd, Network } from './network';
import { SwitchRouter } from './router';

const RUNS = Number(process.env.RACKPLANE_PROPERTY_RUNS ?? 150);

interface Graph {
  kinds: ('tor' | 'fex')[];
  cables: [number, number][];
}

/** The parts of a Network the router reads: element kinds and switch-to-switch cables (resource ids by cable). */
function networkOf(g: Graph): Network {
  const elements: Record<string, Element> = {};
  g.kinds.forEach((kind, i) => (elements[`s${i}`] = { id: `s${i}`, kind } as unknown as Element));
  const neighbours = new Map<string, EthEnd[]>();
  g.cables.forEach(([a, b], i) => {
    if (a === b) return;
    const end = (from: number, to: number, out: number, inn: number): EthEnd => ({ link: null as never, far: { element: elements[`s${to}`]!, port: `p${i}` }, out, in: inn });
    (neighbours.get(`s${a}`) ?? neighbours.set(`s${a}`, []).get(`s${a}`)!).push(end(a, b, 2 * i, 2 * i + 1));
    (neighbours.get(`s${b}`) ?? neighbours.set(`s${b}`, []).get(`s${b}`)!).push(end(b, a, 2 * i + 1, 2 * i));
  });
  return { design: { elements }, switchNeighbours: (id: string) => neighbours.get(id) ?? [] } as unknown as Network;
}

/** The route as the router computed it before it kept next hops: everything recomputed for each call. */
function referenceRoute(net: Network, from: string, to: string, hash: number): number[] | null {
  if (from === to) return [];
  const d = new Map<string, number>([[to, 0]]);
  const queue = [to];
  for (let qi = 0; qi < queue.length; qi++) {
    const cur = queue[qi]!;
    if (cur !== to && net.design.elements[cur]?.kind === 'fex') continue;
    for (const n of net.switchNeighbours(cur)) {
      if (!d.has(n.far.element.id)) {
        d.set(n.far.element.id, d.get(cur)! + 1);
        queue.push(n.far.element.id);
      }
    }
  }
  if (!d.has(from)) return null;
  const out: number[] = [];
  let cur = from;
  let h = hash;
  while (cur !== to) {
    const here = d.get(cur)!;
    const next = net.switchNeighbours(cur).filter((n) => d.get(n.far.element.id) === here - 1 && (n.far.element.id === to || n.far.element.kind !== 'fex'));
    if (next.length === 0) return null;
    const pick = next[h % next.length]!;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    out.push(pick.out);
    cur = pick.far.element.id;
  }
  return out;
}

const graph = fc.integer({ min: 2, max: 12 }).chain((n) =>
  fc.record({
    kinds: fc.array(fc.constantFrom<'tor' | 'fex'>('tor', 'tor', 'tor', 'fex'), { minLength: n, maxLength: n }),
    cables: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
  }),
);
const queries = fc.array(fc.tuple(fc.nat(11), fc.nat(11), fc.nat({ max: 0xffffffff })), { minLength: 1, maxLength: 40 });

describe('SwitchRouter.route with kept next hops', () => {
  it('matches the straightforward walk on random switch graphs, queries repeated and interleaved', () => {
    fc.assert(
      fc.property(graph, queries, (g, qs) => {
        const net = networkOf(g);
        const router = new SwitchRouter(net);
        const n = g.kinds.length;
        // Twice over: the second pass runs on choices the first one kept.
        for (const [a, b, hash] of [...qs, ...qs]) {
          const from = `s${a % n}`;
          const to = `s${b % n}`;
          expect(router.route(from, to, hash)).toEqual(referenceRoute(net, from, to, hash));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
