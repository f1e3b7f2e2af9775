/**
 * Readable templates (issue #14 item 3), as a person sees them in a 1400×900 window: the rack template zoomed to
 * fit shows one rack (ToRs on top, servers two per row) with every server and switch named in readable letters;
 * one zoom step in shows full detail; Arrange Design keeps the rack shape; a fabric far out shows server summaries
 * rather than illegible contents. Screenshots of each go to test/e2e/__screenshots__/rack-layout-*.png.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { KIND_SIZES } from '../../shared/scene/describe';
import { namedFromScale, SUMMARY_MAX_SCALE } from '../../shared/scene/summary';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const canvas = (page: Page) => page.getByTestId('canvas');
/** The zoom as the status bar shows it, as a scale (0.48 for "48%"). */
const zoom = async (page: Page) => Number((await page.getByTestId('status-zoom').textContent())!.replace('%', '')) / 100;
/** Screen rectangle [x, y, w, h] of the element selected in the outline. */
async function rectOf(page: Page, name: string): Promise<number[]> {
  await selectInOutline(page, name);
  await expect.poll(() => canvas(page).getAttribute('data-selection-rect')).not.toBeNull();
  return (await canvas(page).getAttribute('data-selection-rect'))!.split(',').map(Number);
}

test('the rack template zoomed to fit is one readable rack; a zoom step in shows full detail', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 8, vms: 10 });
  // The canvas area the unit tests assume (shared/templates/rack-layout.test.ts).
  const box = (await canvas(page).boundingBox())!;
  expect([box.width, box.height]).toEqual([816, 835]);
  await expect.poll(() => zoom(page)).toBeGreaterThan(0.3);
  const fit = await zoom(page);
  // Summaries (lettered at 12 px), and tall enough that even the switches carry their names.
  expect(fit).toBeLessThan(SUMMARY_MAX_SCALE);
  expect(fit).toBeGreaterThanOrEqual(namedFromScale(KIND_SIZES.switch.w, KIND_SIZES.switch.h) - 0.005);
  expect(await canvas(page).getAttribute('data-mode')).toBe('overview');
  expect(await canvas(page).getAttribute('data-render')).toBe('live');
  await screenshot(page, 'rack-layout-fit');

  // The rack on screen: ToRs above the servers, two servers per row, everything inside the canvas.
  const tor = await rectOf(page, 'r01-tor-a');
  const h1 = await rectOf(page, 'esx-r01-h001');
  const h2 = await rectOf(page, 'esx-r01-h002');
  const h8 = await rectOf(page, 'esx-r01-h008');
  expect(tor[1]! + tor[3]!).toBeLessThan(h1[1]!);
  expect(h2[1]).toBe(h1[1]);
  expect(h2[0]!).toBeGreaterThan(h1[0]! + h1[2]!);
  expect(h8[1]! + h8[3]!).toBeLessThanOrEqual(box.height);
  await page.keyboard.press('Escape');

  // One step in: full detail (VM names), one shape per element.
  await canvas(page).focus();
  await page.keyboard.press('+');
  await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(SUMMARY_MAX_SCALE);
  await expect.poll(() => canvas(page).getAttribute('data-mode')).toBe('detail');
  await screenshot(page, 'rack-layout-zoomed-in');
  expect(app.problems).toEqual([]);
});

test('Arrange Design keeps a rack a rack', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 8, vms: 10 });
  await canvas(page).focus();
  await page.keyboard.press(`${mod}+Shift+P`);
  const palette = page.getByTestId('command-palette');
  await palette.waitFor();
  await page.keyboard.type('arrange');
  await palette.getByRole('option').filter({ hasText: 'Arrange Design' }).click();
  await expect.poll(() => page.getByTestId('status-message').textContent(), { timeout: 60_000 }).toMatch(/^Arranged 10 top-level elements/);
  await canvas(page).focus();
  await page.keyboard.press('0');
  const h1 = await rectOf(page, 'esx-r01-h001');
  const h2 = await rectOf(page, 'esx-r01-h002');
  const h3 = await rectOf(page, 'esx-r01-h003');
  const tor = await rectOf(page, 'r01-tor-b');
  await page.keyboard.press('Escape');
  expect(tor[1]! + tor[3]!).toBeLessThan(h1[1]!);
  expect(h2[1]).toBe(h1[1]);
  expect(h3[1]!).toBeGreaterThan(h1[1]! + h1[3]!);
  // Not the single row at 12 % it used to be.
  expect(await zoom(page)).toBeGreaterThan(0.2);
  await screenshot(page, 'rack-layout-arranged');
});

test('a fabric far out shows server summaries, not illegible contents', async () => {
  const { page } = app;
  await newFromTemplate(page, 'fabric', { hosts: 400, vms: 10 });
  const fit = await zoom(page);
  expect(fit).toBeLessThan(0.1);
  expect(await canvas(page).getAttribute('data-mode')).toBe('overview');
  await screenshot(page, 'rack-layout-fabric-fit');
  // Zoomed in to about 20 %: each server a summary with its name and counts.
  await canvas(page).focus();
  for (let i = 0; i < 10 && (await zoom(page)) < 0.18; i++) await page.keyboard.press('+');
  const z = await zoom(page);
  expect(z).toBeGreaterThanOrEqual(0.18);
  expect(z).toBeLessThan(SUMMARY_MAX_SCALE);
  await expect.poll(() => canvas(page).getAttribute('data-mode')).toBe('overview');
  // The overview bitmap is stretched while a zoom is under way and repainted sharp once the view rests.
  await page.waitForTimeout(600);
  await screenshot(page, 'rack-layout-fabric-low-zoom');
  expect(app.problems).toEqual([]);
});
