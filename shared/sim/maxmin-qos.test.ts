// Weighted max-min with reservations (the solver's QoS form): figures worked out by hand. Shares as vSphere Network
// I/O Control defines them ("Low 25, Normal 50, High 100" shares; a reservation is a guaranteed minimum, a limit a
// cap) and Hyper-V's minimum-bandwidth weights: what is left after reservations is split in proportion to weight.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOTTLENECK_DEMAND, solveMaxMin, type MaxMinInstance } from './maxmin';

/** An instance from link capacities and each flow's links. */
function inst(capacities: number[], paths: number[][], extra: Partial<Record<'demands' | 'weights' | 'reservations', number[]>> = {}): MaxMinInstance {
  const flowPtr = new Int32Array(paths.length + 1);
  paths.forEach((p, i) => (flowPtr[i + 1] = flowPtr[i]! + p.length));
  return {
    capacities: Float64Array.from(capacities),
    flowPtr,
    flowLinks: Int32Array.from(paths.flat()),
    ...(extra.demands ? { demands: Float64Array.from(extra.demands) } : {}),
    ...(extra.weights ? { weights: Float64Array.from(extra.weights) } : {}),
    ...(extra.reservations ? { reservations: Float64Array.from(extra.reservations) } : {}),
  };
}
const rates = (i: MaxMinInstance) => [...solveMaxMin(i).rates];

describe('weighted max-min with reservations', () => {
  it('splits a link in proportion to shares: Normal (50) and High (100) on a 10 Gb/s uplink get 10/3 and 20/3', () => {
    const r = rates(inst([10], [[0], [0]], { weights: [50, 100] }));
    expect(r[0]).toBeCloseTo(10 / 3, 12);
    expect(r[1]).toBeCloseTo(20 / 3, 12);
  });

  it('gives a reservation first and shares only the rest: 4 reserved of 10, then 6 split evenly → 7 and 3', () => {
    expect(rates(inst([10], [[0], [0]], { reservations: [4, 0] }))).toEqual([7, 3]);
  });

  it('caps a reserved flow at its limit and gives the rest to the elastic one: 2 reserved, limit 3 → 3 and 7', () => {
    const s = solveMaxMin(inst([10], [[0], [0]], { reservations: [2, 0], demands: [3, Infinity] }));
    expect([...s.rates]).toEqual([3, 7]);
    expect(s.bottleneck[0]).toBe(BOTTLENECK_DEMAND);
  });

  it('freezes by weighted share across links: B (weight 2) shares a 4 Gb/s link with C, then A takes what B leaves', () => {
    // Link 1 (10): A, B; link 2 (4): B, C. Per unit of weight: link 2 offers 4/3, link 1 10/3, so link 2 fills first:
    // B = 2 × 4/3 = 8/3, C = 4/3. Link 1 then has 10 − 8/3 = 22/3 left for A alone.
    const r = rates(inst([10, 4], [[0], [0, 1], [1]], { weights: [1, 2, 1] }));
    expect(r[0]).toBeCloseTo(22 / 3, 12);
    expect(r[1]).toBeCloseTo(8 / 3, 12);
    expect(r[2]).toBeCloseTo(4 / 3, 12);
  });

  it('with every weight 1 and no reservation gives exactly the unweighted rates (the reference stays exact)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(fc.nat(5), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.option(fc.double({ min: 0.1, max: 50, noNaN: true }), { nil: undefined }), { minLength: 12, maxLength: 12 }),
        (caps, rawPaths, caps2) => {
          const paths = rawPaths.map((p) => p.map((l) => l % caps.length));
          const demands = paths.map((_, i) => caps2[i] ?? Infinity);
          const plain = solveMaxMin(inst(caps, paths, { demands }));
          const ones = solveMaxMin(inst(caps, paths, { demands, weights: paths.map(() => 1), reservations: paths.map(() => 0) }));
          expect([...ones.rates]).toEqual([...plain.rates]);
          expect([...ones.bottleneck]).toEqual([...plain.bottleneck]);
        },
      ),
    );
  });

  it('is feasible and weighted-fair: no link over capacity, every flow at its reservation or more, each flow frozen by a full link or its cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.record({ links: fc.array(fc.nat(4), { minLength: 1, maxLength: 3 }), w: fc.double({ min: 0.1, max: 10, noNaN: true }), r: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 10 }),
        (caps, flows) => {
          const paths = flows.map((f) => f.links.map((l) => l % caps.length));
          // Reservations that fit: each flow reserves r × (its tightest link's capacity / flows there).
          const users = caps.map((_, l) => paths.reduce((n, p) => n + p.filter((x) => x === l).length, 0));
          const reservations = flows.map((f, i) => f.r * Math.min(...paths[i]!.map((l) => caps[l]! / users[l]!)) * 0.99);
          const s = solveMaxMin(inst(caps, paths, { weights: flows.map((f) => f.w), reservations }));
          const load = caps.map(() => 0);
          paths.forEach((p, i) => p.forEach((l) => (load[l] = load[l]! + s.rates[i]!)));
          load.forEach((x, l) => expect(x).toBeLessThanOrEqual(caps[l]! * (1 + 1e-9) + 1e-9));
          paths.forEach((p, i) => {
            expect(s.rates[i]!).toBeGreaterThanOrEqual(reservations[i]! - 1e-9);
            // Its bottleneck link is full.
            const b = s.bottleneck[i]!;
            expect(b).toBeGreaterThanOrEqual(0);
            expect(load[b]!).toBeCloseTo(caps[b]!, 6);
          });
        },
      ),
    );
  });
});
