import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { sceneOf } from '../../shared/scene/scene';
import { SceneIndex } from '../../shared/scene/spatial';
import type { PortShape } from '../../shared/scene/types';
import { portTipText, portUnder, samePort } from './port-hover';

const design = makeTemplate('rack-kvm', { hosts: 4, vmsPerHost: 1 });
const scene = sceneOf(design);
const index = new SceneIndex(scene);
const tor = scene.nodes[scene.nodeIndex.get('r01.tor-a')!]!;
/** Canvas point of port `i`'s marker centre on the ToR's bottom edge, at scale 1 with the origin top left. */
const portPoint = (i: number) => {
  const s = tor.look.shapes.find((x): x is PortShape => x.type === 'port' && x.name === `p${i}`)!;
  return { x: tor.x + s.x + s.size / 2, y: tor.y + s.y + s.size / 2 };
};

describe('port hover', () => {
  test('finds the port under the pointer, and its neighbour a marker pitch away, at 100 %', () => {
    const live = { scene, index, viewport: { x: 0, y: 0, scale: 1 } };
    const p1 = portPoint(1);
    const p2 = portPoint(2);
    expect(portUnder(live, p1.x, p1.y + 2)).toMatchObject({ element: 'r01.tor-a', port: 'p1' });
    expect(portUnder(live, p2.x, p2.y + 2)).toMatchObject({ element: 'r01.tor-a', port: 'p2' });
    expect(samePort(portUnder(live, p1.x, p1.y), portUnder(live, p1.x + 0.5, p1.y))).toBe(true);
    expect(samePort(portUnder(live, p1.x, p1.y), portUnder(live, p2.x, p2.y))).toBe(false);
  });

  test('finds nothing where ports are not drawn (below full detail) or away from any marker', () => {
    const p1 = portPoint(1);
    expect(portUnder({ scene, index, viewport: { x: 0, y: 0, scale: 0.5 } }, p1.x * 0.5, p1.y * 0.5)).toBeNull();
    expect(portUnder({ scene, index, viewport: { x: 0, y: 0, scale: 1 } }, tor.x + tor.w / 2, tor.y + 20)).toBeNull();
  });

  test('names the port with its switch, and what it is cabled to with that element\'s server', () => {
    const p1 = portPoint(1);
    expect(portTipText(design, { element: 'r01.tor-a', port: 'p1', ...p1 })).toBe('r01-tor-a · p1 → kvm-r01-h002 › nic0 · eth0');
    expect(portTipText(design, { element: 'r01.tor-a', port: 'p40', ...p1 })).toBe('r01-tor-a · p40 (free)');
  });
});
