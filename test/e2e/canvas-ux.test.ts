/**
 * Building by hand and finding one's way (issue #14 items 5, 9, 10), driven with the mouse and keyboard: a palette
 * drag shows where it goes (the target server outlined, a refusal explained before the drop) and lands with its
 * top-left corner at the pointer; a port names itself on hover; the wheel pans (Shift: sideways) and Ctrl+wheel
 * zooms about the pointer; splitters resize the panels, by mouse and by keyboard, and the sizes survive a reload;
 * the minimap stands aside when the whole design is in view and can be hidden for good; at 1024×700 with the
 * simulation panel open the canvas and the panel both stay usable.
 */
import { expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startApp, type AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, outlineCount, screenshot, selectInOutline } from './harness/ui';

let app: AppHarness;
const life = useAppPerTest((a) => (app = a), () => app);

const canvas = (page: Page) => page.getByTestId('canvas');

/** The on-screen rectangle [x, y, w, h] of the single selected element, relative to the canvas. */
async function selectionRect(page: Page): Promise<number[]> {
  const v = await canvas(page).getAttribute('data-selection-rect');
  expect(v, 'exactly one element is selected').not.toBeNull();
  return v!.split(',').map(Number);
}

async function canvasOrigin(page: Page): Promise<{ x: number; y: number }> {
  const b = (await canvas(page).boundingBox())!;
  return { x: b.x, y: b.y };
}

/** Presses on a palette item (searched for first) and moves, in steps, to page point `to`, without releasing. */
async function dragPaletteItemTo(page: Page, key: string, search: string, to: { x: number; y: number }): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search the palette' }).fill(search);
  const box = (await page.locator(`[data-palette-item="${key}"]`).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 10, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
}

const width = async (l: Locator) => (await l.boundingBox())!.width;
const height = async (l: Locator) => (await l.boundingBox())!.height;

test('the empty state points to the palette; a dragged server lands top-left at the pointer; a NIC shows its target server, or why not, before the drop', async () => {
  const { page } = app;
  await newFromTemplate(page, 'empty');
  expect(await page.getByTestId('canvas-empty').textContent()).toMatch(/from the Palette on the left/);

  // The server lands with its top-left corner where the pointer let go (on the 8-px grid, at 100 %).
  const o = await canvasOrigin(page);
  await dragPaletteItemTo(page, 'kind:host', 'server', { x: o.x + 43, y: o.y + 61 });
  expect(await page.getByTestId('palette-ghost').getAttribute('data-drop')).toBe('ok');
  await page.mouse.up();
  await expect.poll(() => outlineCount(page, 'host')).toBe(1);
  const [hx, hy, hw, hh] = await selectionRect(page);
  expect(Math.abs(hx! - 43)).toBeLessThanOrEqual(4);
  expect(Math.abs(hy! - 61)).toBeLessThanOrEqual(4);
  expect(await page.getByTestId('palette-ghost').count()).toBe(0);

  // A NIC over empty canvas: refused before the drop, with the reason, and a not-allowed cursor on the dragged item.
  await dragPaletteItemTo(page, 'catalog:intel-e810-xxv-2x25g', 'E810', { x: o.x + hx! + hw! + 30, y: o.y + hy! + hh! + 30 });
  const ghost = page.getByTestId('palette-ghost');
  expect(await ghost.getAttribute('data-drop')).toBe('refused');
  expect(await ghost.textContent()).toMatch(/goes inside a server: drop it onto a server/);
  const item = page.locator('[data-palette-item="catalog:intel-e810-xxv-2x25g"]');
  expect(await item.evaluate((el) => getComputedStyle(el).cursor)).toBe('not-allowed');
  expect(await canvas(page).getAttribute('data-drop-target')).toBeNull();
  await screenshot(page, 'canvas-ux-drop-refused');

  // Over the server: it is outlined as the target, and the ghost says where the NIC goes.
  await page.mouse.move(o.x + hx! + 120, o.y + hy! + 120, { steps: 6 });
  await expect.poll(() => canvas(page).getAttribute('data-drop-target')).toMatch(/:ok$/);
  expect(await ghost.textContent()).toMatch(/→ server1$/);
  await screenshot(page, 'canvas-ux-drop-target');
  await page.mouse.up();
  await expect.poll(() => outlineCount(page, 'nic')).toBe(1);
  expect(await canvas(page).getAttribute('data-drop-target')).toBeNull();

  // Over a panel a release does nothing, and says so with the cursor.
  const outline = (await page.getByRole('complementary', { name: 'Outline' }).boundingBox())!;
  await dragPaletteItemTo(page, 'kind:tor', 'ToR', { x: outline.x + 40, y: outline.y + outline.height - 40 });
  expect(await page.getByTestId('palette-ghost').getAttribute('data-drop')).toBe('off');
  await page.mouse.up();
  expect(await outlineCount(page, 'tor')).toBe(0);
});

