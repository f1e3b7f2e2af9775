import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import type { Lag } from '../../model/elements';
import { diagnosticsOf, TestDesign, type RuleCase } from '../test-support';
import { FEX_001, FEX_002, FEX_RULES, fexOversubscriptionRule } from './fex';
import { ruleCaseTests } from '../rule-cases.test-support';

const lag = (id: string, mlagPeer: string | null): Lag => ({ id, name: id, lacp: true, mlagPeer: mlagPeer as Lag['mlagPeer'] });

/** Controlling bridge t1 (and a second switch t2) with extender f1 whose u0 goes to t1. */
function extender(fex: Partial<KindProps<'fex'>> = {}, t2: Partial<KindProps<'tor'>> = {}) {
  const t = new TestDesign().tor('t1', { controllingBridge: true }).tor('t2', t2);
  t.add('fex', 'f1', { controllingBridge: 't1' as KindProps<'fex'>['controllingBridge'], ...fex });
  return t.eth('f1.u0', ['f1', 'u0'], ['t1', 'p0']);
}

/** f1 (8×10G host ports, 10G uplink to t1) with `hosts` storage targets on its host ports. */
function loaded(hosts: number) {
  const t = extender({ hostPorts: 8, hostPortSpeedGbps: 10, uplinks: 2, uplinkSpeedGbps: 10 });
  for (let i = 0; i < hosts; i++) {
    t.add('storage', `s${i}`, { speedGbps: 10, ports: 1 });
    t.eth(`s${i}.p0`, [`s${i}`, 'p0'], ['f1', `h${i}`]);
  }
  return t;
}

const cases: RuleCase[] = [
  {
    rule: FEX_001,
    name: 'switch on a FEX host port',
    trigger: () => extender().eth('bad', ['f1', 'h0'], ['t2', 'p0']).design(),
    expect: [{ severity: 'error', elements: ['f1', 't2'] }],
    nearMiss: () => loaded(1).design(),
  },
  {
    rule: FEX_001,
    name: 'FEX without a controlling bridge',
    trigger: () => extender({ controllingBridge: null }).design(),
    expect: [{ severity: 'error', elements: ['f1', 't1'] }],
    nearMiss: () => extender().design(),
    fix: 0,
  },
  {
    rule: FEX_001,
    name: 'FEX uplink to a switch other than its bridge',
    trigger: () => extender().eth('f1.u1', ['f1', 'u1'], ['t2', 'p0']).design(),
    expect: [{ severity: 'error', elements: ['f1', 't1', 't2'] }],
    // Dual-homing to the bridge's MLAG partner is one logical bridge (active-active FEX).
    nearMiss: () => {
      const t = extender({}, { lags: [lag('peer', 't1')] }).eth('f1.u1', ['f1', 'u1'], ['t2', 'p0']);
      t.patch('t1', { lags: [lag('peer', 't2')] });
      return t.design();
    },
  },
  {
    rule: FEX_002,
    name: 'five 10G hosts on one 10G uplink',
    trigger: () => loaded(5).design(),
    expect: [{ severity: 'warning', elements: ['f1'] }],
    nearMiss: () => loaded(4).design(),
  },
];

describe('fabric extender rules', () => {
  ruleCaseTests(cases, FEX_RULES);

  it('reports the ratio and takes a configurable threshold', () => {
    const d = loaded(5).design();
    expect(diagnosticsOf(d, FEX_002)[0]!.message).toMatch(/oversubscribed 5\.0:1: 5 cabled host ports carry 50\.0 Gb\/s over 1 uplink of 10\.0 Gb\/s/);
    expect(diagnosticsOf(d, fexOversubscriptionRule(6))).toEqual([]);
    expect(diagnosticsOf(loaded(3).design(), fexOversubscriptionRule(2))).toHaveLength(1);
  });

  it('assigns the one switch the uplinks go to as controlling bridge', () => {
    const [d] = diagnosticsOf(extender({ controllingBridge: null }).design(), FEX_001);
    expect(d!.fix!.commands).toEqual([{ type: 'updateElement', id: 'f1', changes: { controllingBridge: 't1' } }]);
  });
});
