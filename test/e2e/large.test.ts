/**
 * A 2,000-server fabric (~50,000 elements, ~50,000 links) opens and stays usable: the outline lists
 * one row per server and renders only the rows in view, the canvas draws a culled overview and switches
 * to per-element shapes once zoomed in, and an edit goes through as usual.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, startApp, stopServer, type AppHarness } from './harness/app';
import { newFromTemplate, outlineCount, screenshot } from './harness/ui';

let browser: Browser;
let app: AppHarness;

beforeAll(async () => {
  browser = await launchChromium();
  app = await startApp(browser);
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
  await stopServer();
});

test('a 2,000-server fabric opens, culls and edits', async () => {
  const { page } = app;
  await newFromTemplate(page, 'fabric', { hosts: 2000, vms: 20 });
  expect(await outlineCount(page, 'host')).toBe(2000);
  expect(await outlineCount(page, 'vm')).toBe(40_000);
  expect(await outlineCount(page, 'tor')).toBe(2 * 50 + 4);

  // The outline is virtualised: a few dozen rows in the DOM, not 2,000.
  const rows = await page.getByRole('treeitem').count();
  expect(rows).toBeGreaterThan(10);
  expect(rows).toBeLessThan(100);

  const canvas = page.getByTestId('canvas');
  expect(await canvas.getAttribute('data-mode')).toBe('overview');
  const total = Number(await canvas.getAttribute('data-visible-nodes'));
  expect(total).toBe(2000 * 25 + 104);
  await screenshot(page, 'fabric-2000-overview');

  // Zoomed in, only what is in view is drawn, one Konva shape per element.
  await canvas.focus();
  for (let i = 0; i < 16; i++) await page.keyboard.press('+');
  await expect.poll(async () => Number(await canvas.getAttribute('data-visible-nodes'))).toBeLessThan(600);
  expect(await canvas.getAttribute('data-mode')).toBe('detail');
  expect(Number(await canvas.getAttribute('data-visible-nodes'))).toBeGreaterThan(0);
  await screenshot(page, 'fabric-2000-zoomed');

  // Search finds one server among 2,000; selecting it scrolls the canvas to it; renaming works.
  await page.getByRole('searchbox', { name: 'Search elements by name' }).fill('esx-r37-h021');
  await page.getByRole('treeitem').filter({ hasText: 'esx-r37-h021' }).click();
  await expect.poll(() => canvas.getAttribute('data-selection-rect')).not.toBeNull();
  const name = page.getByTestId('inspector').getByTestId('field-name');
  await name.fill('esx-r37-h021-spare');
  await name.press('Enter');
  await expect.poll(() => page.getByRole('treeitem').filter({ hasText: 'esx-r37-h021-spare' }).count()).toBe(1);
  expect(await page.getByTestId('status-dirty').isVisible()).toBe(true);
  await screenshot(page, 'fabric-2000-selected');
  expect(app.problems).toEqual([]);
});
