/**
 * Scenario rows entered by hand: one flow (from, to, demand) and one migration (VM, target host), with
 * their refusals, editing and removal; then a migration off a host with local storage, whose disk copy and
 * edge update show in the migrations table and the timeline chart.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const panel = (page: Page) => page.getByTestId('simulation-panel');

async function openPanel(page: Page): Promise<void> {
  await toolbar(page, 'view.simulation').click();
  await panel(page).waitFor();
}

/** Picks an option whose label starts with `prefix` (host options read "name (n VMs)"). */
async function pick(page: Page, form: string, label: string, prefix: string): Promise<void> {
  const select = panel(page).getByRole('form', { name: form }).getByLabel(label, { exact: true });
  const text = await select.locator('option', { hasText: prefix }).first().textContent();
  await select.selectOption({ label: text! });
}

test('a flow and a migration entered by hand: refusals, edit, remove, run', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack');
  await openPanel(page);
  const p = panel(page);
  const flowForm = p.getByRole('form', { name: 'Add a flow' });

  // Nothing chosen yet: the form says what is missing.
  await flowForm.getByRole('button', { name: 'Add flow' }).click();
  expect(await flowForm.getByRole('alert').textContent()).toBe('Choose where the flow comes from');
  await pick(page, 'Add a flow', 'From', 'esx-r01-h001');
  await pick(page, 'Add a flow', 'Source', 'vm01');
  await pick(page, 'Add a flow', 'To', 'Outside');
  await flowForm.getByLabel('Flow demand').fill('lots');
  await flowForm.getByRole('button', { name: 'Add flow' }).click();
  expect(await flowForm.getByRole('alert').textContent()).toBe('Demand must be a number of Gb/s above 0, or empty for unlimited (got “lots”)');
  await flowForm.getByLabel('Flow demand').fill('3');
  await flowForm.getByRole('button', { name: 'Add flow' }).click();
  const flows = p.getByRole('list', { name: 'Scenario flows' }).getByRole('listitem');
  await expect.poll(() => flows.count()).toBe(1);
  expect(await flows.first().textContent()).toContain('esx-r01-h001 / r01-h001-vm01 → outside · 3 Gb/s');

  // Edit it in place: the form fills with the row, and saving replaces it.
  await p.getByRole('button', { name: 'Edit flow r01.h001.vm01->outside' }).click();
  const editForm = p.getByRole('form', { name: 'Edit flow' });
  expect(await editForm.getByLabel('Flow demand').inputValue()).toBe('3');
  await editForm.getByLabel('Flow demand').fill('1');
  await editForm.getByRole('button', { name: 'Save flow' }).click();
  await expect.poll(() => flows.first().textContent()).toContain('· 1 Gb/s');
  expect(await flows.count()).toBe(1);

  // A second flow, then removed again.
  await pick(page, 'Add a flow', 'From', 'esx-r01-h002');
  await pick(page, 'Add a flow', 'Source', 'vm02');
  await pick(page, 'Add a flow', 'To', 'esx-r01-h001');
  await pick(page, 'Add a flow', 'Destination', 'vm03');
  await flowForm.getByRole('button', { name: 'Add flow' }).click();
  await expect.poll(() => flows.count()).toBe(2);
  expect(await flows.nth(1).textContent()).toContain('· unlimited');
  await p.getByRole('button', { name: 'Remove flow r01.h002.vm02->r01.h001.vm03' }).click();
  await expect.poll(() => flows.count()).toBe(1);

  // A migration: refused onto its own host, accepted onto another.
  const migForm = p.getByRole('form', { name: 'Add a migration' });
  await pick(page, 'Add a migration', 'Current host', 'esx-r01-h001');
  await pick(page, 'Add a migration', 'VM', 'vm02');
  await pick(page, 'Add a migration', 'Target host', 'esx-r01-h001');
  await migForm.getByRole('button', { name: 'Add migration' }).click();
  expect(await migForm.getByRole('alert').textContent()).toBe('r01-h001-vm02 is already on esx-r01-h001: choose another host');
  await pick(page, 'Add a migration', 'Target host', 'esx-r01-h003');
  await migForm.getByRole('button', { name: 'Add migration' }).click();
  const migrations = p.getByRole('list', { name: 'Scenario migrations' }).getByRole('listitem');
  await expect.poll(() => migrations.count()).toBe(1);
  expect(await migrations.first().textContent()).toContain('r01-h001-vm02: esx-r01-h001 → esx-r01-h003');

  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);
  const flow = p.getByTestId('sim-flow-table').locator('tbody tr').first().locator('td');
  expect(await flow.nth(3).textContent()).toBe('1.00');
  expect(await flow.nth(4).textContent()).toBe('1.00');
  expect(await flow.nth(6).textContent()).toBe('demand cap');
});

test('a migration off a host with local storage copies the disk first and ends with the edge update', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack');
  await selectInOutline(page, 'esx-r01-h001');
  const storage = page.getByTestId('inspector').getByTestId('field-storage');
  await storage.selectOption({ label: 'Local' });
  const vm = 'r01-h001-vm01';
  await selectInOutline(page, vm);
  const disk = page.getByTestId('inspector').getByTestId('field-diskGiB');
  expect(await disk.inputValue()).toBe('40');
  await disk.fill('200');
  await disk.press('Enter');
  await openPanel(page);
  const p = panel(page);
  const migForm = p.getByRole('form', { name: 'Add a migration' });
  await pick(page, 'Add a migration', 'Current host', 'esx-r01-h001');
  await pick(page, 'Add a migration', 'VM', vm);
  await pick(page, 'Add a migration', 'Target host', 'esx-r01-h002');
  await migForm.getByRole('button', { name: 'Add migration' }).click();
  // The edge-update estimate is a scenario parameter (empty = 10 ms).
  await p.getByLabel('Edge update (ms)').fill('25');
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);

  await p.getByRole('tab', { name: /Migrations/ }).click();
  const header = await p.getByTestId('sim-migration-table').locator('thead th').allTextContents();
  const cells = p.getByTestId('sim-migration-table').locator('tbody tr').first().locator('td');
  // 200 GiB plus the blocks written during the bulk pass.
  expect(Number(await cells.nth(header.indexOf('Disk (GiB)')).textContent())).toBeGreaterThan(200);

  await p.getByRole('tab', { name: 'Charts' }).click();
  const timeline = p.getByTestId('chart-timeline');
  expect(await timeline.locator('figcaption').textContent()).toMatch(/disk copy [\d.]+ GiB in [\d.]+ s; edge update 25 ms \(RARP\)/);
  expect(await timeline.locator('rect.seg.storage-copy').count()).toBeGreaterThanOrEqual(2);
  expect(await timeline.locator('rect.seg.network-update').count()).toBeGreaterThanOrEqual(1);
  await timeline.scrollIntoViewIfNeeded();
  await screenshot(page, 'simulation-local-storage-timeline');
});
