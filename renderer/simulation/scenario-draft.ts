/**
 * The scenario being edited in the simulation panel, and the presets that fill it: one flow per VM, all VMs
 * of host A to all VMs of host B, and evacuating a host. Pure functions over the design, so the panel only
 * renders and the tests need no DOM.
 */
import type { Design } from '../../shared/model/design';
import type { FlowEnd, FlowSpec } from '../../shared/sim/paths';
import { allToAll, evacuate, onePerVm, SCENARIO_DEFAULTS } from '../../shared/sim/scenarios';
import type { MigrationSpec, Scenario } from '../../shared/sim/simulate';
import { MIGRATION_POLICIES, type MigrationPolicy } from '../../shared/sim/migration-policy';
import type { Failure } from '../../shared/sim/failures';

export const MAX_PAYLOADS = [128, 256, 512] as const;

const POLICY_LABELS: Record<MigrationPolicy, string> = {
  qemu: 'QEMU/KVM (downtime target)',
  'xen-legacy': 'Xen ≤ 4.5 (30 rounds, 3× memory)',
  xen: 'Xen 4.6+ (5 iterations)',
  vsphere: 'vSphere vMotion (SDPS, estimate)',
};
export type MaxPayload = (typeof MAX_PAYLOADS)[number];

/**
 * A flow in the draft. Preset flows take the panel's demand cap; a hand-entered flow (`own`) keeps the
 * demand it was entered with (null = unlimited), whatever the cap says.
 */
export interface DraftFlow extends FlowSpec {
  readonly own?: boolean;
}

export interface ScenarioDraft {
  readonly name: string;
  readonly flows: readonly DraftFlow[];
  readonly migrations: readonly MigrationSpec[];
  /** Demand cap per flow as typed, Gb/s; empty = elastic (as much as the network gives). */
  readonly demandText: string;
  readonly maxPayload: MaxPayload;
  /** Downtime limit for stop-and-copy as typed, milliseconds. */
  readonly downtimeText: string;
  /** Guest disk write rate for local-storage migrations as typed, Gb/s; empty = the default. */
  readonly diskWriteText: string;
  /** Network update at the edge as typed, milliseconds; empty = the default. */
  readonly networkUpdateText: string;
  /** Stop policy for every migration; 'host' = each source host's hypervisor decides (the default). */
  readonly policy: MigrationPolicy | 'host';
  /** Migration bandwidth limit as typed, Gb/s; empty = the policy's default (none). */
  readonly migrationBandwidthText: string;
  /** Elements taken down before the run (the what-if failures set from the canvas, or stored with the scenario). */
  readonly failures: readonly Failure[];
}

export const EMPTY_DRAFT: ScenarioDraft = {
  name: 'scenario',
  flows: [],
  migrations: [],
  demandText: '',
  maxPayload: SCENARIO_DEFAULTS.maxPayload,
  downtimeText: String(SCENARIO_DEFAULTS.downtimeLimitSec * 1000),
  diskWriteText: '',
  networkUpdateText: '',
  policy: 'host',
  migrationBandwidthText: '',
  failures: [],
};

/** The stop-policy choices of the panel: the hosts' own, or one for every migration. */
export const POLICY_CHOICES: readonly { value: ScenarioDraft['policy']; label: string }[] = [
  { value: 'host', label: 'Each host’s hypervisor' },
  ...MIGRATION_POLICIES.map((p) => ({ value: p, label: POLICY_LABELS[p] })),
];

export interface HostOption {
  id: string;
  label: string;
  vms: number;
}

