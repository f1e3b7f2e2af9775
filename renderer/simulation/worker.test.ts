import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { SolveCancelled } from '../../shared/sim/maxmin';
import { defaultScenario } from '../../shared/sim/scenarios';
import type { Scenario, SimulationResult } from '../../shared/sim/simulate';
import { SimulationClient, type WorkerLike } from './client';
import { oneLine, type SimRequest, type SimResponse } from './protocol';
import { serveSimulation } from './worker-adapter';

const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
const scenario: Scenario = defaultScenario(design);

/** A fake port: the test posts requests in and reads what the adapter posted back. */
function fakePort() {
  const out: SimResponse[] = [];
  let listener: ((e: { data: SimRequest }) => void) | null = null;
  return {
    out,
    port: { postMessage: (m: SimResponse) => void out.push(m), addEventListener: (_t: 'message', l: (e: { data: SimRequest }) => void) => void (listener = l) },
    send: (m: SimRequest) => listener!({ data: m }),
  };
}

describe('worker message adapter', () => {
  test('runs the engine and answers with progress, then the result, under the request id', () => {
    const f = fakePort();
    serveSimulation(f.port);
    f.send({ type: 'run', id: 7, design, scenario });
    const last = f.out.at(-1)!;
    expect(last.type).toBe('result');
    expect(last.id).toBe(7);
    if (last.type === 'result') expect(last.result.flows).toHaveLength(scenario.flows.length);
    const progress = f.out.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((m) => m.id === 7 && m.fraction >= 0 && m.fraction <= 1)).toBe(true);
  });
  test('throttles progress: within one phase only every 50 ms and at the end of the phase', () => {
    const f = fakePort();
    let t = 0;
    serveSimulation(f.port, {
      now: () => t,
      engine: (_d, _s, o) => {
        for (let i = 0; i <= 100; i++) {
          t += 1;
          o.onProgress?.('traffic', i / 100);
        }
        o.onProgress?.('migration', 0.5);
        return {} as SimulationResult;
      },
    });
    f.send({ type: 'run', id: 1, design, scenario });
    const p = f.out.filter((m) => m.type === 'progress').map((m) => (m.type === 'progress' ? `${m.phase}:${m.fraction}` : ''));
    expect(p).toEqual(['traffic:0', 'traffic:0.5', 'traffic:1', 'migration:0.5']);
  });
  test('a cancel flag stops the solver between rounds and the answer is "cancelled"', () => {
    const f = fakePort();
    const flag = new Int32Array(1);
    serveSimulation(f.port, {
      engine: (_d, _s, o) => {
        Atomics.store(flag, 0, 1);
        if (o.shouldCancel?.()) throw new SolveCancelled('solve cancelled');
        return {} as SimulationResult;
      },
    });
    f.send({ type: 'run', id: 3, design, scenario, cancelFlag: flag });
    expect(f.out).toEqual([{ type: 'cancelled', id: 3 }]);
  });
  test('a cancel that arrives before its run means the run never starts', () => {
    const f = fakePort();
    let ran = false;
    serveSimulation(f.port, { engine: () => ((ran = true), {} as SimulationResult) });
    f.send({ type: 'cancel', id: 4 });
    f.send({ type: 'run', id: 4, design, scenario });
    expect(ran).toBe(false);
    expect(f.out).toEqual([{ type: 'cancelled', id: 4 }]);
  });
  test('an exception becomes a one-line error, and the next run still works', () => {
    const f = fakePort();
    let fail = true;
    serveSimulation(f.port, {
      engine: () => {
        if (fail) throw new Error('bad thing\n    at stack frame');
        return {} as SimulationResult;
      },
    });
    f.send({ type: 'run', id: 5, design, scenario });
    expect(f.out).toEqual([{ type: 'error', id: 5, message: 'Simulation failed: bad thing' }]);
    fail = false;
    f.send({ type: 'run', id: 6, design, scenario });
    expect(f.out.at(-1)).toMatchObject({ type: 'result', id: 6 });
  });
  test('oneLine never returns a stack or an empty string', () => {
    expect(oneLine(new Error('x\ny'))).toBe('x');
    expect(oneLine({ code: 1 })).toBe('{"code":1}');
    expect(oneLine('')).toBe('unknown error');
  });
});

