/**
 * View ▸ Layers, View ▸ Straight Links and link labels, driven like a person: the native menu's items (sent as
 * `menu:action`, as main does), the digit and Shift+R shortcuts and the canvas's layer bar. What is hidden is checked three ways: the
 * canvas's count of drawn elements, a click where a hidden VM was (it now selects the server behind it), and a
 * screenshot.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

// rack, 2 servers × 3 VMs: per server 1 host + 2 root complexes + 1 NIC + 1 vSwitch + 3 VMs, plus 2 ToRs.
const ALL = 2 * 8 + 2;
const WITHOUT_VIRTUAL = ALL - 2 * (1 + 3);
const WITHOUT_PCIE = ALL - 2 * 2;

const attr = (page: Page, name: string) => page.getByTestId('canvas').getAttribute(name);
const rectOf = (s: string | null) => (s ? s.split(',').map(Number) : null);

/** Clicks the canvas at a point in canvas pixels. */
async function clickCanvas(page: Page, x: number, y: number): Promise<void> {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.click(box.x + x, box.y + y);
}

test('layers hide their elements and links from the canvas and from clicks, by menu and by shortcut', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 2, vms: 3 });
  await expect.poll(() => attr(page, 'data-visible-nodes')).toBe(String(ALL));
  expect(await attr(page, 'data-layers')).toBe('pcie,ethernet,virtual');
  const linksAll = Number(await attr(page, 'data-visible-links'));

  // A VM, and where it is on screen.
  await selectInOutline(page, 'r01-h001-vm01');
  await expect.poll(() => attr(page, 'data-selection-rect')).not.toBeNull();
  const vm = rectOf(await attr(page, 'data-selection-rect'))!;
  const [cx, cy] = [vm[0]! + vm[2]! / 2, vm[1]! + vm[3]! / 2];
  await screenshot(page, 'views-all-layers');

  // View ▸ Layers ▸ Virtual off: VMs and vSwitches go with their links; the selected VM is deselected.
  await app.emit('menu:action', 'view.layerVirtual');
  await expect.poll(() => attr(page, 'data-layers')).toBe('pcie,ethernet');
  await expect.poll(() => attr(page, 'data-visible-nodes')).toBe(String(WITHOUT_VIRTUAL));
  expect(Number(await attr(page, 'data-visible-links'))).toBeLessThan(linksAll);
  expect(await attr(page, 'data-selection-rect')).toBeNull();
  await screenshot(page, 'views-virtual-hidden');

  // A click where the VM was lands on the server behind it: the hidden VM is not hit-tested.
  await clickCanvas(page, cx, cy);
  await expect.poll(() => attr(page, 'data-selection-rect')).not.toBeNull();
  const behind = rectOf(await attr(page, 'data-selection-rect'))!;
  expect(behind[2]!).toBeGreaterThan(vm[2]!);
  expect(behind[3]!).toBeGreaterThan(vm[3]!);

  // The shortcut (3) shows the layer again, and the same click selects the VM again.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('3');
  await expect.poll(() => attr(page, 'data-visible-nodes')).toBe(String(ALL));
  await clickCanvas(page, cx, cy);
  await expect.poll(() => attr(page, 'data-selection-rect')).toBe(vm.join(','));

  // PCIe (1): root complexes go, servers and NICs stay (they belong to every layer).
  await page.keyboard.press('1');
  await expect.poll(() => attr(page, 'data-visible-nodes')).toBe(String(WITHOUT_PCIE));
  expect(await attr(page, 'data-layers')).toBe('ethernet,virtual');
  await screenshot(page, 'views-pcie-hidden');
  await page.keyboard.press('1');
  await expect.poll(() => attr(page, 'data-visible-nodes')).toBe(String(ALL));

  // The canvas's layer bar runs the same actions: Ethernet off hides both ToR switches and every cable.
  const ethernet = page.getByTestId('layer-bar').locator('[data-action="view.layerEthernet"]');
  expect(await ethernet.getAttribute('aria-pressed')).toBe('true');
  await ethernet.click();
  await expect.poll(() => attr(page, 'data-visible-nodes')).toBe(String(ALL - 2));
  expect(await ethernet.getAttribute('aria-pressed')).toBe('false');
  expect(await attr(page, 'data-layers')).toBe('pcie,virtual');
  await screenshot(page, 'views-ethernet-hidden');
});

test('links can be drawn straight, and show their speed and width once zoomed in', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 2, vms: 3 });
  const canvas = page.getByTestId('canvas');
  await expect.poll(() => attr(page, 'data-visible-nodes')).toBe(String(ALL));
  expect(await attr(page, 'data-routing')).toBe('orthogonal');

  // Zoomed out, labels would be illegible: none are drawn.
  await canvas.focus();
  for (let i = 0; i < 4 && (await attr(page, 'data-link-labels')) !== '0'; i++) await page.keyboard.press('-');
  await expect.poll(() => attr(page, 'data-link-labels')).toBe('0');
  await screenshot(page, 'views-orthogonal');

  // View ▸ Straight Links.
  await app.emit('menu:action', 'view.straightLinks');
  await expect.poll(() => attr(page, 'data-routing')).toBe('straight');
  await screenshot(page, 'views-straight');
  // Shift+R goes back to orthogonal routes.
  await canvas.focus();
  await page.keyboard.press('Shift+R');
  await expect.poll(() => attr(page, 'data-routing')).toBe('orthogonal');

  // Zoomed in to full detail, the cables and PCIe links in view carry their labels.
  for (let i = 0; i < 12 && (await attr(page, 'data-link-labels')) === '0'; i++) await page.keyboard.press('+');
  await expect.poll(async () => Number(await attr(page, 'data-link-labels'))).toBeGreaterThan(0);
  await screenshot(page, 'views-link-labels');
});
