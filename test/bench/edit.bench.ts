/**
 * Edit benchmark: what one command costs on the fabric of 2,000 and 10,000 hosts (20 VMs each: ~50k and ~250k
 * elements). 200 mixed commands (40 rounds of: add a VM to a server, connect its vNIC to the server's vSwitch, move a
 * VM, change a VM's vCPUs, delete a VM of the template with its link) go through History.execute, then all 200 are
 * undone and redone; median and p95 per command kind and for undo and redo. Beside them:
 * - the floor: one shallow copy of the element record (cow.ts's copyRecord, and `{ ...elements }` for comparison),
 *   which every edit that touches an element still pays while Design keeps plain records (see shared/history/cow.ts);
 * - the baseline: the same commands through immer's produceWithPatches (the command path before cow.ts), a few only;
 * - what runs in the renderer's AppStore after the history emits (renderer/state/store.ts: syncDoc, selection
 *   pruning, the snapshot and its listeners), and AppStore.execute end to end. React, the scene cache and the
 *   validation worker are not run here;
 * - the validation worker's replica update per edit: immer's applyPatches (renderer/validation/worker-handler.ts)
 *   against cow.ts's applyDesignPatches.
 * Target (verdict on the medians): each command, undo and redo < 8 ms (half a 60 Hz frame). Figures vary with load.
 * Run: node --import tsx test/bench/edit.bench.ts (or npm run bench -- edit). Asserts nothing on time; exits 1 when
 * undo does not restore the element and link counts (a correctness failure).
 */
import { applyPatches, type Patch } from 'immer';
import { AppStore } from '../../renderer/state/store';
import { History } from '../../shared/history/history';
import type { Command } from '../../shared/history/commands';
import { applyDesignPatches, copyRecord } from '../../shared/history/cow';
import { applyCommandWithImmer } from '../../shared/history/immer-reference.test-support';
import { canConnect } from '../../shared/model/connect';
import { makeElement } from '../../shared/model/defaults';
import type { Design } from '../../shared/model/design';
import type { ElementOf } from '../../shared/model/elements';
import { asElementId, sequentialIds, type ElementId } from '../../shared/model/ids';
import { makeTemplate } from '../../shared/templates';
import { ms, table, time } from './timing';

const SIZES = [2000, 10000];
const VMS_PER_HOST = 20;
const ROUNDS = 40;
const TARGET_MS = 8;
const KINDS = ['add VM', 'connect', 'move', 'property', 'delete VM'] as const;
type Kind = (typeof KINDS)[number];

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const now = () => process.hrtime.bigint();
const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/** The servers of the fabric, sorted, spread evenly: `n` picks across the whole design. */
function spreadHosts(d: Design, n: number): ElementOf<'host'>[] {
  const hosts = Object.values(d.elements)
    .filter((e): e is ElementOf<'host'> => e.kind === 'host')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return Array.from({ length: n }, (_, i) => hosts[Math.floor((i * hosts.length) / n)]!);
}

/** One round's five commands on server `host`, each made against the design as it is when it runs. */
function round(host: ElementOf<'host'>, k: number): { kind: Kind; make: (d: Design) => Command }[] {
  const child = (suffix: string): ElementId => asElementId(`${host.id}.${suffix}`);
  const newVm = asElementId(`${host.id}.bench-vm${k}`);
  const ids = sequentialIds(1000 * k + 1);
  return [
    { kind: 'add VM', make: () => ({ type: 'add', elements: [makeElement('vm', { id: newVm, name: `bench-vm${k}`, parent: host.id, x: 600, y: 16 })], links: [] }) },
    {
      kind: 'connect',
      make: (d) => {
        const r = canConnect(d, { element: newVm, port: 'vnic0' }, { element: child('vs0'), port: 'pg.app' }, ids);
        if (!r.ok) throw new Error(`edit bench: cannot connect ${newVm}: ${r.reason}`);
        return { type: 'add', elements: [], links: [r.link] };
      },
    },
    {
      kind: 'move',
      make: (d) => {
        const vm = d.elements[child('vm02')]!;
        return { type: 'move', moves: [{ id: vm.id, x: vm.x + 8, y: vm.y }] };
      },
    },
    {
      kind: 'property',
      make: (d) => {
        const vm = d.elements[child('vm03')] as ElementOf<'vm'>;
        return { type: 'updateElement', id: vm.id, changes: { vcpus: vm.vcpus === 8 ? 4 : 8 } };
      },
    },
    // A template VM: its vNIC link goes with it.
    { kind: 'delete VM', make: () => ({ type: 'remove', elements: [child('vm01')], links: [] }) },
  ];
}

const count = (d: Design) => `${Object.keys(d.elements).length}/${Object.keys(d.links).length}`;

