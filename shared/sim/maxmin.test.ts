import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildInstance } from './io';
import { BOTTLENECK_DEMAND, BOTTLENECK_NONE, solveMaxMin, SolveCancelled, type MaxMinInstance } from './maxmin';

const fixture = (name: string) => JSON.parse(readFileSync(resolve(__dirname, '../../test/fixtures/maxmin', name), 'utf8'));

function solveJson(raw: unknown) {
  const b = buildInstance(raw);
  if (!b.ok) throw new Error(b.reason);
  const sol = solveMaxMin(b.instance);
  return { b, sol, rate: (id: string) => sol.rates[b.flowIds.indexOf(id)] };
}

/** Slow, obviously-correct progressive filling used as an oracle for small random instances. */
function oracle(inst: MaxMinInstance): Float64Array {
  const F = inst.flowPtr.length - 1;
  const rates = new Float64Array(F).fill(Infinity);
  const frozen = new Array<boolean>(F).fill(false);
  const caps = [...inst.capacities];
  const paths: number[][] = [];
  for (let f = 0; f < F; f++) {
    const p = Array.from(inst.flowLinks.slice(inst.flowPtr[f]!, inst.flowPtr[f + 1]!));
    if (inst.demands && inst.demands[f]! < Infinity) {
      caps.push(inst.demands[f]!);
      p.push(caps.length - 1);
    }
    paths.push(p);
    if (p.length === 0) frozen[f] = true;
  }
  for (;;) {
    let best = Infinity;
    for (let l = 0; l < caps.length; l++) {
      let n = 0;
      let used = 0;
      for (let f = 0; f < F; f++) {
        const k = paths[f]!.filter((x) => x === l).length;
        if (frozen[f]) used += k === 0 ? 0 : k * rates[f]!;
        else n += k;
      }
      if (n > 0) best = Math.min(best, Math.max(caps[l]! - used, 0) / n);
    }
    if (best === Infinity) return rates;
    for (let l = 0; l < caps.length; l++) {
      let n = 0;
      let used = 0;
      for (let f = 0; f < F; f++) {
        const k = paths[f]!.filter((x) => x === l).length;
        if (frozen[f]) used += k === 0 ? 0 : k * rates[f]!;
        else n += k;
      }
      if (n > 0 && Math.max(caps[l]! - used, 0) / n <= best * (1 + 1e-9)) {
        for (let f = 0; f < F; f++) if (!frozen[f] && paths[f]!.includes(l)) {
          rates[f] = best;
          frozen[f] = true;
        }
      }
    }
  }
}

describe('solveMaxMin', () => {
  it('solves the hand-checkable instance of the bench (a=2, b=2, c=7, d=1, e unbounded)', () => {
    const { rate, sol, b } = solveJson(fixture('tiny.json'));
    expect([rate('a'), rate('b'), rate('c'), rate('d')]).toEqual([2, 2, 7, 1]);
    expect(rate('e')).toBe(Infinity);
    expect(sol.bottleneck[b.flowIds.indexOf('e')]).toBe(BOTTLENECK_NONE);
    expect(b.linkIds[sol.bottleneck[b.flowIds.indexOf('d')]!]).toBe('C');
  });

  it('agrees with the numpy reference on dc1k to 1e-9 relative', () => {
    const { b, sol } = solveJson(fixture('dc1k.json'));
    const ref = fixture('dc1k.rates.json').rates as Record<string, number | null>;
    let worst = 0;
    b.flowIds.forEach((id, i) => {
      const r = ref[id];
      const mine = sol.rates[i]!;
      if (r === null) expect(mine).toBe(Infinity);
      else worst = Math.max(worst, Math.abs(mine - r!) / Math.max(Math.abs(r!), 1e-300));
    });
    expect(worst).toBeLessThan(1e-9);
  });

  it('counts a link listed twice in a path twice', () => {
    const { rate } = solveJson({ links: [{ id: 'L', capacity: 9 }], flows: [{ id: 'x', path: ['L', 'L'] }, { id: 'y', path: ['L'] }] });
    expect(rate('x')).toBeCloseTo(3, 12);
    expect(rate('y')).toBeCloseTo(3, 12);
  });

  it('caps flows at their demand and shares the rest', () => {
    const { rate, sol, b } = solveJson({ links: [{ id: 'L', capacity: 10 }], flows: [{ id: 'small', path: ['L'], demand: 1 }, { id: 'big', path: ['L'] }, { id: 'free', path: [], demand: 4 }] });
    expect(rate('small')).toBe(1);
    expect(rate('big')).toBe(9);
    expect(rate('free')).toBe(4);
    expect(sol.bottleneck[b.flowIds.indexOf('small')]).toBe(BOTTLENECK_DEMAND);
  });

  it('matches a brute-force oracle on random instances', () => {
    const arb = fc
      .record({
        caps: fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 }),
        flows: fc.array(fc.record({ path: fc.array(fc.nat(5), { maxLength: 4 }), demand: fc.option(fc.double({ min: 0, max: 50, noNaN: true }), { nil: undefined }) }), { minLength: 1, maxLength: 8 }),
      })
      .map(({ caps, flows }) => ({
        links: caps.map((c, i) => ({ id: `l${i}`, capacity: c })),
        flows: flows.map((f, i) => ({ id: `f${i}`, path: f.path.filter((x) => x < caps.length).map((x) => `l${x}`), demand: f.demand })),
      }));
    fc.assert(
      fc.property(arb, (raw) => {
        const b = buildInstance(raw);
        if (!b.ok) throw new Error(b.reason);
        const got = solveMaxMin(b.instance).rates;
        const want = oracle(b.instance);
        for (let i = 0; i < want.length; i++) {
          if (want[i] === Infinity) expect(got[i]).toBe(Infinity);
          else expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, want[i]!));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports progress and can be cancelled', () => {
    const b = buildInstance(fixture('dc1k.json'));
    if (!b.ok) throw new Error(b.reason);
    const seen: number[] = [];
    solveMaxMin(b.instance, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toBeLessThanOrEqual(1);
    expect(() => solveMaxMin(b.instance, { shouldCancel: () => true })).toThrow(SolveCancelled);
  });

  it('rejects malformed instances with a reason', () => {
    expect(buildInstance(null)).toMatchObject({ ok: false });
    expect(buildInstance({ links: [{ id: 'a', capacity: -1 }], flows: [] })).toMatchObject({ ok: false, reason: expect.stringContaining('capacity') });
    expect(buildInstance({ links: [], flows: [{ id: 'f', path: ['nope'] }] })).toMatchObject({ ok: false, reason: expect.stringContaining('unknown link nope') });
    expect(buildInstance({ links: [{ id: 'a', capacity: 1 }, { id: 'a', capacity: 2 }], flows: [] })).toMatchObject({ ok: false, reason: expect.stringContaining('twice') });
  });
});
