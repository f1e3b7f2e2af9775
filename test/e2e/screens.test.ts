/**
 * Screenshot comparisons of a few stable canvas views against committed baselines (harness/compare.ts):
 * the single-host template at 100 % in the light and the dark theme, the NIC's cables to the ToR up close,
 * and the server collapsed. Only the canvas is compared, so panels and toolbars can change without touching
 * these; each view is reached the same way every time (fixed window, template, zoom), with the validator
 * settled, the pointer away and no caret or animation. Update with RACKPLANE_UPDATE_BASELINES=1 after
 * looking at the new screenshot.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR, startApp, type AppHarness } from './harness/app';
import { BASELINE_DIR, expectMatchesBaseline, UPDATE_ENV } from './harness/compare';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, selectInOutline } from './harness/ui';

let app: AppHarness;
const env = useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
/** The harness's default window; the dark-theme test restarts the app with it explicitly. */
const SIZE = { width: 1400, height: 900 };

/** The single-host template with two VMs, fitted (which is 100 % for one server in this window). */
async function singleHost(page: Page): Promise<void> {
  await newFromTemplate(page, 'single-host', { vms: 2 });
  await expect.poll(() => page.getByTestId('status-zoom').textContent()).toBe('100%');
}

/** Waits until nothing on the canvas is about to change: validation done, pointer off it, two frames drawn. */
async function settle(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('status-problems').getAttribute('data-state')).toBe('ready');
  await page.mouse.move(1, 1);
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

const canvas = (page: Page) => page.getByTestId('canvas');

test('the single-host template at 100 %, light theme', async () => {
  const { page } = app;
  await singleHost(page);
  await settle(page);
  await expectMatchesBaseline(page, canvas(page), 'screen-single-host-light');
});

test('the same view in the dark theme', async () => {
  await app.close();
  app = await startApp(env.browser(), { ...SIZE, colorScheme: 'dark' });
  const { page } = app;
  await singleHost(page);
  await settle(page);
  await expectMatchesBaseline(page, canvas(page), 'screen-single-host-dark');
});

test('the NIC cabled to the ToR, up close with the NIC selected', async () => {
  const { page } = app;
  await singleHost(page);
  await selectInOutline(page, 'nic0');
  // Centre on the NIC ("." frames the selection, at most 100 %), then zoom in twice about the centre.
  await canvas(page).focus();
  await page.keyboard.press('.');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect.poll(() => page.getByTestId('status-zoom').textContent()).not.toBe('100%');
  expect(await page.getByTestId('status-counts').textContent()).toMatch(/\b7 links\b/);
  await settle(page);
  await expectMatchesBaseline(page, canvas(page), 'screen-nic-tor-wired');
});

test('the server collapsed to its compact box, cables ending on it', async () => {
  const { page } = app;
  await singleHost(page);
  await selectInOutline(page, 'esx-r01-h001');
  await canvas(page).focus();
  await page.keyboard.press(`${mod}+ArrowUp`);
  await expect.poll(() => page.getByTestId('canvas').getAttribute('data-visible-nodes')).toBe('2');
  await page.keyboard.press('0');
  await settle(page);
  await expectMatchesBaseline(page, canvas(page), 'screen-host-collapsed');
});

// Skipped while updating: the helper then adopts every screenshot instead of comparing.
test.skipIf(process.env[UPDATE_ENV] === '1')('a view that differs from its baseline fails, names the Chromium that ran, and writes a diff image', async () => {
  const { page } = app;
  await singleHost(page);
  await settle(page);
  // The collapsed view's baseline standing in for this (open) view: most of the server differs.
  const dir = join(app.dir, 'baselines');
  mkdirSync(dir);
  copyFileSync(join(BASELINE_DIR, 'screen-host-collapsed.png'), join(dir, 'screen-probe.png'));
  const failure = await expectMatchesBaseline(page, canvas(page), 'screen-probe', { baselineDir: dir }).then(
    () => null,
    (e: Error) => e.message,
  );
  expect(failure).toMatch(/^screen-probe: \d+ pixels \([\d.]+ %\) differ from .*screen-probe\.png, more than the 0\.020 % allowed; see test\/e2e\/__screenshots__\/screen-probe\.diff\.png/);
  expect(failure).toContain(`this run used Chromium ${env.browser().version()}`);
  expect(failure).toContain('RACKPLANE_UPDATE_BASELINES=1');
  const diff = PNG.sync.read(readFileSync(join(SCREENSHOT_DIR, 'screen-probe.diff.png')));
  // Pixelmatch paints differing pixels pure red.
  let red = 0;
  for (let i = 0; i < diff.data.length; i += 4) if (diff.data[i] === 255 && diff.data[i + 1] === 0 && diff.data[i + 2] === 0) red++;
  expect(red).toBeGreaterThan(1000);
});
