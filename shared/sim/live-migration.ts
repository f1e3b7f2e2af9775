/**
 * A whole live migration of a VM between hosts, around the memory pre-copy of migration.ts:
 *
 * 1. Local storage (the source host keeps the VM's disk): the disk is copied first, as QEMU's
 *    drive-mirror does it: a bulk pass over the whole disk, then passes over the blocks the guest wrote
 *    meanwhile, until the remainder fits the downtime budget (R × downtime limit). From then on the mirror
 *    is synchronous: every guest write goes to both disks, so the guest's disk write rate is taken from
 *    the path for the rest of the migration and the memory pre-copy runs at R − W. When the copy does not
 *    catch up (W ≥ R, or the round cap), the remaining blocks go with the stop-and-copy and lengthen the
 *    downtime, and the migration is reported as not converged.
 * 2. The memory pre-copy of DOMAIN.md §5 (simulateMigration), unchanged.
 * 3. The network update at the edge: the edge learns the VM's new location. With a VEB (vSwitch or NIC
 *    embedded bridge) the hypervisor sends a RARP/gratuitous ARP once the VM runs; the VM already forwards
 *    and only inbound frames in flight are lost, so the step is not downtime. With VEPA or VN-Tag/802.1BR
 *    port profiles the bridge forwards a VSI's frames only once VDP has associated it (802.1Qbg, EVB-003),
 *    so the associate gates traffic and counts as downtime. Its duration is an estimate (a parameter).
 */
import { simulateMigration, type MigrationParams, type MigrationResult, type StorageRound } from './migration';

export type EdgeUpdate = 'rarp' | 'vdp-associate';

export interface LiveMigrationParams extends MigrationParams {
  /** Bytes of local disk to copy; 0 when the disk is on shared storage. */
  diskBytes: number;
  /** Rate at which the guest writes its disk, bytes/s (drives the dirty-block passes). */
  diskWriteBytesPerSec: number;
  /** Duration of the network update at the edge, seconds. */
  networkUpdateSec: number;
  edgeUpdate: EdgeUpdate;
}

export interface StorageCopy {
  rounds: StorageRound[];
  bytes: number;
  seconds: number;
  /** True when the mirror reached sync; false when the round cap stopped it. */
  converged: boolean;
  /** Dirty blocks left when the cap stopped it (sent during the stop-and-copy). */
  remainderBytes: number;
}

/** Bulk copy then dirty-block passes at rate R while the guest writes at W (drive-mirror). */
export function copyDisk(diskBytes: number, writeBytesPerSec: number, R: number, thresholdBytes: number, maxRounds: number): StorageCopy {
  const rounds: StorageRound[] = [];
  let toSend = diskBytes;
  let bytes = 0;
  let seconds = 0;
  while (toSend > 0) {
    if (rounds.length > 0 && toSend <= thresholdBytes) {
      // In sync: the last few blocks go while the mirror switches to synchronous writes.
      rounds.push({ sentBytes: toSend, seconds: toSend / R });
      bytes += toSend;
      seconds += toSend / R;
      return { rounds, bytes, seconds, converged: true, remainderBytes: 0 };
    }
    if (rounds.length >= maxRounds) return { rounds, bytes, seconds, converged: false, remainderBytes: toSend };
    const t = toSend / R;
    rounds.push({ sentBytes: toSend, seconds: t });
    bytes += toSend;
    seconds += t;
    // The guest cannot have written more blocks than the disk holds.
    toSend = Math.min(writeBytesPerSec * t, diskBytes);
  }
  return { rounds, bytes, seconds, converged: true, remainderBytes: 0 };
}

/** Simulates a VM's migration: local-disk copy (if any), memory pre-copy, resume, network update. */
export function simulateLiveMigration(p: LiveMigrationParams): MigrationResult {
  const R = p.bandwidthBytesPerSec;
  const inDowntime = p.edgeUpdate === 'vdp-associate';
  if (p.diskBytes <= 0 || R <= 0) {
    const r = simulateMigration(p);
    return finish(r, { rounds: [], bytes: 0, seconds: 0, converged: true, remainderBytes: 0 }, 0, p.networkUpdateSec, inDowntime);
  }
  const disk = copyDisk(p.diskBytes, p.diskWriteBytesPerSec, R, R * p.downtimeLimitSec, p.maxRounds);
  // A synchronous mirror carries every guest write for the rest of the migration.
  const mirrored = disk.converged ? Math.min(p.diskWriteBytesPerSec, R) : 0;
  const memory = simulateMigration({ ...p, bandwidthBytesPerSec: R - mirrored });
  return finish(memory, disk, disk.remainderBytes / R, p.networkUpdateSec, inDowntime);
}

function finish(memory: MigrationResult, disk: StorageCopy, remainderSec: number, networkUpdateSec: number, inDowntime: boolean): MigrationResult {
  const storageSeconds = disk.seconds + remainderSec;
  return {
    ...memory,
    converged: memory.converged && disk.converged,
    totalSeconds: storageSeconds + memory.totalSeconds + networkUpdateSec,
    downtimeSeconds: memory.downtimeSeconds + remainderSec + (inDowntime ? networkUpdateSec : 0),
    storageBytes: disk.bytes + disk.remainderBytes,
    storageSeconds,
    storageRounds: disk.remainderBytes > 0 ? [...disk.rounds, { sentBytes: disk.remainderBytes, seconds: remainderSec }] : disk.rounds,
    storageConverged: disk.converged,
    networkUpdateSeconds: networkUpdateSec,
    networkUpdateInDowntime: inDowntime,
  };
}
