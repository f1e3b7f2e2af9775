// Placement advice in the app, on the rack template (4 ESXi hosts × 4 VMs under one MLAG ToR pair; vm01/vm03 on port
// group "VM app (VLAN 110)"): the view model of the suggestion list, adding moves to the scenario as migrations (the
// CLI's `advise --apply` semantics: the design keeps today's placement) as one undo step woven into the design's undo
// order, that the simulator then runs those migrations, and the worker's advise request with progress, cancel and
// one-line errors.
import { describe, expect, test } from 'vitest';
import type { Design } from '../../shared/model/design';
import { asElementId } from '../../shared/model/ids';
import { advisePlacement } from '../../shared/sim/placement';
import { SCENARIO_DEFAULTS } from '../../shared/sim/scenarios';
import { simulate, type Scenario } from '../../shared/sim/simulate';
import { makeTemplate } from '../../shared/templates';
import { createActions } from '../actions/definitions';
import { CatalogClient } from '../catalog/catalog-client';
import { Session } from '../state/session';
import { AppStore } from '../state/store';
import { adviceMigrations, adviceSummary, loadRows, moveRows } from './advice-model';
import type { WorkerLike } from './client';
import { adviceProgress, simulationFor, SimulationController } from './controller';
import { toScenario } from './scenario-draft';
import type { SimRequest, SimResponse } from './protocol';
import { serveSimulation } from './worker-adapter';

const d = makeTemplate('rack', { hosts: 4, vmsPerHost: 4 });
const A = 'r01.h001.vm01';
const B = 'r01.h002.vm01';
// The flow id takes part in the path hashing: as in shared/sim/placement.test.ts, whose first case these figures follow.
const flow = { id: 'f0', src: { vm: A }, dst: { vm: B }, demandGbps: 5 };
const scenario: Scenario = { name: 'chatty', flows: [flow], migrations: [], ...SCENARIO_DEFAULTS };

/** A worker that runs the real adapter in process, answering on the next microtask like a real one would later. */
function inProcessWorker(): WorkerLike {
  let toApp: ((e: { data: SimResponse }) => void) | null = null;
  let toWorker: ((e: { data: SimRequest }) => void) | null = null;
  serveSimulation({ postMessage: (m) => toApp?.({ data: m }), addEventListener: (_t, l) => void (toWorker = l) });
  return {
    postMessage: (m) => void queueMicrotask(() => toWorker!({ data: m })),
    addEventListener: ((type: string, l: (e: { data: SimResponse }) => void) => void (type === 'message' && (toApp = l))) as WorkerLike['addEventListener'],
    terminate: () => {},
  };
}

