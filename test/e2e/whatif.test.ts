/**
 * What-if in the app, driven like a person on rack-kvm (each server's dual-port NIC teamed across the MLAG pair
 * r01-tor-a/r01-tor-b): run a scenario, right-click a ToR → Fail, and the scenario reruns with it down — the
 * heatmap switches to the diff colours with its legend, the failed switch is marked on the canvas, and the panel
 * lists what the failure did to each flow. A cable fails from the keyboard (Shift+F), Restore brings each back,
 * and every Fail/Restore is one undo step.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline, toolbar } from './harness/ui';
import { DIFF_BANDS } from '../../shared/scene/heat-diff';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const panel = (page: Page) => page.getByTestId('simulation-panel');
const canvas = (page: Page) => page.getByTestId('canvas');
const failures = (page: Page) => page.getByTestId('whatif-failure');
const failureKeys = (page: Page) => failures(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-failure')));

async function runDone(page: Page): Promise<void> {
  await expect.poll(() => panel(page).getByTestId('sim-status').textContent(), { timeout: 20_000 }).toMatch(/^Done in /);
}

/** Right-clicks the middle of the one selected element on the canvas and opens its context menu. */
async function rightClickSelected(page: Page): Promise<void> {
  const [x, y, w, h] = (await canvas(page).getAttribute('data-selection-rect'))!.split(',').map(Number);
  const box = (await canvas(page).boundingBox())!;
  await page.mouse.click(box.x + x! + w! / 2, box.y + y! + h! / 2, { button: 'right' });
  await page.getByTestId('context-menu').waitFor();
}

test('Fail a ToR from the context menu: rerun, diff heatmap, marks, panel rows; Shift+F a cable; Restore; undo/redo', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack-kvm', { hosts: 2, vms: 2 });
  await toolbar(page, 'view.simulation').click();
  await panel(page).getByRole('button', { name: 'One flow per VM' }).click();
  await panel(page).getByRole('button', { name: 'Run', exact: true }).click();
  await runDone(page);
  await expect.poll(() => page.getByTestId('heat-legend').getAttribute('data-mode')).toBe('utilisation');

  // Right click on the ToR: the menu offers to fail it (and has nothing to restore yet).
  await selectInOutline(page, 'r01-tor-a');
  await rightClickSelected(page);
  const menu = page.getByTestId('context-menu');
  expect(await menu.locator('[data-action="simulation.restore"]').isDisabled()).toBe(true);
  const fail = menu.locator('[data-action="simulation.fail"]');
  expect(await fail.textContent()).toContain('Fail switch r01-tor-a');
  await fail.click();

  // The scenario reruns with the switch down and is compared with the run without it.
  await runDone(page);
  await expect.poll(() => failureKeys(page)).toEqual(['switch:r01.tor-a']);
  await expect.poll(() => page.getByTestId('heat-legend').getAttribute('data-mode')).toBe('diff');
  const legend = (await page.getByTestId('heat-legend').textContent())!;
  for (const b of DIFF_BANDS) expect(legend).toContain(b.label);
  expect(legend).toContain('What-if: 1 failure');
  expect(Number(await canvas(page).getAttribute('data-failed-marks'))).toBe(1);
  // Every flow of the MLAG pair survives: the ones on tor-a's cables fail over to tor-b, sharing it.
  const row = failures(page).first();
  await expect.poll(() => row.getByTestId('whatif-summary').textContent()).toMatch(/kept up by failover/);
  expect(await row.getByTestId('whatif-summary').textContent()).not.toMatch(/dropped/);
  const kept = await row.getByTestId('whatif-failover').locator('li').allTextContents();
  expect(kept.length).toBeGreaterThan(0);
  for (const k of kept) expect(k).toMatch(/^[\d.]+ → [\d.]+ Gb\/s kvm-r01-h00\d \/ r01-h00\d-vm0\d → kvm-r01-h00\d \/ r01-h00\d-vm0\d · via r01\.h00\d\.nic0\.eth1/);
  // A flow that had a member of its own now shares the surviving one.
  expect(kept.some((k) => k.startsWith('25.0 → 12.5 Gb/s'))).toBe(true);
  expect(await panel(page).getByTestId('sim-whatif').textContent()).toContain('4 of 4 flows carried (4 without the failures)');
  await page.mouse.move(5, 5);
  await screenshot(page, 'whatif-tor-failed');

  // A cable from the keyboard: select it through the ToR's Links list, Shift+F. Its inspector says it is down.
  await selectInOutline(page, 'r01-tor-b');
  await page.getByTestId('inspector').getByRole('link', { name: /^p1 → / }).click();
  await expect.poll(() => page.getByTestId('inspector').getAttribute('data-link-id')).toBe('r01.h002.nic0.eth1');
  await canvas(page).focus();
  await page.keyboard.press('Shift+F');
  await runDone(page);
  await expect.poll(() => failureKeys(page)).toEqual(['switch:r01.tor-a', 'link:r01.h002.nic0.eth1']);
  // Alone, the cable is one team member: its flows fail over to h002's other member. Together with tor-a (that
  // other member's switch) h002 is cut off, which the summary line counts.
  await expect.poll(() => failures(page).nth(1).getByTestId('whatif-summary').textContent()).toMatch(/kept up by failover/);
  expect(await panel(page).getByTestId('sim-whatif').textContent()).toContain('0 of 4 flows carried (4 without the failures)');
  await expect.poll(() => page.getByTestId('link-load-whatif').getAttribute('data-change')).toBe('down');
  expect(Number(await canvas(page).getAttribute('data-failed-marks'))).toBe(2);
  await page.mouse.move(5, 5);
  await screenshot(page, 'whatif-tor-and-cable-failed');

  // Restore the ToR from its row: one failure left, rerun.
  await failures(page).first().getByRole('button', { name: 'Restore switch r01-tor-a' }).click();
  await runDone(page);
  await expect.poll(() => failureKeys(page)).toEqual(['link:r01.h002.nic0.eth1']);

  // Undo brings the ToR failure back, redo restores it again: each one step.
  await canvas(page).focus();
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => failureKeys(page)).toEqual(['switch:r01.tor-a', 'link:r01.h002.nic0.eth1']);
  await runDone(page);
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => failureKeys(page)).toEqual(['switch:r01.tor-a']);
  await runDone(page);
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect.poll(() => failureKeys(page)).toEqual(['switch:r01.tor-a', 'link:r01.h002.nic0.eth1']);
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect.poll(() => failureKeys(page)).toEqual(['link:r01.h002.nic0.eth1']);
  await runDone(page);

  // Restore all from the panel: no what-if left, the heatmap is utilisation again and nothing is marked.
  await panel(page).getByRole('button', { name: 'Restore all' }).click();
  await expect.poll(() => failures(page).count()).toBe(0);
  await runDone(page);
  await expect.poll(() => page.getByTestId('heat-legend').getAttribute('data-mode')).toBe('utilisation');
  expect(Number(await canvas(page).getAttribute('data-failed-marks'))).toBe(0);
});
