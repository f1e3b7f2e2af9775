/**
 * Collapsing a server, driven like a person: double-click its header (the compact box replaces it, its
 * cables end on the box), undo, close it with the chevron and open it from the context menu; then what a
 * collapsed server means elsewhere: nothing can be dropped into it, moving it moves what it hides, and
 * finding a hidden VM opens it.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const HOST = 'esx-r01-h001';

interface Point {
  x: number;
  y: number;
}

const canvas = (page: Page) => page.getByTestId('canvas');
const visibleNodes = async (page: Page) => Number(await canvas(page).getAttribute('data-visible-nodes'));

/** The on-screen rectangle [x, y, w, h] (canvas pixels) of the single selected element. */
async function selectionRect(page: Page): Promise<number[]> {
  const v = await canvas(page).getAttribute('data-selection-rect');
  expect(v, 'exactly one element is selected').not.toBeNull();
  return v!.split(',').map(Number);
}

/** Page coordinates of a point given relative to the canvas's top-left corner. */
async function onCanvas(page: Page, x: number, y: number): Promise<Point> {
  const box = (await canvas(page).boundingBox())!;
  return { x: box.x + x, y: box.y + y };
}

/** The single-host template (8 boxes drawn), with the server selected; returns the server's screen rectangle. */
async function openServer(page: Page): Promise<number[]> {
  await newFromTemplate(page, 'single-host', { vms: 2 });
  await expect.poll(() => visibleNodes(page)).toBe(8);
  await selectInOutline(page, HOST);
  return selectionRect(page);
}

test('double-click the header collapses the server, undo opens it, the chevron closes it and the context menu opens it', async () => {
  const { page } = app;
  const [x, y, w] = await openServer(page);

  // Double-click in the middle of the header row: the server becomes a compact box, still selected.
  const header = await onCanvas(page, x! + w! / 2, y! + 14);
  await page.mouse.dblclick(header.x, header.y);
  await expect.poll(() => visibleNodes(page)).toBe(2);
  const [cx, cy, cw, ch] = await selectionRect(page);
  expect([cx, cy, cw, ch]).toEqual([x, y, 224, 56]);
  expect(await page.getByTestId('status-counts').textContent()).toMatch(/\b7 links\b/);
  await page.mouse.move(5, 5);
  const shot = await screenshot(page, 'collapse-double-click');
  expect(shot).toMatch(/collapse-double-click\.png$/);

  // One undo step brings the whole server back.
  await canvas(page).focus();
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => visibleNodes(page)).toBe(8);

  // A single click on the chevron (left end of the header) closes it again.
  const chevron = await onCanvas(page, x! + 14, y! + 15);
  await page.mouse.click(chevron.x, chevron.y);
  await expect.poll(() => visibleNodes(page)).toBe(2);

  // Right click on the box: the menu offers Expand Server (and not Collapse Server); choosing it opens the server.
  const box = await onCanvas(page, x! + 112, y! + 40);
  await page.mouse.click(box.x, box.y, { button: 'right' });
  const menu = page.getByTestId('context-menu');
  await menu.waitFor();
  expect(await menu.locator('[data-action="host.collapse"]').isDisabled()).toBe(true);
  expect(await menu.locator('[data-action="host.expandAll"]').isDisabled()).toBe(false);
  const expand = menu.locator('[data-action="host.expand"]');
  expect(await expand.textContent()).toMatch(/^Expand Server/);
  await screenshot(page, 'collapse-context-menu');
  await expand.click();
  await menu.waitFor({ state: 'detached' });
  await expect.poll(() => visibleNodes(page)).toBe(8);
  const [ex, ey, ew] = await selectionRect(page);
  expect([ex, ey, ew]).toEqual([x, y, w]);
});

test('collapsed: a palette drop into it is refused, dragging it moves its contents, finding a hidden VM opens it', async () => {
  const { page } = app;
  const [x, y] = await openServer(page);
  await selectInOutline(page, 'r01-h001-vm01');
  const vmBefore = await selectionRect(page);
  await selectInOutline(page, HOST);
  await canvas(page).focus();
  await page.keyboard.press(`${mod}+ArrowUp`);
  await expect.poll(() => visibleNodes(page)).toBe(2);

  // A VM dropped onto the compact box is refused, with how to open the server.
  await page.getByRole('searchbox', { name: 'Search the palette' }).fill('vm');
  const item = (await page.locator('[data-palette-item="kind:vm"]').boundingBox())!;
  const target = await onCanvas(page, x! + 112, y! + 28);
  await page.mouse.move(item.x + item.width / 2, item.y + item.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x, target.y, { steps: 10 });
  await page.mouse.up();
  await expect.poll(() => page.getByTestId('status-message').textContent()).toBe(`${HOST} is collapsed: expand it (double-click its header) to put a VM in it`);

  // Drag the box by 120 × 80 (grab it away from the chevron): on expanding, the VM has moved by as much.
  const grab = await onCanvas(page, x! + 150, y! + 40);
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + 60, grab.y + 40, { steps: 4 });
  await page.mouse.move(grab.x + 123, grab.y + 77, { steps: 8 });
  await page.mouse.up();
  const [mx, my] = await selectionRect(page);
  expect([mx! - x!, my! - y!]).toEqual([120, 80]);

  // Find vm01 (hidden in the box): the server opens, vm01 is selected where it now is.
  await page.keyboard.press(`${mod}+f`);
  await page.keyboard.type('vm01');
  await page.keyboard.press('Enter');
  await expect.poll(() => visibleNodes(page)).toBe(8);
  // The VM itself is selected (a 100 × 50 box, at whatever zoom finding chose), not its server.
  const [, , fw, fh] = await selectionRect(page);
  expect(fw! / fh!).toBeCloseTo(2, 1);
  // Finding zoomed to the VM: fit again (100 %) and compare its place in the server with before the move.
  await canvas(page).focus();
  await page.keyboard.press('0');
  await expect.poll(() => page.getByTestId('status-zoom').textContent()).toBe('100%');
  await selectInOutline(page, HOST);
  const [hx, hy] = await selectionRect(page);
  await selectInOutline(page, 'r01-h001-vm01');
  const [vx, vy] = await selectionRect(page);
  expect([vx! - hx!, vy! - hy!]).toEqual([vmBefore[0]! - x!, vmBefore[1]! - y!]);
  // Opening the server for the find was one undo step of its own.
  await canvas(page).focus();
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => visibleNodes(page)).toBe(2);
});