describe('the advice view model', () => {
  const advice = advisePlacement(d, scenario);

  test('lists the move by name with the load before and after', () => {
    expect(moveRows(d, advice, [])).toEqual([
      { vm: A, vmName: 'r01-h001-vm01', fromName: 'esx-r01-h001', toName: 'esx-r01-h002', gain: '5.00 Gb/s × hops kept inside the host', problem: null, inScenario: false },
    ]);
    // Worked by hand (DOMAIN.md §4 paths): before, the 5 Gb/s flow leaves h001 on eth0 (ToR A), crosses the MLAG peer
    // link and reaches h002 on eth1 (ToR B): 3 cable directions × 5 = 15 Gb/s, 5 of it between switches, 5/25 = 20 %
    // of a 25GbE port. After the move it stays in h002's vSwitch (same VEB switch, same VLAN): no cable carries it.
    expect(loadRows(advice.before, advice.after).map((r) => [r.label, r.before, r.after, r.trend])).toEqual([
      ['Ethernet cables', '15.0 Gb/s', '0.00 Gb/s', 'down'],
      ['Between switches', '5.00 Gb/s', '0.00 Gb/s', 'down'],
      ['Busiest cable', '20.0 %', '0.0 %', 'down'],
      ['Traffic carried', '5.00 Gb/s', '5.00 Gb/s', 'same'],
    ]);
    expect(adviceSummary(advice)).toBe('1 move keeps heavy traffic closer (within MIG-001).');
  });

  test('says plainly when no move helps', () => {
    // Between VLANs (vm01 app, vm02 db) the traffic is routed at the ToR even inside one host: nothing to gain.
    const none = advisePlacement(d, { ...scenario, flows: [{ ...flow, dst: { vm: 'r01.h002.vm02' } }] });
    expect(none.moves).toEqual([]);
    expect(adviceSummary(none)).toBe('No move reduces network load for this scenario.');
  });

  test('adding a move gives a migration from where the VM is today; the row then reads "In scenario"', () => {
    const out = adviceMigrations(d, [], advice.moves);
    expect(out).toEqual({ migrations: [{ vm: A, to: 'r01.h002' }], added: advice.moves, skipped: [] });
    // The design still has the VM on its server: the migration is the plan to move it, which a run simulates.
    expect(d.elements[A]!.parent).toBe('r01.h001');
    expect(moveRows(d, advice, out.migrations)[0]).toMatchObject({ inScenario: true, problem: null });
    // Adding again changes nothing: one migration per VM, as the scenario form and `advise --apply` keep it.
    expect(adviceMigrations(d, out.migrations, advice.moves)).toEqual({
      migrations: out.migrations,
      added: [],
      skipped: ['r01-h001-vm01 already migrates to esx-r01-h002 in this scenario'],
    });
  });

  test('a VM the scenario already migrates elsewhere, or that moved since the advice, is not suggested again', () => {
    const elsewhere = [{ vm: A, to: 'r01.h003' }];
    expect(moveRows(d, advice, elsewhere)[0]).toMatchObject({ inScenario: false, problem: 'r01-h001-vm01 already migrates to esx-r01-h003 in this scenario' });
    expect(adviceMigrations(d, elsewhere, advice.moves)).toMatchObject({ migrations: elsewhere, added: [] });
    // The design changed after the advice: the VM now sits on h004, so the move's source is gone.
    const vm = d.elements[A]!;
    const moved: Design = { ...d, elements: { ...d.elements, [A]: { ...vm, parent: asElementId('r01.h004') } } };
    expect(moveRows(moved, advice, [])[0]!.problem).toBe('r01-h001-vm01 is no longer on esx-r01-h001');
    expect(adviceMigrations(moved, [], advice.moves).skipped).toEqual(['r01-h001-vm01 is no longer on esx-r01-h001']);
  });

  test('the scenario with the added migration runs it: pre-copy from today\'s host, not dropped', () => {
    const { migrations } = adviceMigrations(d, [], advice.moves);
    const run = simulate(d, { ...scenario, migrations });
    expect(run.migrations.map((m) => [m.vm, m.to, m.dropped ?? null])).toEqual([[A, 'r01.h002', null]]);
    expect(run.migrations[0]!.result?.rounds.length).toBeGreaterThan(0);
  });

  test('progress spans the run before, the search and the runs after', () => {
    expect([adviceProgress('advise-before', 1), adviceProgress('advise-search', 0.5), adviceProgress('advise-after', 1), adviceProgress('traffic', 0.3)]).toEqual([0.4, 0.5, 1, -1]);
  });
});

