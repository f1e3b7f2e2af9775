// project:autosave carries the simulation state into the recovery copy; project:recover brings it back, so a
// recovered design returns with its scenarios and last results (stale when the design changed after the run).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../../electron/ipc/handlers';
import { designToDocument, loadDocument } from '../../../shared/formats/topology';
import type { IpcResult } from '../../../shared/ipc/contract';
import type { Design } from '../../../shared/model/design';
import { designFingerprint, EMPTY_SIMULATION, type ProjectSimulation } from '../../../shared/sim/persist';
import { defaultScenario } from '../../../shared/sim/scenarios';
import { simulate } from '../../../shared/sim/simulate';
import { makeTemplate } from '../../../shared/templates';
import { restoreSimulation } from '../../../renderer/simulation/persistence';
import { fakeDeps } from './support/fake-deps';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-recovery-sim-');

function setup(): Handlers {
  return createHandlers(fakeDeps(join(tempDir(), 'userData')));
}

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
  return r.value;
}

const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
const scenario = { ...defaultScenario(design), name: 'every VM', migrations: [{ vm: 'r01.h001.vm01', to: 'r01.h002' }] };
const sim: ProjectSimulation = {
  current: 'every VM',
  scenarios: [scenario],
  results: [{ scenario, result: simulate(design, scenario), designFingerprint: designFingerprint(design), runAt: '2026-01-01T00:00:00.000Z' }],
};
const designOf = (document: unknown): Design => {
  const r = loadDocument(document);
  if (!r.ok) throw new Error(r.reason);
  return r.design;
};

describe('recovery copies with simulation state', () => {
  it('bring back the scenarios and results autosaved with an untitled design', async () => {
    const h = setup();
    const { id } = value(await h['project:autosave']({ document: designToDocument(design), simulation: sim }));
    expect(value(await h['project:recoverable']()).map((r) => r.id)).toEqual([id]);
    const opened = value(await h['project:recover'](id));
    expect(opened.simulation).toEqual(sim);
    expect(opened.repairs).toEqual([]);
    // The design did not change after the run: the result comes back current.
    expect(restoreSimulation(opened.simulation, designOf(opened.document)).stale).toBe(false);
  });

  it('mark a result stale when the autosaved design changed after the run', async () => {
    const h = setup();
    const edited: Design = { ...design, elements: { ...design.elements, 'r01.h001': { ...design.elements['r01.h001']!, x: 999 } as Design['elements'][string] } };
    const { id } = value(await h['project:autosave']({ document: designToDocument(edited), simulation: sim }));
    const opened = value(await h['project:recover'](id));
    const restored = restoreSimulation(opened.simulation, designOf(opened.document));
    expect(restored.run?.result.migrations[0]!.result).toEqual(sim.results[0]!.result.migrations[0]!.result);
    expect(restored.stale).toBe(true);
  });

  it('hold an empty state when the renderer sends none', async () => {
    const h = setup();
    const { id } = value(await h['project:autosave']({ document: designToDocument(design) }));
    expect(value(await h['project:recover'](id)).simulation).toEqual(EMPTY_SIMULATION);
  });

  it('refuse a malformed simulation payload with one line and write nothing', async () => {
    const h = setup();
    const r = await h['project:autosave']({ document: designToDocument(design), simulation: { current: 5 } as unknown as ProjectSimulation });
    expect(r.ok).toBe(false);
    expectOneLine(!r.ok && 'reason' in r ? r.reason : '');
    expect(value(await h['project:recoverable']())).toEqual([]);
  });
});
