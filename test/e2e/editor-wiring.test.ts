/**
 * Wiring and the clipboard, driven like a person: drag from a NIC port to a switch port (the link appears,
 * undo removes it), try a port that cannot take it (the reason shows at the cursor, nothing is added),
 * copy a VM into another server, duplicate a server with its contents and links.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { makeElement } from '../../shared/model/defaults';
import type { ElementKind } from '../../shared/model/elements';
import { asElementId } from '../../shared/model/ids';
import { describeElement } from '../../shared/scene/describe';
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

async function canvasBox(page: Page): Promise<Point> {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  return { x: box.x, y: box.y };
}

/** The on-screen rectangle [x, y, w, h] (canvas pixels) of the single selected element. */
async function selectionRect(page: Page): Promise<number[]> {
  const v = await page.getByTestId('canvas').getAttribute('data-selection-rect');
  expect(v, 'exactly one element is selected').not.toBeNull();
  return v!.split(',').map(Number);
}

/**
 * Page coordinates of a port marker of an element created with default properties: select it in the
 * outline, then place its look's marker (the one the canvas draws) inside its on-screen rectangle.
 */
async function portOnScreen(page: Page, name: string, kind: ElementKind, port: string): Promise<Point> {
  await selectInOutline(page, name);
  const [x, y, w, h] = await selectionRect(page);
  const look = describeElement(makeElement(kind, { id: asElementId('probe'), name }));
  expect([w, h], `${name} is drawn at 100%`).toEqual([look.w, look.h]);
  const marker = look.shapes.find((s) => s.type === 'port' && s.name === port);
  if (marker?.type !== 'port') throw new Error(`${kind} has no marker for ${port}`);
  const c = await canvasBox(page);
  return { x: c.x + x! + marker.x + marker.size / 2, y: c.y + y! + marker.y + marker.size / 2 };
}

/** Presses at `from`, moves there in steps as a hand does, and stops before releasing. */
async function dragTo(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2 + 30, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
}

