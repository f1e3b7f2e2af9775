import { describe, expect, it } from 'vitest';
import type { Design } from '../model/design';
import type { ElementKind } from '../model/elements';
import { changesFromPatches } from '../history/changes';
import { applyCommand, type Command } from '../history/commands';
import { makeTemplate } from '../templates';
import { DesignIndexView } from './view';

/** The view's lists as ids, to compare an updated view with one built from scratch. */
function lists(view: DesignIndexView, d: Design) {
  const hosts = Object.values(d.elements).filter((e) => e.kind === 'host').map((h) => h.id);
  const kinds: ElementKind[] = ['host', 'vm', 'vswitch', 'nic', 'tor'];
  return {
    children: hosts.map((h) => view.childrenOf(h).map((e) => e.id)),
    ofKind: kinds.map((k) => view.ofKind(k).map((e) => e.id)),
    topLevel: kinds.map((k) => view.topLevelOfKind(k).map((e) => e.id)),
    positions: [...view.positionsOf('vm')],
  };
}

function step(view: DesignIndexView, d: Design, cmd: Command): Design {
  const applied = applyCommand(d, cmd);
  view.update(applied.design, changesFromPatches(applied.patches)!);
  return applied.design;
}

describe('DesignIndexView.update', () => {
  it('lists a record moved to another host where a rebuild lists it (document order), not last', () => {
    let d = makeTemplate('fabric', { hosts: 3, vmsPerHost: 2 });
    const view = new DesignIndexView(d);
    const [h1, h2, h3] = Object.values(d.elements).filter((e) => e.kind === 'host');
    const vs1 = Object.values(d.elements).find((e) => e.kind === 'vswitch' && e.parent === h1!.id)!;
    const vm3 = Object.values(d.elements).find((e) => e.kind === 'vm' && e.parent === h3!.id)!;
    // h1's switch comes before everything in h2 in the document; h3's VM after it.
    d = step(view, d, { type: 'reparent', id: vs1.id, parent: h2!.id, x: 0, y: 0 });
    expect(lists(view, d)).toEqual(lists(new DesignIndexView(d), d));
    d = step(view, d, { type: 'reparent', id: vm3.id, parent: h2!.id, x: 0, y: 0 });
    expect(lists(view, d)).toEqual(lists(new DesignIndexView(d), d));
    // Out to the canvas and back.
    d = step(view, d, { type: 'reparent', id: vm3.id, parent: null, x: 0, y: 0 });
    expect(lists(view, d)).toEqual(lists(new DesignIndexView(d), d));
    d = step(view, d, { type: 'reparent', id: vm3.id, parent: h1!.id, x: 0, y: 0 });
    expect(lists(view, d)).toEqual(lists(new DesignIndexView(d), d));
    // A removal and a later addition after the positions were built: the addition still goes last.
    d = step(view, d, { type: 'remove', elements: [vs1.id], links: [] });
    expect(lists(view, d)).toEqual(lists(new DesignIndexView(d), d));
  });
});

describe('DesignIndexView.outsideHosts', () => {
  const outside = (view: DesignIndexView) => view.outsideHosts('vswitch').map((e) => e.id);

  it('lists elements no host pass sees (inside a missing or non-host parent), kept current as parents come and go', () => {
    const d = makeTemplate('fabric', { hosts: 3, vmsPerHost: 1 });
    const view = new DesignIndexView(d);
    expect(outside(view)).toEqual([]);
    const [h1, h2] = Object.values(d.elements).filter((e) => e.kind === 'host');
    const switches = Object.values(d.elements).filter((e) => e.kind === 'vswitch');
    const vs1 = switches.find((e) => e.parent === h1!.id)!;
    const vs2 = switches.find((e) => e.parent === h2!.id)!;
    // Records edited by hand (no command makes these): h1's switch moved into a ToR, then h2 dropped with its children left behind.
    const tor = Object.values(d.elements).find((e) => e.kind === 'tor')!;
    const d2: Design = { ...d, elements: { ...d.elements, [vs1.id]: { ...vs1, parent: tor.id } } };
    view.update(d2, { elements: new Set([vs1.id]), links: new Set() });
    expect(outside(view)).toEqual([vs1.id]);
    const { [h2!.id]: _gone, ...rest } = d2.elements;
    const d3: Design = { ...d2, elements: rest };
    view.update(d3, { elements: new Set([h2!.id]), links: new Set() });
    // Document order: h1's switch comes before h2's.
    expect(outside(view)).toEqual([vs1.id, vs2.id]);
    expect(outside(new DesignIndexView(d3))).toEqual([vs1.id, vs2.id]);
    // The host back: its switch is inside it again.
    view.update(d2, { elements: new Set([h2!.id]), links: new Set() });
    expect(outside(view)).toEqual([vs1.id]);
    expect(outside(new DesignIndexView(d2))).toEqual([vs1.id]);
  });
});
