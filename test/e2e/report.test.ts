/**
 * The design report from the app with simulation results: run a simulation (evacuate a host), export Report
 * (HTML) through File ▸ Export…, and open the file: the simulation section has its tables and charts. The report
 * is rendered in Chromium for a screenshot of the charts. After an edit the results are stale: the dialog says so
 * and the report leaves them out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import type { AppHarness } from './harness/app';
import { SCREENSHOT_DIR } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const dialog = (page: Page) => page.getByTestId('dialog-export');
const panel = (page: Page) => page.getByTestId('simulation-panel');

/** Ctrl+E, Report (HTML); returns the dialog's simulation line (null when it shows none). */
async function openHtmlReport(page: Page): Promise<string | null> {
  await page.keyboard.press(`${mod}+E`);
  await dialog(page).waitFor();
  await dialog(page).getByLabel('Format').selectOption('html');
  const note = dialog(page).getByTestId('export-simulation-note');
  return (await note.count()) ? note.textContent() : null;
}

/** Clicks Export…, answers the save dialog with `path`, waits for the dialog to close and returns the file's text. */
async function exportTo(a: AppHarness, path: string): Promise<string> {
  a.dialogs.answer('saveExport', path);
  await dialog(a.page).getByRole('button', { name: 'Export…' }).click();
  await dialog(a.page).waitFor({ state: 'detached' });
  await expect.poll(() => a.page.getByTestId('status-message').textContent()).toMatch(/^Exported Report \(HTML\)/);
  return readFileSync(path, 'utf8');
}

test('Report (HTML) carries fresh simulation results with charts, and leaves stale ones out', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack');
  // No simulation yet: the dialog has nothing to say about it.
  expect(await openHtmlReport(page)).toBeNull();
  await dialog(page).getByRole('button', { name: 'Cancel' }).click();

  await toolbar(page, 'view.simulation').click();
  const p = panel(page);
  await p.waitFor();
  const hostA = p.getByLabel('Host A', { exact: true });
  await hostA.selectOption({ label: (await hostA.locator('option', { hasText: 'esx-r01-h001 (' }).first().textContent())! });
  await p.getByRole('button', { name: 'Evacuate A' }).click();
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);

  expect(await openHtmlReport(page)).toBe('The report includes the simulation results.');
  const path = join(app.dir, 'report.html');
  const html = await exportTo(app, path);
  const section = html.slice(html.indexOf('<section id="simulation">'));
  expect(section.length).toBeLessThan(html.length);
  expect(section).toContain('<h3>Charts</h3>');
  for (const id of ['utilisation', 'migration-timeline', 'migration-rounds']) expect(section).toContain(`id="chart-${id}"`);
  expect(section).toContain('>Migration timelines (10 of 10)</text>');
  expect(section).toContain('>Utilisation (%)</text>');
  expect(section).toContain('<h3>Migrations (10)</h3>');

  // The report as a reader sees it: Chromium renders the file (its own CSP forbids anything but inline styles).
  const browser = page.context().browser()!;
  const viewer = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const view = await viewer.newPage();
    await view.goto(`file://${path}`);
    const charts = view.locator('.rp-charts');
    expect(await charts.locator('svg').count()).toBe(3);
    // Each chart is drawn at its size (not collapsed), with its labels laid out as text.
    const box = await view.locator('#chart-migration-timeline').boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    expect(box!.height).toBeGreaterThan(100);
    expect(await view.locator('#chart-utilisation text', { hasText: 'Resources (count)' }).count()).toBe(1);
    await charts.screenshot({ path: join(SCREENSHOT_DIR, 'report-simulation-charts.png') });
  } finally {
    await viewer.close();
  }

  // An edit makes the results stale: the dialog says they are left out, and the report has no simulation.
  await selectInOutline(page, 'esx-r01-h003');
  const name = page.getByTestId('inspector').getByTestId('field-name');
  await name.fill('esx-renamed');
  await name.press('Enter');
  await expect.poll(() => p.getByTestId('sim-stale').count()).toBe(1);
  expect(await openHtmlReport(page)).toBe('The simulation results are out of date and are left out: run the simulation again to include them.');
  await screenshot(page, 'export-dialog-report-stale');
  const stale = await exportTo(app, join(app.dir, 'stale.html'));
  expect(stale).toContain('<section id="components">');
  expect(stale).not.toContain('<section id="simulation">');
});
