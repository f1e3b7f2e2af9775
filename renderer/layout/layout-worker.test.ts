import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, test } from 'vitest';
import { applyCommand } from '../../shared/history/commands';
import type { LayoutEngine } from '../../shared/layout';
import type { Design } from '../../shared/model/design';
import { makeTemplate } from '../../shared/templates';
import { AppStore } from '../state/store';
import { LayoutClient, type LayoutWorkerLike } from './client';
import { LayoutController } from './controller';
import type { LayoutRequest, LayoutResponse } from './protocol';
import { serveLayout } from './worker-adapter';

const elk = new ELK();
const engine: LayoutEngine = (g) => elk.layout(g);

function scrambled(d: Design): Design {
  return applyCommand(d, { type: 'move', moves: Object.values(d.elements).map((el) => ({ id: el.id, x: 0, y: 0 })) }).design;
}

/**
 * A worker in this process: requests go to `serveLayout` on the next tick (as across a real worker
 * boundary), answers come back the same way. `crash()` fires the error event a dead worker would.
 */
function inProcessWorker(run: LayoutEngine = engine) {
  const messageListeners: ((e: { data: LayoutResponse }) => void)[] = [];
  const errorListeners: ((e: { message?: string }) => void)[] = [];
  let inbound: ((e: { data: LayoutRequest }) => void) | null = null;
  const posted: LayoutRequest[] = [];
  let terminated = false;
  serveLayout(
    {
      postMessage: (m) => setTimeout(() => !terminated && messageListeners.forEach((l) => l({ data: m })), 0),
      addEventListener: (_t, l) => void (inbound = l),
    },
    run,
  );
  const worker: LayoutWorkerLike = {
    postMessage: (m) => {
      posted.push(m);
      setTimeout(() => !terminated && inbound!({ data: structuredClone(m) }), 0);
    },
    addEventListener: ((type: 'message' | 'error', l: never) => (type === 'message' ? messageListeners.push(l) : errorListeners.push(l))) as LayoutWorkerLike['addEventListener'],
    terminate: () => void (terminated = true),
  };
  return { worker, posted, crash: (message: string) => errorListeners.forEach((l) => l({ message })), isTerminated: () => terminated };
}

/** A port for serveLayout: collects what it posts; `finished` resolves at the run's result or error. */
function recordingPort() {
  const out: LayoutResponse[] = [];
  let listener: ((e: { data: LayoutRequest }) => void) | null = null;
  let finish: () => void = () => {};
  const finished = new Promise<void>((r) => (finish = r));
  return {
    out,
    finished,
    port: {
      postMessage: (m: LayoutResponse) => {
        out.push(m);
        if (m.type !== 'progress') finish();
      },
      addEventListener: (_t: 'message', l: (e: { data: LayoutRequest }) => void) => void (listener = l),
    },
    send: (m: LayoutRequest) => listener!({ data: m }),
  };
}

describe('layout worker adapter', () => {
  test('answers a run with progress and the arrangement under the request id', async () => {
    const p = recordingPort();
    let t = 0;
    serveLayout(p.port, engine, () => (t += 100));
    const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    p.send({ type: 'run', id: 4, design, selection: null });
    await p.finished;
    const last = p.out.at(-1)!;
    expect(last.type).toBe('result');
    expect(last.id).toBe(4);
    if (last.type === 'result') expect(last.arrangement.tops.length).toBe(Object.values(design.elements).filter((e) => e.parent === null).length);
    const progress = p.out.filter((m) => m.type === 'progress');
    // Two servers, one rack, the top level.
    expect(progress[0]).toEqual({ type: 'progress', id: 4, done: 0, total: 4 });
    expect(progress.at(-1)).toEqual({ type: 'progress', id: 4, done: 4, total: 4 });
  });

  test('an engine failure becomes one line, never a stack', async () => {
    const p = recordingPort();
    serveLayout(p.port, () => Promise.reject(new Error('graph too large\n    at elk.js:1')));
    p.send({ type: 'run', id: 1, design: makeTemplate('single-host', {}), selection: null });
    await p.finished;
    expect(p.out.at(-1)).toEqual({ type: 'error', id: 1, message: 'Automatic layout failed: graph too large' });
  });
});

