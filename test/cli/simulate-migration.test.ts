/** The built CLI's `simulate` on migrations: local-disk copies and the edge update in JSON and text, and their options. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rackplane, requireBuiltCli, tempDir, type CliRun } from './run-cli';

let dir: string;
let cleanup: () => void;
const run = (...args: string[]) => rackplane(args, { cwd: dir });

function ok(r: CliRun): string {
  expect(r.stderr, r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

interface MigrationJson {
  vm: string;
  edgeUpdate: string;
  result: { converged: boolean; totalSeconds: number; downtimeSeconds: number; storageBytes: number; storageSeconds: number; networkUpdateSeconds: number; networkUpdateInDowntime: boolean };
}
interface SimJson {
  summary: { storageBytes: number; maxStorageSeconds: number | null };
  migrations: MigrationJson[];
}
const simulate = (file: string, ...args: string[]) => JSON.parse(ok(run('simulate', file, '--scenario', 'evacuate:r01.h001', ...args))) as SimJson;

beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
  expect(run('new', '--template', 'rack', '--hosts', '2', '--vms-per-host', '2', '-o', 'shared.json').code).toBe(0);
  // The same rack with local disks on the first host.
  const doc = JSON.parse(readFileSync(join(dir, 'shared.json'), 'utf8')) as { elements: { id: string; kind: string; storage?: string }[] };
  for (const e of doc.elements) if (e.id === 'r01.h001') e.storage = 'local';
  writeFileSync(join(dir, 'local.json'), JSON.stringify(doc));
});
afterAll(() => cleanup());

describe('rackplane simulate: migration storage and edge update', () => {
  it('copies no disk off shared storage, and ends every migration with a RARP that is not downtime', () => {
    const r = simulate('shared.json');
    expect(r.summary).toMatchObject({ storageBytes: 0, maxStorageSeconds: null });
    for (const m of r.migrations) {
      expect(m.edgeUpdate).toBe('rarp');
      expect(m.result).toMatchObject({ storageBytes: 0, storageSeconds: 0, networkUpdateSeconds: 0.01, networkUpdateInDowntime: false });
    }
  });

  it('copies each 40 GiB disk off a local-storage host and reports it apart from memory', () => {
    const shared = simulate('shared.json');
    const r = simulate('local.json');
    expect(r.summary.storageBytes).toBeGreaterThan(2 * 40 * 2 ** 30);
    expect(r.summary.maxStorageSeconds).toBeGreaterThan(0);
    r.migrations.forEach((m, i) => {
      expect(m.result.storageBytes).toBeGreaterThan(40 * 2 ** 30);
      expect(m.result.totalSeconds).toBeGreaterThan(shared.migrations[i]!.result.totalSeconds + m.result.storageSeconds * 0.99);
    });
    const text = ok(run('simulate', 'local.json', '--scenario', 'evacuate:r01.h001', '--format', 'text'));
    expect(text).toMatch(/^Migrations: 2 \(2 converged, 0 not possible\); longest .*; local disks [\d.]+ GiB copied, longest copy [\d.]+ s$/m);
    expect(text).toMatch(/^ {2}vm +to +policy +rate +disk +disk copy +time +downtime +edge update +outcome$/m);
    expect(text).toMatch(/^ {2}r01\.h001\.vm01 +r01\.h002 +vsphere +/m);
    expect(text).toMatch(/ 10 ms RARP +converged$/m);
  });

  it('takes the disk write rate and the edge-update time from options', () => {
    const slow = simulate('local.json', '--disk-write-rate', '0.1Gbps', '--network-update', '50ms');
    const fast = simulate('local.json', '--disk-write-rate', '5Gbps');
    expect(fast.migrations[0]!.result.storageBytes).toBeGreaterThan(slow.migrations[0]!.result.storageBytes);
    expect(slow.migrations[0]!.result.networkUpdateSeconds).toBe(0.05);
  });

  it('shows one-flow-per-VM + evacuate with finite times (was 0 or 2.4e-15 Gb/s and 1e17 s), and takes --migration-policy/--migration-bandwidth', () => {
    expect(run('new', '--template', 'rack', '-o', 'rack.json').code).toBe(0);
    const both = run('simulate', 'rack.json', '--scenario', 'evacuate:r01.h001', '--format', 'text');
    expect(ok(both)).not.toMatch(/e\+1\d|e-1\d|Infinity/);
    const r = JSON.parse(ok(run('simulate', 'rack.json', '--scenario', 'evacuate:r01.h001'))) as { migrations: (MigrationJson & { rateGbps: number; policy: string; rateSteps: { t: number; gbps: number }[] })[] };
    for (const m of r.migrations) {
      expect(m.policy).toBe('vsphere');
      expect(m.result.totalSeconds).toBeGreaterThan(1);
      expect(m.result.totalSeconds).toBeLessThan(600);
      expect(m.rateSteps.at(-1)!.gbps).toBe(0);
    }
    const capped = JSON.parse(ok(run('simulate', 'rack.json', '--scenario', 'evacuate:r01.h001', '--migration-policy', 'qemu', '--migration-bandwidth', '128MiB/s'))) as typeof r;
    for (const m of capped.migrations) {
      expect(m.policy).toBe('qemu');
      expect(m.rateGbps).toBeCloseTo(1.073741824, 6); // 128 MiB/s × 8 = 1.0737 Gb/s, QEMU's own MAX_THROTTLE
    }
  });

  it.each([
    [['--migration-policy', 'hyperv'], /hyperv/],
    [['--migration-bandwidth', '0Gbps'], /^rackplane: --migration-bandwidth must be more than 0/],
    [['--disk-write-rate', 'fast'], /^rackplane: --disk-write-rate: /],
    [['--network-update', '10'], /^rackplane: --network-update: /],
  ])('refuses %j with one line', (args, reason) => {
    const r = run('simulate', 'local.json', ...args);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(reason);
    expect(r.code).toBe(2);
  });
});
