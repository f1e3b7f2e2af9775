// The four stop policies of migration-policy.ts, each against figures computed by hand from its source.
import { describe, expect, it } from 'vitest';
import { MIGRATION_DEFAULTS, simulateMigration, type MigrationParams } from './migration';
import { policyForHypervisor } from './migration-policy';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const gbps = (g: number) => (g * 1e9) / 8;
const M = 4 * GiB;

function params(p: Partial<MigrationParams>): MigrationParams {
  return { ...MIGRATION_DEFAULTS, memoryBytes: M, bandwidthBytesPerSec: gbps(10), dirtyBytesPerSec: gbps(2), workingSetBytes: M, ...p };
}

describe('qemu (migration/migration.c: pending < bandwidth × downtime-limit; no round or volume cap)', () => {
  it('converges at 9 Gb/s of dirtying on 10 Gb/s after 24 pre-copy rounds (was "max-transfer" when Xen caps were mixed in)', () => {
    // λ = 0.9; V_i = 0.9^i × 4 GiB; threshold = 10 Gb/s × 0.3 s = 1.25e9 B/s × 0.3 = 375e6 B.
    // 0.9^i × 4294967296 < 375e6 ⇔ i > ln(0.087311)/ln(0.9) = 23.14 ⇒ round 24 is the stop-and-copy: 25 rounds.
    const r = simulateMigration(params({ dirtyBytesPerSec: gbps(9) }));
    expect(r).toMatchObject({ converged: true, stopReason: 'downtime-limit', policy: 'qemu' });
    expect(r.rounds).toHaveLength(25);
    expect(r.rounds[23]!.sentBytes).toBeGreaterThan(375e6);
    expect(r.rounds[24]!.sentBytes).toBeLessThan(375e6);
    // V = M(1 − 0.9^25)/(1 − 0.9) = 4294967296 × 9.28210 = 39,866,046,…; T = V / 1.25e9 B/s; T_down = M × 0.9^24 / 1.25e9.
    const V = (M * (1 - 0.9 ** 25)) / 0.1;
    expect(r.transferredBytes).toBeCloseTo(V, 0);
    expect(r.totalSeconds).toBeCloseTo(V / 1.25e9, 9); // ≈ 31.89 s
    expect(r.downtimeSeconds).toBeCloseTo((M * 0.9 ** 24) / 1.25e9, 9); // ≈ 274 ms
  });

  it('--max-rounds N runs N rounds in all, the last a forced stop-and-copy (was N + 1)', () => {
    const r = simulateMigration(params({ dirtyBytesPerSec: gbps(12), maxRounds: 30 }));
    expect(r.rounds).toHaveLength(30);
    expect(r.rounds.filter((x) => x.stopAndCopy)).toHaveLength(1);
    expect(r.rounds[29]!.stopAndCopy).toBe(true);
    expect(r).toMatchObject({ converged: false, stopReason: 'max-rounds' });
    // λ = 1.2 with the working set = memory: every round is min(1.2 V, 4 GiB) = 4 GiB; 30 × 4 GiB sent.
    expect(r.transferredBytes).toBe(30 * M);
  });

  it('ramps auto-converge as ram.c does: 20 %, then +10 % per second high-dirty period (dirty_rate_high_cnt ≥ 2)', () => {
    // Each period ends at a sync more than 1 s after the last: rounds of 4 GiB at 10 Gb/s take 3.436 s, so
    // every round closes one. Round 0: dirtied min(12 Gb/s × 3.436 s, 4 GiB) = 4 GiB > 50 % of 4 GiB sent →
    // cnt 1; round 1: cnt 2 → throttle 20 % (cnt reset); rounds 2-3 at 20 % → 30 %; rounds 4-5 → 40 %.
    const r = simulateMigration(params({ dirtyBytesPerSec: gbps(12), autoConverge: true }));
    expect(r.rounds.slice(0, 7).map((x) => x.throttle)).toEqual([0, 0, 0.2, 0.2, expect.closeTo(0.3, 12), expect.closeTo(0.3, 12), expect.closeTo(0.4, 12)]);
    expect(r.converged).toBe(true);
  });

  it('counts a period only once more than 1 s has passed since the last (short rounds share a period)', () => {
    // 512 MiB rounds at 10 Gb/s: 536870912 × 8 / 1e10 = 0.4295 s. Periods close at the syncs after
    // 1.288 s (round 2) and 2.577 s (round 5): the second high period raises the throttle for round 6.
    const m = 512 * MiB;
    const r = simulateMigration(params({ memoryBytes: m, workingSetBytes: m, dirtyBytesPerSec: gbps(12), autoConverge: true }));
    expect(r.rounds.slice(0, 7).map((x) => x.throttle)).toEqual([0, 0, 0, 0, 0, 0, 0.2]);
  });
});