describe('adding advice is one undo step of the scenario; the design never changes', () => {
  // The actions use the store's own controller (simulationFor); its runs (after Fail) find no Worker here and end in an
  // error line, which these tests do not look at. The advice itself is computed in the worker in the last test.
  function setup() {
    const store = new AppStore();
    store.openDesign(d, '/tmp/rack.rackplane');
    const sim = simulationFor(store);
    const actions = createActions({ store, session: new Session(store, undefined), appInfo: async () => null, catalog: new CatalogClient(undefined) });
    sim.editDraft({ flows: [{ ...flow, own: true }] });
    return { store, sim, actions };
  }
  const advice = advisePlacement(d, scenario);

  test('Apply adds the migration only; Undo removes it; Redo puts it back; a second Apply adds nothing', async () => {
    const { store, sim, actions } = setup();
    expect(advice.moves.map((m) => [m.vm, m.to])).toEqual([[A, 'r01.h002']]);
    const design = () => store.getState().doc!.design;
    const opened = design();
    const undoLabel = () => actions.get('edit.undo').label(store.getState());

    expect(sim.applyAdvice(advice.moves)).toBe(true);
    expect(design()).toBe(opened);
    expect(sim.getState().draft.migrations).toEqual([{ vm: A, to: 'r01.h002' }]);
    expect(store.getState().message?.text).toBe('Add advised migration (r01-h001-vm01 to esx-r01-h002): run the scenario to see it');
    expect(undoLabel()).toBe('Undo Add advised migration (r01-h001-vm01 to esx-r01-h002)');
    // The scenario as the panel runs it now migrates the VM from where it is today.
    const checked = toScenario(sim.getState().draft);
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.scenario.migrations).toEqual([{ vm: A, to: 'r01.h002' }]);

    // Not added twice: the VM already migrates there.
    expect(sim.applyAdvice(advice.moves)).toBe(false);
    expect(store.getState().message?.text).toBe('Cannot add: r01-h001-vm01 already migrates to esx-r01-h002 in this scenario');
    expect(sim.getState().draft.migrations).toEqual([{ vm: A, to: 'r01.h002' }]);

    await actions.perform('edit.undo', 'keyboard');
    expect(design()).toBe(opened);
    expect(sim.getState().draft.migrations).toEqual([]);
    expect(undoLabel()).toBe('Undo');

    await actions.perform('edit.redo', 'keyboard');
    expect(design()).toBe(opened);
    expect(sim.getState().draft.migrations).toEqual([{ vm: A, to: 'r01.h002' }]);
    expect(actions.get('edit.redo').label(store.getState())).toBe('Redo');
    sim.dispose();
  });

  test('interleaved with a Fail and a design edit, Undo and Redo replay each step in order', async () => {
    const { store, sim, actions } = setup();
    expect(sim.fail([{ switch: 'r01.tor-b' }])).toBe(true);
    sim.cancel();
    expect(sim.applyAdvice(advice.moves)).toBe(true);
    store.execute({ type: 'updateElement', id: 'r01.h003' as never, changes: { name: 'renamed' } });
    const design = () => store.getState().doc!.design;
    const migrations = () => sim.getState().draft.migrations;
    const undo = () => actions.perform('edit.undo', 'keyboard');
    const redo = () => actions.perform('edit.redo', 'keyboard');

    await undo(); // the rename
    expect(design().elements['r01.h003']!.name).not.toBe('renamed');
    expect(migrations()).toEqual([{ vm: A, to: 'r01.h002' }]);
    await undo(); // the advice: the scenario only
    expect(migrations()).toEqual([]);
    expect(sim.getState().draft.failures).toEqual([{ switch: 'r01.tor-b' }]);
    await undo(); // the Fail
    expect(sim.getState().draft.failures).toEqual([]);
    sim.cancel();
    expect(design()).toEqual(d);

    await redo();
    sim.cancel();
    expect(sim.getState().draft.failures).toEqual([{ switch: 'r01.tor-b' }]);
    expect(migrations()).toEqual([]);
    await redo();
    expect(migrations()).toEqual([{ vm: A, to: 'r01.h002' }]);
    expect(design().elements[A]!.parent).toBe('r01.h001');
    await redo();
    expect(design().elements['r01.h003']!.name).toBe('renamed');

    // A new design edit after an undo ends the redo branch of the advice step too.
    await undo();
    await undo();
    store.execute({ type: 'updateElement', id: 'r01.h004' as never, changes: { name: 'other' } });
    expect(actions.isEnabled('edit.redo')).toBe(false);
    expect(migrations()).toEqual([]);
    sim.dispose();
  });

  test('Advise computes the advice in the worker; a scenario without flows gets one line instead', async () => {
    const store = new AppStore();
    store.openDesign(d, '/tmp/rack.rackplane');
    const sim = new SimulationController(store, inProcessWorker, false);
    sim.editDraft({ flows: [{ ...flow, own: true }] });
    const seen: number[] = [];
    const stop = sim.subscribe(() => {
      const a = sim.getState().advice;
      if (a.kind === 'running') seen.push(a.fraction);
    });
    await sim.advise();
    stop();
    const state = sim.getState().advice;
    if (state.kind !== 'done') throw new Error(JSON.stringify(state));
    // The panel's draft is named "scenario"; the rest is what the engine gives in process.
    expect(state.advice).toEqual({ ...advice, scenario: 'scenario' });
    expect(state.design).toBe(d);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    // Adding migrations keeps the list (its rows read "In scenario"); other flows make it stale, so it goes.
    expect(sim.applyAdvice(state.advice.moves)).toBe(true);
    expect(sim.getState().advice.kind).toBe('done');
    expect(moveRows(d, state.advice, sim.getState().draft.migrations).map((r) => r.inScenario)).toEqual([true]);
    sim.editDraft({ flows: [], migrations: [{ vm: A, to: 'r01.h003' }] });
    expect(sim.getState().advice).toEqual({ kind: 'idle' });
    await sim.advise();
    expect(sim.getState().advice).toEqual({ kind: 'error', message: 'Add flows to the scenario first: the advice keeps their traffic closer.' });
    sim.dispose();
  });
});

