/**
 * The simulator in the app, driven like a person: build a scenario from presets, run it in the worker
 * (progress bar, then results), read the flow and migration tables, see the heatmap on the canvas, see
 * results go stale after an edit, and cancel a long run on a 2,000-server fabric while the UI stays live.
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

/** Chooses a host by name in one of the pickers (options read "name (n VMs)"). */
async function pickHost(page: Page, picker: 'Host A' | 'Host B', name: string): Promise<void> {
  const select = panel(page).getByLabel(picker, { exact: true });
  const label = await select.locator('option', { hasText: `${name} (` }).first().textContent();
  await select.selectOption({ label: label! });
}

async function pickHosts(page: Page, a: string, b?: string): Promise<void> {
  await pickHost(page, 'Host A', a);
  if (b) await pickHost(page, 'Host B', b);
}

/** Records every value the progress bar shows (it may exist for only a few frames); runs in the page. */
const WATCH_PROGRESS = `(() => {
  const seen = [];
  window.__progress = seen;
  const record = () => {
    const bar = document.querySelector('[data-testid="sim-progress"]');
    if (bar) seen.push(bar.value);
  };
  new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
})()`;

async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(WATCH_PROGRESS);
}

test('host A → host B on a rack: progress, flow table, heatmap, stale after an edit', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack');
  await openPanel(page);
  const p = panel(page);
  await pickHosts(page, 'esx-r01-h001', 'esx-r01-h002');
  await p.getByRole('button', { name: 'All VMs of A → all VMs of B' }).click();
  // 10 × 10 VM pairs; the list shows the first 50 and says how many more.
  await expect.poll(() => p.getByRole('heading', { name: /Flows/ }).textContent()).toContain('100');
  const listed = p.getByRole('list', { name: 'Scenario flows' }).getByRole('listitem');
  expect(await listed.count()).toBe(51);
  expect(await listed.last().textContent()).toBe('and 50 more');

  const canvas = page.getByTestId('canvas');
  expect(await canvas.getAttribute('data-heatmap')).toBe('off');
  await watchProgress(page);
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);
  // The run is quick, so the progress bar is checked from a record of every value it showed.
  const seen = await page.evaluate<number[]>('window.__progress');
  expect(seen.length).toBeGreaterThan(0);
  expect(Math.max(...seen)).toBeGreaterThan(0.9);
  expect(await p.getByTestId('sim-progress').count()).toBe(0);

  // 100 flows between two 2×25GbE servers: every flow leaves the host (bridged within a VLAN, routed at the ToR
  // between VLANs 110 and 120) and is limited by a NIC port.
  const table = p.getByTestId('sim-flow-table');
  expect(await table.locator('tbody tr').count()).toBe(100);
  const first = table.locator('tbody tr').first().locator('td');
  expect(await first.nth(0).textContent()).toMatch(/^esx-r01-h001 \/ r01-h001-vm\d+$/);
  expect(['fabric', 'routed (L3 gateway)']).toContain(await first.nth(2).textContent());
  expect(await table.locator('tbody tr').filter({ hasText: 'routed (L3 gateway)' }).count()).toBe(50);
  expect(Number(await first.nth(3).textContent())).toBeGreaterThan(0);
  // (Preset flows here have no demand cap: Demand reads "no cap" and there is no share of it.)
  expect([await first.nth(4).textContent(), await first.nth(5).textContent()]).toEqual(['no cap', '—']);
  expect(await first.nth(6).getAttribute('title')).toMatch(/eth\d/);
  // Sorting by rate ascending puts the smallest first.
  await table.getByRole('button', { name: /Rate/ }).click();
  const rates = await table.locator('tbody tr td:nth-child(4)').allTextContents();
  const nums = rates.map(Number);
  expect(nums).toEqual([...nums].sort((x, y) => x - y));

  // The canvas colours the simulated links and shows a legend.
  await expect.poll(() => canvas.getAttribute('data-heatmap')).toBe('on');
  expect(Number(await canvas.getAttribute('data-heat-links'))).toBeGreaterThan(10);
  expect(await page.getByTestId('heat-legend').isVisible()).toBe(true);
  await screenshot(page, 'simulation-heatmap');

  // Charts: the utilisation histogram is drawn from the resources.
  await p.getByRole('tab', { name: 'Charts' }).click();
  expect(await p.getByTestId('chart-histogram').locator('rect').count()).toBeGreaterThan(5);

  // An edit makes the results stale: banner in the panel, heatmap faded.
  await selectInOutline(page, 'esx-r01-h003');
  const name = page.getByTestId('inspector').getByTestId('field-name');
  await name.fill('esx-renamed');
  await name.press('Enter');
  await expect.poll(() => p.getByTestId('sim-stale').count()).toBe(1);
  expect(await canvas.getAttribute('data-heatmap')).toBe('stale');
  await screenshot(page, 'simulation-stale');
  // Running again makes them current.
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-stale').count()).toBe(0);
  expect(await canvas.getAttribute('data-heatmap')).toBe('on');

  // The heatmap toggles off and on.
  await p.getByLabel('Heatmap on canvas').uncheck();
  expect(await canvas.getAttribute('data-heatmap')).toBe('off');
  await p.getByLabel('Heatmap on canvas').check();
  expect(await canvas.getAttribute('data-heatmap')).toBe('on');
});

