import { describe, expect, test } from 'vitest';
import { makeElement } from '../model/defaults';
import { emptyDesign } from '../model/design';
import { asElementId as E } from '../model/ids';
import { applyCommand } from '../history/commands';
import { portAt } from './port-hit';
import { sceneOf } from './scene';
import { SceneIndex } from './spatial';

function indexed() {
  const host = makeElement('host', { id: E('h'), name: 'h', x: 0, y: 200 }, { width: 600, height: 300 });
  const nic = makeElement('nic', { id: E('nic'), name: 'nic', parent: E('h'), x: 16, y: 32 });
  const tor = makeElement('tor', { id: E('tor'), name: 'tor', x: 0, y: 0 });
  const d = applyCommand(emptyDesign(), { type: 'add', elements: [host, nic, tor], links: [] }).design;
  return new SceneIndex(sceneOf(d));
}

describe('portAt', () => {
  test('finds every drawn port marker at its centre, and nothing away from markers', () => {
    const index = indexed();
    for (const n of index.scene.nodes) {
      for (const s of n.look.shapes) {
        if (s.type !== 'port') continue;
        const cx = n.x + s.x + s.size / 2;
        const cy = n.y + s.y + s.size / 2;
        expect(portAt(index, cx, cy, 0)).toEqual({ element: n.id, port: s.name, x: cx, y: cy });
      }
    }
    const nic = index.scene.nodes[index.scene.nodeIndex.get('nic')!]!;
    expect(portAt(index, nic.x + nic.w / 2, nic.y + nic.h / 2, 1)).toBeNull();
  });

  test('tolerance widens the target; the nearest marker wins', () => {
    const index = indexed();
    const nic = index.scene.nodes[index.scene.nodeIndex.get('nic')!]!;
    const eth0 = nic.look.shapes.find((s) => s.type === 'port' && s.name === 'eth0')!;
    if (eth0.type !== 'port') throw new Error('eth0 is not a port shape');
    const below = { x: nic.x + eth0.x + eth0.size / 2, y: nic.y + eth0.y + eth0.size + 3 };
    expect(portAt(index, below.x, below.y, 1)).toBeNull();
    expect(portAt(index, below.x, below.y, 4)?.port).toBe('eth0');
  });

  test("at 100 % each of a ToR's 48 server ports owns a 9 × 9 px target around its marker; every target is 10 px or more", () => {
    const index = indexed();
    const tor = index.scene.nodes[index.scene.nodeIndex.get('tor')!]!;
    // The canvas's reach at scale 1: 4 px around a marker, and targets at least 10 px across (renderer/canvas/wiring.tsx).
    const at100 = (x: number, y: number) => portAt(index, x, y, 4, 10)?.port;
    const server = tor.look.shapes.filter((s) => s.type === 'port' && tor.look.anchors[s.name]!.side === 'bottom');
    expect(server).toHaveLength(48);
    for (const s of server) {
      if (s.type !== 'port') continue;
      const cx = tor.x + s.x + s.size / 2;
      const cy = tor.y + s.y + s.size / 2;
      // Two rows 10 apart, 9.14 apart within a row (224 / 49 × 2): ±4.5 around the centre is nearer to no other marker.
      for (let dx = -4.5; dx <= 4.5; dx += 0.75) for (let dy = -4.5; dy <= 4.5; dy += 0.75) expect(at100(cx + dx, cy + dy), `${s.name} ${dx},${dy}`).toBe(s.name);
    }
    // With no grab margin a 6-unit marker still answers 5 units from its centre (a 10-unit target), not beyond.
    const n = index.scene.nodes[index.scene.nodeIndex.get('nic')!]!;
    const eth0 = n.look.shapes.find((s) => s.type === 'port' && s.name === 'eth0')!;
    if (eth0.type !== 'port') throw new Error('eth0 is not a port shape');
    const c = { x: n.x + eth0.x + eth0.size / 2, y: n.y + eth0.y + eth0.size / 2 };
    expect(portAt(index, c.x, c.y + 4.9, 0, 10)?.port).toBe('eth0');
    expect(portAt(index, c.x, c.y + 5.1, 0, 10)).toBeNull();
  });
});
