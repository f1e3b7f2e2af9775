// What-if from the canvas on rack-kvm (2 hosts × 2 VMs; each host's dual-port NIC teamed across tor-a/tor-b):
// which failure a selected item stands for, the marks, Fail/Restore as undo steps woven into the design's undo
// order, and the worker's comparison with the run without the failures.
import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { AppStore } from '../state/store';
import { Session } from '../state/session';
import { CatalogClient } from '../catalog/catalog-client';
import { createActions } from '../actions/definitions';
import { simulationFor, SimulationController } from './controller';
import type { WorkerLike } from './client';
import { failedMarks, failureName, failureOfItem, failuresOfSelection } from './failure-edit';
import { ScenarioHistory } from './scenario-history';
import { serveSimulation } from './worker-adapter';
import type { SimRequest, SimResponse } from './protocol';
import { EMPTY_DRAFT, toScenario } from './scenario-draft';
import { failureRows } from './whatif-model';
import { draftFromScenario, scenarioForSaving } from './persistence';
import type { Scenario } from '../../shared/sim/simulate';
import { applyFailures } from '../../shared/sim/failures';

const d = makeTemplate('rack-kvm', { hosts: 2, vmsPerHost: 2 });
const H1 = 'r01.h001';
const sel = (elements: string[], links: string[] = []) => ({ elements: new Set(elements), links: new Set(links) });

describe('the failure a canvas item stands for', () => {
  test('a cable, a ToR, a host, a vSwitch uplink (team member), a NIC with one cabled port; not a VM or a PCIe link', () => {
    expect(failureOfItem(d, { link: `${H1}.nic0.eth0` })).toEqual({ link: `${H1}.nic0.eth0` });
    expect(failureOfItem(d, { element: 'r01.tor-a' })).toEqual({ switch: 'r01.tor-a' });
    expect(failureOfItem(d, { element: H1 })).toEqual({ host: H1 });
    expect(failureOfItem(d, { link: `${H1}.vs0.up1` })).toEqual({ vswitch: `${H1}.vs0`, uplink: 'up1' });
    expect(failureOfItem(d, { element: `${H1}.vm01` })).toBeNull();
    expect(failureOfItem(d, { link: `${H1}.nic0.pcie` })).toBeNull();
    // This NIC has two cabled ports: the user picks the cable (or the uplink) instead.
    expect(failureOfItem(d, { element: `${H1}.nic0` })).toBeNull();
    const oneCable = { ...d, links: Object.fromEntries(Object.entries(d.links).filter(([id]) => id !== `${H1}.nic0.eth1`)) };
    expect(failureOfItem(oneCable, { element: `${H1}.nic0` })).toEqual({ nic: `${H1}.nic0`, port: 'eth0' });
  });
  test('names read as a person says them, and a selection gives each failure once', () => {
    expect(failureName(d, { switch: 'r01.tor-a' })).toBe('switch r01-tor-a');
    expect(failureName(d, { vswitch: `${H1}.vs0`, uplink: 'up1' })).toBe('team member br-vm up1');
    expect(failuresOfSelection(d, sel(['r01.tor-a', `${H1}.vm01`], [`${H1}.nic0.eth0`]))).toEqual([{ link: `${H1}.nic0.eth0` }, { switch: 'r01.tor-a' }]);
  });
  test('marks: a failed switch or host is marked itself; a team member by the cable it cuts', () => {
    const m = failedMarks(d, [{ switch: 'r01.tor-a' }, { vswitch: `${H1}.vs0`, uplink: 'up1' }]);
    expect([...m.elements]).toEqual(['r01.tor-a']);
    expect([...m.links]).toEqual([`${H1}.nic0.eth1`]);
  });
  test('the cable marked for a link, port or team member is the one the simulator takes down', () => {
    for (const f of [{ link: `${H1}.nic0.eth0` }, { nic: `${H1}.nic0`, port: 'eth1' }, { vswitch: 'r01.h002.vs0', uplink: 'up0' }]) {
      expect([...failedMarks(d, [f]).links]).toEqual(applyFailures(d, [f]).downLinks);
    }
  });
  test('failures are part of the scenario: runnable, saved and restored with it', () => {
    const draft = { ...EMPTY_DRAFT, flows: [{ id: 'f', src: { vm: `${H1}.vm01` }, dst: { vm: 'r01.h002.vm01' }, demandGbps: null }], failures: [{ switch: 'r01.tor-a' }] };
    const s = toScenario(draft);
    expect(s.ok && s.scenario.failures).toEqual([{ switch: 'r01.tor-a' }]);
    const saved = scenarioForSaving(draft)!;
    expect(saved.failures).toEqual([{ switch: 'r01.tor-a' }]);
    expect(draftFromScenario(saved).failures).toEqual([{ switch: 'r01.tor-a' }]);
  });
});

