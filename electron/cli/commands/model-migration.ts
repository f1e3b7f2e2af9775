/** `rackplane model migration`: the pre-copy live-migration model (DOMAIN.md §5) for one VM on a path of fixed rate, under one hypervisor's stop policy. */
import { Option } from 'commander';
import { checkMigrationParams, MIGRATION_DEFAULTS, roundCapOf, simulateMigration, type MigrationParams, type MigrationResult } from '../../../shared/sim/migration';
import { describePolicy, MIGRATION_POLICIES, XEN_FEW_PAGES, XEN_LEGACY_MAX_FACTOR, type MigrationPolicy } from '../../../shared/sim/migration-policy';
import { parseDuration, parsePercent, parseRate, parseSize, type UnitResult } from '../../../shared/units/parse';
import { defineCommand, wholeNumberOption } from '../command';
import { CliError, EXIT, type CliIo } from '../io';
import { MODEL_FORMATS, type ModelFormat } from './model-pcie';

export interface ModelMigrationOptions {
  params: MigrationParams;
  format: ModelFormat;
}

/** The flags' defaults, spelled as a user types them (DOMAIN.md §5: QEMU's 300 ms limit; the round cap is the policy's). */
const DEFAULTS = { policy: 'qemu', downtimeLimit: '300ms', resumeTime: '0ms', zeroPages: '0%', workingSet: '100%' };

/**
 * Options that mean nothing to a policy are refused (exit 2) rather than silently ignored: an engineer who
 * asks Xen for a downtime limit or auto-converge has a wrong idea of Xen, and should be told.
 */
function refuseInapplicable(policy: MigrationPolicy, raw: Record<string, unknown>): void {
  const xen = policy === 'xen' || policy === 'xen-legacy';
  if (xen && raw.downtimeLimit !== undefined) throw new CliError(`--downtime-limit does not apply to --policy ${policy}: Xen stops on its round count or ${XEN_FEW_PAGES} dirty pages, never on a downtime target`);
  if (policy !== 'qemu' && raw.autoConverge === true) throw new CliError(`--auto-converge does not apply to --policy ${policy}: it is QEMU's (${policy === 'vsphere' ? 'vMotion slows the guest with SDPS on its own' : 'Xen has no guest throttle'})`);
  if (policy === 'vsphere' && raw.maxRounds !== undefined) throw new CliError('--max-rounds does not apply to --policy vsphere: vMotion has no round cap (SDPS slows the guest until it converges)');
}

/** A parsed value, or a CliError `--flag: expected …, got '…'`. */
function unit(flag: string, raw: unknown, parse: (text: string) => UnitResult): number {
  const r = parse(String(raw));
  if (!r.ok) throw new CliError(`${flag}: ${r.reason}`);
  return r.value;
}

/** The working set as a share of memory (`60%`) or a size (`2GiB`), in bytes; at most the memory. */
function workingSet(raw: string, memoryBytes: number): number {
  let bytes: number;
  if (raw.trim().endsWith('%')) bytes = unit('--working-set', raw, parsePercent) * memoryBytes;
  else {
    const size = parseSize(raw);
    if (!size.ok) throw new CliError(`--working-set: expected a share of memory like 60% or a size like 2GiB, got '${raw}'`);
    bytes = size.value;
  }
  if (bytes > memoryBytes * (1 + 1e-12)) throw new CliError(`--working-set cannot exceed the memory (got '${raw}'; use at most 100%)`);
  return Math.min(bytes, memoryBytes);
}

