// The export request main parses from the renderer: a real simulation result rides along for the reports; a
// malformed or oversized one is refused before anything is rendered.
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { makeTemplate } from '../templates';
import { exportOptionsSchema, reportSimulationSchema } from './export-request';

const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
const result = simulate(d, { ...defaultScenario(d), migrations: [{ vm: 'r01.h001.vm02', to: 'r01.h002' }] });
const options = (extra: Record<string, unknown> = {}) => ({
  format: 'html',
  scope: 'all',
  layers: ['pcie', 'ethernet', 'virtual'],
  problems: true,
  heat: null,
  png: { scale: 1, background: 'light' },
  pdf: { page: 'A4', orientation: 'portrait', fit: 'page' },
  ...extra,
});

describe('export request: simulation', () => {
  it('accepts a real simulation result, as it was sent, and requests without one', () => {
    const parsed = exportOptionsSchema.safeParse(options({ simulation: result }));
    expect(parsed.success).toBe(true);
    expect(parsed.data!.simulation).toEqual(result);
    expect(parsed.data!.simulation!.migrations[0]!.result!.rounds.length).toBeGreaterThan(0);
    expect(exportOptionsSchema.safeParse(options()).success).toBe(true);
  });

  it('refuses a malformed result: missing lists, wrong types, a null instead of a result', () => {
    const { flows: _flows, ...noFlows } = result;
    expect(exportOptionsSchema.safeParse(options({ simulation: noFlows })).success).toBe(false);
    expect(exportOptionsSchema.safeParse(options({ simulation: { ...result, resources: [{ ...result.resources[0]!, utilisation: 'high' }] } })).success).toBe(false);
    expect(exportOptionsSchema.safeParse(options({ simulation: { ...result, migrations: [{ ...result.migrations[0]!, result: { converged: 'yes' } }] } })).success).toBe(false);
    expect(exportOptionsSchema.safeParse(options({ simulation: null })).success).toBe(false);
  });

  it('bounds its lists', () => {
    const flow = result.flows[0]!;
    expect(reportSimulationSchema.safeParse({ ...result, flows: [{ ...flow, path: Array.from({ length: 10_001 }, () => 'x') }] }).success).toBe(false);
    expect(reportSimulationSchema.safeParse({ ...result, migrations: Array.from({ length: 100_001 }, () => result.migrations[0]!) }).success).toBe(false);
  });
});
