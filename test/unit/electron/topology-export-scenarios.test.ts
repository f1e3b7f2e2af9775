// Issue #13 item 1: the app's File ▸ Export Topology JSON writes the design's scenarios (the `scenarios` array of
// docs/scenarios.md), and File ▸ Import Topology JSON opens them again, the first in the simulation panel. The app's
// Session talks to the real IPC handlers, which write and read real files in a temp folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../../electron/ipc/handlers';
import { importTopologyJson } from '../../../shared/formats/topology';
import type { RackplaneApi } from '../../../shared/ipc/contract';
import { SCENARIO_DEFAULTS } from '../../../shared/sim/scenarios';
import type { Scenario } from '../../../shared/sim/simulate';
import { makeTemplate } from '../../../shared/templates';
import { simulationFor } from '../../../renderer/simulation/controller';
import { draftFromScenario } from '../../../renderer/simulation/persistence';
import { Session } from '../../../renderer/state/session';
import { AppStore } from '../../../renderer/state/store';
import { fakeDeps } from './support/fake-deps';
import { useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-topology-scenarios-');

const design = makeTemplate('rack', { hosts: 4, vmsPerHost: 4 });
const chatty: Scenario = {
  name: 'chatty pair',
  flows: [{ id: 'f0', src: { vm: 'r01.h001.vm01' }, dst: { vm: 'r01.h002.vm01' }, demandGbps: 5 }],
  migrations: [{ vm: 'r01.h003.vm02', to: 'r01.h004' }],
  ...SCENARIO_DEFAULTS,
  failures: [{ switch: 'r01.tor-b' }],
};
const other: Scenario = { name: 'backup', flows: [{ id: 'b', src: { vm: 'r01.h004.vm01' }, dst: { external: true }, demandGbps: null }], migrations: [], ...SCENARIO_DEFAULTS };

/** The preload's api, answered by main's real handlers (events from main are not needed here: `on` never fires). */
const apiOf = (h: Handlers) =>
  ({ invoke: (channel: keyof Handlers, ...args: unknown[]) => (h[channel] as (...a: unknown[]) => unknown)(...args), on: () => () => undefined }) as unknown as RackplaneApi;

describe('Export Topology JSON in the app', () => {
  it('writes the scenarios with the design, and importing the file shows them again', async () => {
    const dir = tempDir();
    const deps = fakeDeps(join(dir, 'userData'));
    const api = apiOf(createHandlers(deps));
    const store = new AppStore();
    store.openDesign(design, null);
    simulationFor(store).restore({ current: chatty.name, scenarios: [chatty, other], results: [] });
    const path = join(dir, 'rack.json');
    deps.answers.push(path);
    await new Session(store, api).exportJson();
    expect(store.getState().message).toMatchObject({ tone: 'success', text: `Exported topology JSON to ${path}` });

    // The file is a topology document whose `scenarios` hold both, the one shown first.
    const text = readFileSync(path, 'utf8');
    const raw = JSON.parse(text) as { format: string; scenarios: { name: string }[] };
    expect(raw.format).toBe('rackplane-topology');
    expect(raw.scenarios.map((s) => s.name)).toEqual(['chatty pair', 'backup']);
    const loaded = importTopologyJson(text);
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.design).toEqual(design);
    expect(loaded.scenarios).toEqual([chatty, other]);

    // Imported in a fresh window: the design, the first scenario in the panel, the other kept for the next save.
    const again = new AppStore();
    deps.answers.push(path);
    await new Session(again, api).importJson();
    expect(again.getState().doc!.design).toEqual(design);
    const sim = simulationFor(again);
    expect(sim.getState().draft).toEqual(draftFromScenario(chatty));
    expect(sim.toSave().scenarios).toEqual([chatty, other]);
  });

  it('writes no scenarios array when the design has none', async () => {
    const dir = tempDir();
    const deps = fakeDeps(join(dir, 'userData'));
    const store = new AppStore();
    store.openDesign(design, null);
    const path = join(dir, 'plain.json');
    deps.answers.push(path);
    await new Session(store, apiOf(createHandlers(deps))).exportJson();
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')) as object)).not.toContain('scenarios');
  });
});
