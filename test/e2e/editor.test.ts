/**
 * The canvas editor, driven like a person with the mouse: drag a server and a catalog NIC from the palette
 * (the NIC goes into the server with a PCIe link), undo and redo them, drag the server (its NIC moves
 * with it), refuse an impossible drop, rubber-band select and delete.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, outlineCount, screenshot, selectInOutline } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

interface Point {
  x: number;
  y: number;
}

/** Page coordinates of a point given relative to the canvas's top-left corner. */
async function onCanvas(page: Page, x: number, y: number): Promise<Point> {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  return { x: box.x + x, y: box.y + y };
}

/** Presses at `from`, moves in steps (as a hand does) and releases at `to`. */
async function dragMouse(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + (to.x - from.x) / 3, from.y + (to.y - from.y) / 3, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** Drags a palette item (searched for first, so it is in view) onto a canvas point. */
async function dragFromPalette(page: Page, key: string, search: string, to: Point): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search the palette' }).fill(search);
  const item = page.locator(`[data-palette-item="${key}"]`);
  const box = (await item.boundingBox())!;
  await dragMouse(page, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, to);
}

/** The on-screen rectangle [x, y, w, h] of the single selected element. */
async function selectionRect(page: Page): Promise<number[]> {
  const v = await page.getByTestId('canvas').getAttribute('data-selection-rect');
  expect(v, 'exactly one element is selected').not.toBeNull();
  return v!.split(',').map(Number);
}

const status = (page: Page) => page.getByTestId('status-counts').textContent();

test('drag a server and an E810 from the palette, undo and redo them, move the server with its NIC, delete by rubber band', async () => {
  const { page } = app;
  await newFromTemplate(page, 'empty');

  // A server dropped on the empty canvas comes with its two root complexes, its top-left corner at the pointer.
  const serverAt = await onCanvas(page, 40, 48);
  await dragFromPalette(page, 'kind:host', 'server', serverAt);
  await expect.poll(() => outlineCount(page, 'host')).toBe(1);
  expect(await outlineCount(page, 'rootComplex')).toBe(2);
  const [hx, hy, hw, hh] = await selectionRect(page);
  expect([hw, hh]).toEqual([640, 360]);
  expect([Math.abs(hx! - 40) <= 4, Math.abs(hy! - 48) <= 4]).toEqual([true, true]);

  // A NIC dropped on empty canvas is refused, with a message, and creates nothing.
  await dragFromPalette(page, 'catalog:intel-e810-xxv-2x25g', 'E810', await onCanvas(page, hx! + hw! + 60, 40));
  await expect.poll(() => page.getByTestId('status-message').textContent()).toMatch(/goes inside a server: drop it onto a server$/);
  expect(await outlineCount(page, 'nic')).toBe(0);

  // The E810 dropped into the server goes inside it, plugged into a root port.
  await dragFromPalette(page, 'catalog:intel-e810-xxv-2x25g', 'E810', await onCanvas(page, hx! + 120, hy! + 120));
  await expect.poll(() => outlineCount(page, 'nic')).toBe(1);
  expect(await status(page)).toMatch(/\b1 link\b/);
  expect(await page.getByTestId('status-message').textContent()).toMatch(/^Add Intel .*E810.* into server1, on CPU\d root complex rp3$/);
  await page.getByRole('searchbox', { name: 'Search elements by name' }).fill('nic0');
  const nicRow = page.getByRole('treeitem').filter({ has: page.locator('.name', { hasText: /^nic0$/ }) });
  expect(await nicRow.getAttribute('aria-level')).toBe('2');
  await page.getByRole('searchbox', { name: 'Search elements by name' }).fill('');
  await screenshot(page, 'editor-nic-dropped');

  // Each drop is one undo step; redo brings both back.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => outlineCount(page, 'nic')).toBe(0);
  expect(await outlineCount(page, 'host')).toBe(1);
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => outlineCount(page, 'host')).toBe(0);
  await page.keyboard.press(`${mod}+Shift+z`);
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect.poll(() => outlineCount(page, 'nic')).toBe(1);
  expect(await outlineCount(page, 'host')).toBe(1);
  expect(await status(page)).toMatch(/\b1 link\b/);

  // Drag the server by its title bar: it moves on the grid, and the NIC inside moves with it.
  await selectInOutline(page, 'nic0');
  const nicBefore = await selectionRect(page);
  await screenshot(page, 'editor-before-move');
  const grab = await onCanvas(page, hx! + 40, hy! + 12);
  await dragMouse(page, grab, { x: grab.x + 123, y: grab.y + 77 });
  const [mx, my] = await selectionRect(page);
  expect([mx! - hx!, my! - hy!]).toEqual([120, 80]);
  await selectInOutline(page, 'nic0');
  const nicAfter = await selectionRect(page);
  expect([nicAfter[0]! - nicBefore[0]!, nicAfter[1]! - nicBefore[1]!]).toEqual([120, 80]);
  await screenshot(page, 'editor-after-move');
  // The whole drag was one undo step.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+z`);
  await selectInOutline(page, 'nic0');
  expect(await selectionRect(page)).toEqual(nicBefore);
  expect(await outlineCount(page, 'nic')).toBe(1);

  // A switch below the server, then a rubber band around both selects the two and Delete removes them.
  await dragFromPalette(page, 'kind:tor', 'ethernet switch', await onCanvas(page, hx! + 160, hy! + hh! + 70));
  await expect.poll(() => outlineCount(page, 'tor')).toBe(1);
  const band0 = await onCanvas(page, hx! - 20, hy! - 20);
  // (The switch's top-left corner is where it was dropped, so it reaches 56 px further down.)
  const band1 = await onCanvas(page, hx! + hw! + 20, hy! + hh! + 160);
  await page.mouse.move(band0.x, band0.y);
  await page.mouse.down();
  await page.mouse.move(band1.x, band1.y, { steps: 10 });
  await screenshot(page, 'editor-rubber-band');
  await page.mouse.up();
  expect(await page.getByTestId('canvas').getAttribute('data-selection-rect')).toBeNull();
  await page.keyboard.press('Delete');
  await expect.poll(() => outlineCount(page, 'host')).toBe(0);
  expect(await outlineCount(page, 'tor')).toBe(0);
  expect(await outlineCount(page, 'nic')).toBe(0);
});

test('Enter on a palette item inserts it into the selected server; Escape cancels a move', async () => {
  const { page } = app;
  await newFromTemplate(page, 'single-host', { vms: 2 });
  const hosts = await outlineCount(page, 'host');
  const vms = await outlineCount(page, 'vm');
  const host = page.getByRole('treeitem').filter({ has: page.locator('.kind-dot[title="Server"]') });
  expect(hosts).toBe(1);
  await host.first().click();
  await page.getByRole('searchbox', { name: 'Search the palette' }).fill('vm');
  await page.locator('[data-palette-item="kind:vm"]').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => outlineCount(page, 'vm')).toBe(vms + 1);
  const added = await selectionRect(page);

  // Escape during a drag puts the VM back and records nothing.
  const from = { x: added[0]! + added[2]! / 2, y: added[1]! + added[3]! / 2 };
  const start = await onCanvas(page, from.x, from.y);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 60, start.y + 40, { steps: 6 });
  expect(await page.getByTestId('canvas').getAttribute('data-moving')).toBe('true');
  await page.keyboard.press('Escape');
  await page.mouse.up();
  expect(await page.getByTestId('canvas').getAttribute('data-moving')).toBeNull();
  expect(await selectionRect(page)).toEqual(added);
});
