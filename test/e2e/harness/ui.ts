/** Steps a person takes in the app, shared by the end-to-end tests. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './app';

/** The toolbar button of an action. */
export const toolbar = (page: Page, action: string): Locator => page.locator(`.toolbar [data-action="${action}"]`);

/** File › New from the toolbar: choose the template and sizes in the dialog, then Create. */
export async function newFromTemplate(page: Page, template: 'empty' | 'single-host' | 'rack' | 'rack-kvm' | 'fabric', sizes: { hosts?: number; vms?: number } = {}): Promise<void> {
  await toolbar(page, 'file.new').click();
  const dialog = page.getByTestId('dialog-new');
  await dialog.locator(`input[name="template"][value="${template}"]`).check();
  if (sizes.hosts !== undefined) await dialog.getByLabel('Servers').fill(String(sizes.hosts));
  if (sizes.vms !== undefined) await dialog.getByLabel('VMs per server').fill(String(sizes.vms));
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The count the outline shows for a kind (0 when the kind is absent). */
export async function outlineCount(page: Page, kind: string): Promise<number> {
  const el = page.getByTestId(`outline-count-${kind}`);
  if ((await el.count()) === 0) return 0;
  return Number(await el.getAttribute('data-count'));
}

/** Selects an element by searching the outline for its name and clicking its row. */
export async function selectInOutline(page: Page, name: string): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search elements by name' });
  await search.fill(name);
  await page.getByRole('treeitem').filter({ has: page.locator('.name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) }).first().click();
  await search.fill('');
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Saves a screenshot under test/e2e/__screenshots__/ (or `path`) and returns its path. */
export async function screenshot(page: Page, name: string, path?: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path ?? join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Drags a palette item into a server with the mouse, as a person does: selects the server (so the canvas reports
 * its rectangle), then drags the item from the palette to near the server's lower right corner, below its VMs.
 */
export async function dragIntoServer(page: Page, item: Locator, server: string): Promise<void> {
  await selectInOutline(page, server);
  const [hx, hy, hw, hh] = (await page.getByTestId('canvas').getAttribute('data-selection-rect'))!.split(',').map(Number);
  const canvasBox = (await page.getByTestId('canvas').boundingBox())!;
  const from = (await item.boundingBox())!;
  const to = { x: canvasBox.x + hx! + hw! - 100, y: canvasBox.y + hy! + hh! - 40 };
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x - 100, to.y - 50, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}
