/**
 * When a pre-copy migration stops and copies: one policy per hypervisor, each as its source code does it
 * (DOMAIN.md §5, checked against the sources cited below; docs/simulation.md "Stop policies").
 *
 * - `qemu`: QEMU/KVM `migration/migration.c` migration_iteration_run: switch over when the pending bytes are
 *   below `threshold_size` = bandwidth × downtime-limit (migration_update_counters; bandwidth measured over
 *   the last BUFFER_DELAY = 100 ms; downtime-limit 300 ms, `migration/options.c` DEFAULT_MIGRATE_SET_DOWNTIME).
 *   No round cap, no volume cap. Auto-converge (`migration/ram.c` migration_trigger_throttle and
 *   mig_throttle_guest_down): at a bitmap sync that closes a period of more than 1 s, a period whose dirtied
 *   bytes exceed throttle-trigger-threshold (50 %) of the bytes sent bumps dirty_rate_high_cnt; at 2 the
 *   counter resets and the throttle starts at cpu-throttle-initial (20 %) or grows by cpu-throttle-increment
 *   (10 %) up to max-cpu-throttle (99 %). The counter is not reset by a quiet period: two high periods need not
 *   be consecutive (DOMAIN.md says "in a row"; the source does not).
 * - `xen-legacy`: Xen ≤ 4.5 libxc `xc_domain_save.c`: after live iteration `iter` (1-based) stop when
 *   iter ≥ DEF_MAX_ITERS (29), when the iteration sent + skipped fewer than 50 pages, or when more than
 *   DEF_MAX_FACTOR (3) × the guest's pages have been sent; the next iteration is the last (30 in all).
 *   The "round grew while at the maximum rate" test (RATE_IS_MAX) exists only under ADAPTIVE_SAVE, which
 *   no build defines (RATE_IS_MAX() is 0), so it never fires and is not modelled.
 * - `xen`: Xen 4.6+ `tools/libs/guest/xg_sr_save.c` send_memory_live with simple_precopy_policy: stop
 *   once `iteration` ≥ SPP_MAX_ITERATIONS (5) live iterations have been sent, or when fewer than
 *   SPP_TARGET_DIRTY_COUNT (50) pages are dirty; in the second case those few pages are still sent live
 *   before the domain is suspended. 5 live iterations + the final one = 6 rounds at most; no 3× factor.
 * - `vsphere`: vMotion iterates; when the guest dirties pages faster than the stream sends them, Stun During
 *   Page Send (vSphere 5.0+) puts the vCPUs to sleep in short slices instead of failing. VMware publishes
 *   no controller: the one here is an ESTIMATE (see SDPS_TARGET_LAMBDA).
 */
import type { Hypervisor } from '../model/elements/host';

export const MIGRATION_POLICIES = ['qemu', 'xen-legacy', 'xen', 'vsphere'] as const;
export type MigrationPolicy = (typeof MIGRATION_POLICIES)[number];

/** QEMU auto-converge defaults (`migration/options.c`). */
export const QEMU_THROTTLE = {
  initial: 0.2,
  increment: 0.1,
  max: 0.99,
  /** throttle-trigger-threshold: dirtied bytes above this share of the bytes sent in a period count as high. */
  triggerShare: 0.5,
  /** migration_bitmap_sync runs the trigger only when more than 1000 ms passed since the period began. */
  periodSec: 1,
  /** dirty_rate_high_cnt reaching this many high periods raises the throttle. */
  highPeriods: 2,
} as const;

/** QEMU measures the bandwidth for its switch-over threshold over this window (BUFFER_DELAY, 100 ms). */
export const QEMU_BANDWIDTH_WINDOW_SEC = 0.1;

/** QEMU's own max-bandwidth default, MAX_THROTTLE = 128 MiB/s (`migration/options.c`), in Gb/s. */
export const QEMU_MAX_THROTTLE_GBPS = (128 * 2 ** 20 * 8) / 1e9;

