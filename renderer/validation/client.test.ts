// ValidationClient with fake workers that answer through the real handler when the test says so: coalescing while
// busy, stale answers ignored, a crashed worker replaced and sent the whole design, giving up and retrying.
import { describe, expect, it } from 'vitest';
import { History } from '../../shared/history/history';
import { makeTemplate } from '../../shared/templates/index';
import { ALL_RULES, validateDesign } from '../../shared/validate/index';
import { ValidationClient, type ValidationView, type WorkerLike } from './client';
import type { ValidationRequest } from './protocol';
import { createValidationHandler } from './worker-handler';

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  inbox: ValidationRequest[] = [];
  terminated = false;
  private readonly handle = createValidationHandler((m) => this.onmessage?.({ data: structuredClone(m) }));
  postMessage(msg: ValidationRequest): void {
    this.inbox.push(structuredClone(msg));
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Processes the oldest queued request. */
  step(): void {
    this.handle(this.inbox.shift()!);
  }
  crash(message: string): void {
    this.onerror?.({ message });
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const views: ValidationView[] = [];
  const failures: string[] = [];
  const client = new ValidationClient(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    (v) => views.push(v),
    (line) => failures.push(line),
  );
  const history = new History(makeTemplate('single-host'));
  const last = () => views.at(-1)!;
  return { client, history, workers, views, failures, last };
}

const vepa = (h: History) => ({ type: 'updateElement' as const, id: Object.values(h.design.elements).find((e) => e.kind === 'vswitch')!.id, changes: { evbMode: 'vepa' } });
const rename = (h: History, name: string) => ({ type: 'setMeta' as const, changes: { name } });

describe('ValidationClient', () => {
  it('sends the design once, then coalesces the patches of edits made while the worker is busy', () => {
    const { client, history, workers, last } = setup();
    client.attach(history);
    expect(workers[0]!.inbox.map((m) => m.type)).toEqual(['load']);
    expect(last().pending).toBe(true);
    history.execute(vepa(history));
    history.execute(rename(history, 'a'));
    // Nothing more is sent until the worker answers: edits never queue up behind validation.
    expect(workers[0]!.inbox).toHaveLength(1);
    workers[0]!.step();
    // The answer is for the design before the edits: stale, so not shown; the edits go out as one message.
    expect(last().pending).toBe(true);
    expect(workers[0]!.inbox.map((m) => m.type)).toEqual(['patch']);
    workers[0]!.step();
    expect(last().pending).toBe(false);
    expect(last().diagnostics).toEqual(validateDesign(history.design, ALL_RULES).diagnostics);
    expect(last().summary.error).toBeGreaterThan(0);
  });

  it('replaces a crashed worker, resends the whole design and reports one line', () => {
    const { client, history, workers, failures, last } = setup();
    client.attach(history);
    workers[0]!.step();
    history.execute(vepa(history));
    workers[0]!.crash('out of memory');
    expect(workers[0]!.terminated).toBe(true);
    expect(failures).toEqual(['Validation: the validator crashed (out of memory); restarted it']);
    expect(workers[1]!.inbox.map((m) => m.type)).toEqual(['load']);
    workers[1]!.step();
    expect(last()).toMatchObject({ pending: false, stopped: null });
    expect(last().diagnostics).toEqual(validateDesign(history.design, ALL_RULES).diagnostics);
  });

  it('stops after repeated failures and tries again on the next edit', () => {
    const { client, history, workers, failures, last } = setup();
    client.attach(history);
    workers[0]!.crash('boom');
    workers[1]!.crash('boom');
    expect(workers).toHaveLength(2);
    expect(failures.at(-1)).toBe('Validation stopped: the validator crashed (boom). It retries after the next edit.');
    expect(last().stopped).not.toBeNull();
    history.execute(vepa(history));
    expect(workers[2]!.inbox.map((m) => m.type)).toEqual(['load']);
    workers[2]!.step();
    expect(last()).toMatchObject({ stopped: null, pending: false });
  });

  it('ignores answers from a replaced worker and after the design closed', () => {
    const { client, history, workers, views, last } = setup();
    client.attach(history);
    const old = workers[0]!;
    old.crash('x');
    // The dead worker answering late (it was terminated, but a message may already be on its way).
    const before = views.length;
    old.step();
    expect(views.length).toBe(before);
    client.detach();
    workers[1]!.step();
    expect(last().diagnostics).toEqual([]);
    expect(last().pending).toBe(false);
  });

  it('a reset sends the new design whole', () => {
    const { client, history, workers } = setup();
    client.attach(history);
    workers[0]!.step();
    history.reset(makeTemplate('empty'));
    expect(workers[0]!.inbox.map((m) => m.type)).toEqual(['load']);
  });
});
