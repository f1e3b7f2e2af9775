// canConnect with the history's link index (what the wiring tool passes) must answer exactly as the scan of every
// link does: same link or same refusal, for any pair of ports, also after links were added and removed, and it must
// ignore an index that describes another design.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { History } from '../history/history';
import { makeTemplate } from '../templates';
import { canConnect, type PortRef } from './connect';
import { portsOf } from './elements';
import { asLinkId, sequentialIds } from './ids';

describe('canConnect with the history’s link index', () => {
  const base = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
  const ports: PortRef[] = Object.values(base.elements).flatMap((el) => portsOf(el).map((p) => ({ element: el.id, port: p.name })));

  test('answers as the full scan, before and after wiring and unwiring', () => {
    let wired = 0;
    let refusedBusy = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(ports.length - 1), fc.nat(ports.length - 1), fc.boolean()), { minLength: 1, maxLength: 30 }), (steps) => {
        const h = new History(base);
        for (const [i, j, remove] of steps) {
          const from = ports[i]!;
          const to = ports[j]!;
          const scan = canConnect(h.design, from, to, sequentialIds());
          expect(canConnect(h.design, from, to, sequentialIds(), h.lookup)).toEqual(scan);
          if (!scan.ok && /already/.test(scan.reason)) refusedBusy++;
          if (remove) {
            const some = Object.keys(h.design.links)[(i + j) % Math.max(1, Object.keys(h.design.links).length)];
            if (some) h.execute({ type: 'remove', elements: [], links: [asLinkId(some)] });
          } else if (scan.ok) {
            h.execute({ type: 'add', elements: [], links: [{ ...scan.link, id: asLinkId(`${scan.link.id}-${Object.keys(h.design.links).length}-${i}-${j}`) }] });
            wired++;
          }
        }
      }),
      { numRuns: 200 },
    );
    // The runs met both answers that depend on the links: a port taken, and a new link made.
    expect(wired).toBeGreaterThan(0);
    expect(refusedBusy).toBeGreaterThan(0);
  });

  test('an index of another design is not used', () => {
    const h = new History(base);
    const free = ports.find((p) => p.element.includes('tor') && Object.values(base.links).every((l) => !(l.a.element === p.element && l.a.port === p.port) && !(l.b.element === p.element && l.b.port === p.port)));
    const nic = ports.find((p) => p.port === 'eth0' && base.elements[p.element]?.kind === 'nic')!;
    // `h.lookup` describes `base`, which has nic's eth0 cabled: on an edited copy where that cable is gone the scan
    // must decide, and it finds the port free.
    const cable = Object.values(base.links).find((l) => l.kind === 'ethernet' && (l.a.element === nic.element || l.b.element === nic.element))!;
    const other = new History(base);
    other.execute({ type: 'remove', elements: [], links: [cable.id] });
    expect(canConnect(other.design, nic, free!, sequentialIds(), h.lookup)).toEqual(canConnect(other.design, nic, free!, sequentialIds()));
    expect(canConnect(other.design, nic, free!, sequentialIds()).ok).toBe(true);
  });
});
