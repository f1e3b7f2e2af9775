/**
 * Properties of the vSwitch QoS fields (elements/qos.ts): random QoS on port groups and vNICs, each set as one undo
 * step, round-trips through the topology JSON unchanged and undoes back to the original; a document written before
 * QoS (no `qos` anywhere) loads with nothing migrated or repaired. The project file stores elements as the same JSON;
 * test/unit/electron/store.test.ts round-trips arbDesign, whose port groups and vNICs carry random QoS too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { History } from '../history/history';
import { exportTopologyJson, importTopologyJson } from '../formats/topology';
import { makeTemplate } from '../templates';
import type { Design } from './design';
import { QOS_CLASS_MODES, qosSchema, type ElementOf, type Qos } from './elements';

const RUNS = Number(process.env.RACKPLANE_PROPERTY_RUNS ?? 100);

const arbQos: fc.Arbitrary<Qos> = fc.record(
  {
    limitGbps: fc.oneof(fc.constantFrom(1, 2.5, 10, 25), fc.double({ min: 1e-3, max: 1e5, noNaN: true })),
    reservationGbps: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e5, noNaN: true }).map((v) => (Object.is(v, -0) ? 0 : v))),
    shares: fc.integer({ min: 1, max: 100 }),
    classMode: fc.constantFrom(...QOS_CLASS_MODES),
    classPriority: fc.integer({ min: 0, max: 7 }),
    classWeight: fc.integer({ min: 1, max: 100 }),
  },
  { requiredKeys: [] },
);

const ofKind = <K extends 'vm' | 'vswitch'>(d: Design, kind: K) => Object.values(d.elements).filter((e): e is ElementOf<K> => e.kind === kind);

describe('QoS fields', () => {
  it('set on port groups and vNICs (one step each) round-trip through topology JSON and undo to the original', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.option(arbQos, { nil: undefined })), { minLength: 1, maxLength: 8 }), (edits) => {
        const original = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
        const h = new History(original);
        for (const [a, b, qos] of edits) {
          if (a % 2 === 0) {
            const vs = ofKind(h.design, 'vswitch')[b % 2]!;
            const k = (b >> 1) % vs.portGroups.length;
            const portGroups = vs.portGroups.map((g, i) => {
              if (i !== k) return g;
              const { qos: _old, ...plain } = g;
              return qos ? { ...plain, qos } : plain;
            });
            h.execute({ type: 'updateElement', id: vs.id, changes: { portGroups } });
          } else {
            const vm = ofKind(h.design, 'vm')[b % 4]!;
            const { qos: _old, ...plain } = vm.vnics[0]!;
            h.execute({ type: 'updateElement', id: vm.id, changes: { vnics: [qos ? { ...plain, qos } : plain] } });
          }
        }
        const edited = h.design;
        const back = importTopologyJson(exportTopologyJson(edited));
        if (!back.ok) throw new Error(back.reason);
        expect(back.repairs).toEqual([]);
        expect(back.design).toEqual(edited);
        for (let i = 0; i < edits.length; i++) h.undo();
        expect(h.design).toEqual(original);
      }),
      { numRuns: RUNS },
    );
  });

  it('a document without QoS loads unchanged: nothing migrated, nothing repaired, no qos field added', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    const text = exportTopologyJson(d);
    expect(text).not.toContain('"qos"');
    const r = importTopologyJson(text);
    if (!r.ok) throw new Error(r.reason);
    expect(r.migrations).toEqual([]);
    expect(r.repairs).toEqual([]);
    expect(exportTopologyJson(r.design)).toBe(text);
  });

  it('refuses values outside the sources’ ranges (shares 1-100, 802.1p priority 0-7, limit > 0)', () => {
    expect(qosSchema.safeParse({ shares: 0 }).success).toBe(false);
    expect(qosSchema.safeParse({ shares: 101 }).success).toBe(false);
    expect(qosSchema.safeParse({ classPriority: 8 }).success).toBe(false);
    expect(qosSchema.safeParse({ limitGbps: 0 }).success).toBe(false);
    expect(qosSchema.safeParse({ reservationGbps: -1 }).success).toBe(false);
    expect(qosSchema.safeParse({ classMode: 'wfq' }).success).toBe(false);
    expect(qosSchema.safeParse({ limitGbps: 2, reservationGbps: 1, shares: 100, classMode: 'strict', classPriority: 7 }).success).toBe(true);
  });
});
