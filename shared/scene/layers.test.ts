import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../templates';
import { ELEMENT_KINDS } from '../model/elements';
import { LINK_KINDS } from '../model/links';
import { elementLayer, linkLayer, sceneForLayers, SCENE_LAYERS, type SceneLayer } from './layers';
import { sceneOf } from './scene';

const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 3 });
const scene = sceneOf(design);
const only = (...l: SceneLayer[]) => new Set<SceneLayer>(l);

describe('layer tables', () => {
  test('hosts and NICs belong to every layer; every other kind to exactly one', () => {
    for (const kind of ELEMENT_KINDS) expect(elementLayer(kind) === null).toBe(kind === 'host' || kind === 'nic');
    for (const kind of LINK_KINDS) expect(SCENE_LAYERS).toContain(linkLayer(kind));
  });
});

describe('sceneForLayers', () => {
  test('with every layer shown it is the scene itself', () => {
    expect(sceneForLayers(design, scene, new Set(SCENE_LAYERS))).toBe(scene);
  });

  test('hiding the virtual layer drops VMs, vSwitches and their links, and keeps hosts, NICs and cables', () => {
    const s = sceneForLayers(design, scene, only('pcie', 'ethernet'));
    const kinds = new Set(s.nodes.map((n) => n.kind));
    expect(kinds.has('vm')).toBe(false);
    expect(kinds.has('vswitch')).toBe(false);
    expect(kinds.has('host')).toBe(true);
    expect(kinds.has('nic')).toBe(true);
    expect(s.links.every((l) => linkLayer(l.kind) !== 'virtual')).toBe(true);
    expect(s.links.some((l) => l.kind === 'ethernet')).toBe(true);
    expect(s.links.length).toBe(scene.links.filter((l) => linkLayer(l.kind) !== 'virtual').length);
  });

  test('the node index follows the filtered nodes, and bounds stay those of the whole scene', () => {
    const s = sceneForLayers(design, scene, only('virtual'));
    expect(s.nodes.length).toBeLessThan(scene.nodes.length);
    s.nodes.forEach((n, i) => expect(s.nodeIndex.get(n.id)).toBe(i));
    expect(s.bounds).toEqual(scene.bounds);
  });

  test('a link of a shown layer goes when one of its ends is hidden', () => {
    // Ethernet cables end on the ToR switches: hiding the Ethernet layer hides them with their cables,
    // and hiding only PCIe keeps the cables (host and NIC ends stay).
    const noEth = sceneForLayers(design, scene, only('pcie', 'virtual'));
    expect(noEth.nodes.some((n) => n.kind === 'tor')).toBe(false);
    expect(noEth.links.some((l) => l.kind === 'ethernet')).toBe(false);
    const noPcie = sceneForLayers(design, scene, only('ethernet', 'virtual'));
    expect(noPcie.links.some((l) => l.kind === 'pcie')).toBe(false);
    expect(noPcie.links.filter((l) => l.kind === 'ethernet').length).toBe(scene.links.filter((l) => l.kind === 'ethernet').length);
  });

  test('with no layer shown only hosts and NICs remain, and no links', () => {
    const s = sceneForLayers(design, scene, only());
    expect(new Set(s.nodes.map((n) => n.kind))).toEqual(new Set(['host', 'nic']));
    expect(s.links).toEqual([]);
  });
});