describe('xen-legacy (Xen ≤ 4.5 xc_domain_save.c: DEF_MAX_ITERS 29, < 50 pages, DEF_MAX_FACTOR 3)', () => {
  it('stops after more than 3 × memory has been sent', () => {
    // λ = 1.2, W = M: every round is 4 GiB. After round 3 (0-based) 16 GiB > 12 GiB (after round 2, 12 GiB is not more):
    // round 4 is the last. 5 rounds; downtime = 4 GiB / 1.25e9 B/s = 3.436 s.
    const r = simulateMigration(params({ policy: 'xen-legacy', dirtyBytesPerSec: gbps(12) }));
    expect(r).toMatchObject({ converged: false, stopReason: 'max-transfer' });
    expect(r.rounds).toHaveLength(5);
    expect(r.downtimeSeconds).toBeCloseTo(M / 1.25e9, 12);
  });

  it('stops after 29 live iterations: 30 rounds in all, or N with --max-rounds N', () => {
    // W = 256 MiB caps later rounds: 4 GiB + 28 × 0.25 GiB = 11 GiB < 12 GiB, and 256 MiB ≫ 50 pages.
    const r = simulateMigration(params({ policy: 'xen-legacy', dirtyBytesPerSec: gbps(12), workingSetBytes: 256 * MiB }));
    expect(r.rounds).toHaveLength(30);
    expect(r).toMatchObject({ stopReason: 'max-rounds', converged: false });
    expect(simulateMigration(params({ policy: 'xen-legacy', dirtyBytesPerSec: gbps(12), workingSetBytes: 256 * MiB, maxRounds: 10 })).rounds).toHaveLength(10);
  });

  it('stops when an iteration sent fewer than 50 pages, then sends what it dirtied', () => {
    // λ = 0.2: round 6 = 4 GiB × 0.2^6 = 274,878 B = 67.1 pages; round 7 = 54,976 B = 13.4 pages < 50 → round 8 is last.
    const r = simulateMigration(params({ policy: 'xen-legacy' }));
    expect(r).toMatchObject({ converged: true, stopReason: 'few-dirty-pages' });
    expect(r.rounds).toHaveLength(9);
    expect(r.rounds[8]!.sentBytes).toBeCloseTo(M * 0.2 ** 8, 6);
  });
});

describe('xen (Xen 4.6+ xg_sr_save.c: simple_precopy_policy, SPP_MAX_ITERATIONS 5, SPP_TARGET_DIRTY_COUNT 50)', () => {
  it('stops after 5 live iterations: 6 rounds in all, whatever the volume (no 3× factor)', () => {
    const r = simulateMigration(params({ policy: 'xen', dirtyBytesPerSec: gbps(12) }));
    expect(r.rounds).toHaveLength(6);
    expect(r.rounds.map((x) => x.stopAndCopy)).toEqual([false, false, false, false, false, true]);
    expect(r.transferredBytes).toBe(6 * M); // 6 × 4 GiB: more than 3× memory, which xen-legacy would have cut
    expect(r.stopReason).toBe('max-rounds');
  });

  it('sends the last few (< 50) dirty pages live, then suspends and sends what they dirtied', () => {
    // D = 2 Mb/s = 250,000 B/s. Round 0: 4 GiB / 1.25e9 = 3.436 s → 858,993 B dirty (209.7 pages, ≥ 50).
    // Round 1 (858,993 B): 6.87e-4 s → 171.8 B dirty (< 50 pages): the policy says stop, but send_memory_live
    // still sends them (round 2, live); the final round 3 sends what round 2 dirtied (0.0344 B).
    const r = simulateMigration(params({ policy: 'xen', dirtyBytesPerSec: 250_000 }));
    expect(r).toMatchObject({ converged: true, stopReason: 'few-dirty-pages' });
    expect(r.rounds.map((x) => x.stopAndCopy)).toEqual([false, false, false, true]);
    expect(r.rounds[1]!.sentBytes).toBeCloseTo((250_000 * M) / 1.25e9, 6);
    expect(r.rounds[2]!.sentBytes).toBeCloseTo((250_000 * r.rounds[1]!.sentBytes) / 1.25e9, 9);
  });
});

describe('vsphere (Stun During Page Send; the controller is an estimate)', () => {
  it('slows the guest instead of failing when it dirties faster than the stream sends', () => {
    // λ = 1.2: round 1 re-dirties all 4 GiB (≥ sent), so SDPS sets throttle 1 − 0.5 × 10/12 = 7/12: the guest
    // then dirties 5 Gb/s, half the stream: rounds 4, 4, 2, 1, 0.5 GiB, then 0.25 GiB = 268 MB < 375 MB stops.
    const r = simulateMigration(params({ policy: 'vsphere', dirtyBytesPerSec: gbps(12) }));
    expect(r).toMatchObject({ converged: true, stopReason: 'downtime-limit' });
    expect(r.rounds.map((x) => x.sentBytes / GiB)).toEqual([4, 4, 2, 1, 0.5, 0.25].map((x) => expect.closeTo(x, 9)));
    expect(r.rounds[2]!.throttle).toBeCloseTo(7 / 12, 12);
    expect(r.totalSeconds).toBeCloseTo((11.75 * GiB) / 1.25e9, 9);
  });

  it('is plain pre-copy while the guest is slower than the stream (DOMAIN.md §5 check value)', () => {
    const r = simulateMigration(params({ policy: 'vsphere' }));
    expect(r.rounds).toHaveLength(3);
    expect(r.transferredBytes / MiB).toBeCloseTo(5079.04, 9);
  });
});

describe('policyForHypervisor', () => {
  it('maps kvm → qemu, xen → xen, esxi → vsphere, and documented defaults for the rest', () => {
    expect(['kvm', 'xen', 'esxi', 'hyperv', 'type2', 'bare-metal'].map((h) => policyForHypervisor(h as never))).toEqual(['qemu', 'xen', 'vsphere', 'xen', 'qemu', 'qemu']);
  });
});
