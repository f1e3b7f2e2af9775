/**
 * Renaming in place, driven like a person: F2 on a selected VM opens a field over its name with the name
 * selected, typing and Enter renames it (one undo step), a double click on a NIC opens it and Escape leaves
 * the name alone, an empty name is refused with a reason while canvas shortcuts stay quiet, leaving the
 * field commits, and the context menu's Rename… opens it too.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { SCREENSHOT_DIR, type AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, outlineCount, screenshot, selectInOutline, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

const canvas = (page: Page) => page.getByTestId('canvas');
const field = (page: Page) => page.getByTestId('rename-field');
const inspectorTitle = (page: Page) => page.getByTestId('inspector').locator('h2').textContent();
const outlineHas = (page: Page, name: string) => page.getByRole('treeitem').filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) }).count();

/** The single-host template (VMs r01-h001-vm01 and r01-h001-vm02), with `name` selected; returns its on-screen box in page pixels. */
async function openAndSelect(page: Page, name: string): Promise<{ x: number; y: number; w: number; h: number }> {
  await newFromTemplate(page, 'single-host', { vms: 2 });
  await expect.poll(() => canvas(page).getAttribute('data-visible-nodes')).toBe('8');
  await selectInOutline(page, name);
  const rect = (await canvas(page).getAttribute('data-selection-rect'))!.split(',').map(Number);
  const c = (await canvas(page).boundingBox())!;
  return { x: c.x + rect[0]!, y: c.y + rect[1]!, w: rect[2]!, h: rect[3]! };
}

test('F2 opens a field over the VM name with it selected; Enter renames in one undo step; Ctrl+Z restores', async () => {
  const { page } = app;
  const vm = await openAndSelect(page, 'r01-h001-vm01');
  // Close-ups of the name before and with the field open, to compare by eye that the text does not move.
  const clip = { x: vm.x - 4, y: vm.y - 4, width: vm.w + 60, height: vm.h + 8 };
  await page.mouse.move(5, 5);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'rename-name-closeup.png'), clip, scale: 'device' });
  await canvas(page).focus();
  await page.keyboard.press('F2');
  await field(page).waitFor();

  // The field holds the name, all of it selected, and has the keyboard.
  expect(await field(page).inputValue()).toBe('r01-h001-vm01');
  expect(await field(page).evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd, document.activeElement === el])).toEqual([0, 13, true]);
  await screenshot(page, 'rename-field-open');
  // Unselected (caret at the end), the typed text should sit exactly where the drawn name was.
  await page.keyboard.press('End');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'rename-field-closeup.png'), clip, scale: 'device' });
  await page.keyboard.press(`${mod}+a`);
  // It lies over the name: in the box's top-left, inside the box, on the title row.
  const f = (await field(page).boundingBox())!;
  expect(f.x).toBeGreaterThanOrEqual(vm.x);
  expect(f.x).toBeLessThan(vm.x + 16);
  expect(f.y).toBeGreaterThanOrEqual(vm.y);
  expect(f.y + f.height).toBeLessThan(vm.y + vm.h / 2);
  expect(f.x + f.width).toBeLessThanOrEqual(vm.x + vm.w + 4);

  await page.keyboard.type('web-frontend');
  await page.keyboard.press('Enter');
  await field(page).waitFor({ state: 'detached' });
  await expect.poll(() => inspectorTitle(page)).toBe('web-frontend');
  expect(await outlineHas(page, 'web-frontend')).toBe(1);
  expect(await toolbar(page, 'edit.undo').getAttribute('title')).toMatch(/^Undo Rename/);

  // Enter handed the keyboard back to the canvas: Ctrl+Z undoes the rename.
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => inspectorTitle(page)).toBe('r01-h001-vm01');
  expect(await outlineHas(page, 'web-frontend')).toBe(0);
});

test('double-click a NIC opens the field; Escape keeps the name and makes no undo step', async () => {
  const { page } = app;
  const nic = await openAndSelect(page, 'nic0');
  expect(await toolbar(page, 'edit.undo').isDisabled()).toBe(true);
  await page.mouse.dblclick(nic.x + nic.w / 2, nic.y + nic.h - 8);
  await field(page).waitFor();
  expect(await field(page).inputValue()).toBe('nic0');
  await page.keyboard.type('uplink');
  await page.keyboard.press('Escape');
  await field(page).waitFor({ state: 'detached' });
  expect(await inspectorTitle(page)).toBe('nic0');
  expect(await outlineHas(page, 'uplink')).toBe(0);
  // Escape closed the field only: the NIC is still selected, and nothing was added to the history.
  expect(await canvas(page).getAttribute('data-selection-rect')).not.toBeNull();
  expect(await toolbar(page, 'edit.undo').isDisabled()).toBe(true);
});

test('an empty name shows the reason and keeps the field open; canvas shortcuts do not fire while typing', async () => {
  const { page } = app;
  await openAndSelect(page, 'r01-h001-vm02');
  await canvas(page).focus();
  await page.keyboard.press('F2');
  await field(page).waitFor();
  const viewBefore = await canvas(page).getAttribute('style');

  // Delete empties the selected text (it does not delete the VM); arrows move the caret (they do not pan).
  await page.keyboard.press('Delete');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  const reason = page.getByTestId('rename-reason');
  await reason.waitFor();
  expect(await reason.textContent()).toBe('A name cannot be empty.');
  expect(await field(page).getAttribute('aria-invalid')).toBe('true');
  expect(await outlineCount(page, 'vm')).toBe(2);
  expect(await canvas(page).getAttribute('style')).toBe(viewBefore);
  await screenshot(page, 'rename-empty-reason');

  // Typing clears the reason; a click elsewhere (empty canvas, top left: the minimap's button sits bottom right) commits the name.
  await page.keyboard.type('db-02');
  await reason.waitFor({ state: 'detached' });
  const c = (await canvas(page).boundingBox())!;
  await page.mouse.click(c.x + 60, c.y + 100);
  await field(page).waitFor({ state: 'detached' });
  // The click cleared the selection, so the outline folds the server again: search it for the new name.
  await page.getByRole('searchbox', { name: 'Search elements by name' }).fill('db-02');
  expect(await outlineHas(page, 'db-02')).toBe(1);
});

test('the context menu offers Rename… for one element, and it opens the field with the keyboard', async () => {
  const { page } = app;
  const vm = await openAndSelect(page, 'r01-h001-vm01');
  await page.mouse.click(vm.x + vm.w / 2, vm.y + vm.h - 8, { button: 'right' });
  const menu = page.getByTestId('context-menu');
  await menu.waitFor();
  const item = menu.locator('[data-action="edit.rename"]');
  expect(await item.textContent()).toMatch(/^Rename…F2$/);
  await item.click();
  await menu.waitFor({ state: 'detached' });
  await field(page).waitFor();
  await expect.poll(() => field(page).evaluate((el) => document.activeElement === el)).toBe(true);
  await page.keyboard.type('cache');
  await page.keyboard.press('Enter');
  await expect.poll(() => inspectorTitle(page)).toBe('cache');
});
