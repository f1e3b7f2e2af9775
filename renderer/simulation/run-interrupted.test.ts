// A run that is cancelled or whose worker crashes never replaces the results already shown, the status
// says they were kept, and the next run works (on a fresh worker when the old one was stopped).
import { describe, expect, test } from 'vitest';
import { simulate } from '../../shared/sim/simulate';
import { makeTemplate } from '../../shared/templates';
import { AppStore } from '../state/store';
import type { WorkerLike } from './client';
import { SimulationController } from './controller';
import type { SimRequest, SimResponse } from './protocol';
import { applyPreset, EMPTY_DRAFT } from './scenario-draft';

const rack = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });

/** Answers runs with the real engine when told to; can crash like a worker that ran out of memory. */
class ScriptedWorker implements WorkerLike {
  static made: ScriptedWorker[] = [];
  posted: Extract<SimRequest, { type: 'run' }>[] = [];
  terminated = false;
  private onMsg: ((e: { data: SimResponse }) => void) | null = null;
  private onErr: ((e: { message?: string }) => void) | null = null;
  constructor() {
    ScriptedWorker.made.push(this);
  }
  postMessage(m: SimRequest): void {
    if (m.type === 'run') this.posted.push(m);
  }
  addEventListener(type: 'message' | 'error', l: never): void {
    if (type === 'message') this.onMsg = l;
    else this.onErr = l;
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers the last run request with the engine's result. */
  finish(): void {
    const req = this.posted.at(-1)!;
    this.onMsg!({ data: { type: 'result', id: req.id, result: simulate(req.design, req.scenario), seconds: 0.01 } });
  }
  crash(): void {
    this.onErr!({ message: 'Uncaught RangeError: Array buffer allocation failed' });
  }
}

function setup() {
  ScriptedWorker.made = [];
  const store = new AppStore();
  store.openDesign(rack, '/tmp/rack.rackplane');
  const sim = new SimulationController(store, () => new ScriptedWorker(), false);
  const preset = applyPreset(rack, EMPTY_DRAFT, { kind: 'onePerVm' });
  if (!preset.ok) throw new Error(preset.reason);
  sim.editDraft(preset.draft);
  return { store, sim };
}
const worker = () => ScriptedWorker.made.at(-1)!;

describe('an interrupted run', () => {
  test('cancelled: the previous results stay, the status says so, and a new run replaces them', async () => {
    const { sim } = setup();
    const first = sim.run();
    worker().finish();
    await first;
    const shown = sim.getState().results;
    expect(shown).not.toBeNull();

    const second = sim.run();
    expect(sim.getState().status.kind).toBe('running');
    sim.cancel();
    await second;
    expect(sim.getState().status).toEqual({ kind: 'cancelled', keptPrevious: true });
    expect(sim.getState().results).toBe(shown);
    // Without shared memory the busy worker was stopped; the next run starts another.
    expect(ScriptedWorker.made[0]!.terminated).toBe(true);

    sim.editDraft({ demandText: '1' });
    const third = sim.run();
    expect(ScriptedWorker.made).toHaveLength(2);
    worker().finish();
    await third;
    expect(sim.getState().status.kind).toBe('done');
    expect(sim.getState().results).not.toBe(shown);
    expect(sim.getState().results!.result.flows.every((f) => f.rate <= 1)).toBe(true);
  });

  test('crashed: the previous results stay, the message says so, and the next run works', async () => {
    const { store, sim } = setup();
    const first = sim.run();
    worker().finish();
    await first;
    const shown = sim.getState().results;

    const second = sim.run();
    worker().crash();
    await second;
    const status = sim.getState().status;
    expect(status.kind === 'error' && status.keptPrevious).toBe(true);
    expect(status.kind === 'error' && status.message).toMatch(/^The simulation worker stopped: .*Run again to restart it\.$/);
    expect(store.getState().message?.text ?? '').toMatch(/The previous results are kept\.$/);
    expect(sim.getState().results).toBe(shown);

    const third = sim.run();
    expect(ScriptedWorker.made).toHaveLength(2);
    worker().finish();
    await third;
    expect(sim.getState().status.kind).toBe('done');
  });

  test('cancelled before any result: nothing is kept and the status says only "cancelled"', async () => {
    const { sim } = setup();
    const run = sim.run();
    sim.cancel();
    await run;
    expect(sim.getState()).toMatchObject({ status: { kind: 'cancelled', keptPrevious: false }, results: null });
  });
});