/** Hosts for the pickers, in id order, with their VM counts. */
export function hostOptions(d: Design): HostOption[] {
  const vms = new Map<string, number>();
  const hosts: HostOption[] = [];
  for (const e of Object.values(d.elements)) {
    if (e.kind === 'host') hosts.push({ id: e.id, label: e.name || e.id, vms: 0 });
    else if (e.kind === 'vm' && e.parent !== null) vms.set(e.parent, (vms.get(e.parent) ?? 0) + 1);
  }
  for (const h of hosts) h.vms = vms.get(h.id) ?? 0;
  return hosts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export type Preset = { kind: 'onePerVm' } | { kind: 'allToAll'; hostA: string; hostB: string } | { kind: 'evacuate'; hostA: string };

export type PresetOutcome = { ok: true; draft: ScenarioDraft; added: number } | { ok: false; reason: string };

function hostLabel(d: Design, id: string): string {
  const h = d.elements[id];
  return h?.kind === 'host' ? h.name || h.id : id;
}

/** Adds a preset's flows or migrations to the draft (ids already present are kept once). */
export function applyPreset(d: Design, draft: ScenarioDraft, preset: Preset): PresetOutcome {
  if (preset.kind === 'onePerVm') {
    const flows = onePerVm(d);
    if (flows.length === 0) return { ok: false, reason: 'One flow per VM needs VMs on at least two hosts' };
    return withFlows(draft, flows, 'one flow per VM');
  }
  const a = d.elements[preset.hostA];
  if (a?.kind !== 'host') return { ok: false, reason: 'Choose host A first' };
  if (preset.kind === 'allToAll') {
    const b = d.elements[preset.hostB];
    if (b?.kind !== 'host') return { ok: false, reason: 'Choose host B first' };
    const flows = allToAll(d, a.id, b.id);
    if (flows.length === 0) return { ok: false, reason: `No VM pairs between ${hostLabel(d, a.id)} and ${hostLabel(d, b.id)}: both need VMs` };
    return withFlows(draft, flows, `${hostLabel(d, a.id)} → ${hostLabel(d, b.id)}`);
  }
  const migrations = evacuate(d, a.id);
  if (migrations.length === 0) return { ok: false, reason: `Evacuating ${hostLabel(d, a.id)} needs VMs on it and another host to move them to` };
  const seen = new Set(draft.migrations.map((m) => m.vm));
  const fresh = migrations.filter((m) => !seen.has(m.vm));
  return { ok: true, draft: { ...draft, name: nameWith(draft, `evacuate ${hostLabel(d, a.id)}`), migrations: [...draft.migrations, ...fresh] }, added: fresh.length };
}

function withFlows(draft: ScenarioDraft, flows: FlowSpec[], name: string): PresetOutcome {
  const seen = new Set(draft.flows.map((f) => f.id));
  const fresh = flows.filter((f) => !seen.has(f.id));
  return { ok: true, draft: { ...draft, name: nameWith(draft, name), flows: [...draft.flows, ...fresh] }, added: fresh.length };
}

// The scenario's name lists what it holds, as a person would describe it ("a → b + evacuate c").
function nameWith(draft: ScenarioDraft, part: string): string {
  if (draft.flows.length === 0 && draft.migrations.length === 0) return part;
  return draft.name.includes(part) ? draft.name : `${draft.name} + ${part}`;
}

/** The draft as a runnable scenario, or a one-line reason the inputs cannot run. */
export function toScenario(draft: ScenarioDraft): { ok: true; scenario: Scenario } | { ok: false; reason: string } {
  if (draft.flows.length === 0 && draft.migrations.length === 0) return { ok: false, reason: 'Add flows or migrations first (use a preset)' };
  const demandText = draft.demandText.trim();
  let demand: number | null = null;
  if (demandText !== '') {
    demand = Number(demandText);
    if (!Number.isFinite(demand) || demand <= 0) return { ok: false, reason: 'Demand cap must be a number of Gb/s above 0, or empty for elastic flows' };
  }
  const downtimeMs = Number(draft.downtimeText.trim());
  if (draft.downtimeText.trim() === '' || !Number.isFinite(downtimeMs) || downtimeMs < 0) return { ok: false, reason: 'Downtime limit must be a number of milliseconds ≥ 0' };
  const diskWrite = optionalNumber(draft.diskWriteText);
  if (Number.isNaN(diskWrite)) return { ok: false, reason: 'Disk write rate must be a number of Gb/s ≥ 0, or empty for the default' };
  const networkUpdateMs = optionalNumber(draft.networkUpdateText);
  if (Number.isNaN(networkUpdateMs)) return { ok: false, reason: 'Edge update must be a number of milliseconds ≥ 0, or empty for the default' };
  const bandwidth = optionalNumber(draft.migrationBandwidthText);
  if (Number.isNaN(bandwidth) || bandwidth === 0) return { ok: false, reason: 'Migration bandwidth limit must be a number of Gb/s above 0, or empty for no limit' };
  const scenario: Scenario = {
    name: draft.name,
    flows: draft.flows.map((f) => ({ id: f.id, src: f.src, dst: f.dst, demandGbps: f.own ? f.demandGbps : demand })),
    migrations: [...draft.migrations],
    maxPayload: draft.maxPayload,
    downtimeLimitSec: downtimeMs / 1000,
  };
  // Only values typed are stored: an empty field keeps following the documented default.
  if (diskWrite !== undefined) scenario.diskWriteGbps = diskWrite;
  if (networkUpdateMs !== undefined) scenario.networkUpdateSec = networkUpdateMs / 1000;
  if (draft.policy !== 'host') scenario.migrationPolicy = draft.policy;
  if (bandwidth !== undefined) scenario.migrationBandwidthGbps = bandwidth;
  if (draft.failures.length) scenario.failures = [...draft.failures];
  return { ok: true, scenario };
}

/** An optional field as typed: undefined when empty, NaN when not a number ≥ 0. */
function optionalNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : NaN;
}

/** A flow end as a person reads it: "host / vm" (VM names repeat across hosts), a host's or storage's name, "outside". */
export function endLabel(d: Design, end: FlowEnd): string {
  if ('vm' in end) {
    const vm = d.elements[end.vm];
    if (!vm) return end.vm;
    return vm.parent !== null ? `${hostLabel(d, vm.parent)} / ${vm.name || vm.id}` : vm.name || vm.id;
  }
  if ('host' in end) return hostLabel(d, end.host);
  if ('storage' in end) {
    const st = d.elements[end.storage];
    return st ? st.name || st.id : end.storage;
  }
  return 'outside';
}

/** A migration as a person reads it: "vm01: esx-a → esx-b". */
export function migrationLabel(d: Design, m: MigrationSpec): string {
  const vm = d.elements[m.vm];
  const from = vm && vm.parent !== null ? hostLabel(d, vm.parent) : '?';
  return `${vm ? vm.name || vm.id : m.vm}: ${from} → ${hostLabel(d, m.to)}`;
}
