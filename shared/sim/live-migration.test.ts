import { describe, expect, it } from 'vitest';
import { MIGRATION_DEFAULTS, simulateMigration } from './migration';
import { copyDisk, simulateLiveMigration, VDP_RESOURCE_WAIT_SEC, type LiveMigrationParams } from './live-migration';

const GiB = 1024 ** 3;
const gbps = (g: number) => (g * 1e9) / 8;

function params(p: Partial<LiveMigrationParams>): LiveMigrationParams {
  const memoryBytes = p.memoryBytes ?? 4 * GiB;
  return {
    ...MIGRATION_DEFAULTS,
    memoryBytes,
    bandwidthBytesPerSec: gbps(10),
    dirtyBytesPerSec: gbps(2),
    workingSetBytes: memoryBytes,
    diskBytes: 0,
    diskWriteBytesPerSec: gbps(0.4),
    networkUpdateSec: 0,
    edgeUpdate: 'rarp',
    ...p,
  };
}

describe('copyDisk (drive-mirror)', () => {
  it('sends the disk, then the blocks written meanwhile, until the rest fits the threshold', () => {
    const R = gbps(10);
    const W = gbps(1);
    const c = copyDisk(100 * GiB, W, R, R * 0.3, 30);
    expect(c.converged).toBe(true);
    // Geometric: each pass is W/R of the one before; the first below R × 0.3 s ends the copy.
    c.rounds.forEach((r, i) => expect(r.sentBytes).toBeCloseTo(100 * GiB * 0.1 ** i, 0));
    expect(c.rounds.at(-1)!.sentBytes).toBeLessThanOrEqual(R * 0.3);
    expect(c.rounds.at(-2)!.sentBytes).toBeGreaterThan(R * 0.3);
    expect(c.bytes).toBeCloseTo(c.rounds.reduce((s, r) => s + r.sentBytes, 0), 0);
    expect(c.seconds).toBeCloseTo(c.bytes / R, 9);
  });

  it('does not catch up when the guest writes as fast as the path carries: capped and reported', () => {
    const c = copyDisk(10 * GiB, gbps(12), gbps(10), gbps(10) * 0.3, 5);
    expect(c.converged).toBe(false);
    expect(c.rounds).toHaveLength(5);
    expect(c.remainderBytes).toBe(10 * GiB); // never more than the whole disk
  });
});

describe('simulateLiveMigration', () => {
  it('without a local disk or network update it is exactly the pre-copy model (DOMAIN.md §5 check value)', () => {
    const base = simulateMigration(params({}));
    const live = simulateLiveMigration(params({}));
    expect(live).toMatchObject({ ...base, storageBytes: 0, storageSeconds: 0, storageRounds: [], storageConverged: true, networkUpdateSeconds: 0 });
    expect(live.totalSeconds).toBe(base.totalSeconds);
    expect(live.downtimeSeconds).toBe(base.downtimeSeconds);
  });

  it('copies a local disk first, then runs the memory pre-copy beside the synchronous mirror (R − W)', () => {
    const W = gbps(0.4);
    const live = simulateLiveMigration(params({ diskBytes: 40 * GiB, diskWriteBytesPerSec: W }));
    const memory = simulateMigration(params({ bandwidthBytesPerSec: gbps(10) - W }));
    expect(live.storageConverged).toBe(true);
    expect(live.storageBytes).toBeGreaterThan(40 * GiB);
    expect(live.storageSeconds).toBeCloseTo(live.storageBytes! / gbps(10), 9);
    expect(live.rounds).toEqual(memory.rounds);
    expect(live.transferredBytes).toBe(memory.transferredBytes); // memory only; the disk is reported apart
    expect(live.totalSeconds).toBeCloseTo(live.storageSeconds! + memory.totalSeconds, 9);
    expect(live.downtimeSeconds).toBe(memory.downtimeSeconds);
    expect(live.converged).toBe(true);
  });

  it('a disk copy that never catches up is sent in the stop-and-copy: longer downtime, not converged', () => {
    const R = gbps(10);
    const live = simulateLiveMigration(params({ diskBytes: 8 * GiB, diskWriteBytesPerSec: gbps(20), maxRounds: 4 }));
    expect(live.storageConverged).toBe(false);
    expect(live.converged).toBe(false);
    const memory = simulateMigration(params({ maxRounds: 4 }));
    expect(live.downtimeSeconds).toBeCloseTo(memory.downtimeSeconds + (8 * GiB) / R, 9);
    expect(live.storageRounds!.at(-1)!.sentBytes).toBe(8 * GiB);
  });

  it('the edge update lengthens the migration; only a VDP associate counts as downtime', () => {
    const base = simulateLiveMigration(params({}));
    const rarp = simulateLiveMigration(params({ networkUpdateSec: 0.01, edgeUpdate: 'rarp' }));
    const vdp = simulateLiveMigration(params({ networkUpdateSec: 0.01, edgeUpdate: 'vdp-associate' }));
    expect(rarp.totalSeconds - base.totalSeconds).toBeCloseTo(0.01, 12);
    expect(rarp.downtimeSeconds).toBe(base.downtimeSeconds);
    expect(rarp.networkUpdateInDowntime).toBe(false);
    expect(vdp.downtimeSeconds - base.downtimeSeconds).toBeCloseTo(0.01, 12);
    expect(vdp).toMatchObject({ networkUpdateSeconds: 0.01, networkUpdateInDowntime: true });
  });

  it('a VSI not pre-associated at the destination waits the VDP resource-wait bound in the downtime', () => {
    // 802.1Qbg resourceWaitDelay = 10 µs × 2^20 (lldpad's default exponent) = 10.48576 s, by hand.
    expect(VDP_RESOURCE_WAIT_SEC).toBeCloseTo(10.48576, 12);
    const base = simulateLiveMigration(params({}));
    const ready = simulateLiveMigration(params({ networkUpdateSec: 0.01, edgeUpdate: 'vdp-associate', vsiPreassociated: true }));
    const unready = simulateLiveMigration(params({ networkUpdateSec: 0.01, edgeUpdate: 'vdp-associate', vsiPreassociated: false }));
    expect(ready).toMatchObject({ networkUpdateSeconds: 0.01, vsiPreassociated: true });
    expect(ready.downtimeSeconds - base.downtimeSeconds).toBeCloseTo(0.01, 12);
    // 0.01 s associate + 10.48576 s for the bridge's VSI manager = 10.49576 s, all of it downtime and total time.
    expect(unready).toMatchObject({ networkUpdateInDowntime: true, vsiPreassociated: false });
    expect(unready.networkUpdateSeconds).toBeCloseTo(10.49576, 12);
    expect(unready.downtimeSeconds - base.downtimeSeconds).toBeCloseTo(10.49576, 9);
    expect(unready.totalSeconds - base.totalSeconds).toBeCloseTo(10.49576, 9);
    // A RARP edge runs no VDP: the flag changes nothing and is not reported.
    const rarp = simulateLiveMigration(params({ networkUpdateSec: 0.01, edgeUpdate: 'rarp', vsiPreassociated: false }));
    expect(rarp.networkUpdateSeconds).toBe(0.01);
    expect(rarp.vsiPreassociated).toBeUndefined();
  });
});
