// Issue #16 item 3: the streamed topology JSON (exportTopologyJsonChunks, what `rackplane export --format json`
// writes) is byte for byte the text exportTopologyJson gives, scenarios included, and reads back to the design.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbDesign } from '../model/arbitraries.test-support';
import { makeTemplate } from '../templates';
import type { Scenario } from '../sim/simulate';
import { exportTopologyJson, exportTopologyJsonChunks, importTopologyJson } from './topology';

describe('exportTopologyJsonChunks', () => {
  it('joins to exportTopologyJson for arbitrary designs', () => {
    fc.assert(
      fc.property(arbDesign({ maxElements: 12, maxLinks: 12 }), (d) => {
        expect([...exportTopologyJsonChunks(d)].join('')).toBe(exportTopologyJson(d));
      }),
      { numRuns: 60 },
    );
  });

  it('cuts a fabric of thousands of records into runs, and the joined text reads back to the design', () => {
    const d = makeTemplate('fabric', { hosts: 160, vmsPerHost: 10 });
    const scenarios: Scenario[] = [{ name: 'one', flows: [], migrations: [], maxPayload: 256, downtimeLimitSec: 0.3 }];
    const pieces = [...exportTopologyJsonChunks(d)];
    expect(Object.keys(d.elements).length).toBeGreaterThan(2000);
    expect(pieces.length).toBeGreaterThan(4);
    const text = pieces.join('');
    expect(text).toBe(exportTopologyJson(d));
    const back = importTopologyJson(text);
    expect(back.ok && back.design).toEqual(d);
    expect([...exportTopologyJsonChunks(d, { scenarios })].join('')).toBe(exportTopologyJson(d, { scenarios }));
  });
});
