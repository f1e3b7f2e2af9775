/**
 * Issue #14, the items left after the canvas work, driven with the mouse as a person would: a ToR's 48 server ports
 * sit in two rows like a switch's front panel, so at 100 % two neighbours are told apart under the pointer and a cable
 * dragged from a chosen port starts from that port; on the zoomed-out summary view a click on a server selects the
 * server (not a VM hidden in it) and shows it selected; View ▸ Minimap hides and shows the minimap (the state the
 * canvas's own hide/show buttons set, remembered with the panel layout), and the menu's check mark follows.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { buildMenuTemplate, type MenuViewState } from '../../electron/app/menu';
import { describeElement } from '../../shared/scene/describe';
import type { PortShape } from '../../shared/scene/types';
import { makeTemplate } from '../../shared/templates';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const canvas = (page: Page) => page.getByTestId('canvas');
const zoom = async (page: Page) => Number((await page.getByTestId('status-zoom').textContent())!.replace('%', ''));

/** The on-screen rectangle [x, y, w, h] of the single selected element, relative to the canvas. */
async function selectionRect(page: Page): Promise<number[]> {
  const v = await canvas(page).getAttribute('data-selection-rect');
  expect(v, 'exactly one element is selected').not.toBeNull();
  return v!.split(',').map(Number);
}

// The same template the New dialog makes (rack-kvm, 4 servers, 1 VM each): where its switches' ports are drawn.
const design = makeTemplate('rack-kvm', { hosts: 4, vmsPerHost: 1 });
const torA = design.elements['r01.tor-a']!;
const torB = design.elements['r01.tor-b']!;
const lookA = describeElement(torA);
/** The centre of port `name`'s marker, relative to its switch's top left (design units = px at 100 %). */
const marker = (port: string) => {
  const s = lookA.shapes.find((x): x is PortShape => x.type === 'port' && x.name === port)!;
  return { x: s.x + s.size / 2, y: s.y + s.size / 2 };
};

test("at 100 % a ToR's neighbouring ports each name themselves, and a cable dragged from a chosen port starts there", async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack-kvm', { hosts: 4, vms: 1 });
  await selectInOutline(page, 'r01-tor-a');
  await canvas(page).focus();
  await page.keyboard.press('.'); // zoom to the selection: the ToR at 100 %
  await expect.poll(() => page.getByTestId('status-zoom').textContent()).toBe('100%');
  const [tx, ty, tw, th] = await selectionRect(page);
  expect([tw, th]).toEqual([lookA.w, lookA.h]);
  const box = (await canvas(page).boundingBox())!;
  const onScreen = (p: { x: number; y: number }, dx = 0) => ({ x: box.x + tx! + p.x + dx, y: box.y + ty! + p.y });

  // p0 and p1 are neighbours: p0 in the upper row (just inside the edge), p1 in the lower row, 4.6 px further right.
  const p0 = marker('p0');
  const p1 = marker('p1');
  expect(p1.y - p0.y).toBe(10);
  const tip = page.getByTestId('port-tip');
  const named = async (at: { x: number; y: number }) => {
    await page.mouse.move(at.x, at.y);
    await expect.poll(() => tip.count()).toBe(1);
    return /^r01-tor-a · (\S+)/.exec((await tip.textContent()) ?? '')?.[1];
  };
  // On each marker, and 4 px to either side of it (a hand's wobble), the port under the pointer is the one named.
  for (const dx of [0, -4, 4]) {
    expect(await named(onScreen(p0, dx)), `p0 ${dx}`).toBe('p0');
    expect(await named(onScreen(p1, dx)), `p1 ${dx}`).toBe('p1');
  }
  await page.mouse.move(onScreen(p1).x, onScreen(p1).y);
  expect(await tip.textContent()).toMatch(/^r01-tor-a · p1 → kvm-r01-h002 › nic0 · eth0$/);
  await screenshot(page, 'review-ports-hover-p1');

  // Drag a cable from p40 (free) to the other ToR's p40: a peer link from exactly the chosen ports.
  const p40 = onScreen(marker('p40'));
  expect(await named(p40)).toBe('p40');
  expect(await tip.textContent()).toBe('r01-tor-a · p40 (free)');
  const toB = { x: p40.x + (torB.x - torA.x), y: p40.y + (torB.y - torA.y) };
  await page.mouse.move(p40.x, p40.y);
  await page.mouse.down();
  await page.mouse.move(p40.x + 40, p40.y + 40, { steps: 4 });
  await page.mouse.move(toB.x, toB.y, { steps: 8 });
  const hint = page.getByTestId('wire-hint');
  await expect.poll(() => hint.getAttribute('data-status')).toBe('ok');
  expect(await hint.textContent()).toMatch(/Connect to p40$/);
  await screenshot(page, 'review-ports-drag-p40');
  await page.mouse.up();
  // The new cable joins the two chosen ports, and the neighbours either side stay free.
  await page.mouse.move(box.x + 5, box.y + 5);
  expect(await named(p40)).toBe('p40');
  expect(await tip.textContent()).toBe('r01-tor-a · p40 → r01-tor-b · p40');
  for (const n of ['p39', 'p41']) {
    expect(await named(onScreen(marker(n)))).toBe(n);
    expect(await tip.textContent()).toBe(`r01-tor-a · ${n} (free)`);
  }
  await page.mouse.move(box.x + 5, box.y + 5);
  await screenshot(page, 'review-ports-cabled-p40');
});