/** A fake worker: records requests; the test answers as the worker would, or crashes it. */
class FakeWorker implements WorkerLike {
  static made: FakeWorker[] = [];
  posted: SimRequest[] = [];
  terminated = false;
  private onMsg: ((e: { data: SimResponse }) => void) | null = null;
  private onErr: ((e: { message?: string }) => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: SimRequest): void {
    this.posted.push(m);
  }
  addEventListener(type: 'message' | 'error', l: never): void {
    if (type === 'message') this.onMsg = l;
    else this.onErr = l;
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(m: SimResponse): void {
    this.onMsg!({ data: m });
  }
  crash(message: string): void {
    this.onErr!({ message });
  }
}

describe('simulation client', () => {
  test('passes progress through and resolves with the result; one worker serves many runs', async () => {
    FakeWorker.made = [];
    const c = new SimulationClient(() => new FakeWorker());
    const seen: string[] = [];
    const run = c.run(design, scenario, (p, f) => seen.push(`${p}:${f}`));
    const w = FakeWorker.made[0]!;
    const id = w.posted[0]!.id;
    w.reply({ type: 'progress', id, phase: 'traffic', fraction: 0.5 });
    w.reply({ type: 'progress', id: id + 99, phase: 'traffic', fraction: 0.9 });
    w.reply({ type: 'result', id, result: { scenario: 'x' } as SimulationResult, seconds: 0.2 });
    expect(await run).toEqual({ type: 'result', result: { scenario: 'x' }, seconds: 0.2 });
    expect(seen).toEqual(['traffic:0.5']);
    const again = c.run(design, scenario, () => {});
    w.reply({ type: 'result', id: w.posted[1]!.id, result: {} as SimulationResult, seconds: 0 });
    await again;
    expect(FakeWorker.made).toHaveLength(1);
  });
  test('cancel without shared memory resolves at once and terminates the busy worker; the next run gets a new one', async () => {
    FakeWorker.made = [];
    const c = new SimulationClient(() => new FakeWorker());
    const run = c.run(design, scenario, () => {});
    c.cancel();
    expect(await run).toEqual({ type: 'cancelled' });
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    expect(c.running).toBe(false);
    void c.run(design, scenario, () => {});
    expect(FakeWorker.made).toHaveLength(2);
  });
  test('with shared memory, cancel sets the flag the solver reads and keeps the worker', async () => {
    FakeWorker.made = [];
    const c = new SimulationClient(() => new FakeWorker(), true);
    const run = c.run(design, scenario, () => {});
    const req = FakeWorker.made[0]!.posted[0]!;
    c.cancel();
    expect(await run).toEqual({ type: 'cancelled' });
    expect(req.type === 'run' && req.cancelFlag && Atomics.load(req.cancelFlag, 0)).toBe(1);
    FakeWorker.made[0]!.reply({ type: 'cancelled', id: req.id });
    expect(FakeWorker.made[0]!.terminated).toBe(false);
    c.dispose();
  });
  test('a crashed worker fails its run with one line, and the next run starts a fresh worker', async () => {
    FakeWorker.made = [];
    const c = new SimulationClient(() => new FakeWorker());
    const run = c.run(design, scenario, () => {});
    FakeWorker.made[0]!.crash('Uncaught RangeError: out of memory\n at x');
    expect(await run).toEqual({ type: 'error', message: 'The simulation worker stopped: Uncaught RangeError: out of memory. Run again to restart it.' });
    const next = c.run(design, scenario, () => {});
    const w2 = FakeWorker.made[1]!;
    w2.reply({ type: 'result', id: w2.posted[0]!.id, result: {} as SimulationResult, seconds: 0 });
    expect((await next).type).toBe('result');
  });
  test('a design that cannot be sent fails the run with one line', async () => {
    const c = new SimulationClient(() => {
      const w = new FakeWorker();
      w.postMessage = () => {
        throw new Error('DataCloneError: function could not be cloned');
      };
      return w;
    });
    expect(await c.run(design, scenario, () => {})).toEqual({ type: 'error', message: 'Could not start the simulation: DataCloneError: function could not be cloned' });
  });
});
