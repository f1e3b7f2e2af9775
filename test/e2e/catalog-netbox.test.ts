/**
 * Import NetBox… in the catalog dialog, driven like a person through the real IPC handlers: main's file picker
 * (answered by the harness) returns library files, the entries appear marked "yours" with PCIe and TotalVFs
 * unknown, the import report lists what each file became, and the palette offers them; an unusable file imports
 * nothing and says which file and field.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

// Written from the library schema: 2 × SFP28 ("SFP28 (25GE)") is 2 × 25 Gb/s; the switch has 4 × 25G + 2 × 100G QSFP28.
const NIC = 'manufacturer: Acme\nmodel: NB-25\ninterfaces:\n  - name: Ethernet/{module}/1\n    type: 25gbase-x-sfp28\n  - name: Ethernet/{module}/2\n    type: 25gbase-x-sfp28\n';
const LEAF =
  'manufacturer: Acme\nmodel: Leaf 4Y2C\nslug: acme-leaf-4y2c\nu_height: 1\nis_full_depth: true\ninterfaces:\n  - name: mgmt0\n    type: 1000base-t\n    mgmt_only: true\n' +
  [1, 2, 3, 4].map((i) => `  - name: Ethernet${i}\n    type: 25gbase-x-sfp28\n`).join('') +
  [5, 6].map((i) => `  - name: Ethernet${i}\n    type: 100gbase-x-qsfp28\n`).join('');
const SERVER = "manufacturer: Acme\nmodel: S1\nslug: acme-s1\nu_height: 1\nis_full_depth: true\nmodule-bays:\n  - name: PCIe slot 1\n    position: '1'\n";

function libraryFile(rel: string, text: string): string {
  const path = join(app.dir, 'devicetype-library', rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

async function openCatalog(page: Page): Promise<Locator> {
  await toolbar(page, 'catalog.open').click();
  const dialog = page.getByTestId('dialog-catalog');
  await dialog.getByRole('option').first().waitFor();
  return dialog;
}

test('Import NetBox… adds the NIC and the switch as yours, shows the report, and the palette offers them', async () => {
  const { page } = app;
  await newFromTemplate(page, 'single-host', { vms: 2 });
  const files = [libraryFile('module-types/Acme/NB-25.yaml', NIC), libraryFile('device-types/Acme/leaf-4y2c.yaml', LEAF), libraryFile('device-types/Acme/s1.yaml', SERVER)];
  app.dialogs.answer('openNetbox', files.join('\n'));

  const dialog = await openCatalog(page);
  await dialog.getByRole('button', { name: 'Import NetBox…' }).click();
  await expect.poll(() => dialog.getByTestId('catalog-notice').textContent()).toBe('Imported 2 entries from NetBox into your catalog');
  expect(app.dialogs.shown.map((s) => s.kind)).toEqual(['openNetbox']);

  // The NIC: selected, marked yours, PCIe and TotalVFs unknown (NetBox has no field for them).
  const nic = dialog.locator('[role="option"][data-entry-id="netbox-acme-nb-25"]');
  expect(await nic.getAttribute('aria-selected')).toBe('true');
  // Scrolled into the list's view (the built-in NICs come first).
  await expect.poll(async () => {
    const [list, box] = [await dialog.getByTestId('catalog-list').boundingBox(), await nic.boundingBox()];
    return !!list && !!box && box.y >= list.y && box.y + box.height <= list.y + list.height;
  }).toBe(true);
  expect(await nic.locator('.tag.yours').textContent()).toBe('yours');
  expect(await nic.locator('.fig', { hasText: 'Ports' }).textContent()).toBe('Ports 2 × 25 Gb/s');
  expect(await nic.locator('.fig', { hasText: 'PCIe' }).textContent()).toBe('PCIe unknown');
  expect(await nic.locator('.fig', { hasText: 'VFs/PF' }).textContent()).toBe('VFs/PF unknown');
  const details = dialog.getByTestId('catalog-details');
  expect(await details.locator('.catalog-sources li').first().textContent()).toContain('NetBox device-type library (CC0), module-types/Acme/NB-25.yaml');

  const leaf = dialog.locator('[role="option"][data-entry-id="netbox-acme-leaf-4y2c"]');
  expect(await leaf.locator('.tag.yours').count()).toBe(1);
  expect(await leaf.locator('.fig', { hasText: 'Ports' }).textContent()).toBe('Ports 4 × 25G + 2 × 100G');

  // The report: one line per file (the server imported nothing, and says why), then the notes; no full paths.
  const report = dialog.getByTestId('catalog-import-report');
  const lines = await report.locator('li').allTextContents();
  expect(lines.slice(0, 2)).toEqual([
    'module-types/Acme/NB-25.yaml → netbox-acme-nb-25: NIC Acme NB-25, 2 × 25G (25gbase-x-sfp28); PCIe gen/width and TotalVFs unknown',
    'device-types/Acme/leaf-4y2c.yaml → netbox-acme-leaf-4y2c: switch Acme Leaf 4Y2C, 4 × 25G (25gbase-x-sfp28), 2 × 100G (100gbase-x-qsfp28)',
  ]);
  expect(lines.some((l) => l.startsWith('device-types/Acme/s1.yaml: Acme S1 not imported: a server (expansion bays PCIe slot 1)'))).toBe(true);
  expect(lines.join('\n')).not.toContain(app.dir);
  const shot = await screenshot(page, 'catalog-netbox-import');
  expect(existsSync(shot)).toBe(true);

  await report.getByRole('button', { name: 'Dismiss' }).click();
  expect(await report.count()).toBe(0);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // The palette follows the catalog: both entries, marked yours.
  for (const id of ['netbox-acme-nb-25', 'netbox-acme-leaf-4y2c']) {
    const item = page.locator(`[data-palette-item="catalog:${id}"]`);
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('.palette-label').textContent()).toMatch(/yours$/);
  }
});

test('an unusable file imports nothing and names the file and field', async () => {
  const { page } = app;
  const good = libraryFile('module-types/Acme/NB-25.yaml', NIC);
  const bad = libraryFile('device-types/Acme/no-slug.yaml', LEAF.replace('slug: acme-leaf-4y2c\n', ''));
  app.dialogs.answer('openNetbox', [good, bad].join('\n'));
  const dialog = await openCatalog(page);
  await dialog.getByRole('button', { name: 'Import NetBox…' }).click();
  await expect.poll(() => dialog.getByTestId('catalog-error').count()).toBe(1);
  expect(await dialog.getByTestId('catalog-error').textContent()).toBe('Nothing was imported: device-types/Acme/no-slug.yaml: slug is missing (the NetBox schema requires it)');
  expect(await dialog.locator('[role="option"][data-entry-id="netbox-acme-nb-25"]').count()).toBe(0);
  expect(existsSync(join(app.userDataDir, 'catalog.json'))).toBe(false);
});
