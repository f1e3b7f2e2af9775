/**
 * The scenario and its results are saved in the project file: run a scenario on the rack template, save,
 * close, reopen → the scenario and the results are back (not stale); an edit makes them stale; a file whose
 * design changed after the run opens with the results already marked stale; a recovery copy (autosave, then
 * a crash) brings the scenario and results back too.
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openProject } from '../../electron/project/store';
import { startApp, type AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, selectInOutline, toolbar } from './harness/ui';

let app: AppHarness;
const env = useAppPerTest((a) => (app = a), () => app);

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

test('a recovered design comes back with its scenario and results, stale when edited after the run', async () => {
  const profile = join(app.dir, 'profile');
  const crashed = await startApp(env.browser(), { fakeClock: true, userDataDir: profile });
  try {
    const { page } = crashed;
    await newFromTemplate(page, 'rack');
    await openPanel(page);
    const p = panel(page);
    await pickHost(page, 'Host A', 'esx-r01-h001');
    await pickHost(page, 'Host B', 'esx-r01-h002');
    await p.getByRole('button', { name: 'All VMs of A → all VMs of B' }).click();
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);
    // The design changes after the run, then autosave (every 30 s) writes the recovery copy.
    await selectInOutline(page, 'esx-r01-h003');
    const name = page.getByTestId('inspector').getByTestId('field-name');
    await name.fill('esx-after-run');
    await name.press('Enter');
    await page.clock.fastForward(31_000);
    await expect.poll(async () => (await page.evaluate(() => (globalThis as unknown as { rackplane: { invoke(c: string): Promise<{ ok: boolean; value?: unknown[] }> } }).rackplane.invoke('project:recoverable'))).value?.length).toBe(1);
  } finally {
    await crashed.close(); // no close prompt, no discard: the copy stays
  }

  const next = await startApp(env.browser(), { userDataDir: profile });
  try {
    const { page } = next;
    const dialog = page.getByTestId('dialog-recovery');
    await dialog.getByRole('button', { name: 'Recover' }).click();
    await dialog.waitFor({ state: 'detached' });
    await openPanel(page);
    const p = panel(page);
    await expect.poll(() => p.getByRole('heading', { name: /Flows/ }).textContent()).toContain('100');
    expect(await p.getByTestId('sim-flow-table').locator('tbody tr').count()).toBe(100);
    expect(await p.getByTestId('sim-stale').count()).toBe(1);
    expect(next.problems).toEqual([]);
  } finally {
    await next.close();
  }
});
