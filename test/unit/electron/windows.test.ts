// electron/app/windows.ts: which window a project goes to, per-window close guards and open queues,
// and electron/app/recovery-claims.ts: which window's live work each recovery copy is.
import { describe, expect, it } from 'vitest';
import { RecoveryClaims } from '../../../electron/app/recovery-claims';
import { cascadedBounds, pathComparer, WindowRegistry } from '../../../electron/app/windows';

const START = { name: 'Rackplane', path: null, dirty: false, blank: true };
const UNTOUCHED = { name: 'Untitled design', path: null, dirty: false, blank: true };
const EDITED = { name: 'Untitled design', path: null, dirty: true, blank: false };
const file = (path: string, dirty = false) => ({ name: path.split('/').pop()!, path, dirty, blank: false });

/** A registry whose windows record what was delivered to their pages. */
function setup(samePath?: (a: string, b: string) => boolean) {
  const reg = new WindowRegistry(samePath);
  const delivered = new Map<number, string[]>();
  const add = (id: number) => {
    delivered.set(id, []);
    reg.add(id, (p) => delivered.get(id)!.push(p));
  };
  return { reg, delivered, add };
}

describe('routing a project the OS asks to open', () => {
  it('opens it in the focused window when that shows the start screen or an untouched new design', () => {
    for (const state of [START, UNTOUCHED]) {
      const { reg, add } = setup();
      add(1);
      reg.report(1, state);
      expect(reg.routeOsOpen('/p/a.rackplane')).toEqual({ kind: 'deliver', id: 1 });
    }
  });

  it('opens a new window when the focused one shows a file or edited work, even unsaved-free', () => {
    for (const state of [EDITED, file('/p/b.rackplane'), { ...UNTOUCHED, blank: false }]) {
      const { reg, add } = setup();
      add(1);
      reg.report(1, state);
      expect(reg.routeOsOpen('/p/a.rackplane')).toEqual({ kind: 'new' });
    }
  });

  it('focuses the window that already shows the file instead of opening it twice', () => {
    const { reg, add } = setup();
    add(1);
    add(2);
    reg.report(1, file('/p/a.rackplane', true));
    reg.report(2, START);
    reg.focus(2);
    expect(reg.routeOsOpen('/p/a.rackplane')).toEqual({ kind: 'focus', id: 1 });
  });

  it('compares paths case-insensitively where the platform does', () => {
    const { reg, add } = setup(pathComparer('win32'));
    add(1);
    reg.report(1, file('C:/Designs/A.rackplane'));
    expect(reg.routeOsOpen('c:/designs/a.RACKPLANE')).toEqual({ kind: 'focus', id: 1 });
    expect(pathComparer('linux')('/a/A.rackplane', '/a/a.rackplane')).toBe(false);
    expect(pathComparer('darwin')('/a/A.rackplane', '/a/a.rackplane')).toBe(true);
  });

  it('sends each of several files to its own window: a delivered path makes its window busy and known', () => {
    const { reg, add, delivered } = setup();
    add(1);
    // Launch with three files: the first window (still loading) takes the first one.
    for (const [i, path] of ['/p/a.rackplane', '/p/b.rackplane', '/p/a.rackplane', '/p/c.rackplane'].entries()) {
      const to = reg.routeOsOpen(path);
      if (to.kind === 'new') add(10 + i);
      if (to.kind !== 'focus') reg.deliver(to.kind === 'new' ? 10 + i : to.id, path);
    }
    // Nothing reaches a page before it reports in.
    expect([...delivered.values()].flat()).toEqual([]);
    for (const id of [1, 11, 13]) reg.report(id, START);
    expect(Object.fromEntries(delivered)).toEqual({ 1: ['/p/a.rackplane'], 11: ['/p/b.rackplane'], 13: ['/p/c.rackplane'] });
    // Until each reports the file, it still counts as showing it (a second double-click only focuses).
    expect(reg.routeOsOpen('/p/b.rackplane')).toEqual({ kind: 'focus', id: 11 });
  });

  it('settles a delivery on the next report: a failed or cancelled open frees the window again', () => {
    const { reg, add } = setup();
    add(1);
    reg.report(1, START);
    reg.deliver(1, '/p/broken.rackplane');
    expect(reg.isReusable(1)).toBe(false);
    expect(reg.windowWith('/p/broken.rackplane')).toBe(1);
    reg.report(1, START); // the page re-reports after trying, whether or not the file opened
    expect(reg.isReusable(1)).toBe(true);
    expect(reg.windowWith('/p/broken.rackplane')).toBeNull();
  });

  it('uses the most recently focused window', () => {
    const { reg, add } = setup();
    add(1);
    add(2);
    reg.report(1, START);
    reg.report(2, file('/p/x.rackplane'));
    expect(reg.focusedId()).toBe(2); // the newest window starts focused
    expect(reg.routeOsOpen('/p/a.rackplane')).toEqual({ kind: 'new' });
    reg.focus(1);
    expect(reg.routeOsOpen('/p/a.rackplane')).toEqual({ kind: 'deliver', id: 1 });
    reg.remove(1);
    expect(reg.focusedId()).toBe(2);
    reg.remove(2);
    expect(reg.focusedId()).toBeNull();
    expect(reg.routeOsOpen('/p/a.rackplane')).toEqual({ kind: 'new' });
  });
});