function bench(hosts: number): { rows: string[][]; ok: boolean } {
  let t = now();
  const design = makeTemplate('fabric', { hosts, vmsPerHost: VMS_PER_HOST });
  const genMs = since(t);
  const elements = Object.keys(design.elements).length;
  const links = Object.keys(design.links).length;
  const plan = spreadHosts(design, ROUNDS).flatMap((h, k) => round(h, k));

  const copyElements = time(() => void copyRecord(design.elements), 5);
  const spreadElements = time(() => void { ...design.elements }, 5);
  const copyLinks = time(() => void copyRecord(design.links), 5);

  // History.execute, per command kind.
  const h = new History(design);
  const byKind = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  for (const step of plan) {
    const cmd = step.make(h.design);
    t = now();
    h.execute(cmd);
    byKind.get(step.kind)!.push(since(t));
  }
  const edited = count(h.design);
  const undo: number[] = [];
  for (;;) {
    t = now();
    if (!h.undo()) break;
    undo.push(since(t));
  }
  const undoneOk = count(h.design) === count(design);
  const redo: number[] = [];
  for (;;) {
    t = now();
    if (!h.redo()) break;
    redo.push(since(t));
  }
  const redoneOk = count(h.design) === edited;

  // The command path before cow.ts, on the first round only (each immer command walks the whole design).
  const immer: number[] = [];
  const immerPatches: Patch[][] = [];
  let d = design;
  for (const step of plan.slice(0, KINDS.length)) {
    const cmd = step.make(d);
    t = now();
    const r = applyCommandWithImmer(d, cmd);
    immer.push(since(t));
    immerPatches.push(r.patches);
    d = r.design;
  }

  // The validation worker's replica update for the same five edits.
  const replicaImmer: number[] = [];
  const replicaCow: number[] = [];
  let rep: Design = structuredClone(design);
  let repCow: Design = design;
  for (const patches of immerPatches) {
    t = now();
    rep = applyPatches(rep, patches);
    replicaImmer.push(since(t));
    t = now();
    repCow = applyDesignPatches(repCow, patches).design;
    replicaCow.push(since(t));
  }

  // The renderer's store: AppStore.execute end to end, and the part after the history emits (its subscriber).
  const store = new AppStore();
  store.openDesign(design, null);
  const sh = store.history!;
  const pick = spreadHosts(design, 3).map((x) => x.id as string);
  store.select({ elements: new Set(pick), links: new Set() });
  const storeTotal: number[] = [];
  const afterEmit: number[] = [];
  let emitted = 0n;
  sh.subscribeChanges(() => (emitted = now()));
  for (const step of plan.slice(0, 4 * KINDS.length)) {
    const cmd = step.make(sh.design);
    t = now();
    const r = store.execute(cmd);
    const end = now();
    if (!r.ok) throw new Error(`edit bench: the store refused a ${step.kind}: ${r.reason}`);
    storeTotal.push(Number(end - t) / 1e6);
    afterEmit.push(Number(end - emitted) / 1e6);
  }

  // The wiring tool's check on each pointer move over a port (renderer/canvas/wiring.tsx): the first vNIC of each
  // round's host against its vSwitch port group, with the history's link index and with the scan of every link it
  // replaced. The index is built on the first command, so both read the same design.
  const hoverPairs = spreadHosts(design, ROUNDS).map((x) => [{ element: `${x.id}.vm04`, port: 'vnic0' }, { element: `${x.id}.vs0`, port: 'pg.app' }] as const);
  const hoverIndexed: number[] = [];
  const hoverScan: number[] = [];
  for (const [from, to] of hoverPairs) {
    t = now();
    canConnect(h.design, from, to, sequentialIds(), h.lookup);
    hoverIndexed.push(since(t));
  }
  for (const [from, to] of hoverPairs.slice(0, 10)) {
    t = now();
    canConnect(h.design, from, to, sequentialIds());
    hoverScan.push(since(t));
  }

  const all = [...byKind.values()].flat();
  const row = (label: string, xs: number[], target = '', verdict = '') => [label, ms(percentile(xs, 50)), ms(percentile(xs, 95)), target, verdict];
  const rows = [
    [`fabric ${hosts} × ${VMS_PER_HOST}: ${elements} elements, ${links} links (template ${ms(genMs)})`, '', '', '', ''],
    row('  floor: copy the element record (copyRecord, for-in)', copyElements.runsMs),
    row('    the same with { ...elements }', spreadElements.runsMs),
    row('  floor: copy the link record (copyRecord)', copyLinks.runsMs),
    row(`  History.execute, all ${all.length}`, all, `< ${TARGET_MS} ms`, pass(percentile(all, 50) < TARGET_MS)),
    ...KINDS.map((k) => row(`    ${k} (${byKind.get(k)!.length})`, byKind.get(k)!)),
    row(`  undo (${undo.length})`, undo, `< ${TARGET_MS} ms`, pass(percentile(undo, 50) < TARGET_MS)),
    row(`  redo (${redo.length})`, redo, `< ${TARGET_MS} ms`, pass(percentile(redo, 50) < TARGET_MS)),
    row(`  wiring check per pointer move, with the link index (${hoverIndexed.length})`, hoverIndexed),
    row(`    baseline: scanning every link (${hoverScan.length})`, hoverScan),
    row(`  baseline: immer produceWithPatches (${immer.length}, one per kind)`, immer),
    row(`  AppStore.execute end to end (${storeTotal.length})`, storeTotal),
    row(`    of which the store after the history emits`, afterEmit),
    row(`  worker replica: immer applyPatches (${replicaImmer.length})`, replicaImmer),
    row(`  worker replica: applyDesignPatches (${replicaCow.length})`, replicaCow),
  ];
  if (!undoneOk || !redoneOk) process.stderr.write(`edit bench: ${hosts} hosts: ${undoneOk ? 'redo' : 'undo'} did not restore the element/link counts\n`);
  return { rows, ok: undoneOk && redoneOk };
}

function main(): number {
  process.stdout.write(`edit: ${ROUNDS} rounds of ${KINDS.join(', ')} through History.execute, then undo and redo of every step\n`);
  let ok = true;
  // `npm run bench -- edit` passes no sizes; EDIT_BENCH_HOSTS=2000 runs one size.
  const sizes = process.env.EDIT_BENCH_HOSTS ? process.env.EDIT_BENCH_HOSTS.split(',').map(Number) : SIZES;
  for (const hosts of sizes) {
    const r = bench(hosts);
    // One table per size, printed as soon as it is measured (the larger design takes minutes to set up).
    process.stdout.write(`\n${table(['measure', 'median', 'p95', 'target', 'verdict'], r.rows)}\n`);
    ok &&= r.ok;
  }
  return ok ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`edit bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
