// Issue #11 item 19: a design made from the chapter6 template in the app opens with the book's two flows in the
// simulation panel, as `rackplane new --template chapter6` stores them in the project.
import { describe, expect, test } from 'vitest';
import type { RackplaneApi } from '../../shared/ipc/contract';
import { CHAPTER6_FLOWS, CHAPTER6_SCENARIO_NAME } from '../../shared/templates/chapter6';
import { simulationFor } from '../simulation/controller';
import { Session } from './session';
import { AppStore } from './store';

/** Main's side of project:new, the only call creating a design makes. */
const api = { invoke: async () => ({ ok: true, value: true }) } as unknown as RackplaneApi;

describe('Session.createFromTemplate', () => {
  test('chapter6 opens with its scenario; other templates with an empty one', async () => {
    const store = new AppStore();
    const session = new Session(store, api);
    expect(await session.createFromTemplate('chapter6', {})).toBe(true);
    const draft = simulationFor(store).getState().draft;
    expect(draft.name).toBe(CHAPTER6_SCENARIO_NAME);
    expect(draft.flows.map((f) => [f.src, f.dst])).toEqual(CHAPTER6_FLOWS.map((f) => [f.src, f.dst]));
    expect(await session.createFromTemplate('single-host', {})).toBe(true);
    expect(simulationFor(store).getState().draft.flows).toEqual([]);
  });
});
