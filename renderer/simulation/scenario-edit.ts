/**
 * Hand-entered scenario rows: one flow (VM or storage target or the outside world, to another of those,
 * with its own demand or unlimited) and one migration (a VM and its target host), added, edited in place
 * or removed. Pure functions over the design and the draft, so the panel only renders; every refusal is
 * one line that says what to change.
 */
import type { Design } from '../../shared/model/design';
import type { FlowEnd } from '../../shared/sim/paths';
import type { MigrationSpec } from '../../shared/sim/simulate';
import type { DraftFlow, ScenarioDraft } from './scenario-draft';

/** A flow end as the pickers encode it: `vm:<id>`, `storage:<id>` or `external`. */
export type EndKey = string;

export interface FlowForm {
  src: EndKey;
  dst: EndKey;
  /** Gb/s as typed; empty (or "unlimited") = no cap of its own. */
  demandText: string;
}

export const EMPTY_FLOW_FORM: FlowForm = { src: '', dst: '', demandText: '' };

export type EditOutcome = { ok: true; draft: ScenarioDraft; message: string } | { ok: false; reason: string };

export const endKey = (end: FlowEnd): EndKey => ('vm' in end ? `vm:${end.vm}` : 'storage' in end ? `storage:${end.storage}` : 'host' in end ? `host:${end.host}` : 'external');

/** The flow end a key names, or a reason it names nothing usable in this design. */
export function endFromKey(d: Design, key: EndKey, side: 'From' | 'To'): FlowEnd | string {
  if (key === '') return side === 'From' ? 'Choose where the flow comes from' : 'Choose where the flow goes to';
  if (key === 'external') return { external: true };
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const id = key.slice(colon + 1);
  const e = d.elements[id];
  if (kind === 'vm') {
    if (e?.kind !== 'vm') return `${side}: VM ${id} is no longer in the design`;
    if (e.parent === null) return `${side}: ${e.name || e.id} is not in a host, so it has no path`;
    return { vm: id };
  }
  if (kind === 'storage') return e?.kind === 'storage' ? { storage: id } : `${side}: storage target ${id} is no longer in the design`;
  return `${side}: unknown end "${key.slice(0, 40)}"`;
}

/** A demand as typed: null for unlimited, a number of Gb/s above 0, or a reason. */
export function parseDemand(text: string): number | null | string {
  const t = text.trim();
  if (t === '' || /^(unlimited|elastic)$/i.test(t)) return null;
  const n = Number(t);
  if (!Number.isFinite(n) || n <= 0) return `Demand must be a number of Gb/s above 0, or empty for unlimited (got “${t.slice(0, 20)}”)`;
  return n;
}

/** The form showing an existing flow (to edit it). */
export function flowFormOf(f: DraftFlow): FlowForm {
  return { src: endKey(f.src), dst: endKey(f.dst), demandText: f.own && f.demandGbps !== null ? String(f.demandGbps) : '' };
}

const flowIdOf = (src: FlowEnd, dst: FlowEnd) => {
  const part = (e: FlowEnd) => ('vm' in e ? e.vm : 'storage' in e ? e.storage : 'host' in e ? e.host : 'outside');
  return `${part(src)}->${part(dst)}`;
};

/**
 * Adds the flow of `form` (or, with `index`, replaces the flow at that index). Its demand is its own: the
 * panel's demand cap applies only to preset flows. Two flows between the same ends get distinct ids (#2, #3 …).
 */
