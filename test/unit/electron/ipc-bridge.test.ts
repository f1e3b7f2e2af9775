// Both ends of the IPC bridge with Electron replaced by a recording fake: main refuses foreign senders
// and delegates to the handlers; the preload exposes only the contract's channels and never the event.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../shared/ipc/channels';
import type { RackplaneApi } from '../../../shared/ipc/contract';
import type { Handlers } from '../../../electron/ipc/handlers';

type Listener = (event: unknown, ...args: unknown[]) => unknown;
const fake = vi.hoisted(() => ({
  handled: new Map<string, Listener>(),
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, Set<Listener>>(),
  invoked: [] as unknown[][],
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Listener) => fake.handled.set(channel, fn),
    removeHandler: (channel: string) => fake.handled.delete(channel),
  },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      fake.invoked.push(args);
      return { ok: true, value: 'from main' };
    },
    on: (channel: string, fn: Listener) => {
      if (!fake.rendererListeners.has(channel)) fake.rendererListeners.set(channel, new Set());
      fake.rendererListeners.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: Listener) => fake.rendererListeners.get(channel)?.delete(fn),
  },
}));

const { registerHandlers, events } = await import('../../../electron/ipc/register');
await import('../../../electron/preload');

describe('registerHandlers', () => {
  const calls: unknown[][] = [];
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((c) => [
      c,
      async (...args: unknown[]) => {
        calls.push([c, ...args]);
        return { ok: true, value: null };
      },
    ]),
  ) as unknown as Handlers;

  beforeEach(() => {
    calls.length = 0;
    fake.handled.clear();
  });

  it('handles every channel, delegating requests from the app origin', async () => {
    const unregister = registerHandlers(handlers, ['app://rackplane']);
    expect([...fake.handled.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    const event = { senderFrame: { url: 'app://rackplane/index.html' } };
    expect(await fake.handled.get('project:openPath')!(event, '/a.rackplane')).toEqual({ ok: true, value: null });
    expect(calls).toEqual([['project:openPath', '/a.rackplane']]);
    unregister();
    expect(fake.handled.size).toBe(0);
  });

  it.each([{ senderFrame: { url: 'https://attacker.example/' } }, { senderFrame: { url: 'app://rackplane.evil/x' } }, { senderFrame: null }, {}])(
    'refuses a request from %j without calling the handler',
    async (event) => {
      registerHandlers(handlers, ['app://rackplane']);
      const r = (await fake.handled.get('project:save')!(event, { document: {}, path: '/x', saveAs: false })) as { ok: boolean; reason: string };
      expect(r).toEqual({ ok: false, reason: "project:save: refused a request from a page that is not Rackplane's own" });
      expect(calls).toEqual([]);
    },
  );

  it('sends events on the contract channels', () => {
    const sent: unknown[][] = [];
    const contents = { send: (...a: unknown[]) => sent.push(a) } as unknown as Parameters<typeof events.menuAction>[0];
    events.menuAction(contents, 'file.save');
    events.closeRequested(contents);
    events.openRequested(contents, '/p.rackplane');
    expect(sent).toEqual([['menu:action', 'file.save'], ['window:closeRequested'], ['project:openRequested', '/p.rackplane']]);
    for (const [channel] of sent) expect(EVENT_CHANNELS as readonly unknown[]).toContain(channel);
  });
});

describe('preload', () => {
  const api = () => fake.exposed.get('rackplane') as RackplaneApi & Record<string, unknown>;

  it('exposes exactly invoke and on as window.rackplane', () => {
    expect([...fake.exposed.keys()]).toEqual(['rackplane']);
    expect(Object.keys(api()).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract channels and refuses others without reaching main', async () => {
    fake.invoked.length = 0;
    expect(await api().invoke('project:openPath', '/a.rackplane')).toEqual({ ok: true, value: 'from main' });
    const invokeAny = api().invoke as (channel: string, ...args: unknown[]) => Promise<unknown>;
    expect(await invokeAny('fs:readFile', '/etc/passwd')).toEqual({ ok: false, reason: 'unknown channel "fs:readFile"' });
    expect(fake.invoked).toEqual([['project:openPath', '/a.rackplane']]);
  });

  it('passes listeners only the payload, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = api().on('project:openRequested', (path) => got.push(path));
    const [listener] = fake.rendererListeners.get('project:openRequested')!;
    listener!({ sender: 'secret ipc event' }, '/x.rackplane');
    expect(got).toEqual(['/x.rackplane']);
    off();
    expect(fake.rendererListeners.get('project:openRequested')!.size).toBe(0);
    const onAny = api().on as (channel: string, fn: () => void) => () => void;
    expect(() => onAny('ipc:raw', () => undefined)).toThrow(/unknown event channel/);
  });
});
