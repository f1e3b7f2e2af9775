/**
 * The palette lists the user's own catalog entries next to the built-in ones, following the catalog dialog
 * without a restart: add a NIC in the dialog, find it in the palette (marked "yours"), drag it into a
 * server; remove it in the dialog and it leaves the palette.
 */
import { expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { dragIntoServer, newFromTemplate, outlineCount, screenshot, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const ID = 'acme-x2-2x25gbe';
const paletteSearch = (page: Page) => page.getByRole('searchbox', { name: 'Search the palette' });
const paletteItem = (page: Page) => page.locator(`[data-palette-item="catalog:${ID}"]`);

async function openCatalog(page: Page): Promise<Locator> {
  await toolbar(page, 'catalog.open').click();
  const dialog = page.getByTestId('dialog-catalog');
  await dialog.getByRole('option').first().waitFor();
  return dialog;
}

test('a NIC added in the catalog dialog appears in the palette as yours, drops into a server, and leaves when removed', async () => {
  const { page } = app;
  await newFromTemplate(page, 'single-host', { vms: 2 });
  await paletteSearch(page).fill('acme');
  expect(await page.locator('.palette-empty').first().textContent()).toBe('Nothing matches “acme”');

  // Add it in the dialog (which lists the palette item behind it at once).
  let dialog = await openCatalog(page);
  await dialog.getByRole('button', { name: 'Add NIC…' }).click();
  for (const [label, text] of Object.entries({ Vendor: 'Acme', Model: 'X2 (2 × 25GbE)', Ports: '2', 'Speed per port': '25' })) {
    await dialog.getByLabel(label, { exact: true }).fill(text);
  }
  await dialog.getByLabel('PCIe generation').selectOption('4');
  await dialog.getByLabel('PCIe width').selectOption('8');
  await dialog.getByRole('button', { name: 'Save NIC' }).click();
  await expect.poll(() => dialog.getByTestId('catalog-notice').textContent()).toBe('Added “Acme X2 (2 × 25GbE)” to your catalog');
  await expect.poll(() => paletteItem(page).count()).toBe(1);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // In the palette: under NICs, with its figures, marked yours; "yours" alone finds it too.
  const item = paletteItem(page);
  expect(await item.locator('.palette-label').textContent()).toBe('Acme X2 (2 × 25GbE) yours');
  expect(await item.locator('.tag.yours').textContent()).toBe('yours');
  expect(await item.locator('.palette-detail').textContent()).toBe('2 × 25 Gb/s · PCIe Gen 4 x8');
  expect(await item.locator('xpath=ancestor::*[@role="group"]').getAttribute('aria-label')).toBe('NICs');
  await paletteSearch(page).fill('yours');
  expect(await page.locator('[data-palette-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-palette-item')))).toEqual([`catalog:${ID}`]);
  await screenshot(page, 'palette-yours');

  // Drag it into the server, below the VMs: a second NIC, plugged into a root port.
  await dragIntoServer(page, item, 'esx-r01-h001');
  await expect.poll(() => outlineCount(page, 'nic')).toBe(2);
  expect(await page.getByTestId('status-message').textContent()).toMatch(/^Add Acme X2 \(2 × 25GbE\) into esx-r01-h001, on CPU\d root complex rp\d+$/);
  await screenshot(page, 'palette-yours-dropped');

  // Removed in the dialog: gone from the palette, without a restart.
  dialog = await openCatalog(page);
  await dialog.getByRole('searchbox').fill('acme');
  await dialog.locator(`[role="option"][data-entry-id="${ID}"]`).click();
  const details = dialog.getByTestId('catalog-details');
  await details.getByRole('button', { name: 'Remove…' }).click();
  await details.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect.poll(() => paletteItem(page).count()).toBe(0);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await page.locator('.palette-empty').first().textContent()).toBe('Nothing matches “yours”');
});