describe('layout client', () => {
  test('cancel resolves at once and terminates the worker; the next run starts a new one', async () => {
    const workers: ReturnType<typeof inProcessWorker>[] = [];
    const client = new LayoutClient(() => {
      const w = inProcessWorker();
      workers.push(w);
      return w.worker;
    });
    const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    const first = client.run(design, null);
    client.cancel();
    expect(await first).toEqual({ type: 'cancelled' });
    expect(workers[0]!.isTerminated()).toBe(true);
    const second = await client.run(design, null);
    expect(second.type).toBe('result');
    expect(workers).toHaveLength(2);
  });

  test('a crashed worker fails its run with a clear message', async () => {
    const w = inProcessWorker(() => new Promise(() => {}));
    const client = new LayoutClient(() => w.worker);
    const run = client.run(makeTemplate('single-host', {}), null);
    w.crash('out of memory');
    const outcome = await run;
    expect(outcome).toEqual({ type: 'error', message: 'The layout worker stopped: out of memory. Nothing was changed; try again.' });
    expect(client.running).toBe(false);
  });
});

describe('layout controller', () => {
  const setup = (run?: LayoutEngine) => {
    const store = new AppStore();
    const w = inProcessWorker(run);
    const layout = new LayoutController(store, () => w.worker);
    return { store, layout, w };
  };

  test('Arrange Design is one undo step that undo reverts', async () => {
    const { store, layout } = setup();
    const d = scrambled(makeTemplate('rack', { hosts: 3, vmsPerHost: 2 }));
    store.openDesign(d, null);
    const states: string[] = [];
    layout.subscribe(() => states.push(layout.getState().kind));
    await layout.arrange('design');
    expect(states[0]).toBe('running');
    expect(layout.getState().kind).toBe('idle');
    const doc = store.getState().doc!;
    expect(doc.undoLabel).toBe('Arrange design');
    expect(doc.design).not.toBe(d);
    expect(store.getState().message?.text).toMatch(/^Arranged 5 top-level elements in /);
    store.history!.undo();
    expect(store.getState().doc!.design).toEqual(d);
  });

  test('Arrange Selection with nothing selected says what to do', async () => {
    const { store, layout } = setup();
    store.openDesign(makeTemplate('single-host', {}), null);
    await layout.arrange('selection');
    expect(store.getState().message).toMatchObject({ tone: 'error', text: 'Select the elements to arrange first' });
  });

  test('an edit made while the layout runs is kept and the layout is dropped', async () => {
    const { store, layout } = setup();
    const d = scrambled(makeTemplate('rack', { hosts: 2, vmsPerHost: 2 }));
    store.openDesign(d, null);
    const pending = layout.arrange('design');
    store.execute({ type: 'move', moves: [{ id: d.elements['r01.tor-a']!.id, x: 999, y: 0 }] });
    await pending;
    expect(store.getState().doc!.undoLabel).toBe('Move element');
    expect(store.getState().doc!.design.elements['r01.tor-a']!.x).toBe(999);
    expect(store.getState().message?.text).toMatch(/changed while it was being arranged/);
  });

  test('a crash changes nothing and says so', async () => {
    const { store, layout, w } = setup(() => new Promise(() => {}));
    const d = makeTemplate('single-host', {});
    store.openDesign(d, null);
    const pending = layout.arrange('design');
    await new Promise((r) => setTimeout(r, 5));
    w.crash('killed');
    await pending;
    expect(store.getState().doc!.design).toBe(d);
    expect(store.getState().doc!.undoLabel).toBeNull();
    expect(store.getState().message).toMatchObject({ tone: 'error', text: expect.stringContaining('The layout worker stopped: killed') });
  });

  test('a design that opens without positions is laid out before it is shown, not as an edit', async () => {
    const { store, layout } = setup();
    const d = scrambled(makeTemplate('rack', { hosts: 2, vmsPerHost: 2 }));
    const laidOut = await layout.arrangeForOpen(d);
    expect(laidOut).not.toBe(d);
    expect(laidOut.elements['r01.h001']!.y).toBeGreaterThan(laidOut.elements['r01.tor-a']!.y);
    store.openDesign(laidOut, null);
    expect(store.getState().doc!.undoLabel).toBeNull();
  });
});
