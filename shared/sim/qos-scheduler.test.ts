// One uplink's egress scheduler (qos-scheduler.ts), figures by hand. Sources: vSphere API
// VirtualEthernetCardResourceAllocation (reservation guaranteed, lent while unused; share a relative weight; limit
// never exceeded), IEEE 802.1Qaz ETS (strict priority first; bandwidth-allocation classes share by weight and lend
// what they do not use).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scheduleUplink, waterFill, type SchedulerQueue } from './qos-scheduler';

const q = (over: Partial<SchedulerQueue> = {}): SchedulerQueue => ({ caps: [Infinity], limit: Infinity, reservation: 0, shares: 50, priority: null, classKey: 'default', classWeight: 50, ...over });
const totals = (g: number[][]) => g.map((x) => x.reduce((a, b) => a + b, 0));

describe('waterFill', () => {
  it('gives a capped item its cap and splits the rest by weight: 10 over caps (1, ∞, ∞) weights (1, 1, 3) → 1, 2.25, 6.75', () => {
    const r = waterFill(10, [1, 1, 3], [1, Infinity, Infinity]);
    expect(r[0]).toBe(1);
    expect(r[1]).toBeCloseTo(9 / 4, 12);
    expect(r[2]).toBeCloseTo(27 / 4, 12);
  });
});

describe('scheduleUplink', () => {
  it('scales reservations that do not fit in proportion: 8 and 4 on 10 → 20/3 and 10/3', () => {
    const t = totals(scheduleUplink(10, [q({ reservation: 8 }), q({ reservation: 4 })]));
    expect(t[0]).toBeCloseTo(20 / 3, 12);
    expect(t[1]).toBeCloseTo(10 / 3, 12);
  });

  it('serves priority 7 before priority 3 before the WRR classes: demands 4, 5 on 10 leave 1 to the rest', () => {
    const t = totals(scheduleUplink(10, [q(), q({ priority: 3, caps: [5] }), q({ priority: 7, caps: [4] })]));
    expect(t).toEqual([1, 5, 4]);
  });

  it('splits a queue’s total evenly over its flows, a capped flow giving the rest to the other: 6 over caps (1, ∞) → 1, 5', () => {
    expect(scheduleUplink(6, [q({ caps: [1, Infinity] })])).toEqual([[1, 5]]);
  });

  it('never exceeds the port, honours reservations that fit, and uses the whole port while any queue wants more', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 100, noNaN: true }),
        fc.array(
          fc.record({
            caps: fc.array(fc.oneof(fc.constant(Infinity), fc.double({ min: 0, max: 50, noNaN: true })), { minLength: 1, maxLength: 3 }),
            limit: fc.oneof(fc.constant(Infinity), fc.double({ min: 0.1, max: 50, noNaN: true })),
            reservation: fc.double({ min: 0, max: 10, noNaN: true }),
            shares: fc.integer({ min: 1, max: 100 }),
            priority: fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }),
            classKey: fc.constantFrom('a', 'b', 'default'),
            classWeight: fc.integer({ min: 1, max: 100 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (capacity, queues) => {
          const g = scheduleUplink(capacity, queues);
          const t = totals(g);
          const sum = t.reduce((a, b) => a + b, 0);
          expect(sum).toBeLessThanOrEqual(capacity * (1 + 1e-9) + 1e-9);
          const usable = queues.map((x) => Math.min(x.limit, x.caps.reduce((a, b) => a + b, 0)));
          queues.forEach((x, i) => {
            g[i]!.forEach((v, k) => expect(v).toBeLessThanOrEqual(x.caps[k]! * (1 + 1e-9) + 1e-9));
            expect(t[i]).toBeLessThanOrEqual(usable[i]! * (1 + 1e-9) + 1e-9);
          });
          const reserved = queues.map((x, i) => Math.min(x.reservation, usable[i]!));
          if (reserved.reduce((a, b) => a + b, 0) <= capacity) reserved.forEach((r, i) => expect(t[i]).toBeGreaterThanOrEqual(r * (1 - 1e-9) - 1e-9));
          // Work conservation: a queue below what it can use means the port is full.
          if (t.some((x, i) => x < usable[i]! * (1 - 1e-6) - 1e-9)) expect(sum).toBeCloseTo(capacity, 6);
        },
      ),
    );
  });
});
