/**
 * vSwitch QoS as a person sets it (docs/qos.md, issue #13 item 5): a 2 Gb/s limit on a VM's vNIC typed in the
 * inspector (one undo step), then a flow from that VM to the outside capped at 2 Gb/s by the simulator although its
 * 25 Gb/s uplink is idle (a vSphere vNIC `limit` is never exceeded "even if there are available resources").
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const panel = (page: Page) => page.getByTestId('simulation-panel');

/** Picks an option whose label starts with `prefix` (host options read "name (n VMs)"). */
async function pick(page: Page, label: string, prefix: string): Promise<void> {
  const select = panel(page).getByRole('form', { name: 'Add a flow' }).getByLabel(label, { exact: true });
  const text = await select.locator('option', { hasText: prefix }).first().textContent();
  await select.selectOption({ label: text! });
}

test('a vNIC limit set in the inspector caps the VM’s flow in the simulation', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack');
  await selectInOutline(page, 'r01-h001-vm01');
  const inspector = page.getByTestId('inspector');
  const limit = inspector.getByTestId('field-vnics-0-qos-limitGbps');
  expect(await limit.inputValue()).toBe('');

  // A refused value never reaches the design; then 2 Gb/s.
  await limit.fill('0');
  await limit.press('Enter');
  await expect.poll(() => inspector.getByTestId('field-vnics-0-qos-limitGbps-error').count()).toBe(1);
  await limit.fill('2');
  await limit.press('Enter');
  await expect.poll(() => inspector.getByTestId('field-vnics-0-qos-limitGbps-error').count()).toBe(0);

  // One undo step takes the limit away, redo puts it back.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => inspector.getByTestId('field-vnics-0-qos-limitGbps').inputValue()).toBe('');
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect.poll(() => inspector.getByTestId('field-vnics-0-qos-limitGbps').inputValue()).toBe('2');

  await toolbar(page, 'view.simulation').click();
  await panel(page).waitFor();
  const p = panel(page);
  await pick(page, 'From', 'esx-r01-h001');
  await pick(page, 'Source', 'vm01');
  await pick(page, 'To', 'Outside');
  await p.getByRole('form', { name: 'Add a flow' }).getByRole('button', { name: 'Add flow' }).click();
  await expect.poll(() => p.getByRole('list', { name: 'Scenario flows' }).getByRole('listitem').count()).toBe(1);
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);

  const header = await p.getByTestId('sim-flow-table').locator('thead th').allTextContents();
  const cells = p.getByTestId('sim-flow-table').locator('tbody tr').first().locator('td');
  const col = (name: string) => header.findIndex((h) => h.startsWith(name));
  // Capped at the vNIC's 2 Gb/s although the flow asks for no cap and its 25 Gb/s uplink is otherwise idle.
  expect(await cells.nth(col('Rate')).textContent()).toBe('2.00');
  expect(await cells.nth(col('Demand')).textContent()).toBe('no cap');
  expect(await cells.nth(col('Bottleneck')).textContent()).toBe('demand cap');
  await screenshot(page, 'qos-limit');
  // The vNIC's QoS override in the inspector: the limit set, every other field empty (the port group's).
  await inspector.getByTestId('field-vnics-0-qos').scrollIntoViewIfNeeded();
  expect(await inspector.getByTestId('field-vnics-0-qos-classMode').inputValue()).toBe('0');
  await screenshot(page, 'qos-inspector');
});
