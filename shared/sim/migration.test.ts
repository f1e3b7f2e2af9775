import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkMigrationParams, MIGRATION_DEFAULTS, simulateMigration, type MigrationParams } from './migration';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const gbps = (g: number) => (g * 1e9) / 8;

function params(p: Partial<MigrationParams>): MigrationParams {
  const memoryBytes = p.memoryBytes ?? 4 * GiB;
  return { ...MIGRATION_DEFAULTS, memoryBytes, bandwidthBytesPerSec: gbps(10), dirtyBytesPerSec: gbps(2), workingSetBytes: memoryBytes, ...p };
}

describe('simulateMigration', () => {
  it('reproduces the check value of DOMAIN.md §5 (4 GiB, 10 Gb/s, 2 Gb/s, 300 ms)', () => {
    const r = simulateMigration(params({}));
    expect(r.converged).toBe(true);
    expect(r.stopReason).toBe('downtime-limit');
    expect(r.rounds).toHaveLength(3); // rounds 0, 1 and the stop-and-copy round n = 2
    expect(r.transferredBytes / MiB).toBeCloseTo(5079.04, 9);
    expect(r.totalSeconds).toBeCloseTo(4.26, 2);
    expect(r.downtimeSeconds * 1000).toBeCloseTo(137.4, 1);
  });

  it('matches the closed form V = M(1-λ^(n+1))/(1-λ), T_down = Mλ^n/R for random converging inputs', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 512, noNaN: true }), fc.double({ min: 1, max: 100, noNaN: true }), fc.double({ min: 0, max: 0.95, noNaN: true }), fc.double({ min: 0.001, max: 2, noNaN: true }), (memGiB, bwGbps, lambda, limit) => {
        const R = gbps(bwGbps);
        const M = memGiB * GiB;
        const r = simulateMigration(params({ memoryBytes: M, bandwidthBytesPerSec: R, dirtyBytesPerSec: lambda * R, downtimeLimitSec: limit }));
        const n = r.rounds.length - 1;
        const closed = lambda === 1 ? M * (n + 1) : (M * (1 - lambda ** (n + 1))) / (1 - lambda);
        expect(r.transferredBytes).toBeCloseTo(closed, -Math.log10(closed) + 9);
        expect(Math.abs(r.downtimeSeconds - (M * lambda ** n) / R)).toBeLessThan(1e-9 * Math.max(1, r.downtimeSeconds));
        // n is the first round whose remainder fits the limit.
        if (n > 1) expect(M * lambda ** (n - 1)).toBeGreaterThan(R * limit);
      }),
    );
  });

  it('reports that QEMU never converges when the guest dirties memory faster than the link sends it (no loop)', () => {
    // λ = 12/10 ≥ 1, no auto-converge: round 1 = min(1.2 × 4 GiB, W = 4 GiB) = 4 GiB, no smaller than round 0.
    const r = simulateMigration(params({ dirtyBytesPerSec: gbps(12) }));
    expect(r.converged).toBe(false);
    expect(r.lambda).toBeCloseTo(1.2, 12);
    expect(r.stopReason).toBe('no-convergence');
    expect(r.rounds.map((x) => x.sentBytes)).toEqual([4 * GiB, 4 * GiB]);
    expect(r.rounds.some((x) => x.stopAndCopy)).toBe(false);
    expect(r.totalSeconds).toBe(Infinity);
  });

  it('auto-converge throttles the guest until the remainder fits', () => {
    const r = simulateMigration(params({ dirtyBytesPerSec: gbps(12), autoConverge: true }));
    expect(r.converged).toBe(true);
    expect(Math.max(...r.rounds.map((x) => x.throttle))).toBeGreaterThan(0.2);
  });

  it('zero pages, working set and resume time shape the result', () => {
    const base = simulateMigration(params({}));
    const zero = simulateMigration(params({ zeroPageShare: 0.5 }));
    expect(zero.rounds[0]!.sentBytes).toBeCloseTo(base.rounds[0]!.sentBytes / 2, 3);
    const ws = simulateMigration(params({ workingSetBytes: 256 * MiB }));
    expect(ws.rounds[1]!.sentBytes).toBe(256 * MiB);
    const resume = simulateMigration(params({ resumeSec: 0.05 }));
    expect(resume.downtimeSeconds - base.downtimeSeconds).toBeCloseTo(0.05, 12);
  });

  it('refuses impossible parameters with a reason, and handles a dead link', () => {
    expect(checkMigrationParams(params({ memoryBytes: -1 }))).toMatch(/memoryBytes/);
    expect(checkMigrationParams(params({ zeroPageShare: 1 }))).toMatch(/zeroPageShare/);
    expect(checkMigrationParams(params({ maxRounds: 0 }))).toMatch(/maxRounds/);
    expect(checkMigrationParams(params({ policy: 'xen', maxRounds: 1 }))).toMatch(/at least 2 for xen/);
    expect(checkMigrationParams(params({}))).toBeNull();
    expect(simulateMigration(params({ bandwidthBytesPerSec: 0 })).stopReason).toBe('no-bandwidth');
  });
});