describe('failure undo steps woven into the design history', () => {
  test('Undo takes the failure step only when the design is where it was made; a new design edit ends its redo', () => {
    const h = new ScenarioHistory();
    h.record({ label: 'Fail a', before: { failures: [] }, after: { failures: [{ link: 'a' }] }, at: 3 });
    expect(h.nextUndo(4)).toBeNull();
    expect(h.undo(3)?.label).toBe('Fail a');
    expect(h.nextRedo(3)?.label).toBe('Fail a');
    h.designMoved(2);
    expect(h.nextRedo(3)?.label).toBe('Fail a');
    h.designMoved(5);
    expect(h.nextRedo(3)).toBeNull();
  });

  test('Fail, a design edit, then Undo ×2 and Redo ×2 replay them in order, each one step', async () => {
    const store = new AppStore();
    store.openDesign(d, '/tmp/kvm.rackplane');
    const actions = createActions({ store, session: new Session(store, undefined), appInfo: async () => null, catalog: new CatalogClient(undefined) });
    const sim = simulationFor(store);
    store.select(sel(['r01.tor-a']));
    expect(actions.get('simulation.fail').label(store.getState())).toBe('Fail switch r01-tor-a');
    expect(await actions.perform('simulation.fail', 'ui')).toBe(true);
    expect(sim.getState().draft.failures).toEqual([{ switch: 'r01.tor-a' }]);
    // Failing it again offers nothing new; Restore is offered instead.
    expect(actions.isEnabled('simulation.fail')).toBe(false);
    expect(actions.get('simulation.restore').label(store.getState())).toBe('Restore switch r01-tor-a');
    store.execute({ type: 'remove', elements: [`${H1}.vm02`] as never, links: [] });
    const undoLabel = () => actions.get('edit.undo').label(store.getState());
    expect(undoLabel()).not.toContain('Fail');
    await actions.perform('edit.undo', 'keyboard');
    expect(store.getState().doc!.design.elements[`${H1}.vm02`]).toBeDefined();
    expect(undoLabel()).toBe('Undo Fail switch r01-tor-a');
    await actions.perform('edit.undo', 'keyboard');
    expect(sim.getState().draft.failures).toEqual([]);
    await actions.perform('edit.redo', 'keyboard');
    expect(sim.getState().draft.failures).toEqual([{ switch: 'r01.tor-a' }]);
    expect(store.getState().doc!.design.elements[`${H1}.vm02`]).toBeDefined();
    await actions.perform('edit.redo', 'keyboard');
    expect(store.getState().doc!.design.elements[`${H1}.vm02`]).toBeUndefined();
    expect(await actions.perform('simulation.restoreAll', 'ui')).toBe(true);
    expect(sim.getState().draft.failures).toEqual([]);
    expect(undoLabel()).toBe('Undo Restore all (1 failure)');
    sim.dispose();
  });
});