export function putFlow(d: Design, draft: ScenarioDraft, form: FlowForm, index: number | null = null): EditOutcome {
  const src = endFromKey(d, form.src, 'From');
  if (typeof src === 'string') return { ok: false, reason: src };
  const dst = endFromKey(d, form.dst, 'To');
  if (typeof dst === 'string') return { ok: false, reason: dst };
  if ('external' in src && 'external' in dst) return { ok: false, reason: 'A flow from outside must go to a VM or storage target' };
  if (form.src === form.dst) return { ok: false, reason: 'A flow needs two different ends: choose another destination' };
  const demand = parseDemand(form.demandText);
  if (typeof demand === 'string') return { ok: false, reason: demand };
  if (index !== null && (index < 0 || index >= draft.flows.length)) return { ok: false, reason: 'That flow is no longer in the scenario' };
  const base = flowIdOf(src, dst);
  const taken = new Set(draft.flows.filter((_, i) => i !== index).map((f) => f.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}#${n}`;
  const flow: DraftFlow = { id, src, dst, demandGbps: demand, own: true };
  const flows = [...draft.flows];
  if (index === null) flows.push(flow);
  else flows[index] = flow;
  const what = demand === null ? 'unlimited' : `${demand} Gb/s`;
  return { ok: true, draft: { ...draft, flows }, message: `${index === null ? 'Added' : 'Changed'} flow ${id} (${what})` };
}

/** Adds a migration of `vm` to host `to` (or, with `index`, replaces that row); one migration per VM. */
export function putMigration(d: Design, draft: ScenarioDraft, vm: string, to: string, index: number | null = null): EditOutcome {
  const v = d.elements[vm];
  if (vm === '') return { ok: false, reason: 'Choose the VM to migrate' };
  if (v?.kind !== 'vm') return { ok: false, reason: `VM ${vm} is no longer in the design` };
  const name = v.name || v.id;
  if (v.parent === null) return { ok: false, reason: `${name} is not in a host, so it cannot migrate` };
  if (to === '') return { ok: false, reason: `Choose the host ${name} moves to` };
  const h = d.elements[to];
  if (h?.kind !== 'host') return { ok: false, reason: `Host ${to} is no longer in the design` };
  if (to === v.parent) return { ok: false, reason: `${name} is already on ${h.name || h.id}: choose another host` };
  if (index !== null && (index < 0 || index >= draft.migrations.length)) return { ok: false, reason: 'That migration is no longer in the scenario' };
  const other = draft.migrations.findIndex((m, i) => m.vm === vm && i !== index);
  if (other >= 0) return { ok: false, reason: `${name} already migrates in this scenario: edit or remove that row` };
  const row: MigrationSpec = { vm, to };
  const migrations = [...draft.migrations];
  if (index === null) migrations.push(row);
  else migrations[index] = row;
  return { ok: true, draft: { ...draft, migrations }, message: `${index === null ? 'Added' : 'Changed'} migration of ${name} to ${h.name || h.id}` };
}

export interface PickerGroup {
  /** A host id, "storage" or "external". */
  id: string;
  label: string;
  items: { key: EndKey; label: string }[];
}

/**
 * What the flow-end pickers offer, two levels deep so a 2,000-host design stays usable: each host with VMs
 * (then its VMs), the storage targets, and the outside world.
 */
export function pickerGroups(d: Design): PickerGroup[] {
  const hosts = new Map<string, PickerGroup>();
  const storage: PickerGroup = { id: 'storage', label: 'Storage targets', items: [] };
  const vms: { host: string; key: string; label: string }[] = [];
  for (const e of Object.values(d.elements)) {
    if (e.kind === 'host') hosts.set(e.id, { id: e.id, label: e.name || e.id, items: [] });
    else if (e.kind === 'vm' && e.parent !== null) vms.push({ host: e.parent, key: `vm:${e.id}`, label: e.name || e.id });
    else if (e.kind === 'storage') storage.items.push({ key: `storage:${e.id}`, label: e.name || e.id });
  }
  for (const v of vms) hosts.get(v.host)?.items.push({ key: v.key, label: v.label });
  const byId = (a: { key?: string; id?: string }, b: { key?: string; id?: string }) => ((a.key ?? a.id)! < (b.key ?? b.id)! ? -1 : 1);
  const groups = [...hosts.values()].filter((g) => g.items.length > 0).sort(byId);
  for (const g of groups) g.items.sort(byId);
  storage.items.sort(byId);
  if (storage.items.length) groups.push(storage);
  groups.push({ id: 'external', label: 'Outside (external network)', items: [{ key: 'external', label: 'outside' }] });
  return groups;
}

/** The picker group an end key belongs to ("" when none). */
export function groupOf(d: Design, key: EndKey): string {
  if (key === 'external') return 'external';
  if (key.startsWith('storage:')) return 'storage';
  if (key.startsWith('vm:')) {
    const vm = d.elements[key.slice(3)];
    return vm?.kind === 'vm' && vm.parent !== null ? vm.parent : '';
  }
  return '';
}
