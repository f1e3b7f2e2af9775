/** The built CLI's `model migration` and `model pcie`: DOMAIN.md's check values, units, text output and refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rackplane, requireBuiltCli, tempDir, type CliRun } from './run-cli';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const run = (...args: string[]) => rackplane(args, { cwd: dir });
const MiB = 2 ** 20;

function ok(r: CliRun): string {
  expect(r.stderr, r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

function expectRefused(r: CliRun, reason: RegExp): void {
  expect(r.errLines, r.stderr).toHaveLength(1);
  expect(r.errLines[0]).toMatch(/^rackplane: \S/);
  expect(r.errLines[0]).toMatch(reason);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
}

interface MigrationJson {
  converged: boolean;
  rounds: { sent_bytes: number; seconds: number; stop_and_copy: boolean; throttle: number }[];
  transferred_bytes: number;
  total_seconds: number;
  downtime_seconds: number;
  stop_reason: string;
  lambda: number;
  policy: string;
  not_finished: string | null;
  parameters: Record<string, number | boolean | string | null>;
}
const migration = (...args: string[]) => JSON.parse(ok(run('model', 'migration', ...args))) as MigrationJson;
const CHECK = ['--memory', '4GiB', '--bandwidth', '10Gbps', '--dirty-rate', '2Gbps'];

describe('rackplane model migration', () => {
  it("reproduces DOMAIN.md §5's check value: 3 rounds, 5079.04 MiB, ≈ 4.26 s, ≈ 137 ms downtime", () => {
    const m = migration(...CHECK, '--downtime-limit', '300ms');
    expect(Object.keys(m).slice(0, 5)).toEqual(['converged', 'rounds', 'transferred_bytes', 'total_seconds', 'downtime_seconds']);
    expect(m.converged).toBe(true);
    expect(m.stop_reason).toBe('downtime-limit');
    expect(m.lambda).toBeCloseTo(0.2, 12);
    expect(m.rounds.map((r) => r.sent_bytes / MiB)).toEqual([4096, expect.closeTo(819.2, 9), expect.closeTo(163.84, 9)]);
    expect(m.rounds.map((r) => r.stop_and_copy)).toEqual([false, false, true]);
    expect(m.transferred_bytes / MiB).toBeCloseTo(5079.04, 9);
    // T_mig = 5079.04 MiB × 8 bit / 10 Gb/s; T_down = 163.84 MiB × 8 / 10 Gb/s.
    expect(m.total_seconds).toBeCloseTo((5079.04 * MiB * 8) / 1e10, 12);
    expect(m.total_seconds).toBeCloseTo(4.26, 2);
    expect(m.downtime_seconds).toBeCloseTo((163.84 * MiB * 8) / 1e10, 12);
    expect(m.downtime_seconds * 1e3).toBeCloseTo(137, 0);
  });

  it('gives the same answer for the same quantities in other units, and uses the documented defaults', () => {
    const base = migration(...CHECK);
    expect(migration('--memory', '4096MiB', '--bandwidth', '1.25GB/s', '--dirty-rate', '250MB/s', '--downtime-limit', '0.3s')).toEqual(base);
    // QEMU (the default policy) has no round cap: max_rounds null.
    expect(base.policy).toBe('qemu');
    expect(base.parameters).toMatchObject({ downtime_limit_seconds: 0.3, max_rounds: null, resume_seconds: 0, zero_page_share: 0, working_set_bytes: 4 * 2 ** 30, auto_converge: false });
  });

  it('adds the resume time to downtime and total, and skips zero pages in round 0', () => {
    const base = migration(...CHECK);
    const resumed = migration(...CHECK, '--resume-time', '50ms');
    expect(resumed.downtime_seconds).toBeCloseTo(base.downtime_seconds + 0.05, 12);
    expect(resumed.total_seconds).toBeCloseTo(base.total_seconds + 0.05, 12);
    const sparse = migration(...CHECK, '--zero-pages', '25%');
    expect(sparse.rounds[0]!.sent_bytes).toBe(3 * 2 ** 30);
    const capped = migration(...CHECK, '--working-set', '512MiB');
    expect(capped.rounds[1]!.sent_bytes).toBe(512 * MiB);
    expect(migration(...CHECK, '--working-set', '12.5%').rounds[1]!.sent_bytes).toBe(512 * MiB);
  });

  it('reports non-convergence instead of looping, with no total or downtime', () => {
    const stuck = migration('--memory', '4GiB', '--bandwidth', '1Gbps', '--dirty-rate', '2Gbps');
    expect(stuck).toMatchObject({ converged: false, stop_reason: 'no-convergence', total_seconds: null, downtime_seconds: null });
    expect(stuck.lambda).toBe(2);
    expect(stuck.not_finished).toMatch(/λ = 2\.00.*QEMU never switches over without auto-converge/);
    // --max-rounds 5 forces the switch-over at round 5: 5 rounds in all.
    const m = migration('--memory', '4GiB', '--bandwidth', '1Gbps', '--dirty-rate', '2Gbps', '--max-rounds', '5');
    expect(m).toMatchObject({ converged: false, stop_reason: 'max-rounds' });
    expect(m.rounds).toHaveLength(5);
    const text = ok(run('model', 'migration', '--memory', '4GiB', '--bandwidth', '1Gbps', '--dirty-rate', '2Gbps', '--format', 'text'));
    expect(text).toMatch(/^does not finish: /m);
    expect(text).not.toMatch(/Infinity|NaN/);
    expect(text).toMatch(/try --auto-converge/);
  });

  it('converges at 9 Gb/s of dirtying on 10 Gb/s under qemu (was "did NOT converge (max-transfer)")', () => {
    // 0.9^i × 4 GiB < 10 Gb/s × 0.3 s = 375e6 B ⇔ i > 23.14: round 24 is the stop-and-copy, 25 rounds in all.
    const m = migration('--memory', '4GiB', '--bandwidth', '10Gbps', '--dirty-rate', '9Gbps');
    expect(m).toMatchObject({ converged: true, stop_reason: 'downtime-limit', policy: 'qemu' });
    expect(m.rounds).toHaveLength(25);
    expect(m.total_seconds).toBeCloseTo((4 * 2 ** 30 * (1 - 0.9 ** 25)) / 0.1 / 1.25e9, 9);
    expect(m.downtime_seconds).toBeCloseTo((4 * 2 ** 30 * 0.9 ** 24) / 1.25e9, 9);
  });

  it('runs exactly --max-rounds N rounds (was N + 1) and the policy given by --policy', () => {
    const args = ['--memory', '4GiB', '--bandwidth', '10Gbps', '--dirty-rate', '12Gbps'];
    expect(migration(...args, '--max-rounds', '30').rounds).toHaveLength(30);
    // xen-legacy: 3 × 4 GiB is passed after round 3, so round 4 is the last (Xen ≤ 4.5 DEF_MAX_FACTOR).
    expect(migration(...args, '--policy', 'xen-legacy')).toMatchObject({ policy: 'xen-legacy', stop_reason: 'max-transfer', rounds: { length: 5 } });
    // xen (4.6+): 5 live iterations + the final one, whatever was sent.
    const xen = migration(...args, '--policy', 'xen');
    expect(xen).toMatchObject({ stop_reason: 'max-rounds', rounds: { length: 6 }, parameters: { max_rounds: 6 } });
    expect(migration(...args, '--policy', 'xen', '--max-rounds', '3').rounds).toHaveLength(3);
    const vs = ok(run('model', 'migration', ...args, '--policy', 'vsphere', '--format', 'text'));
    expect(vs).toMatch(/^converged: /m);
    expect(vs).toMatch(/SDPS guest slowdown is an estimate/);
  });

  it.each([
    [['--policy', 'xen', '--downtime-limit', '300ms'], /^rackplane: --downtime-limit does not apply to --policy xen: /],
    [['--policy', 'xen-legacy', '--auto-converge'], /^rackplane: --auto-converge does not apply to --policy xen-legacy: /],
    [['--policy', 'vsphere', '--max-rounds', '10'], /^rackplane: --max-rounds does not apply to --policy vsphere: /],
    [['--policy', 'xen', '--max-rounds', '1'], /^rackplane: --max-rounds must be at least 2 for --policy xen/],
    [['--policy', 'hyper-v'], /hyper-v/],
  ])('refuses %j, an option the policy does not use, with one line', (extra, reason) => {
    expectRefused(run('model', 'migration', ...CHECK, ...extra), reason);
  });

  it('prints a readable round table as text', () => {
    const text = ok(run('model', 'migration', ...CHECK, '--format', 'text'));
    expect(text).toMatch(/^0 +4096\.00 MiB +3\.436 s$/m);
    expect(text).toMatch(/^2 \(stop-and-copy\) +163\.84 MiB +137\.4 ms$/m);
    expect(text).toContain('transferred 5079.04 MiB in 4.261 s; downtime 137.4 ms');
  });

  it.each([
    [['--memory', '4 parsecs'], "--memory: expected a size like 4GiB or 512MiB, got '4 parsecs'"],
    [['--memory', '4096'], /--memory: .*add a unit/],
    [['--memory', '4Gb'], /--memory: .*a lowercase b is a bit/],
    [['--bandwidth', 'fast'], /--bandwidth: expected a rate like 10Gbps/],
    [['--bandwidth', '0Gbps'], /--bandwidth must be more than 0/],
    [['--dirty-rate', '2GB'], /--dirty-rate: expected a rate/],
    [['--downtime-limit', '300'], /--downtime-limit: .*add a unit: ms or s/],
    [['--zero-pages', '0.5'], /--zero-pages: expected a percentage like 0% or 12\.5%, got '0\.5'/],
    [['--zero-pages', '100%'], /--zero-pages must be below 100%/],
    [['--working-set', '150%'], /--working-set cannot exceed the memory/],
    [['--working-set', 'most'], /--working-set: expected a share of memory like 60% or a size like 2GiB, got 'most'/],
    [['--max-rounds', '0'], /--max-rounds must be from 1 to 10000/],
    [['--max-rounds', 'many'], /--max-rounds must be a whole number/],
  ])('refuses %j with one line', (override, reason) => {
    const args = [...CHECK];
    for (let i = 0; i < override.length; i += 2) {
      const at = args.indexOf(override[i]!);
      if (at >= 0) args[at + 1] = override[i + 1]!;
      else args.push(override[i]!, override[i + 1]!);
    }
    expectRefused(run('model', 'migration', ...args), typeof reason === 'string' ? new RegExp(`^rackplane: ${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : reason);
  });

  it('requires memory, bandwidth and dirty rate', () => {
    expectRefused(run('model', 'migration', '--memory', '4GiB', '--bandwidth', '10Gbps'), /required option '--dirty-rate <rate>' not specified/);
  });
});

describe('rackplane model pcie', () => {
  it('prints raw and effective bandwidth per direction with the factors used', () => {
    const r = JSON.parse(ok(run('model', 'pcie', '--gen', '3', '--width', '8'))) as Record<string, unknown> & { raw: Record<string, number>; effective: Record<string, number> };
    // DOMAIN.md §2: hwloc's Gen3 x8 = 7.876923 GB/s per direction; 256 B payload with 24 B overhead per TLP.
    expect(r).toMatchObject({ gen: 3, width: 8, transfer_rate_gts: 8, encoding: '128b/130b', max_payload_bytes: 256, tlp_overhead_bytes: 24 });
    expect(r.raw.gigabytes_per_second).toBeCloseTo(7.876923, 6);
    expect(r.raw.gigabits_per_second).toBeCloseTo(63.01538, 5);
    expect(r.protocol_efficiency).toBeCloseTo(256 / 280, 12);
    expect(r.effective.gigabits_per_second).toBeCloseTo(63.01538 * (256 / 280), 4);
  });

  it.each([
    [['--gen', '1', '--width', '1'], 0.25, '8b/10b'],
    [['--gen', '2', '--width', '4'], 2, '8b/10b'],
    [['--gen', '4', '--width', '16'], 31.5077, '128b/130b'],
    [['--gen', '6', '--width', '1'], 7.5625, 'PAM4 FLIT'],
  ])('%j has %d GB/s raw (%s)', (args, gbytes, encoding) => {
    const r = JSON.parse(ok(run('model', 'pcie', ...args))) as { raw: { gigabytes_per_second: number }; encoding: string };
    expect(r.raw.gigabytes_per_second).toBeCloseTo(gbytes, 3);
    expect(r.encoding).toBe(encoding);
  });

  it('lets the max payload and TLP overhead change the protocol efficiency, and prints text', () => {
    const r = JSON.parse(ok(run('model', 'pcie', '--gen', '4', '--width', '16', '--max-payload', '512', '--tlp-overhead', '20'))) as { protocol_efficiency: number };
    expect(r.protocol_efficiency).toBeCloseTo(512 / 532, 12);
    const text = ok(run('model', 'pcie', '--gen', '3', '--width', '8', '--format', 'text'));
    expect(text).toMatch(/^PCIe Gen3 x8: 8 GT\/s per lane, 128b\/130b encoding/);
    expect(text).toMatch(/raw \(after line encoding\) +7\.877 GB\/s +63\.02 Gb\/s/);
    expect(text).toContain('protocol efficiency 0.9143 = 256 / (256 + 24 bytes of overhead per TLP)');
  });

  it.each([
    [['--gen', '7', '--width', '8'], /argument '7' is invalid. Allowed choices are 1, 2, 3, 4, 5, 6/],
    [['--gen', '3', '--width', '3'], /Allowed choices are 1, 2, 4, 8, 16, 32/],
    [['--gen', '3'], /required option '--width <lanes>' not specified/],
    [['--gen', '3', '--width', '8', '--max-payload', '300'], /Allowed choices are 128, 256, 512, 1024, 2048, 4096/],
    [['--gen', '3', '--width', '8', '--tlp-overhead', '-1'], /--tlp-overhead must be from 0 to 256/],
  ])('refuses %j', (args, reason) => expectRefused(run('model', 'pcie', ...args), reason));
});

describe('rackplane model', () => {
  it('needs a subcommand', () => {
    expectRefused(run('model'), /^rackplane: model needs a subcommand: migration or pcie/);
    expectRefused(run('model', 'thermal'), /unknown command 'thermal'/);
  });

  it('has help for the group and each model', () => {
    expect(ok(run('model', '--help'))).toMatch(/migration \[options\] +rounds, transferred data/);
    expect(ok(run('model', 'pcie', '--help'))).toMatch(/^Usage: rackplane model pcie /);
    expect(ok(run('help', 'model'))).toContain('Usage: rackplane model');
  });
});