describe('the worker compares a run with failures against the run without them', () => {
  const scenario: Scenario = {
    name: 't',
    flows: [
      { id: 'app', src: { vm: `${H1}.vm01` }, dst: { vm: 'r01.h002.vm01' }, demandGbps: null },
      { id: 'db', src: { vm: `${H1}.vm02` }, dst: { vm: 'r01.h002.vm02' }, demandGbps: null },
    ],
    migrations: [],
    maxPayload: 256,
    downtimeLimitSec: 0.3,
    failures: [{ switch: 'r01.tor-a' }],
  };
  const answer = (s: Scenario, cancel = false) => {
    const out: SimResponse[] = [];
    let listener: ((e: { data: SimRequest }) => void) | null = null;
    serveSimulation({ postMessage: (m) => void out.push(m), addEventListener: (_t, l) => void (listener = l) });
    if (cancel) listener!({ data: { type: 'cancel', id: 1 } });
    listener!({ data: { type: 'run', id: 1, design: d, scenario: s } });
    return out;
  };

  test('the answer carries per-failure outcomes and the per-link diff, after a "what-if" progress phase', () => {
    const out = answer(scenario);
    const last = out.at(-1)!;
    if (last.type !== 'result') throw new Error(last.type);
    expect(last.whatIf!.outcomes.map((o) => [o.label, o.slowed.length, o.failedOver.length])).toEqual([['switch r01.tor-a', 2, 1]]);
    expect(last.whatIf!.links.filter(([, c]) => c === 'down').map(([l]) => l)).toEqual([`${H1}.nic0.eth0`, 'r01.h002.nic0.eth0', 'r01.peer0', 'r01.peer1']);
    expect(last.whatIf!.carried).toEqual({ before: 2, after: 2, flows: 2 });
    expect(out.some((m) => m.type === 'progress' && m.phase === 'what-if')).toBe(true);
    // The panel rows: the flow kept up by failover is listed there (12.5 after 25), the other as slowed.
    const rows = failureRows(d, scenario.failures!, { scenario, whatIf: last.whatIf });
    expect(rows[0]!.outcome!.summary).toBe('1 flow slowed, 1 flow kept up by failover');
    expect(rows[0]!.outcome!.failedOver.map((f) => [f.beforeGbps, f.afterGbps, f.note])).toEqual([[25, 12.5, `via ${H1}.nic0.eth1, r01.h002.nic0.eth1`]]);
  });

  test('without failures the answer has no what-if part', () => {
    const last = answer({ ...scenario, failures: undefined }).at(-1)!;
    expect(last.type === 'result' && last.whatIf).toBeUndefined();
  });
});

describe('Fail in the app reruns the scenario in the worker', () => {
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

  test('the rerun keeps the result with failures and the comparison; Restore all reruns without one', async () => {
    const store = new AppStore();
    store.openDesign(d, '/tmp/kvm.rackplane');
    const sim = new SimulationController(store, inProcessWorker, false);
    sim.editDraft({ flows: [{ id: 'app', src: { vm: `${H1}.vm01` }, dst: { vm: 'r01.h002.vm01' }, demandGbps: null }] });
    // Resolves when a run has started and ended.
    const settled = () =>
      new Promise<void>((resolve) => {
        let started = false;
        const stop = sim.subscribe(() => {
          if (sim.getState().status.kind === 'running') started = true;
          else if (started) {
            stop();
            resolve();
          }
        });
      });
    let done = settled();
    expect(sim.fail([{ link: `${H1}.nic0.eth0` }])).toBe(true);
    expect(sim.getState().panelOpen).toBe(true);
    await done;
    const r = sim.getState().results!;
    expect(r.result.downLinks).toEqual([`${H1}.nic0.eth0`]);
    // The team keeps the flow up whichever member it hashed onto.
    expect(r.whatIf!.outcomes.map((o) => [o.label, o.dropped.length])).toEqual([[`link ${H1}.nic0.eth0`, 0]]);
    expect(r.whatIf!.carried).toEqual({ before: 1, after: 1, flows: 1 });
    expect(r.whatIf!.links).toContainEqual([`${H1}.nic0.eth0`, 'down']);
    // Failing what is already failed changes nothing and records no step.
    expect(sim.fail([{ link: `${H1}.nic0.eth0` }])).toBe(false);
    done = settled();
    expect(sim.restoreAll()).toBe(true);
    await done;
    expect(sim.getState().results!.whatIf).toBeUndefined();
    expect(sim.undoLabel()).toBe('Restore all (1 failure)');
    sim.dispose();
  });
});
