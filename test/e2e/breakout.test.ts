/**
 * Switch-port breakout and per-port settings in the inspector (issue #12 item 2): pick a port of a leaf, break its
 * QSFP28 port out as 4×25G, see the summary and the canvas follow, undo in one step; break out the port the MLAG peer
 * link uses and ETH-002 says the cable now ends on nothing, with a quick fix moving it to a sub-port.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app, { checkProblems: false });

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const summary = (page: Page) => page.getByTestId('status-problems');
const settled = (page: Page) => expect.poll(() => summary(page).getAttribute('data-state'), { timeout: 90_000 }).toBe('ready');

test('breaking out a leaf port as 4×25G in the inspector; a cable left on the port is ETH-002 with a fix', async () => {
  const { page } = app;
  // The KVM rack template (OVS balance-tcp to an MLAG pair): 2 hosts.
  await newFromTemplate(page, 'rack-kvm', { hosts: 2 });
  await settled(page);

  await page.locator('[role="treeitem"][data-element-id="r01.tor-a"]').click();
  const inspector = page.getByTestId('inspector');
  const ports = inspector.getByTestId('field-ports');
  const lines = inspector.getByTestId('field-ports-summary');
  expect(await lines.textContent()).toContain('48×25G + 8×100G');

  // p52, a QSFP28 uplink port that allows 4×25G and 4×10G.
  await ports.getByLabel('Port', { exact: true }).selectOption('52');
  expect(await inspector.getByTestId('field-ports-breakoutModes').inputValue()).toBe('4×25G, 4×10G');
  await inspector.getByTestId('field-ports-breakout').selectOption({ label: '4×25G' });
  await expect.poll(() => lines.textContent()).toContain('Broken out: p52 4×25G');
  await settled(page);
  expect(await summary(page).getAttribute('data-errors')).toBe('0');
  await screenshot(page, 'breakout-p52');
  // One undo step.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => lines.textContent()).not.toContain('Broken out');

  // p48 carries the MLAG peer link: broken out, the cable ends on a port that no longer carries anything.
  await ports.getByLabel('Port', { exact: true }).selectOption('48');
  await inspector.getByTestId('field-ports-breakout').selectOption({ label: '4×25G' });
  await settled(page);
  await summary(page).click();
  const eth = page.getByTestId('problems-panel').locator('[role="group"][data-rule="ETH-002"]').getByRole('option').first();
  await eth.waitFor();
  expect(await eth.locator('.problem-message').textContent()).toMatch(/p48 is broken out as 4×25G into p48\/1–p48\/4, but link .* ends at p48, which carries nothing now/);
  await screenshot(page, 'breakout-eth-002');
  await eth.getByRole('button', { name: /^Fix: Move .* to p48\/1$/ }).click();
  await settled(page);
  await expect.poll(() => page.getByTestId('problems-panel').locator('.problem-message').allTextContents()).not.toContainEqual(expect.stringMatching(/carries nothing now/));
});
