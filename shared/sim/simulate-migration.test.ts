// Migrations inside a whole simulation: local-disk copies, the edge update, and the scenario's parameters.
import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import type { Design } from '../model/design';
import type { Element } from '../model/elements';
import { MIGRATION_SCENARIO_DEFAULTS, simulate, type Scenario } from './simulate';

const H1 = 'r01.h001';
const H2 = 'r01.h002';
const VM = `${H1}.vm02`;
const GiB = 1024 ** 3;
const scenario = (extra: Partial<Scenario> = {}): Scenario => ({ name: 't', flows: [], migrations: [{ vm: VM, to: H2 }], maxPayload: 256, downtimeLimitSec: 0.3, ...extra });

/** The design with some fields of one element replaced (designs are immutable). */
function withProps(d: Design, id: string, props: Record<string, unknown>): Design {
  return { ...d, elements: { ...d.elements, [id]: { ...d.elements[id]!, ...props } as Element } };
}
const rack = () => makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });

describe('simulate: migrations', () => {
  it('moves no disk off a host on shared storage', () => {
    const m = simulate(rack(), scenario()).migrations[0]!;
    expect(m.result).toMatchObject({ storageBytes: 0, storageSeconds: 0, storageRounds: [] });
  });

  it('copies the disk first when the source host keeps it locally, at the migration path rate', () => {
    const shared = simulate(rack(), scenario()).migrations[0]!;
    const d = withProps(withProps(rack(), H1, { storage: 'local' }), VM, { diskGiB: 100 });
    const m = simulate(d, scenario()).migrations[0]!;
    const r = m.result!;
    expect(r.storageConverged).toBe(true);
    expect(r.storageRounds![0]!.sentBytes).toBe(100 * GiB);
    expect(r.storageBytes).toBeGreaterThan(100 * GiB);
    expect(r.storageSeconds).toBeCloseTo(r.storageBytes! / ((m.rateGbps * 1e9) / 8), 9);
    expect(r.totalSeconds).toBeGreaterThan(shared.result!.totalSeconds + r.storageSeconds! * 0.99);
  });

  it('uses the scenario disk write rate: faster writes, more dirty blocks to resend', () => {
    const d = withProps(withProps(rack(), H1, { storage: 'local' }), VM, { diskGiB: 100 });
    const slow = simulate(d, scenario({ diskWriteGbps: 0.1 })).migrations[0]!.result!;
    const fast = simulate(d, scenario({ diskWriteGbps: 4 })).migrations[0]!.result!;
    expect(fast.storageBytes!).toBeGreaterThan(slow.storageBytes!);
  });

  it('ends with the edge update: RARP on a VEB edge (not downtime), VDP associate on VEPA (downtime)', () => {
    const veb = simulate(rack(), scenario()).migrations[0]!;
    expect(veb.edgeUpdate).toBe('rarp');
    expect(veb.result).toMatchObject({ networkUpdateSeconds: MIGRATION_SCENARIO_DEFAULTS.networkUpdateSec, networkUpdateInDowntime: false });
    const vsId = Object.values(rack().elements).find((e) => e.kind === 'vswitch' && e.parent === H1)!.id;
    const vepa = simulate(withProps(rack(), vsId, { evbMode: 'vepa' }), scenario({ networkUpdateSec: 0.05 })).migrations[0]!;
    expect(vepa.edgeUpdate).toBe('vdp-associate');
    expect(vepa.result).toMatchObject({ networkUpdateSeconds: 0.05, networkUpdateInDowntime: true });
    const last = vepa.result!.rounds.at(-1)!;
    expect(vepa.result!.downtimeSeconds).toBeCloseTo(last.seconds + 0.05, 12);
  });
});