test('evacuating a host fills the migrations table with rounds and downtime, and the charts', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack');
  await openPanel(page);
  const p = panel(page);
  await pickHosts(page, 'esx-r01-h001');
  await p.getByRole('button', { name: 'Evacuate A' }).click();
  await expect.poll(() => p.getByRole('list', { name: 'Scenario migrations' }).getByRole('listitem').count()).toBe(10);
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);
  await p.getByRole('tab', { name: /Migrations/ }).click();
  const rows = p.getByTestId('sim-migration-table').locator('tbody tr');
  expect(await rows.count()).toBe(10);
  const cells = rows.first().locator('td');
  // ESXi hosts: vMotion's policy decides, unless the scenario names another (checked after this run).
  expect(await cells.nth(11).textContent()).toBe('vsphere');
  expect(await cells.nth(1).textContent()).toBe('esx-r01-h001');
  expect(Number(await cells.nth(4).textContent())).toBeGreaterThanOrEqual(2);
  // Shared storage: no disk to copy.
  expect(await cells.nth(6).textContent()).toBe('—');
  expect(await cells.nth(8).textContent()).toMatch(/\d+ ms|\d+\.\d+ s/);
  expect(await cells.nth(9).textContent()).toMatch(/converged/);

  // One policy for every migration, chosen in the panel: Xen 4.6+ stops after 5 live iterations (6 rounds at most).
  await p.getByLabel('Stop policy').selectOption({ label: 'Xen 4.6+ (5 iterations)' });
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);
  await p.getByRole('tab', { name: /Migrations/ }).click();
  expect(await cells.nth(11).textContent()).toBe('xen');
  expect(Number(await cells.nth(4).textContent())).toBeLessThanOrEqual(6);

  await p.getByRole('tab', { name: 'Charts' }).click();
  const bars = p.getByTestId('chart-rounds').locator('rect');
  expect(await bars.count()).toBeGreaterThanOrEqual(2);
  expect(await p.getByTestId('chart-rounds').locator('rect.stop').count()).toBe(1);
  expect(await p.getByTestId('chart-timeline').locator('rect.seg.stop-and-copy').count()).toBeGreaterThanOrEqual(1);
  await screenshot(page, 'simulation-migration-charts');
});

test('a bad parameter says why in one line; Run is refused until fixed', async () => {
  const { page } = app;
  await newFromTemplate(page, 'single-host');
  await openPanel(page);
  const p = panel(page);
  // One host only: the all-to-all preset needs two hosts with VMs, evacuation needs a second host.
  await pickHosts(page, 'esx-r01-h001', 'esx-r01-h001');
  await p.getByRole('button', { name: 'All VMs of A → all VMs of B' }).click();
  await p.getByLabel('Demand cap per flow (Gb/s)').fill('-3');
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toBe('Demand cap must be a number of Gb/s above 0, or empty for elastic flows');
  await p.getByLabel('Demand cap per flow (Gb/s)').fill('2');
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);
  // vm01 (VLAN 110) → vm02 (VLAN 120) on one vSwitch: routed at the ToR, capped by the 2 Gb/s demand.
  const rows = p.getByTestId('sim-flow-table').locator('tbody tr');
  const first = rows.first().locator('td');
  expect(await first.nth(2).textContent()).toBe('routed (L3 gateway)');
  expect(await first.nth(3).textContent()).toBe('2.00');
  // Demand and % of demand sit between the rate and the bottleneck: the demand cap is met in full.
  expect(await first.nth(4).textContent()).toBe('2.00');
  expect(await first.nth(5).textContent()).toBe('100 %');
  expect(await first.nth(6).textContent()).toBe('demand cap');
  // vm01 → vm03 share VLAN 110: a local copy in the vSwitch.
  const local = rows.filter({ hasText: 'vSwitch (local copy)' });
  expect(await local.count()).toBe(4);
});

test('cancelling a long run on a 2,000-server fabric; the UI answers while it runs', async () => {
  const { page } = app;
  await newFromTemplate(page, 'fabric', { hosts: 2000, vms: 20 });
  await openPanel(page);
  const p = panel(page);
  await p.getByRole('button', { name: 'One flow per VM' }).click();
  await expect.poll(async () => (await p.getByRole('heading', { name: /Flows/ }).textContent()) ?? '').toContain('40,000');
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await p.getByTestId('sim-progress').waitFor();
  // The main thread is free: the outline search types and filters while the worker computes.
  const search = page.getByRole('searchbox', { name: 'Search elements by name' });
  await search.fill('esx-r37-h021');
  await expect.poll(() => page.getByRole('treeitem').filter({ hasText: 'esx-r37-h021' }).count()).toBe(1);
  await p.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toBe('Cancelled');
  expect(await p.getByTestId('sim-progress').count()).toBe(0);
  expect(await page.getByTestId('canvas').getAttribute('data-heatmap')).toBe('off');
  await search.fill('');

  // A new worker serves the next run.
  await pickHosts(page, 'esx-r01-h001', 'esx-r01-h002');
  await p.getByRole('button', { name: 'Clear scenario' }).click();
  await p.getByRole('button', { name: 'All VMs of A → all VMs of B' }).click();
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent(), { timeout: 60_000 }).toMatch(/^Done in /);
  // 20 × 20 pairs; the table renders the top 300 of the sort order and says so.
  expect(await p.getByTestId('sim-flow-table').locator('tbody tr').count()).toBe(300);
  expect(await p.getByText('Showing the first 300 of 400 flows in this order.').count()).toBe(1);

  // Cancelling a later run keeps those results on screen, and says so.
  await p.getByRole('button', { name: 'One flow per VM' }).click();
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await p.getByTestId('sim-progress').waitFor();
  await p.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toBe('Cancelled: the previous results are kept');
  expect(await p.getByTestId('sim-flow-table').locator('tbody tr').count()).toBe(300);
});
