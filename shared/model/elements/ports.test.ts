// findPort is a fast path for integrity checks; it must never disagree with portsOf.
import { it, expect } from 'vitest';
import fc from 'fast-check';
import { ELEMENT_KINDS, findPort, portsOf } from './index';
import { makeElement } from '../defaults';
it('findPort (computed from the name) agrees with the listed ports of every kind', () => {
  for (const kind of ELEMENT_KINDS) {
    const el = makeElement(kind, { id: 'x' as never, name: 'x' }, kind === 'nic' ? { physicalFunctions: [{ totalVfs: 8, enabledVfs: 3 }, { totalVfs: 8, enabledVfs: 0 }] } as never : {});
    const ports = portsOf(el, { includeHidden: true });
    for (const p of ports) expect(findPort(el, p.name)).toEqual(p);
    fc.assert(fc.property(fc.string(), (s) => { const f = findPort(el, s); expect(f === null).toBe(!ports.some((p) => p.name === s)); }));
    for (const s of ['eth01', 'rp-1', 'pf0.vf3', 'pf1.vf0', 'pg.', 'up', 'p1e2', 'eth2']) expect(findPort(el, s) === null).toBe(!ports.some((p) => p.name === s));
  }
});