/** Xen ≤ 4.5: DEF_MAX_ITERS 29 live iterations + the final one. */
export const XEN_LEGACY_ROUNDS = 30;
/** Xen 4.6+: SPP_MAX_ITERATIONS 5 live iterations + the final one. */
export const XEN_ROUNDS = 6;
/** Both Xen policies: fewer dirty (or sent) pages than this end the pre-copy. */
export const XEN_FEW_PAGES = 50;
/** Xen ≤ 4.5: DEF_MAX_FACTOR, never send more than 3× the guest's pages. */
export const XEN_LEGACY_MAX_FACTOR = 3;

/**
 * ESTIMATE (vMotion's controller is not published): when a round re-dirtied at least what it sent, Stun
 * During Page Send slows the vCPUs until the guest dirties at most this share of the measured stream rate,
 * so each later round is at most half the one before.
 */
export const SDPS_TARGET_LAMBDA = 0.5;

/**
 * The stop policy a host's hypervisor uses. Hyper-V is not one of the four: Microsoft describes up to 10
 * memory passes then a suspend (Windows Server 2008 R2 live migration), a round-capped policy, so the
 * nearest is `xen` (an approximation, said so in the docs). A type-2 hypervisor or a bare-metal host has
 * no published policy; `qemu` (stop on the downtime target) is the generic textbook model.
 */
export function policyForHypervisor(h: Hypervisor): MigrationPolicy {
  switch (h) {
    case 'kvm':
      return 'qemu';
    case 'xen':
      return 'xen';
    case 'esxi':
      return 'vsphere';
    case 'hyperv':
      return 'xen';
    case 'type2':
    case 'bare-metal':
      return 'qemu';
    default: {
      const never: never = h;
      throw new Error(`unknown hypervisor ${String(never)}`);
    }
  }
}

/**
 * The migration bandwidth cap a policy applies when the scenario sets none, Gb/s (null = none): every one
 * is unlimited. QEMU alone defaults to MAX_THROTTLE (128 MiB/s), but libvirt, which drives nearly every
 * KVM host, raises it to its maximum unless told (`qemu_domain.c`: migMaxBandwidth =
 * QEMU_DOMAIN_MIG_BANDWIDTH_MAX); libxc sends as fast as the socket takes (its rate limiter is compiled
 * out with ADAPTIVE_SAVE); vMotion uses what the vMotion network gives.
 */
export function defaultMigrationBandwidthGbps(policy: MigrationPolicy): number | null {
  switch (policy) {
    case 'qemu':
    case 'xen-legacy':
    case 'xen':
    case 'vsphere':
      return null;
    default: {
      const never: never = policy;
      throw new Error(`unknown policy ${String(never)}`);
    }
  }
}

/** The policy's own round cap (round 0 and the stop-and-copy included), or null when it has none. */
export function policyRoundCap(policy: MigrationPolicy): number | null {
  switch (policy) {
    case 'xen-legacy':
      return XEN_LEGACY_ROUNDS;
    case 'xen':
      return XEN_ROUNDS;
    case 'qemu':
    case 'vsphere':
      return null;
    default: {
      const never: never = policy;
      throw new Error(`unknown policy ${String(never)}`);
    }
  }
}

/** One line on what a policy does, for CLI text and docs. */
export function describePolicy(policy: MigrationPolicy): string {
  switch (policy) {
    case 'qemu':
      return 'QEMU/KVM: stop when the pending data fits bandwidth × downtime limit; no round or volume cap';
    case 'xen-legacy':
      return 'Xen ≤ 4.5: 29 live iterations + the final one, or < 50 pages sent, or > 3× memory sent';
    case 'xen':
      return 'Xen 4.6+: 5 live iterations + the final one, or < 50 dirty pages';
    case 'vsphere':
      return 'vSphere vMotion: iterate until the rest fits the switchover target; SDPS slows the guest instead of failing (controller estimated)';
    default: {
      const never: never = policy;
      throw new Error(`unknown policy ${String(never)}`);
    }
  }
}