async function dragFromPalette(page: Page, key: string, search: string, to: Point): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search the palette' }).fill(search);
  const box = (await page.locator(`[data-palette-item="${key}"]`).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

const status = (page: Page) => page.getByTestId('status-counts').textContent();

test('wire a NIC port to a switch port by dragging; undo removes it; a root port refuses it with the reason', async () => {
  const { page } = app;
  await newFromTemplate(page, 'empty');
  const c = await canvasBox(page);
  await dragFromPalette(page, 'kind:host', 'server', { x: c.x + 420, y: c.y + 340 });
  await expect.poll(() => outlineCount(page, 'host')).toBe(1);
  const [hx, hy, , hh] = await selectionRect(page);
  await dragFromPalette(page, 'kind:nic', 'nic', { x: c.x + hx! + 140, y: c.y + hy! + 120 });
  await expect.poll(() => outlineCount(page, 'nic')).toBe(1);
  await dragFromPalette(page, 'kind:tor', 'ethernet switch', { x: c.x + hx! + 200, y: c.y + hy! + hh! + 70 });
  await expect.poll(() => outlineCount(page, 'tor')).toBe(1);
  expect(await status(page)).toMatch(/\b1 link\b/);

  const eth0 = await portOnScreen(page, 'nic0', 'nic', 'eth0');
  const p0 = await portOnScreen(page, 'tor1', 'tor', 'p0');
  await dragTo(page, eth0, p0);
  const hint = page.getByTestId('wire-hint');
  await expect.poll(() => hint.getAttribute('data-status')).toBe('ok');
  expect(await hint.textContent()).toMatch(/Connect to p0/);
  await screenshot(page, 'editor-wiring-ok');
  await page.mouse.up();
  await expect.poll(() => status(page)).toMatch(/\b2 links\b/);
  expect(await hint.count()).toBe(0);

  // One undo step removes the link and nothing else.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => status(page)).toMatch(/\b1 link\b/);
  expect(await outlineCount(page, 'nic')).toBe(1);

  // A NIC Ethernet port onto a root port: the reason shows at the cursor, and nothing is added.
  const rp0 = await portOnScreen(page, 'CPU0 root complex', 'rootComplex', 'rp0');
  await dragTo(page, eth0, rp0);
  await expect.poll(() => hint.getAttribute('data-status')).toBe('refused');
  expect(await hint.textContent()).toMatch(/a PCIe port connects only to a PCIe port/);
  await screenshot(page, 'editor-wiring-refused');
  await page.mouse.up();
  await expect.poll(() => page.getByTestId('status-message').textContent()).toMatch(/^Not connected: a PCIe port connects only to a PCIe port$/);
  expect(await status(page)).toMatch(/\b1 link\b/);

  // Escape drops a wire half-way.
  await dragTo(page, eth0, p0);
  await expect.poll(() => hint.getAttribute('data-status')).toBe('ok');
  await page.keyboard.press('Escape');
  await page.mouse.up();
  expect(await hint.count()).toBe(0);
  expect(await status(page)).toMatch(/\b1 link\b/);
});

/** Names and nesting levels of the outline rows, top to bottom. */
const outlineRows = (page: Page) =>
  page.getByRole('treeitem').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('aria-level')}:${r.querySelector('.name')?.textContent ?? ''}`));

test('copy a VM into another server; duplicate a server with its contents and links', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 2, vms: 1 });
  const vms = await outlineCount(page, 'vm');
  const hosts = await outlineCount(page, 'host');
  const hostNames = (await outlineRows(page)).filter((r) => /^1:.*h0\d\d$/.test(r)).map((r) => r.slice(2));
  expect(hostNames).toHaveLength(2);
  // The outline shows servers collapsed; searching shows the VMs inside them.
  const search = page.getByRole('searchbox', { name: 'Search elements by name' });
  await search.fill('vm');
  const found = await outlineRows(page);
  await search.fill('');
  const vmName = found.find((r) => r.startsWith('2:'))?.slice(2);
  expect(vmName, found.join(' | ')).toBeTruthy();

  // Copy the first server's VM; select the other server; paste.
  await selectInOutline(page, vmName!);
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+c`);
  await selectInOutline(page, hostNames[1]!);
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+v`);
  await expect.poll(() => outlineCount(page, 'vm')).toBe(vms + 1);
  // The pasted VM is selected, and the outline shows it inside the second server.
  const selectedRow = page.locator('[role="treeitem"][aria-selected="true"]');
  // VM names are one namespace across the design (shared/scene/clipboard.ts): the original still runs on the first
  // server, so the copy is renamed.
  expect(await selectedRow.locator('.name').textContent()).toBe(`${vmName} copy`);
  const pastedId = await selectedRow.getAttribute('data-element-id');
  const after = await page.getByRole('treeitem').evaluateAll((rs) => rs.map((r) => [r.getAttribute('aria-level'), r.querySelector('.name')?.textContent ?? '', r.getAttribute('data-element-id')]));
  const at = after.findIndex((r) => r[2] === pastedId);
  const owner = after.slice(0, at).reverse().find((r) => r[0] === '1');
  expect(owner?.[1]).toBe(hostNames[1]);
  await screenshot(page, 'editor-paste-vm');

  // Duplicate the first server: its contents and internal links come too, under new ids.
  const linksBefore = Number((await status(page))!.match(/(\d+) links?/)![1]);
  await selectInOutline(page, hostNames[0]!);
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+d`);
  await expect.poll(() => outlineCount(page, 'host')).toBe(hosts + 1);
  expect(await outlineCount(page, 'vm')).toBe(vms + 2);
  const linksAfter = Number((await status(page))!.match(/(\d+) links?/)![1]);
  expect(linksAfter).toBeGreaterThan(linksBefore);
  const dupName = await page.locator('[role="treeitem"][aria-selected="true"] .name').textContent();
  expect(dupName).toBe(`${hostNames[0]} copy`);
  await screenshot(page, 'editor-duplicate-server');
  // One undo removes the whole duplicate.
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => outlineCount(page, 'host')).toBe(hosts);
  expect(Number((await status(page))!.match(/(\d+) links?/)![1])).toBe(linksBefore);
});
