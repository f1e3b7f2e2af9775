/**
 * The scenario and its results are saved in the project file: run a scenario on the rack template, save,
 * close, reopen → the scenario and the results are back (not stale); an edit makes them stale; a file whose
 * design changed after the run opens with the results already marked stale.
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openProject } from '../../electron/project/store';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, selectInOutline, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const panel = (page: Page) => page.getByTestId('simulation-panel');

async function openPanel(page: Page): Promise<void> {
  if ((await panel(page).count()) === 0) await toolbar(page, 'view.simulation').click();
  await panel(page).waitFor();
}

async function pickHost(page: Page, picker: 'Host A' | 'Host B', name: string): Promise<void> {
  const select = panel(page).getByLabel(picker, { exact: true });
  const label = await select.locator('option', { hasText: `${name} (` }).first().textContent();
  await select.selectOption({ label: label! });
}

async function reopen(page: Page, path: string): Promise<void> {
  await app.emit('menu:action', 'file.close');
  await page.getByTestId('start-screen').waitFor();
  app.dialogs.answer('openProject', path);
  await toolbar(page, 'file.open').click();
  await expect.poll(() => page.getByTestId('status-message').textContent()).toBe(`Opened ${path}`);
}

test('a scenario and its results survive save, close and reopen, and go stale after an edit', async () => {
  const { page } = app;
  const path = join(app.dir, 'rack.rackplane');
  await newFromTemplate(page, 'rack');
  await openPanel(page);
  const p = panel(page);
  await pickHost(page, 'Host A', 'esx-r01-h001');
  await pickHost(page, 'Host B', 'esx-r01-h002');
  await p.getByRole('button', { name: 'All VMs of A → all VMs of B' }).click();
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);
  const summary = await p.locator('.sim-summary').textContent();
  expect(summary).toContain('esx-r01-h001 → esx-r01-h002: 100 flows');

  app.dialogs.answer('saveProject', path);
  await toolbar(page, 'file.save').click();
  await expect.poll(() => page.getByTestId('status-dirty').count()).toBe(0);
  // The file holds the scenario and the result, keyed by the scenario's name.
  const onDisk = openProject(path);
  if (!onDisk.ok) throw new Error(onDisk.reason);
  expect(onDisk.simulation.current).toBe('esx-r01-h001 → esx-r01-h002');
  expect(onDisk.simulation.results.map((r) => [r.scenario.name, r.result.flows.length])).toEqual([['esx-r01-h001 → esx-r01-h002', 100]]);

  await reopen(page, path);
  await openPanel(page);
  expect(await page.getByTestId('status-dirty').count()).toBe(0);
  await expect.poll(() => p.getByRole('heading', { name: /Flows/ }).textContent()).toContain('100');
  expect(await p.locator('.sim-summary').textContent()).toBe(summary);
  expect(await p.getByTestId('sim-flow-table').locator('tbody tr').count()).toBe(100);
  expect(await p.getByTestId('sim-stale').count()).toBe(0);
  expect(await page.getByTestId('canvas').getAttribute('data-heatmap')).toBe('on');

  // An edit makes the restored results stale.
  await selectInOutline(page, 'esx-r01-h003');
  const name = page.getByTestId('inspector').getByTestId('field-name');
  await name.fill('esx-renamed');
  await name.press('Enter');
  await expect.poll(() => p.getByTestId('sim-stale').count()).toBe(1);

  // Saved with the edit, the file's result belongs to the older design: it opens already stale.
  await toolbar(page, 'file.save').click();
  await expect.poll(() => page.getByTestId('status-dirty').count()).toBe(0);
  await reopen(page, path);
  await openPanel(page);
  await expect.poll(() => p.getByTestId('sim-stale').count()).toBe(1);
  expect(await page.getByTestId('canvas').getAttribute('data-heatmap')).toBe('stale');
});

test('changing the scenario marks the project unsaved', async () => {
  const { page } = app;
  const path = join(app.dir, 'scenario-only.rackplane');
  await newFromTemplate(page, 'rack');
  app.dialogs.answer('saveProject', path);
  await toolbar(page, 'file.save').click();
  await expect.poll(() => page.getByTestId('status-dirty').count()).toBe(0);
  await openPanel(page);
  await pickHost(page, 'Host A', 'esx-r01-h002');
  await panel(page).getByRole('button', { name: 'Evacuate A' }).click();
  await expect.poll(() => page.getByTestId('status-dirty').count()).toBe(1);
  await toolbar(page, 'file.save').click();
  await expect.poll(() => page.getByTestId('status-dirty').count()).toBe(0);
  await reopen(page, path);
  await openPanel(page);
  await expect.poll(() => panel(page).getByRole('list', { name: 'Scenario migrations' }).getByRole('listitem').count()).toBe(10);
  expect(await panel(page).getByTestId('sim-status').textContent()).toBe('0 flows, 10 migrations');
});
