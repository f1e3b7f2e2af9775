// The scenario and last result saved with the project: draft ↔ stored scenario, what is written back,
// restoring on open (stale when the design's fingerprint differs), and which changes mark the project unsaved.
import { describe, expect, test } from 'vitest';
import { designFingerprint, type ProjectSimulation } from '../../shared/sim/persist';
import { simulate, type Scenario } from '../../shared/sim/simulate';
import { makeTemplate } from '../../shared/templates';
import { AppStore } from '../state/store';
import { isStale, SimulationController } from './controller';
import { draftFromScenario, restoreSimulation, scenarioForSaving, simulationToSave } from './persistence';
import { applyPreset, EMPTY_DRAFT, toScenario } from './scenario-draft';

const rack = makeTemplate('rack', { hosts: 3, vmsPerHost: 2 });
const preset = applyPreset(rack, EMPTY_DRAFT, { kind: 'allToAll', hostA: 'r01.h001', hostB: 'r01.h002' });
if (!preset.ok) throw new Error(preset.reason);
const draft = { ...preset.draft, demandText: '2.5', downtimeText: '150', maxPayload: 512 as const };
const scenario = (toScenario(draft) as { ok: true; scenario: Scenario }).scenario;
const stored = { scenario, result: simulate(rack, scenario), designFingerprint: designFingerprint(rack), runAt: '2025-03-01T12:00:00.000Z' };
const other: Scenario = { name: 'from the CLI', flows: [], migrations: [{ vm: 'vm-from-cli', to: 'r01.h003' }], maxPayload: 256, downtimeLimitSec: 0.3 };

describe('draft ↔ stored scenario', () => {
  test('a stored scenario becomes the same draft it was saved from', () => {
    expect(scenarioForSaving(draft)).toEqual(scenario);
    expect(draftFromScenario(scenario)).toEqual(draft);
  });
  test('an empty draft stores nothing; a draft with a half-typed field still keeps its flows', () => {
    expect(scenarioForSaving(EMPTY_DRAFT)).toBeNull();
    const kept = scenarioForSaving({ ...draft, demandText: '2.', downtimeText: 'soon', name: '  ' });
    expect(kept).toMatchObject({ name: 'scenario', maxPayload: 512, downtimeLimitSec: 0.3 });
    expect(kept!.flows.map((f) => f.demandGbps)).toEqual(scenario.flows.map(() => null));
  });
});

describe('saving and restoring', () => {
  const file: ProjectSimulation = { current: scenario.name, scenarios: [other, scenario], results: [stored] };

  test('the current scenario and its result come back; the rest is kept for the next save', () => {
    const r = restoreSimulation(file, rack);
    expect(r.draft).toEqual(draft);
    expect(r.stale).toBe(false);
    expect(r.run).toMatchObject({ scenario, result: stored.result, design: rack, fingerprint: stored.designFingerprint });
    expect(simulationToSave(r.draft, r.run, r.others)).toEqual({ current: scenario.name, scenarios: [scenario, other], results: [stored] });
  });

  test('a result computed on another design is stale on open', () => {
    const edited = makeTemplate('rack', { hosts: 3, vmsPerHost: 3 });
    expect(restoreSimulation(file, edited).stale).toBe(true);
  });

  test('a fresh run is stored with the fingerprint of the design it read, not the one on screen', () => {
    const run = { scenario, result: stored.result, design: rack, fingerprint: null, runAt: stored.runAt };
    expect(simulationToSave(draft, run, { current: null, scenarios: [], results: [] }).results[0]!.designFingerprint).toBe(designFingerprint(rack));
  });

  test('a file without a current scenario opens with an empty draft', () => {
    expect(restoreSimulation({ ...file, current: null }, rack)).toMatchObject({ draft: EMPTY_DRAFT, run: null, stale: false });
  });
});

describe('in the controller', () => {
  const setup = () => {
    const store = new AppStore();
    store.openDesign(rack, '/tmp/rack.rackplane');
    const sim = new SimulationController(store, () => {
      throw new Error('no worker in this test');
    }, false);
    return { store, sim };
  };

  test('restoring does not mark the project unsaved; editing the scenario does; saving clears it', () => {
    const { store, sim } = setup();
    sim.restore({ current: scenario.name, scenarios: [scenario], results: [stored] });
    expect(store.getState().doc!.dirty).toBe(false);
    expect(sim.getState().results?.result).toEqual(stored.result);
    expect(isStale(sim.getState(), store.getState().doc!.design)).toBe(false);
    sim.editDraft({ demandText: '5' });
    expect(store.getState().doc!.dirty).toBe(true);
    store.markSaved('/tmp/rack.rackplane', 1);
    expect(store.getState().doc!.dirty).toBe(false);
  });

  test('a restored result turns stale after an edit, and is stale at once when computed on another design', () => {
    const { store, sim } = setup();
    sim.restore({ current: scenario.name, scenarios: [scenario], results: [stored] });
    const vm = Object.values(rack.elements).find((e) => e.kind === 'vm')!;
    expect(store.execute({ type: 'move', moves: [{ id: vm.id, x: vm.x + 10, y: vm.y }] }).ok).toBe(true);
    expect(isStale(sim.getState(), store.getState().doc!.design)).toBe(true);
    sim.restore({ current: scenario.name, scenarios: [scenario], results: [{ ...stored, designFingerprint: 'fnv1a64:0000000000000000' }] });
    expect(isStale(sim.getState(), store.getState().doc!.design)).toBe(true);
  });

  test('opening another design forgets the other stored scenarios', () => {
    const { store, sim } = setup();
    sim.restore({ current: scenario.name, scenarios: [scenario, other], results: [stored] });
    store.openDesign(rack, null);
    expect(sim.toSave()).toEqual({ current: null, scenarios: [], results: [] });
  });
});