export function migrationParams(raw: Record<string, unknown>): MigrationParams {
  const memoryBytes = unit('--memory', raw.memory, parseSize);
  if (memoryBytes <= 0) throw new CliError(`--memory must be more than 0 (got '${String(raw.memory)}')`);
  const bandwidthBits = unit('--bandwidth', raw.bandwidth, parseRate);
  if (bandwidthBits <= 0) throw new CliError(`--bandwidth must be more than 0 (got '${String(raw.bandwidth)}'): a migration needs a path that carries data`);
  const zeroPageShare = unit('--zero-pages', raw.zeroPages ?? DEFAULTS.zeroPages, parsePercent);
  if (zeroPageShare >= 1) throw new CliError(`--zero-pages must be below 100% (got '${String(raw.zeroPages)}')`);
  const policy = String(raw.policy ?? DEFAULTS.policy) as MigrationPolicy;
  refuseInapplicable(policy, raw);
  const maxRounds = raw.maxRounds === undefined ? null : wholeNumberOption('--max-rounds', raw.maxRounds)!;
  if (maxRounds !== null && (maxRounds < 1 || maxRounds > 10_000)) throw new CliError(`--max-rounds must be from 1 to 10000 (got ${maxRounds})`);
  if (maxRounds !== null && maxRounds < 2 && policy !== 'qemu') throw new CliError(`--max-rounds must be at least 2 for --policy ${policy}: one live iteration and the final one`);
  const params: MigrationParams = {
    ...MIGRATION_DEFAULTS,
    policy,
    memoryBytes,
    bandwidthBytesPerSec: bandwidthBits / 8,
    dirtyBytesPerSec: unit('--dirty-rate', raw.dirtyRate, parseRate) / 8,
    downtimeLimitSec: unit('--downtime-limit', raw.downtimeLimit ?? DEFAULTS.downtimeLimit, parseDuration),
    maxRounds,
    resumeSec: unit('--resume-time', raw.resumeTime ?? DEFAULTS.resumeTime, parseDuration),
    zeroPageShare,
    workingSetBytes: workingSet(String(raw.workingSet ?? DEFAULTS.workingSet), memoryBytes),
    autoConverge: raw.autoConverge === true,
  };
  const problem = checkMigrationParams(params);
  if (problem) throw new CliError(`cannot model this migration: ${problem}`);
  return params;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * The JSON report; the first five keys are the documented contract, the rest explain it. A migration that
 * never finishes has null total and downtime, and `not_finished` says why.
 */
export function migrationReport(p: MigrationParams, r: MigrationResult) {
  return {
    converged: r.converged,
    rounds: r.rounds.map((x) => ({ sent_bytes: x.sentBytes, seconds: x.seconds, stop_and_copy: x.stopAndCopy, throttle: x.throttle })),
    transferred_bytes: r.transferredBytes,
    total_seconds: finiteOrNull(r.totalSeconds),
    downtime_seconds: finiteOrNull(r.downtimeSeconds),
    stop_reason: r.stopReason,
    lambda: r.lambda,
    policy: p.policy ?? 'qemu',
    not_finished: r.stopReason === 'no-convergence' ? neverFinishes(p, r) : null,
    parameters: {
      memory_bytes: p.memoryBytes,
      bandwidth_bits_per_second: p.bandwidthBytesPerSec * 8,
      dirty_rate_bits_per_second: p.dirtyBytesPerSec * 8,
      downtime_limit_seconds: p.downtimeLimitSec,
      // The cap in force: the policy's own (Xen ≤ 4.5: 30, Xen 4.6+: 6) or --max-rounds; null = none.
      max_rounds: roundCapOf(p),
      resume_seconds: p.resumeSec,
      zero_page_share: p.zeroPageShare,
      working_set_bytes: p.workingSetBytes,
      auto_converge: p.autoConverge,
    },
  };
}

const STOP_REASONS: Record<MigrationResult['stopReason'], string> = {
  'downtime-limit': 'the remainder fit the downtime limit',
  'few-dirty-pages': `fewer than ${XEN_FEW_PAGES} pages were dirty`,
  'max-rounds': 'the round cap was reached (the stop-and-copy was forced)',
  'max-transfer': `more than ${XEN_LEGACY_MAX_FACTOR}× the memory had been sent`,
  'no-bandwidth': 'the path carries no data',
  'no-convergence': 'it never does',
};

/** Why a pre-copy never ends (stop reason no-convergence). */
function neverFinishes(p: MigrationParams, r: MigrationResult): string {
  const throttled = p.autoConverge ? ', even with auto-converge at its 99 % limit' : ', and QEMU never switches over without auto-converge';
  return `the guest dirties memory at least as fast as the path sends it (λ = ${r.lambda.toPrecision(3)}): no round is smaller than the one before${throttled}`;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const gbps = (bytesPerSec: number) => `${((bytesPerSec * 8) / 1e9).toPrecision(4).replace(/\.?0+$/, '')} Gb/s`;
const secs = (s: number) => (s < 1 ? `${(s * 1e3).toFixed(1)} ms` : `${s.toFixed(3)} s`);

function migrationText(p: MigrationParams, r: MigrationResult): string {
  const labels = r.rounds.map((x, i) => `${i}${x.stopAndCopy ? ' (stop-and-copy)' : ''}${x.throttle ? ` throttle ${Math.round(x.throttle * 100)}%` : ''}`);
  const width = Math.max(5, ...labels.map((l) => l.length));
  const policy = p.policy ?? 'qemu';
  const lines = [
    `Pre-copy migration of ${mib(p.memoryBytes)} at ${gbps(p.bandwidthBytesPerSec)}, guest dirtying ${gbps(p.dirtyBytesPerSec)} (λ = ${r.lambda.toPrecision(3)})`,
    `policy ${policy}: ${describePolicy(policy)}${p.maxRounds !== null ? `; --max-rounds ${p.maxRounds} (rounds in all)` : ''}`,
    `${'round'.padEnd(width)} ${'sent'.padStart(14)} ${'time'.padStart(10)}`,
    ...r.rounds.map((x, i) => `${labels[i]!.padEnd(width)} ${mib(x.sentBytes).padStart(14)} ${secs(x.seconds).padStart(10)}`),
  ];
  if (r.stopReason === 'no-convergence') {
    lines.push(`does not finish: ${neverFinishes(p, r)} (${r.stopReason})`);
    lines.push(`sent ${mib(r.transferredBytes)} in the rounds above; no total time or downtime: the migration never ends`);
  } else {
    lines.push(`${r.converged ? 'converged' : 'did NOT converge'}: stopped because ${STOP_REASONS[r.stopReason]} (${r.stopReason})`);
    lines.push(`transferred ${mib(r.transferredBytes)} in ${secs(r.totalSeconds)}; downtime ${secs(r.downtimeSeconds)}${p.resumeSec ? ` (resume ${secs(p.resumeSec)} included)` : ''}`);
  }
  if (policy === 'vsphere') lines.push('vSphere: the SDPS guest slowdown is an estimate (VMware publishes no controller)');
  if (!r.converged && r.lambda >= 1 && !p.autoConverge && policy === 'qemu') lines.push('the guest dirties memory at least as fast as the path sends it: add bandwidth, or try --auto-converge (throttles the guest)');
  return lines.join('\n') + '\n';
}

export function modelMigration(opts: ModelMigrationOptions, io: CliIo): number {
  const result = simulateMigration(opts.params);
  io.stdout(opts.format === 'json' ? JSON.stringify(migrationReport(opts.params, result), null, 2) + '\n' : migrationText(opts.params, result));
  return EXIT.ok;
}

export const modelMigrationCommand = defineCommand<ModelMigrationOptions>({
  usage: 'migration',
  summary: 'rounds, transferred data, total time and downtime of a pre-copy live migration',
  configure: (cmd) =>
    cmd
      .requiredOption('--memory <size>', 'guest memory, e.g. 4GiB or 512MiB')
      .requiredOption('--bandwidth <rate>', 'rate of the migration path, e.g. 10Gbps or 1.25GB/s')
      .requiredOption('--dirty-rate <rate>', 'rate at which the guest dirties memory, e.g. 2Gbps')
      .addOption(new Option('--policy <name>', "the hypervisor's stop policy").choices(MIGRATION_POLICIES).default(DEFAULTS.policy))
      .option('--downtime-limit <time>', `stop-and-copy once the remainder fits this pause (qemu, vsphere; default ${DEFAULTS.downtimeLimit})`)
      .option('--max-rounds <n>', 'rounds in all, round 0 and the stop-and-copy included (default: the policy\'s own: xen-legacy 30, xen 6; qemu none, where N forces the switch-over; not for vsphere)')
      .option('--resume-time <time>', 'time to resume the VM on the destination', DEFAULTS.resumeTime)
      .option('--zero-pages <percent>', 'share of memory that is zero pages (skipped in round 0)', DEFAULTS.zeroPages)
      .option('--working-set <percent|size>', 'writable working set, a share of memory or a size: caps what one round can dirty', DEFAULTS.workingSet)
      .option('--auto-converge', 'throttle the guest while rounds do not shrink (QEMU auto-converge; qemu only)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(MODEL_FORMATS).default('json'))
      .addHelpText(
        'after',
        `
Units: sizes B, KB, MB, GB (powers of 10) or KiB, MiB, GiB (powers of 2); rates bps, Mbps, Gbps
(10^9 bit/s) or MB/s, GB/s (10^9 bytes/s), MiB/s, GiB/s; times ms, s; percentages with %.

JSON: {converged, rounds: [{sent_bytes, seconds, stop_and_copy, throttle}], transferred_bytes,
total_seconds, downtime_seconds, stop_reason, lambda, policy, not_finished, parameters}; total_seconds
and downtime_seconds are null when the migration never finishes (not_finished says why).

Policies (docs/simulation.md): qemu (QEMU/KVM), xen-legacy (Xen <= 4.5), xen (Xen 4.6+), vsphere
(vMotion; its SDPS controller is an estimate). An option a policy does not use is refused.

Examples:
  rackplane model migration --memory 4GiB --bandwidth 10Gbps --dirty-rate 2Gbps
  rackplane model migration --memory 64GiB --bandwidth 25Gbps --dirty-rate 4Gbps --zero-pages 30% --format text
  rackplane model migration --memory 4GiB --bandwidth 10Gbps --dirty-rate 9Gbps --policy xen-legacy --format text
`,
      ),
  options: (_args, raw) => ({ params: migrationParams(raw), format: raw.format as ModelFormat }),
  run: modelMigration,
});
