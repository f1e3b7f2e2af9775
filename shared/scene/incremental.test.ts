import { describe, expect, test } from 'vitest';
import { applyCommand, type Command } from '../history/commands';
import type { Design } from '../model/design';
import { asElementId, asLinkId } from '../model/ids';
import { makeTemplate } from '../templates';
import { patchScene } from './incremental';
import { sceneOf } from './scene';

const base = makeTemplate('rack', { hosts: 3, vmsPerHost: 3 });
const baseScene = sceneOf(base);
const apply = (d: Design, cmd: Command) => applyCommand(d, cmd).design;
const id = asElementId;

describe('patchScene', () => {
  test('a rename or property edit gives exactly the scene a rebuild would', () => {
    for (const cmd of [
      { type: 'updateElement', id: id('r01.h002.vm02'), changes: { name: 'renamed' } },
      { type: 'updateElement', id: id('r01.h001'), changes: { name: 'srv', memoryGiB: 1024 } },
      { type: 'updateElement', id: id('r01.tor-a'), changes: { model: 'Leaf 9000' } },
      { type: 'updateLink', id: asLinkId('r01.h001.nic0.eth0'), changes: { speedGbps: 10 } },
      { type: 'setMeta', changes: { name: 'Renamed design' } },
    ] as Command[]) {
      const next = apply(base, cmd);
      const patched = patchScene(base, baseScene, next);
      expect(patched, cmd.type).not.toBeNull();
      expect(patched).toEqual(sceneOf(next));
    }
  });

  test('anything that moves, resizes, adds or removes falls back to a rebuild', () => {
    for (const cmd of [
      { type: 'move', moves: [{ id: id('r01.h002.vm02'), x: 500, y: 500 }] },
      { type: 'updateElement', id: id('r01.h001'), changes: { collapsed: true } },
      { type: 'updateElement', id: id('r01.h001'), changes: { height: 999 } },
      { type: 'updateElement', id: id('r01.h001.vs0'), changes: { uplinks: 3 } },
      { type: 'remove', elements: [id('r01.h003.vm01')], links: [] },
      { type: 'remove', elements: [], links: [asLinkId('r01.h001.nic0.eth0')] },
    ] as Command[]) {
      expect(patchScene(base, baseScene, apply(base, cmd)), cmd.type).toBeNull();
    }
  });

  test('an unchanged design keeps its scene', () => {
    expect(patchScene(base, baseScene, base)).toBe(baseScene);
  });
});
