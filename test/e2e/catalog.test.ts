/**
 * The component catalog, driven like a person through the real IPC handlers (user entries persist in the
 * temp userData folder's catalog.json): search, add a NIC with an unknown figure, refuse an invalid one,
 * remove it, and insert a catalog NIC into a server as one undo step.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startApp, type AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, outlineCount, screenshot, selectInOutline, toolbar } from './harness/ui';

let app: AppHarness;
const env = useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const catalogDialog = (page: Page) => page.getByTestId('dialog-catalog');
const row = (dialog: Locator, id: string) => dialog.locator(`[role="option"][data-entry-id="${id}"]`);

async function openCatalog(page: Page): Promise<Locator> {
  await toolbar(page, 'catalog.open').click();
  const dialog = catalogDialog(page);
  await dialog.getByRole('option').first().waitFor();
  return dialog;
}

/** Fills the Add NIC form; figures not given stay empty (unknown). */
async function fillNic(dialog: Locator, v: Record<string, string>): Promise<void> {
  for (const [label, text] of Object.entries(v)) await dialog.getByLabel(label, { exact: true }).fill(text);
}

function userCatalog(a: AppHarness): { entries: { id: string; totalVfsPerPf: number | null; user: boolean }[] } | null {
  const file = join(a.userDataDir, 'catalog.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

describe('browsing', () => {
  test('opens from the toolbar, groups entries by kind, and search finds the E810 with its PCIe link', async () => {
    const { page } = app;
    const dialog = await openCatalog(page);
    const groups = await dialog.getByRole('group').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
    expect(groups).toEqual(['NICs', 'ToR / spine switches', 'Fabric extenders', 'PCIe switches']);
    // The search box has focus, so typing searches.
    await page.keyboard.type('E810');
    await expect.poll(() => dialog.getByRole('option').count()).toBe(2);
    const e810 = row(dialog, 'intel-e810-xxv-2x25g');
    expect(await e810.textContent()).toContain('Gen 4 x8');
    expect(await e810.textContent()).toContain('2 × 25 Gb/s');
    // Null figures read "unknown", never blank or 0.
    expect(await e810.locator('.fig', { hasText: 'VFs/PF' }).textContent()).toBe('VFs/PF unknown');

    await e810.click();
    const details = dialog.getByTestId('catalog-details');
    expect(await details.locator('dd').allTextContents()).toEqual(['2 × 25 Gb/s', 'Gen 4 x8', 'unknown', '256', 'unknown', '8086:159b (VF 1889)']);
    expect(await details.locator('.catalog-notes').first().textContent()).toContain('ICE_MAX_SRIOV_VFS');
    expect(await details.locator('.catalog-sources li').count()).toBe(6);
    // Built-ins cannot be removed; with no design open, Insert says why it is disabled.
    expect(await details.getByRole('button', { name: /Remove/ }).count()).toBe(0);
    expect(await details.getByRole('button', { name: 'Insert into design' }).isDisabled()).toBe(true);
    expect(await dialog.getByTestId('catalog-insert-why').textContent()).toBe('Open or create a design first, then select the server to put the NIC in');
    await screenshot(page, 'catalog-search-e810');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  test('Ctrl+Shift+K opens it; arrow keys move through the list; dark theme', async () => {
    await app.close();
    app = await startApp(env.browser(), { colorScheme: 'dark' });
    const { page } = app;
    await page.keyboard.press(`${mod}+Shift+K`);
    const dialog = catalogDialog(page);
    await dialog.getByRole('option').first().waitFor();
    await page.keyboard.type('connectx');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator(':focus').getAttribute('role')).toBe('listbox');
    await page.keyboard.press('ArrowDown');
    expect(await dialog.locator('[role="option"][aria-selected="true"]').getAttribute('data-entry-id')).toBe('nvidia-connectx-4-x8');
    await page.keyboard.press('End');
    expect(await dialog.locator('[role="option"][aria-selected="true"]').getAttribute('data-entry-id')).toBe('nvidia-connectx-7');
    await screenshot(page, 'catalog-dark');
  });
});

describe('your own entries', () => {
  test('add a NIC with an unknown TotalVFs: marked yours, persisted, survives reopening; then remove it', async () => {
    const { page } = app;
    let dialog = await openCatalog(page);
    await dialog.getByRole('button', { name: 'Add NIC…' }).click();
    const form = dialog.getByTestId('catalog-form-nic');
    await fillNic(dialog, { Vendor: 'Acme', Model: 'X2 (2 × 25GbE)', Ports: '0', 'Speed per port': '25', Source: 'lspci -vvv, lab host r7-14' });
    await dialog.getByLabel('PCIe generation').selectOption('4');
    await dialog.getByLabel('PCIe width').selectOption('8');
    expect(await dialog.getByTestId('catalog-form-id').textContent()).toBe('Id: acme-x2-2x25gbe');

    // 0 ports: the schema's message next to the field, and nothing saved.
    await form.getByRole('button', { name: 'Save NIC' }).click();
    const portsError = form.getByTestId('field-error');
    await portsError.waitFor();
    expect(await portsError.allTextContents()).toEqual(['Too small: expected number to be >=1']);
    expect(await dialog.getByLabel('Ports', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(userCatalog(app)).toBeNull();
    await screenshot(page, 'catalog-add-invalid');

    await dialog.getByLabel('Ports', { exact: true }).fill('2');
    await expect.poll(() => form.getByTestId('field-error').count()).toBe(0);
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    expect(await dialog.getByTestId('catalog-notice').textContent()).toBe('Added “Acme X2 (2 × 25GbE)” to your catalog');
    const mine = row(dialog, 'acme-x2-2x25gbe');
    expect(await mine.locator('.tag.yours').textContent()).toBe('yours');
    expect(await mine.getAttribute('aria-selected')).toBe('true');
    expect(await mine.locator('.fig', { hasText: 'VFs/PF' }).textContent()).toBe('VFs/PF unknown');
    expect(userCatalog(app)!.entries).toEqual([expect.objectContaining({ id: 'acme-x2-2x25gbe', totalVfsPerPf: null, user: true })]);
    await screenshot(page, 'catalog-added-yours');

    // The same vendor and model again: the id collision is named, nothing is saved.
    await dialog.getByRole('button', { name: 'Add NIC…' }).click();
    await fillNic(dialog, { Vendor: 'Acme', Model: 'X2 (2 × 25GbE)', Ports: '2', 'Speed per port': '25' });
    await dialog.getByRole('button', { name: 'Save NIC' }).click();
    expect(await dialog.getByTestId('catalog-form-error').textContent()).toBe('The id “acme-x2-2x25gbe” is already used by your entry “Acme X2 (2 × 25GbE)”: change the vendor or model name');
    // Escape leaves the form, not the dialog.
    await page.keyboard.press('Escape');
    await dialog.getByRole('listbox').waitFor();

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    dialog = await openCatalog(page);
    await dialog.getByRole('searchbox').fill('acme');
    await row(dialog, 'acme-x2-2x25gbe').click();
    const details = dialog.getByTestId('catalog-details');
    await details.getByRole('button', { name: 'Remove…' }).click();
    // Focus starts on the safe answer.
    await expect.poll(() => page.locator(':focus').textContent()).toBe('Keep');
    await details.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => row(dialog, 'acme-x2-2x25gbe').count()).toBe(0);
    expect(await dialog.getByTestId('catalog-notice').textContent()).toBe('Removed “Acme X2 (2 × 25GbE)” from your catalog');
    expect(userCatalog(app)!.entries).toEqual([]);
  });

  test('add a switch: its properties are checked against the element kind before saving', async () => {
    const { page } = app;
    const dialog = await openCatalog(page);
    await dialog.getByRole('button', { name: 'Add switch…' }).click();
    const form = dialog.getByTestId('catalog-form-switch');
    await dialog.getByLabel('Kind').selectOption('fex');
    await fillNic(dialog, { Vendor: 'Acme', Model: 'FEX 32', Properties: '{"tier": "spine"}' });
    await form.getByRole('button', { name: 'Save switch' }).click();
    expect(await form.getByTestId('field-error').allTextContents()).toEqual(['a fex has no property tier']);
    expect(userCatalog(app)).toBeNull();
    await screenshot(page, 'catalog-add-switch-invalid');

    await dialog.getByLabel('Properties').fill('{"hostPorts": 32, "hostPortSpeedGbps": 25}');
    await form.getByRole('button', { name: 'Save switch' }).click();
    await form.waitFor({ state: 'detached' });
    const mine = row(dialog, 'acme-fex-32');
    expect(await mine.locator('xpath=ancestor::*[@role="group"]').getAttribute('aria-label')).toBe('Fabric extenders');
    expect(await mine.textContent()).toContain('Host ports 32 × 25 Gb/s');
    expect(await mine.locator('.tag.yours').count()).toBe(1);
    expect(userCatalog(app)!.entries).toEqual([expect.objectContaining({ id: 'acme-fex-32', user: true })]);
  });

  test('a refusal from main (a damaged catalog.json) is shown as one line', async () => {
    const { page } = app;
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(app.userDataDir, { recursive: true });
    writeFileSync(join(app.userDataDir, 'catalog.json'), '{ not json');
    await toolbar(page, 'catalog.open').click();
    const error = catalogDialog(page).getByTestId('catalog-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Your catalog file .*catalog\.json is damaged \(not valid JSON\): fix it or move it away to use the catalog$/);
  });
});

describe('inserting', () => {
  test('a catalog NIC goes into the selected server of the single-host template, and one undo removes it', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    expect(await outlineCount(page, 'nic')).toBe(1);
    await selectInOutline(page, 'esx-r01-h001');
    const dialog = await openCatalog(page);
    await dialog.getByRole('searchbox').fill('E810-XXV');
    await row(dialog, 'intel-e810-xxv-2x25g').click();
    const insert = dialog.getByRole('button', { name: 'Insert into esx-r01-h001' });
    expect(await insert.isEnabled()).toBe(true);
    await insert.click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => outlineCount(page, 'nic')).toBe(2);
    expect(await page.getByRole('treeitem').filter({ hasText: 'nic1' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('status-message').textContent()).toBe('Inserted nic1 (Intel E810-XXV (2 × 25GbE)) into esx-r01-h001, on CPU0 root complex rp4');
    expect(await toolbar(page, 'edit.undo').getAttribute('aria-label')).toBe('Undo Insert Intel E810-XXV (2 × 25GbE)');
    await screenshot(page, 'catalog-inserted');

    await page.keyboard.press(`${mod}+Z`);
    await expect.poll(() => outlineCount(page, 'nic')).toBe(1);
    expect(await page.getByRole('treeitem').filter({ hasText: 'nic1' }).count()).toBe(0);
    expect(await toolbar(page, 'edit.undo').isDisabled()).toBe(true);
  });

  test('with nothing selected, Insert is disabled and says why', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    const dialog = await openCatalog(page);
    await row(dialog, 'intel-x550-t2').click();
    expect(await dialog.getByRole('button', { name: 'Insert into design' }).isDisabled()).toBe(true);
    expect(await dialog.getByTestId('catalog-insert-why').textContent()).toBe('Select a server (in the outline or on the canvas) to insert a NIC into it');
    await dialog.getByRole('searchbox').fill('spine');
    expect(await dialog.getByTestId('catalog-insert-why').textContent()).toMatch(/^Only NICs can be inserted/);
  });
});
