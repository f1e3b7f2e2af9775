/**
 * Takes the README's picture (written to docs/screenshot.png only with RACKPLANE_UPDATE_SCREENSHOT=1, so an
 * ordinary test run never changes a tracked file; otherwise to test/e2e/__screenshots__/readme.png): the rack template at 1400×900, zoomed to the leaf
 * pair and the first servers, with a NIC selected so the inspector shows its PCIe and Ethernet figures.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, ROOT, startApp, stopServer } from './harness/app';
import { newFromTemplate, screenshot, selectInOutline } from './harness/ui';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stopServer();
});

test('README screenshot: the rack template', async () => {
  const app = await startApp(browser, { width: 1400, height: 900, colorScheme: 'light' });
  try {
    const { page } = app;
    await newFromTemplate(page, 'rack');
    const canvas = page.getByTestId('canvas');
    await canvas.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    // Bring the leaf pair into view (selecting it centres it), then scroll so it sits near the top.
    await selectInOutline(page, 'r01-tor-a');
    await canvas.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await selectInOutline(page, 'nic0');
    await expect.poll(() => page.getByTestId('inspector').locator('h2').textContent()).toBe('nic0');
    // No hover highlight and no focus ring in the picture.
    await page.mouse.move(700, 888);
    await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur(): void } | null } }).document.activeElement?.blur());
    const update = process.env.RACKPLANE_UPDATE_SCREENSHOT === '1';
    const file = await screenshot(page, 'readme', update ? join(ROOT, 'docs/screenshot.png') : undefined);
    expect(file.endsWith(update ? 'docs/screenshot.png' : 'readme.png')).toBe(true);
    expect(app.problems).toEqual([]);
  } finally {
    await app.close();
  }
});