describe('File ▸ Open Recent', () => {
  it('replaces the design of the focused window (its page asks about unsaved changes first)', () => {
    const { reg, add } = setup();
    add(1);
    reg.report(1, file('/p/b.rackplane', true));
    expect(reg.routeMenuOpen('/p/a.rackplane')).toEqual({ kind: 'deliver', id: 1 });
  });

  it('focuses another window that shows the file, and opens a window when there is none', () => {
    const { reg, add } = setup();
    expect(reg.routeMenuOpen('/p/a.rackplane')).toEqual({ kind: 'new' });
    add(1);
    add(2);
    reg.report(1, file('/p/a.rackplane'));
    reg.report(2, START);
    expect(reg.routeMenuOpen('/p/a.rackplane')).toEqual({ kind: 'focus', id: 1 });
    reg.focus(1);
    expect(reg.routeMenuOpen('/p/a.rackplane')).toEqual({ kind: 'deliver', id: 1 });
  });
});

describe('per-window state', () => {
  it('guards each window on its own: only the dirty one asks, until it confirms', () => {
    const { reg, add } = setup();
    add(1);
    add(2);
    reg.report(1, EDITED);
    reg.report(2, file('/p/a.rackplane'));
    expect([reg.closeAttempt(1), reg.closeAttempt(2)]).toEqual(['ask', 'close']);
    expect(reg.dirtyIds()).toEqual([1]);
    reg.confirmClose(1);
    expect(reg.closeAttempt(1)).toBe('close');
    expect(reg.closeAttempt(99)).toBe('close');
  });

  it('holds open requests again while a page reloads', () => {
    const { reg, add, delivered } = setup();
    add(1);
    reg.report(1, START);
    reg.pageReloading(1);
    reg.deliver(1, '/p/a.rackplane');
    expect(delivered.get(1)).toEqual([]);
    reg.report(1, START);
    expect(delivered.get(1)).toEqual(['/p/a.rackplane']);
  });

  it('refuses to register a window twice', () => {
    const { reg, add } = setup();
    add(1);
    expect(() => reg.add(1, () => undefined)).toThrow(/already registered/);
  });

  it('cascades a new window from the one in front', () => {
    expect(cascadedBounds({ x: 100, y: 50, width: 1200, height: 800 })).toEqual({ x: 128, y: 78, width: 1200, height: 800, maximized: false });
  });
});

describe('recovery copies shared by several windows', () => {
  it('a copy claimed by one window is hidden from the others until that window lets go or closes', () => {
    const claims = new RecoveryClaims();
    const a = claims.forWindow(1);
    const b = claims.forWindow(2);
    a.claim('untitled-1');
    expect([a.heldElsewhere('untitled-1'), b.heldElsewhere('untitled-1')]).toEqual([false, true]);
    b.release('untitled-1'); // not b's to release
    expect(b.heldElsewhere('untitled-1')).toBe(true);
    a.release('untitled-1');
    expect(b.heldElsewhere('untitled-1')).toBe(false);
    a.claim('untitled-2');
    a.claim('path-3');
    claims.releaseAll(1);
    expect([b.heldElsewhere('untitled-2'), b.heldElsewhere('path-3')]).toEqual([false, false]);
  });
});
