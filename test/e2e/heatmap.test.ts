/**
 * Reading the heatmap: the legend explains its colours, and a selected link's inspector shows the run's load,
 * capacity and utilisation per direction with its busiest flows, or says in one line why it cannot.
 * The link is selected through the Links list of its switch's inspector: the canvas exposes no screen position
 * for links (only `data-selection-rect` for one selected element), so a click on a cable could not be aimed.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline, toolbar } from './harness/ui';
import { HEAT_BANDS, heatBand } from '../../shared/scene/heatmap';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const panel = (page: Page) => page.getByTestId('simulation-panel');

/** Selects the ToR's link from port p0 (to the first server's NIC) through the ToR's Links list. */
async function selectTorLink(page: Page): Promise<void> {
  await selectInOutline(page, 'r01-tor-a');
  await page.getByTestId('inspector').getByRole('link', { name: /^p0 → / }).click();
  await expect.poll(() => page.getByTestId('inspector').getAttribute('data-link-id')).toBe('r01.h001.nic0.eth0');
}

test('a busy link shows its load, capacity, utilisation and top flows; the legend explains the bands', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 4, vms: 4 });

  // Before any run the section says so in one line.
  await selectTorLink(page);
  const load = page.getByTestId('link-load');
  expect(await load.textContent()).toContain('No simulation results');

  await toolbar(page, 'view.simulation').click();
  const p = panel(page);
  await p.getByRole('button', { name: 'One flow per VM' }).click();
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);
  await expect.poll(() => page.getByTestId('canvas').getAttribute('data-heatmap')).toBe('on');

  // The legend: every band, and what colour and width stand for.
  const legend = page.getByTestId('heat-legend');
  for (const b of HEAT_BANDS) expect(await legend.textContent()).toContain(b.label);
  expect(await page.getByTestId('heat-legend-note').textContent()).toContain('busier direction');

  // Two directions, server → ToR first; a 25 GbE port each way.
  const dirs = load.getByTestId('link-load-dir');
  await expect.poll(() => dirs.count()).toBe(2);
  expect(await dirs.nth(0).getAttribute('data-resource')).toBe('eth:r01.h001.nic0.eth0:ab');
  expect(await dirs.nth(0).locator('.link-load-title').textContent()).toBe('esx-r01-h001 nic0 eth0 → r01-tor-a p0');
  expect(await dirs.nth(1).locator('.link-load-title').textContent()).toBe('r01-tor-a p0 → esx-r01-h001 nic0 eth0');
  let busiest = 0;
  for (let i = 0; i < 2; i++) {
    const d = dirs.nth(i);
    expect(await d.getByTestId('link-load-capacity').textContent()).toBe('25.0 Gb/s');
    const gbps = Number((await d.getByTestId('link-load-load').textContent())!.replace(' Gb/s', ''));
    expect(gbps).toBeGreaterThanOrEqual(0);
    expect(gbps).toBeLessThanOrEqual(25);
    // Utilisation is load ÷ capacity, with the band it is drawn in.
    const u = gbps / 25;
    const band = heatBand(u);
    expect(Number(await d.getAttribute('data-band'))).toBe(band);
    const pct = Number((await d.getByTestId('link-load-utilisation').textContent())!.match(/^([\d.]+) %/)![1]);
    expect(Math.abs(pct - u * 100)).toBeLessThanOrEqual(1);
    expect(await d.getByTestId('link-load-utilisation').textContent()).toContain(band === 0 ? 'idle' : `${HEAT_BANDS[band]!.label} band`);
    busiest = Math.max(busiest, gbps);
  }
  // One flow per VM from a server with four VMs: this cable carries traffic, and its flows are named by VM.
  expect(busiest).toBeGreaterThan(0);
  const flows = load.locator('.link-load-flows li');
  expect(await flows.count()).toBeGreaterThan(0);
  expect(await flows.first().textContent()).toMatch(/^[\d.]+ r01-h00\d-vm\d+ → r01-h00\d-vm\d+$/);
  await screenshot(page, 'heatmap-link-load');

  // An edit makes the run stale: the section says so instead of showing old figures.
  await selectInOutline(page, 'esx-r01-h003');
  const name = page.getByTestId('inspector').getByTestId('field-name');
  await name.fill('esx-renamed');
  await name.press('Enter');
  await expect.poll(() => p.getByTestId('sim-stale').count()).toBe(1);
  await selectTorLink(page);
  expect(await load.textContent()).toContain('The design changed after the last run');
  expect(await load.getByTestId('link-load-dir').count()).toBe(0);
  await screenshot(page, 'heatmap-link-load-stale');
});
