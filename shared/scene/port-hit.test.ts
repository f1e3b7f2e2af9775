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
});