test('a port highlights and names itself under the pointer, and its neighbours in the two rows are told apart', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack-kvm', { hosts: 4, vms: 1 });
  await selectInOutline(page, 'r01-tor-a');
  await canvas(page).focus();
  await page.keyboard.press('.'); // zoom to the selection: the ToR at 100 %
  await expect.poll(() => page.getByTestId('status-zoom').textContent()).toBe('100%');
  const [tx, ty, , th] = await selectionRect(page);
  const o = await canvasOrigin(page);
  // Sweep the pointer along each of the two rows of ports on the ToR's bottom face (odd-numbered ports just inside
  // the edge, even-numbered just outside, shared/scene/shapes.ts): each port is named in turn.
  const tip = page.getByTestId('port-tip');
  let shot = false;
  const sweep = async (dy: number) => {
    const seen: string[] = [];
    for (let dx = 1; dx <= 16; dx++) {
      await page.mouse.move(o.x + tx! + dx, o.y + ty! + th! + dy);
      const name = (await tip.count()) ? /^r01-tor-a · (p\d+)/.exec((await tip.textContent()) ?? '')?.[1] : undefined;
      if (name && seen.at(-1) !== name) seen.push(name);
      if (name === 'p1' && !shot) {
        shot = true;
        await screenshot(page, 'canvas-ux-port-hover');
      }
    }
    return seen;
  };
  expect(await sweep(-3)).toEqual(['p0', 'p2']);
  expect(await sweep(7)).toEqual(['p1', 'p3']);
  // The tooltip says what the port is cabled to, with the far end's server.
  await page.mouse.move(o.x + tx! + 1, o.y + ty! + th! + 2);
  expect(await tip.textContent()).toMatch(/^r01-tor-a · p0 → kvm-r01-h001 › nic0 · eth0$/);
  // Away from any port, nothing is named.
  await page.mouse.move(o.x + tx! + 112, o.y + ty! + 20);
  await expect.poll(() => tip.count()).toBe(0);
});

test('the wheel pans (Shift: sideways) and Ctrl+wheel zooms about the pointer', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack-kvm', { hosts: 4, vms: 1 });
  await selectInOutline(page, 'kvm-r01-h001');
  const o = await canvasOrigin(page);
  const box = (await canvas(page).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const before = await selectionRect(page);

  await page.mouse.wheel(0, 120);
  await expect.poll(async () => (await selectionRect(page))[1]).toBe(before[1]! - 120);
  expect((await selectionRect(page))[0]).toBe(before[0]);

  await page.keyboard.down('Shift');
  await page.mouse.wheel(0, 80);
  await page.keyboard.up('Shift');
  await expect.poll(async () => (await selectionRect(page))[0]).toBe(before[0]! - 80);
  expect((await selectionRect(page))[2]).toBe(before[2]); // panning never zooms

  // Ctrl+wheel towards the screen zooms in, keeping the point under the pointer where it is.
  const mid = await selectionRect(page);
  const px = box.width / 2, py = box.height / 2;
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await selectionRect(page))[2]).toBeGreaterThan(mid[2]!);
  const after = await selectionRect(page);
  const k = after[2]! / mid[2]!;
  expect(Math.abs(after[0]! - (px - (px - mid[0]!) * k))).toBeLessThanOrEqual(1.5);
  expect(Math.abs(after[1]! - (py - (py - mid[1]!) * k))).toBeLessThanOrEqual(1.5);
  expect(o).toEqual(await canvasOrigin(page));
});

