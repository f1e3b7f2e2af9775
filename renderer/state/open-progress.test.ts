import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RackplaneApi } from '../../shared/ipc/contract';
import { OPEN_PROGRESS_DELAY_MS, OpenProgress } from './open-progress';

/** A bridge whose `project:reading` event the test fires, recording invokes. */
function fakeApi() {
  const listeners = new Set<() => void>();
  const invoked: string[] = [];
  const api = {
    invoke: (channel: string) => (invoked.push(channel), Promise.resolve({ ok: true, value: true })),
    on: (channel: string, fn: () => void) => {
      if (channel !== 'project:reading') throw new Error(channel);
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  } as unknown as RackplaneApi;
  return { api, invoked, reading: () => listeners.forEach((fn) => fn()), listeners };
}

afterEach(() => vi.useRealTimers());

describe('the Opening… panel', () => {
  it('waits for main to start reading (the Open dialog may be up), then shows after the delay, and hides when done', async () => {
    vi.useFakeTimers();
    const p = new OpenProgress();
    const f = fakeApi();
    let finish!: (v: string) => void;
    const work = new Promise<string>((r) => (finish = r));
    const tracked = p.track('Opening', f.api, work);
    // The user takes a long time in the native dialog: no panel behind it.
    vi.advanceTimersByTime(10 * OPEN_PROGRESS_DELAY_MS);
    expect(p.getState()).toEqual({ kind: 'idle' });
    f.reading();
    vi.advanceTimersByTime(OPEN_PROGRESS_DELAY_MS - 1);
    expect(p.getState()).toEqual({ kind: 'idle' });
    vi.advanceTimersByTime(1);
    expect(p.getState()).toEqual({ kind: 'reading', label: 'Opening' });
    p.cancel();
    expect(f.invoked).toEqual(['project:cancelOpen']);
    finish('done');
    await expect(tracked).resolves.toBe('done');
    expect(p.getState()).toEqual({ kind: 'idle' });
    expect(f.listeners.size).toBe(0);
  });

  it('never flashes for a quick read', async () => {
    vi.useFakeTimers();
    const p = new OpenProgress();
    const f = fakeApi();
    const tracked = p.track('Importing', f.api, Promise.resolve(1));
    f.reading();
    await tracked;
    vi.advanceTimersByTime(2 * OPEN_PROGRESS_DELAY_MS);
    expect(p.getState()).toEqual({ kind: 'idle' });
  });
});
