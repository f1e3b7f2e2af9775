// The design fingerprint (FNV-1a 64) and the checks applied to stored simulation state.
import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import { checkProjectSimulation, decodeJson, designFingerprint, encodeJson, fnv1a64 } from './persist';
import { defaultScenario } from './scenarios';
import { simulate } from './simulate';

/** Reference FNV-1a 64 with BigInt over TextEncoder bytes: slow, obviously right. */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(text)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('matches the published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes the UTF-8 bytes, surrogate pairs and lone surrogates included', () => {
    for (const s of ['é', 'Ω→∞', 'host 🖥️ rack', '\ud800x', 'x\udc00', '\u07ff\u0800\uffff', 'a'.repeat(1000)]) expect(fnv1a64(s), s).toBe(reference(s));
  });
});

describe('designFingerprint', () => {
  const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
  it('ignores the metadata (saving bumps the revision, renaming changes nothing simulated)', () => {
    expect(designFingerprint({ ...d, meta: { name: 'other', description: 'x', revision: 9 } })).toBe(designFingerprint(d));
    expect(designFingerprint(d)).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
  });

  it('changes when an element changes', () => {
    const [id, el] = Object.entries(d.elements)[0]!;
    const moved = { ...d, elements: { ...d.elements, [id]: { ...el, x: el.x + 10 } } };
    expect(designFingerprint(moved)).not.toBe(designFingerprint(d));
  });
});

describe('encodeJson / decodeJson', () => {
  it('keeps non-finite numbers', () => {
    expect(decodeJson(encodeJson({ a: Infinity, b: [-Infinity, 1], c: { $number: 'plain' } }))).toEqual({ a: Infinity, b: [-Infinity, 1], c: { $number: 'plain' } });
  });
});

describe('checkProjectSimulation', () => {
  const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
  const s = { ...defaultScenario(d), name: 'a' };
  it('keeps the first of duplicate names, and clears a current name that names nothing', () => {
    const r = checkProjectSimulation({ current: 'zzz', scenarios: [s, { ...s, flows: [] }], results: [] });
    expect(r.simulation).toEqual({ current: null, scenarios: [s], results: [] });
    expect(r.repairs).toEqual(['dropped a second stored scenario named “a”']);
  });

  it('treats missing or non-array parts as empty', () => {
    expect(checkProjectSimulation(undefined)).toEqual({ simulation: { current: null, scenarios: [], results: [] }, repairs: [] });
    expect(checkProjectSimulation({ scenarios: 'x', results: 7, current: 3 }).simulation).toEqual({ current: null, scenarios: [], results: [] });
  });
});

describe('stored migrations with local-disk copies and the edge update', () => {
  const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
  const vm = Object.values(d.elements).find((e) => e.kind === 'vm' && e.parent === 'r01.h001')!;
  const local = { ...d, elements: { ...d.elements, 'r01.h001': { ...d.elements['r01.h001']!, storage: 'local' } } } as typeof d;
  const scenario = { ...defaultScenario(d), name: 'move', migrations: [{ vm: vm.id, to: 'r01.h002' }], diskWriteGbps: 1, networkUpdateSec: 0.02 };
  const stored = (result: unknown) => ({ current: 'move', scenarios: [scenario], results: [{ scenario, result, designFingerprint: designFingerprint(local), runAt: 'now' }] });

  it('keep every new field through the check (nothing is stripped), encoded as the file stores it', () => {
    const result = simulate(local, scenario);
    expect(result.migrations[0]!.result!.storageBytes).toBeGreaterThan(0);
    const r = checkProjectSimulation(decodeJson(encodeJson(stored(result))) as Parameters<typeof checkProjectSimulation>[0]);
    expect(r.repairs).toEqual([]);
    expect(r.simulation.scenarios[0]).toEqual(scenario);
    expect(r.simulation.results[0]!.result).toEqual(result);
  });

  it('still accept results and scenarios stored before those fields existed', () => {
    const result = simulate(local, scenario);
    const old = {
      ...result,
      migrations: result.migrations.map(({ edgeUpdate: _e, result: m, ...rest }) => {
        const { storageBytes: _a, storageSeconds: _b, storageRounds: _c, storageConverged: _d, resumeSeconds: _f, networkUpdateSeconds: _g, networkUpdateInDowntime: _h, ...memory } = m!;
        return { ...rest, result: memory };
      }),
    };
    const { diskWriteGbps: _w, networkUpdateSec: _n, ...oldScenario } = scenario;
    const r = checkProjectSimulation({ current: 'move', scenarios: [oldScenario], results: [{ scenario: oldScenario, result: old, designFingerprint: 'fnv1a64:0', runAt: 'then' }] });
    expect(r.repairs).toEqual([]);
    expect(r.simulation.results[0]!.result.migrations[0]!.result!.storageBytes).toBeUndefined();
  });
});