describe('cancelling advice', () => {
  test('Cancel stops the worker at once and drops its late answer', async () => {
    const store = new AppStore();
    store.openDesign(d, '/tmp/rack.rackplane');
    const posted: SimRequest[] = [];
    let terminated = 0;
    // A worker that takes the request and never answers (a long search).
    const silent = (): WorkerLike => ({ postMessage: (m) => void posted.push(m), addEventListener: () => {}, terminate: () => void terminated++ });
    const sim = new SimulationController(store, silent, false);
    sim.editDraft({ flows: [{ ...flow, own: true }] });
    const done = sim.advise();
    expect(sim.getState().advice.kind).toBe('running');
    expect(posted.map((m) => m.type)).toEqual(['advise']);
    sim.cancelAdvice();
    await done;
    expect(sim.getState().advice).toEqual({ kind: 'cancelled' });
    // Without shared memory a synchronous search cannot read a cancel message: the worker is stopped instead.
    expect(terminated).toBe(1);
    sim.dispose();
  });
});

describe('the worker answers advise requests', () => {
  const serve = (reqs: SimRequest[], advisor?: () => never) => {
    const out: SimResponse[] = [];
    let listener: ((e: { data: SimRequest }) => void) | null = null;
    serveSimulation({ postMessage: (m) => void out.push(m), addEventListener: (_t, l) => void (listener = l) }, advisor ? { advisor } : {});
    for (const r of reqs) listener!({ data: r });
    return out;
  };

  test('with progress through its phases, then the advice', () => {
    const out = serve([{ type: 'advise', id: 7, design: d, scenario }]);
    const last = out.at(-1)!;
    if (last.type !== 'advice') throw new Error(last.type);
    expect(last.advice.moves.map((m) => m.vm)).toEqual([A]);
    const phases = new Set(out.flatMap((m) => (m.type === 'progress' ? [m.phase] : [])));
    expect([...phases]).toEqual(['advise-before', 'advise-search', 'advise-after']);
  });

  test('cancelled before it starts, and a failure as one line', () => {
    expect(serve([{ type: 'cancel', id: 3 }, { type: 'advise', id: 3, design: d, scenario }])).toEqual([{ type: 'cancelled', id: 3 }]);
    const failed = serve([{ type: 'advise', id: 4, design: d, scenario }], () => {
      throw new Error('bad host\n   at somewhere');
    });
    expect(failed).toEqual([{ type: 'error', id: 4, message: 'Placement advice failed: bad host' }]);
  });
});
