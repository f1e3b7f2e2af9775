/**
 * Whole-device passthrough like a person does it (issue #12 item 3): drag a PCIe endpoint into a server, make it a
 * GPU, give it to a VM in the inspector's Passthrough section; the IOMMU group is shown, IOV-003 appears in the
 * problems panel (the VM can no longer live-migrate), and one Ctrl+Z gives the GPU back to the host.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { dragIntoServer, newFromTemplate, outlineCount, screenshot, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const summary = (page: Page) => page.getByTestId('status-problems');
const settled = (page: Page) => expect.poll(() => summary(page).getAttribute('data-state'), { timeout: 90_000 }).toBe('ready');

test('a GPU dragged into a server and passed through to a VM: IOMMU group shown, IOV-003 raised, one undo step back', async () => {
  const { page } = app;
  await newFromTemplate(page, 'single-host', { vms: 2 });
  await settled(page);

  // Drag "PCIe endpoint" from the palette into the server, below its VMs.
  await page.getByRole('searchbox', { name: 'Search the palette' }).fill('endpoint');
  await dragIntoServer(page, page.locator('[data-palette-item="kind:endpoint"]'), 'esx-r01-h001');
  await expect.poll(() => outlineCount(page, 'endpoint')).toBe(1);
  expect(await page.getByTestId('status-message').textContent()).toMatch(/^Add PCIe endpoint into esx-r01-h001, on CPU\d root complex rp\d+$/);

  // The new device is selected: make it a GPU.
  const inspector = page.getByTestId('inspector');
  await expect.poll(() => inspector.getAttribute('data-element-id')).toMatch(/./);
  await inspector.getByTestId('field-deviceClass').selectOption({ label: 'GPU' });
  const section = inspector.getByTestId('passthrough-section');
  // On its own root port, with ACS on the root complex (the default): its functions are isolated.
  expect(await section.getByTestId('iommu-group').textContent()).toBe('Own group per function (ACS on every bridge above isolates it)');

  // Give it to the first VM.
  const holder = section.getByTestId('passthrough-dev');
  expect(await holder.locator('option:checked').textContent()).toBe('Host (not passed through)');
  const vmName = (await holder.locator('option').nth(1).textContent())!;
  await holder.selectOption({ label: vmName });
  await settled(page);
  await summary(page).click();
  const iov = page.getByTestId('problems-panel').locator('[role="group"][data-rule="IOV-003"]');
  await iov.waitFor();
  expect(await iov.getByRole('option').first().locator('.problem-message').textContent()).toMatch(new RegExp(`^${vmName} uses the whole of .*, so it cannot live-migrate; plan it to stay on this host`));
  // The inspector's Links list names the passthrough.
  expect(await inspector.textContent()).toContain('Passthrough (whole device)');
  await screenshot(page, 'passthrough-gpu');
  // On the canvas, the whole server: the passthrough drawn from the VM to the GPU.
  await page.getByTestId('problems-panel').getByRole('button', { name: /close/i }).click();
  await toolbar(page, 'view.zoomFit').click();
  await screenshot(page, 'passthrough-gpu-canvas');

  // One undo step takes it back to the host.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+z`);
  await settled(page);
  await expect.poll(() => iov.count()).toBe(0);
  expect(await section.getByTestId('passthrough-dev').locator('option:checked').textContent()).toBe('Host (not passed through)');
});
