import { describe, expect, test } from 'vitest';
import type { Hit } from '../../shared/scene/spatial';
import type { Bounds } from '../../shared/scene/types';
import { SelectTool, type SelectionIds, type SelectToolHost, type ToolPointer } from './select-tool';

/** A host that records what the tool asked for; element "a" sits at (0..50, 0..50), "b" at (100..150, 0..50). */
function fakeHost() {
  const log: string[] = [];
  let selection: SelectionIds = { elements: new Set(), links: new Set() };
  const host: SelectToolHost = {
    scale: () => 2,
    hitAt: (x, y): Hit | null => (y <= 50 && x <= 50 ? { type: 'element', id: 'a' } : y <= 50 && x >= 100 && x <= 150 ? { type: 'element', id: 'b' } : null),
    selection: () => selection,
    select: (s) => {
      selection = s;
      log.push(`select ${[...s.elements].join('+') || '-'}`);
    },
    viewOrigin: () => ({ x: 0, y: 0 }),
    panFrom: (_o, dx, dy) => log.push(`pan ${dx},${dy}`),
    setPanning: (on) => log.push(`panning ${on}`),
    beginMove: (id) => (log.push(`begin ${id}`), true),
    previewMove: (dx, dy, free) => log.push(`preview ${dx},${dy}${free ? ' free' : ''}`),
    commitMove: (x, y) => log.push(`commit ${x},${y}`),
    cancelMove: () => log.push('cancel'),
    setBrush: (r: Bounds | null) => log.push(r ? `brush ${r.x},${r.y},${r.w},${r.h}` : 'brush off'),
    enclosed: () => ['a', 'b'],
    // Element "a" is a server: its chevron at (42..50, 0..8), its header row along y 0..20.
    hotspotAt: (x, y, role) => (role === 'collapseToggle' ? (x >= 42 && x <= 50 && y <= 8 ? { element: 'a', role } : null) : x <= 50 && y <= 20 ? { element: 'a', role } : null),
    toggleCollapsed: (id) => log.push(`toggle ${id}`),
  };
  return { host, log, selection: () => selection };
}

const at = (x: number, y: number, more: Partial<ToolPointer> = {}): ToolPointer => ({ pointerId: 1, x, y, button: 0, shift: false, alt: false, ...more });

describe('SelectTool', () => {
  test('a click selects, Shift-click toggles, a click on empty canvas clears', () => {
    const { host, selection } = fakeHost();
    const tool = new SelectTool(host);
    tool.down(at(10, 10), false);
    tool.up(at(11, 10));
    expect([...selection().elements]).toEqual(['a']);
    tool.down(at(120, 10, { shift: true }), false);
    tool.up(at(120, 10, { shift: true }));
    expect([...selection().elements]).toEqual(['a', 'b']);
    tool.down(at(10, 10, { shift: true }), false);
    tool.up(at(10, 10, { shift: true }));
    expect([...selection().elements]).toEqual(['b']);
    tool.down(at(300, 300), false);
    tool.up(at(300, 300));
    expect(selection().elements.size).toBe(0);
  });

  test('dragging an element selects it, previews in world units and commits once on release', () => {
    const { host, log } = fakeHost();
    const tool = new SelectTool(host);
    tool.down(at(10, 10), false);
    tool.move(at(30, 20));
    tool.move(at(50, 30, { alt: true }));
    tool.up(at(50, 30));
    expect(log).toEqual(['select a', 'begin a', 'preview 10,5', 'preview 20,10 free', 'commit 50,30']);
    expect(tool.stateName).toBe('idle');
  });

  test('Escape during a move cancels it without committing', () => {
    const { host, log } = fakeHost();
    const tool = new SelectTool(host);
    tool.down(at(10, 10), false);
    tool.move(at(40, 10));
    tool.cancel();
    tool.up(at(40, 10));
    expect(log).toEqual(['select a', 'begin a', 'preview 15,0', 'cancel']);
  });

  test('a drag on empty canvas draws a rubber band and selects what it encloses', () => {
    const { host, log, selection } = fakeHost();
    const tool = new SelectTool(host);
    tool.down(at(300, 300), false);
    tool.move(at(200, 250));
    tool.up(at(200, 250));
    expect(log).toEqual(['brush 200,250,100,50', 'brush off', 'select a+b']);
    expect([...selection().elements]).toEqual(['a', 'b']);
  });

  test('middle button or space pans and never selects', () => {
    const { host, log } = fakeHost();
    const tool = new SelectTool(host);
    tool.down(at(10, 10, { button: 1 }), false);
    tool.move(at(20, 30, { button: 1 }));
    tool.up(at(20, 30, { button: 1 }));
    tool.down(at(10, 10), true);
    tool.move(at(15, 10));
    tool.up(at(15, 10));
    expect(log).toEqual(['panning true', 'pan 10,20', 'panning false', 'panning true', 'pan 5,0', 'panning false']);
  });

  test('a click on a server chevron selects the server and toggles it; a drag from it still moves the server', () => {
    const { host, log, selection } = fakeHost();
    const tool = new SelectTool(host);
    tool.down(at(46, 4), false);
    tool.up(at(46, 4));
    expect(log).toEqual(['select a', 'toggle a']);
    expect([...selection().elements]).toEqual(['a']);
    log.length = 0;
    tool.down(at(46, 4), false);
    tool.move(at(66, 4));
    tool.up(at(66, 4));
    expect(log).toEqual(['begin a', 'preview 10,0', 'commit 66,4']);
    // Shift-click on the chevron edits the selection as anywhere else, without toggling.
    log.length = 0;
    tool.down(at(46, 4, { shift: true }), false);
    tool.up(at(46, 4, { shift: true }));
    expect(log).toEqual(['select -']);
  });

  test('a double click on a header row toggles its server; on the chevron, on a body or off servers it does not', () => {
    const { host, log } = fakeHost();
    const tool = new SelectTool(host);
    tool.doubleClick({ x: 20, y: 15 });
    expect(log).toEqual(['toggle a']);
    log.length = 0;
    tool.doubleClick({ x: 46, y: 4 });
    tool.doubleClick({ x: 20, y: 40 });
    tool.doubleClick({ x: 120, y: 10 });
    expect(log).toEqual([]);
  });
});
