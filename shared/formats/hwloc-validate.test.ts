/// <reference types="vite/client" />
// Real machines must not fail the design rules: an imported corpus machine gets no error-severity diagnostic.
import { describe, expect, it } from 'vitest';
import { importHwloc } from './hwloc';
import { sequentialIds } from '../model/ids';
import { ALL_RULES, validateDesign } from '../validate';
import { applyCommand } from '../history/commands';
import { makeElement } from '../model/defaults';
import { asElementId, asLinkId, asPortName } from '../model/ids';

const FIXTURES = import.meta.glob<string>('../../test/fixtures/hwloc/*.xml', { query: '?raw', import: 'default', eager: true });

describe('validating imported hwloc machines', () => {
  it('reads the fixtures', () => {
    expect(Object.keys(FIXTURES).length).toBeGreaterThanOrEqual(12);
  });

  for (const [path, xml] of Object.entries(FIXTURES)) {
    const file = path.split('/').pop()!;
    for (const devices of ['important', 'all'] as const) {
      it(`${file} (${devices} devices): no errors`, () => {
        const r = importHwloc(xml, { ids: sequentialIds(), devices });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const errors = validateDesign(r.design, ALL_RULES).diagnostics.filter((d) => d.severity === 'error');
        expect(errors.map((e) => `${e.rule}: ${e.message}`)).toEqual([]);
      });
    }
  }

  it('keeps each device on its socket, so a pinned VM given a GPU of the other socket gets NUMA-001 (issue #12 item 4)', () => {
    // 24em64t-2n6c2t-pci.xml: two packages; a Tesla and the ES1000 VGA on socket 0's host bridge, two Teslas on socket 1's (hwloc places
    // each host bridge under its package, and the import gives the root complex that package's index).
    const r = importHwloc(FIXTURES['../../test/fixtures/hwloc/24em64t-2n6c2t-pci.xml']!, { ids: sequentialIds(), devices: 'important' });
    if (!r.ok) throw new Error(r.reason);
    const d = r.design;
    const els = Object.values(d.elements);
    const host = els.find((e) => e.kind === 'host')!;
    const socketOf = (id: string): number => {
      const up = Object.values(d.links).find((l) => l.kind === 'pcie' && l.b.element === id)!;
      const el = d.elements[up.a.element]!;
      return el.kind === 'rootComplex' ? el.socket : socketOf(el.id);
    };
    const gpus = els.filter((e) => e.kind === 'endpoint' && e.deviceClass === 'gpu');
    expect(gpus.map((g) => socketOf(g.id)).sort()).toEqual([0, 0, 1, 1]);
    const remote = gpus.find((g) => socketOf(g.id) === 1)!;
    const pinned = (numaNodes: number[]) => {
      const vm = makeElement('vm', { id: asElementId('vm'), name: 'cuda', parent: host.id }, { numaNodes, vnics: [] });
      const pt = { id: asLinkId('pt'), kind: 'passthrough' as const, a: { element: vm.id, port: asPortName('pci.hostdev') }, b: { element: remote.id, port: asPortName('dev') } };
      return applyCommand(d, { type: 'add', elements: [vm], links: [pt] }).design;
    };
    const numa = (x: typeof d) => validateDesign(x, ALL_RULES).diagnostics.filter((g) => g.rule === 'NUMA-001');
    expect(numa(pinned([0])).map((g) => g.message)).toEqual([expect.stringMatching(/^cuda runs on socket 0 but holds the whole of .*, which sits under the root complex of socket 1: /)]);
    expect(numa(pinned([1]))).toEqual([]);
  });
});