test('below 50 % a click on a server summary selects the server, shown selected, not a VM hidden in it', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 8, vms: 20 });
  await canvas(page).focus();
  // Zoom out (View ▸ Zoom Out) until servers are drawn as summaries.
  for (let i = 0; i < 12 && (await zoom(page)) >= 50; i++) await app.emit('menu:action', 'view.zoomOut');
  expect(await zoom(page)).toBeLessThan(50);
  await selectInOutline(page, 'esx-r01-h002');
  const server = await selectionRect(page);
  await canvas(page).focus();
  await page.keyboard.press('Escape');
  await expect.poll(() => canvas(page).getAttribute('data-selection-rect')).toBeNull();

  // Click in the lower part of the server, where its VMs are (not drawn at this zoom).
  const box = (await canvas(page).boundingBox())!;
  const [sx, sy, sw, sh] = server;
  await page.mouse.click(box.x + sx! + sw! * 0.3, box.y + sy! + sh! * 0.75);
  await expect.poll(() => page.getByTestId('inspector').locator('h2').textContent()).toBe('esx-r01-h002');
  // The selection is the server's own box, drawn on the canvas, and the outline's selected row is the server.
  expect(await selectionRect(page)).toEqual(server);
  expect(await page.locator('[role="treeitem"][aria-selected="true"] .name').allTextContents()).toEqual(['esx-r01-h002']);
  await screenshot(page, 'review-summary-click-server');
});

test('View ▸ Minimap hides and shows the minimap, as the canvas control does, and the menu shows its state', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack-kvm', { hosts: 4, vms: 1 });
  // Zoomed in, so part of the design is out of view and the minimap shows.
  const box = (await canvas(page).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await page.getByTestId('minimap').waitFor();
  /** The View menu's Minimap item, built as main builds it from the window's latest report. */
  const menuItem = () => {
    const view = app.menuViews.at(-1) as MenuViewState;
    const menu = buildMenuTemplate({ isMac: false, isDev: false, recent: [], send: () => undefined, openRecent: () => undefined, theme: 'system', setTheme: () => undefined, view });
    return ((menu.find((m) => m.label === '&View')!.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Minimap')!);
  };
  expect(menuItem().checked).toBe(true);

  await app.emit('menu:action', 'view.minimap');
  await page.getByTestId('minimap-show').waitFor();
  expect(await page.getByTestId('minimap').count()).toBe(0);
  await expect.poll(() => menuItem().checked).toBe(false);
  await screenshot(page, 'review-minimap-hidden');

  await app.emit('menu:action', 'view.minimap');
  await page.getByTestId('minimap').waitFor();
  await expect.poll(() => menuItem().checked).toBe(true);
  // The canvas's own hide and show buttons change the same remembered state; the menu's check mark follows them too.
  await page.getByTestId('minimap-hide').click();
  await expect.poll(() => menuItem().checked).toBe(false);
  await page.getByTestId('minimap-show').click();
  await page.getByTestId('minimap').waitFor();
  await expect.poll(() => menuItem().checked).toBe(true);
});