test('splitters resize the panels by mouse and keyboard, and the sizes survive a reload', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack-kvm', { hosts: 4, vms: 1 });
  const left = page.locator('.left-column');
  const right = page.getByRole('complementary', { name: 'Inspector' });
  const w0 = await width(left);

  // Drag the splitter right of the palette and outline 90 px to the right.
  const s = page.getByTestId('splitter-left');
  expect(await s.getAttribute('role')).toBe('separator');
  const sb = (await s.boundingBox())!;
  await page.mouse.move(sb.x + sb.width / 2, sb.y + 200);
  await page.mouse.down();
  await page.mouse.move(sb.x + sb.width / 2 + 45, sb.y + 200, { steps: 3 });
  await page.mouse.move(sb.x + sb.width / 2 + 90, sb.y + 200, { steps: 3 });
  await page.mouse.up();
  expect(Math.round(await width(left))).toBe(Math.round(w0 + 90));
  expect(Number(await s.getAttribute('aria-valuenow'))).toBe(Math.round(w0 + 90));

  // The inspector's splitter by keyboard: two presses of ArrowLeft widen it by 2 × 16 px.
  const r0 = await width(right);
  const rs = page.getByTestId('splitter-right');
  await rs.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  expect(Math.round(await width(right))).toBe(Math.round(r0 + 32));
  await screenshot(page, 'canvas-ux-splitters');

  // The simulation panel's splitter: up makes the panel taller.
  await page.keyboard.press('Control+Shift+M');
  const sim = page.getByTestId('simulation-panel');
  await sim.waitFor();
  const h0 = await height(sim);
  await page.getByTestId('splitter-simulation').focus();
  await page.keyboard.press('Shift+ArrowUp');
  expect(Math.round(await height(sim))).toBe(Math.round(h0 + 64));

  // Reloaded (a restart of the window): the same sizes.
  await page.reload();
  await newFromTemplate(page, 'rack-kvm', { hosts: 4, vms: 1 });
  expect(Math.round(await width(page.locator('.left-column')))).toBe(Math.round(w0 + 90));
  expect(Math.round(await width(page.getByRole('complementary', { name: 'Inspector' })))).toBe(Math.round(r0 + 32));
  await page.keyboard.press('Control+Shift+M');
  await page.getByTestId('simulation-panel').waitFor();
  expect(Math.round(await height(page.getByTestId('simulation-panel')))).toBe(Math.round(h0 + 64));

  // Double-click restores the default (by position: the splitter is a 0-px track with a wider hit area).
  const sb2 = (await page.getByTestId('splitter-left').boundingBox())!;
  await page.mouse.dblclick(sb2.x, sb2.y + 200);
  expect(Math.round(await width(page.locator('.left-column')))).toBe(Math.round(w0));
});

test('the minimap stands aside while the whole design is in view, and hiding it is remembered', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack-kvm', { hosts: 4, vms: 1 });
  // Zoomed to fit: everything is in view, so the map would only cover part of it.
  expect(await page.getByTestId('minimap').count()).toBe(0);
  const box = (await canvas(page).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await page.getByTestId('minimap').waitFor();

  await page.getByTestId('minimap-hide').click();
  expect(await page.getByTestId('minimap').count()).toBe(0);
  await page.getByTestId('minimap-show').waitFor();
  await page.reload();
  await newFromTemplate(page, 'rack-kvm', { hosts: 4, vms: 1 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await page.getByTestId('minimap-show').waitFor();
  expect(await page.getByTestId('minimap').count()).toBe(0);

  // Shift+M (View ▸ Show Minimap) brings it back.
  await canvas(page).focus();
  await page.keyboard.press('Shift+M');
  await page.getByTestId('minimap').waitFor();
});

test('at 1024×700 with the simulation panel open, the canvas and the panel both stay usable', async () => {
  await app.close();
  app = await startApp(life.browser(), { width: 1024, height: 700 });
  const { page } = app;
  await newFromTemplate(page, 'rack-kvm', { hosts: 4, vms: 1 });
  await page.keyboard.press('Control+Shift+M');
  const sim = page.getByTestId('simulation-panel');
  await sim.waitFor();
  const c = (await canvas(page).boundingBox())!;
  const s = (await sim.boundingBox())!;
  expect(c.height).toBeGreaterThanOrEqual(140);
  expect(c.width).toBeGreaterThanOrEqual(400);
  expect(s.y + s.height).toBeLessThanOrEqual(700);
  expect(s.height).toBeGreaterThanOrEqual(160);
  await screenshot(page, 'canvas-ux-1024x700-simulation');
});
