/// <reference types="vite/client" />
// The scenario file format: docs/scenarios.md's example is the CI fixture and loads; every bad field is one line
// that names it; ids are checked against the design; export → import gives the scenarios back.
import { describe, expect, it } from 'vitest';
import doc from '../../docs/scenarios.md?raw';
import fixtureText from '../../test/fixtures/scenarios/pipeline.json?raw';
import rackText from '../../test/fixtures/scenarios/rack.json?raw';
import { exportScenarioFile, parseScenarioFile, scenarioReferenceProblem } from './scenarios';
import { importTopologyJson } from './topology';
import type { Scenario } from '../sim/simulate';
import { scenarioSchema } from '../sim/persist';

const rack = (() => {
  const r = importTopologyJson(rackText);
  if (!r.ok) throw new Error(r.reason);
  return r.design;
})();
const file = (scenarios: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ format: 'rackplane-scenarios', version: 1, scenarios, ...extra });
const reason = (text: string) => {
  const r = parseScenarioFile(text);
  return r.ok ? scenarioReferenceProblem(rack, r.scenarios) : r.reason;
};
const flow = { from: { vm: 'r01.h001.vm01' }, to: { vm: 'r01.h002.vm01' } };

describe('scenario file format', () => {
  it("docs/scenarios.md's example is the CI fixture, and it loads against the fixture design", () => {
    const block = /## Example[\s\S]*?```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    expect(JSON.parse(block!)).toEqual(JSON.parse(fixtureText));
    const r = parseScenarioFile(fixtureText);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(scenarioReferenceProblem(rack, r.scenarios)).toBeNull();
    expect(r.scenarios[0]).toMatchObject({
      name: 'h001 to h002, one uplink down',
      maxPayload: 256,
      downtimeLimitSec: 0.3,
      flows: [{ id: 'app', src: { vm: 'r01.h001.vm01' }, dst: { vm: 'r01.h002.vm01' }, demandGbps: null, class: 'app' }, { id: 'db' }],
      failures: [{ vswitch: 'r01.h001.vs0', uplink: 'up0' }],
    });
    // What a file gives is a scenario a project can store as it is.
    for (const s of r.scenarios) expect(scenarioSchema.safeParse(s).success).toBe(true);
  });

  it('fills flow ids and reads "external" and "elastic"', () => {
    const r = parseScenarioFile(file([{ name: 's', flows: [{ ...flow, demandGbps: 5 }, flow, { from: { vm: 'r01.h001.vm01' }, to: 'external', demandGbps: 'elastic' }] }]));
    expect(r.ok && r.scenarios[0]!.flows.map((f) => [f.id, f.demandGbps, f.dst])).toEqual([
      ['r01.h001.vm01->r01.h002.vm01', 5, { vm: 'r01.h002.vm01' }],
      ['r01.h001.vm01->r01.h002.vm01#2', null, { vm: 'r01.h002.vm01' }],
      ['r01.h001.vm01->external', null, { external: true }],
    ]);
  });

  it.each([
    ['not JSON', '{', /^not JSON: /],
    ['a topology file', JSON.stringify({ format: 'rackplane-topology', version: 3 }), /^format: expected "rackplane-scenarios" \(got "rackplane-topology"\)$/],
    ['a newer version', file([], { version: 2 }), /^version: expected 1 /],
    ['no name', file([{ flows: [] }]), /^scenarios\[0\]\.name: /],
    ['a misspelt field', file([{ name: 's', flowz: [] }]), /^scenarios\[0\]: Unrecognized key: "flowz"$/],
    ['a bad demand', file([{ name: 's', flows: [{ ...flow, demandGbps: 'fast' }] }]), /^scenarios\[0\]\.flows\[0\]\.demandGbps: expected a positive number of Gb\/s or "elastic"$/],
    ['a bad end', file([{ name: 's', flows: [{ ...flow, to: { vmm: 'x' } }] }]), /^scenarios\[0\]\.flows\[0\]\.to: a flow end .* needs one of "vm", "storage", "host", "external"$/],
    ['a failure without its port', file([{ name: 's', failures: [{ nic: 'r01.h001.nic0' }] }]), /^scenarios\[0\]\.failures\[0\]\.port: /],
    ['an unknown failure', file([{ name: 's', failures: [{ cable: 'x' }] }]), /^scenarios\[0\]\.failures\[0\]: a failure needs one of "link", "switch", "nic", "vswitch", "host"$/],
    ['minRate without a subject', file([{ name: 's', expectations: [{ minRate: 1 }] }]), /^scenarios\[0\]\.expectations\[0\]: minRate needs either "flow" or "class"$/],
    ['a bad link class', file([{ name: 's', expectations: [{ maxUtilisation: 0.8, linkClass: 'spine' }] }]), /^scenarios\[0\]\.expectations\[0\]\.linkClass: /],
    ['noDrops false', file([{ name: 's', expectations: [{ noDrops: false }] }]), /^scenarios\[0\]\.expectations\[0\]\.noDrops: /],
    ['two scenarios of one name', file([{ name: 's' }, { name: 's' }]), /^scenarios\[1\]\.name: a second scenario named "s"$/],
    ['two flows of one id', file([{ name: 's', flows: [{ ...flow, id: 'f' }, { ...flow, id: 'f' }] }]), /^scenarios\[0\]\.flows\[1\]\.id: a second flow with id "f"$/],
  ])('refuses %s with one line naming the field', (_what, text, expected) => {
    const r = parseScenarioFile(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(expected);
    expect(r.reason).not.toContain('\n');
  });

  it.each([
    [{ name: 's', flows: [{ ...flow, to: { vm: 'x' } }] }, 'scenarios[0].flows[0].to.vm: no VM "x" in the design'],
    [{ name: 's', flows: [{ from: { storage: 'x' }, to: 'external' }] }, 'scenarios[0].flows[0].from.storage: no storage target "x" in the design'],
    [{ name: 's', migrations: [{ vm: 'r01.h001.vm01', to: 'x' }] }, 'scenarios[0].migrations[0].to: no host "x" in the design'],
    [{ name: 's', failures: [{ switch: 'r01.tor-a' }, { host: 'r01.h001' }, { link: 'x' }] }, 'scenarios[0].failures[2].link: no link "x" in the design'],
    [{ name: 's', failures: [{ vswitch: 'r01.h001.vs0', uplink: 'up7' }] }, 'scenarios[0].failures[0].uplink: r01.h001.vs0 has no uplink "up7"'],
    [{ name: 's', flows: [flow], expectations: [{ minRate: 1, flow: 'nope' }] }, 'scenarios[0].expectations[0].flow: the scenario has no flow "nope"'],
    [{ name: 's', flows: [flow], expectations: [{ minRate: 1, class: 'gold' }] }, 'scenarios[0].expectations[0].class: no flow of the scenario has class "gold"'],
    [{ name: 's', expectations: [{ maxDowntime: 1 }] }, 'scenarios[0].expectations[0].maxDowntime: the scenario has no migrations'],
  ])('refuses an id the design or scenario lacks: %j', (scenario, expected) => {
    expect(reason(file([scenario]))).toBe(expected);
  });

  it('export then import gives the same scenarios, every parameter kept', () => {
    const s: Scenario = {
      name: 'all of it',
      flows: [
        { id: 'f', src: { vm: 'r01.h001.vm01', vnic: 'vnic0' }, dst: { external: true }, demandGbps: 2, class: 'gold', sizeGB: 10 },
        { id: 'g', src: { host: 'r01.h001' }, dst: { vm: 'r01.h002.vm01' }, demandGbps: null },
      ],
      migrations: [{ vm: 'r01.h001.vm02', to: 'r01.h002', policy: 'xen', bandwidthGbps: null }],
      maxPayload: 512,
      downtimeLimitSec: 0.5,
      diskWriteGbps: 1,
      networkUpdateSec: 0.02,
      migrationPolicy: 'qemu',
      migrationBandwidthGbps: 10,
      failures: [{ nic: 'r01.h001.nic0', port: 'eth1' }],
      expectations: [{ name: 'gold', minRate: 1, class: 'gold' }, { maxTotal: 30, vm: 'r01.h001.vm02' }, { noDrops: true }],
    };
    const text = exportScenarioFile([s]);
    const back = parseScenarioFile(text);
    expect(back).toEqual({ ok: true, scenarios: [s] });
    expect(exportScenarioFile(back.ok ? back.scenarios : [])).toBe(text);
  });
});

describe('topology JSON scenarios array', () => {
  it('round-trips a design with its scenarios; a document without them has none', async () => {
    const { exportTopologyJson } = await import('./topology');
    const parsed = parseScenarioFile(fixtureText);
    if (!parsed.ok) throw new Error(parsed.reason);
    const text = exportTopologyJson(rack, { scenarios: parsed.scenarios });
    const back = importTopologyJson(text);
    expect(back.ok && back.scenarios).toEqual(parsed.scenarios);
    expect(back.ok && back.repairs).toEqual([]);
    expect(back.ok && exportTopologyJson(back.design, { scenarios: back.scenarios })).toBe(text);
    expect(exportTopologyJson(rack, { scenarios: [] })).toBe(exportTopologyJson(rack));
    expect(importTopologyJson(exportTopologyJson(rack))).not.toHaveProperty('scenarios');
  });

  it('drops a bad scenario with a repair naming the field, and keeps the design and the good ones', () => {
    const doc = JSON.parse(rackText) as Record<string, unknown>;
    doc.scenarios = [{ name: 'good' }, { name: 'bad', failures: [{ lnk: 'x' }] }, { name: 'good' }];
    const r = importTopologyJson(JSON.stringify(doc));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenarios?.map((s) => s.name)).toEqual(['good']);
    expect(r.repairs).toEqual([
      'dropped scenario #2: scenarios[1].failures[0]: a failure needs one of "link", "switch", "nic", "vswitch", "host"',
      'dropped a second scenario named “good”',
    ]);
  });
});
