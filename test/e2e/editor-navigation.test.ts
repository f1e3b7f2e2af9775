/**
 * Finding one's way, like a person: the command palette runs "Zoom to Fit", Ctrl/Cmd+F finds elements by
 * name and selects and frames them, and the canvas context menu duplicates what was right-clicked.
 */
import { expect, test } from 'vitest';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, outlineCount, screenshot } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

test('the command palette lists enabled actions with shortcuts and runs Zoom to Fit', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 4, vms: 2 });
  const zoom = page.getByTestId('status-zoom');
  const fitted = await zoom.textContent();
  await page.getByTestId('canvas').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('+');
  await expect.poll(() => zoom.textContent()).not.toBe(fitted);

  await page.keyboard.press(`${mod}+Shift+P`);
  const palette = page.getByTestId('command-palette');
  await palette.waitFor();
  // Disabled actions (nothing to paste, nothing selected) are not offered.
  const labels = await palette.getByRole('option').allTextContents();
  expect(labels.some((l) => l.startsWith('Zoom to Fit'))).toBe(true);
  expect(labels.some((l) => l.startsWith('Paste'))).toBe(false);
  await page.keyboard.type('zoom fit');
  const options = palette.getByRole('option');
  await expect.poll(() => options.count()).toBe(1);
  expect(await options.first().textContent()).toMatch(/^Zoom to Fit(Ctrl\+0|⌘0|0)$/);
  await screenshot(page, 'editor-command-palette');
  await page.keyboard.press('Enter');
  await palette.waitFor({ state: 'detached' });
  await expect.poll(() => zoom.textContent()).toBe(fitted);
});

test('find by name selects and frames the matches; the context menu duplicates the clicked server', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 3, vms: 2 });
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+f`);
  const palette = page.getByTestId('command-palette');
  await page.keyboard.type('vm02');
  // Every server has a vm02: "select all" comes first, then each one with the server it is in.
  const options = palette.getByRole('option');
  await expect.poll(() => options.count()).toBe(4);
  expect(await options.first().textContent()).toBe('Select all 3 matches');
  expect(await options.nth(1).textContent()).toMatch(/^r01-h00\d-vm02VM in esx-r01-h00\d$/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await palette.waitFor({ state: 'detached' });
  // One VM selected, framed (zoomed in past 100% is capped at 100%), and shown in the inspector.
  const rect = await page.getByTestId('canvas').getAttribute('data-selection-rect');
  expect(rect).not.toBeNull();
  expect(await page.getByTestId('inspector').locator('h2').textContent()).toMatch(/^r01-h00\d-vm02$/);
  await screenshot(page, 'editor-find');

  // Find again, select all three.
  await page.keyboard.press(`${mod}+f`);
  await page.keyboard.type('vm02');
  await page.keyboard.press('Enter');
  // Several selected: the inspector summarises them rather than showing one element.
  await expect.poll(() => page.getByTestId('canvas').getAttribute('data-selection-rect')).toBeNull();
  expect(await page.getByTestId('inspector').getAttribute('data-element-id')).toBeNull();

  // Right click a server's title bar: it is selected and the menu offers Duplicate.
  const hosts = await outlineCount(page, 'host');
  await page.keyboard.press('0');
  const first = page.getByRole('treeitem').filter({ hasText: 'esx-r01-h001' }).first();
  await first.click();
  const [x, y] = (await page.getByTestId('canvas').getAttribute('data-selection-rect'))!.split(',').map(Number);
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.keyboard.press('Escape');
  await page.mouse.click(box.x + x! + 30, box.y + y! + 6, { button: 'right' });
  const menu = page.getByTestId('context-menu');
  await menu.waitFor();
  expect(await menu.locator('[data-action="edit.paste"]').isDisabled()).toBe(true);
  await screenshot(page, 'editor-context-menu');
  await menu.getByRole('menuitem', { name: /Duplicate/ }).click();
  await expect.poll(() => outlineCount(page, 'host')).toBe(hosts + 1);
  expect(await menu.count()).toBe(0);
});

test('the minimap of a 2,000-server fabric shows the visible area; clicking it moves the view there', async () => {
  const { page } = app;
  await newFromTemplate(page, 'fabric', { hosts: 2000, vms: 2 });
  const map = page.getByTestId('minimap');
  const view = page.getByTestId('minimap-view');
  // Fitted, the whole fabric is in view: the minimap would show nothing new and stands aside (it only covered a corner).
  await expect.poll(() => page.getByTestId('canvas').getAttribute('data-visible-nodes')).not.toBeNull();
  expect(await map.count()).toBe(0);

  // One step in: part of the design is out of view, and the map appears with the visible area outlined.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('+');
  const mapBox = (await map.boundingBox())!;
  expect((await view.boundingBox())!.width).toBeGreaterThan(mapBox.width * 0.4);
  for (let i = 0; i < 11; i++) await page.keyboard.press('+');
  await expect.poll(async () => (await view.boundingBox())?.width ?? 0).toBeLessThan(mapBox.width * 0.2);

  // A click near the map's bottom-right corner centres the view there: the outline follows.
  const target = { x: mapBox.x + mapBox.width * 0.8, y: mapBox.y + mapBox.height * 0.75 };
  await page.mouse.click(target.x, target.y);
  await expect.poll(async () => {
    const b = (await view.boundingBox())!;
    return Math.hypot(b.x + b.width / 2 - target.x, b.y + b.height / 2 - target.y);
  }).toBeLessThan(3);
  // The press went to the minimap, not to the canvas: nothing was selected and no rubber band drawn.
  expect(await page.getByTestId('canvas').getAttribute('data-selection-rect')).toBeNull();
  expect(await page.getByTestId('rubber-band').count()).toBe(0);
  // Dragging on the map pans continuously.
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  await page.mouse.move(mapBox.x + mapBox.width * 0.3, mapBox.y + mapBox.height * 0.3, { steps: 6 });
  await page.mouse.up();
  const after = (await view.boundingBox())!;
  expect(after.x + after.width / 2).toBeLessThan(mapBox.x + mapBox.width * 0.4);
  await screenshot(page, 'editor-minimap');
});
