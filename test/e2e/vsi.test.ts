/**
 * VSI profiles (802.1Qbg VDP, rule EVB-003, issue #12 item 6) as a person sets them: a VSI on a VM's vNIC in the
 * inspector, the switch to VEPA, the warning that the adjacent bridge does not know the VSI type, and its quick fix
 * adding the type to the ToR's list, one undo step.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline } from './harness/ui';

let app: AppHarness;
// The test reads the problems itself (VEPA without relay raises errors on purpose).
useAppPerTest((a) => (app = a), () => app, { checkProblems: false });

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const summary = (page: Page) => page.getByTestId('status-problems');
const settled = (page: Page) => expect.poll(() => summary(page).getAttribute('data-state'), { timeout: 90_000 }).toBe('ready');
const rule = (page: Page, id: string) => page.getByTestId('problems-panel').locator(`[role="group"][data-rule="${id}"]`);

test('a VSI on a vNIC behind VEPA whose bridge lacks the type shows EVB-003; the quick fix adds the type in one step', async () => {
  const { page } = app;
  await newFromTemplate(page, 'single-host');
  await settled(page);

  // The first VM's vnic0: type the VSI as libvirt's managerid/typeid/typeidversion.
  // Found by searching the outline (its name may carry the host's, its id does not change).
  const search = page.getByRole('searchbox', { name: 'Search elements by name' });
  await search.fill('vm01');
  await page.locator('[role="treeitem"][data-element-id="r01.h001.vm01"]').click();
  await search.fill('');
  const inspector = page.getByTestId('inspector');
  const vsi = inspector.getByTestId('field-vnics-0-vsi');
  await vsi.fill('0/1/1');
  await vsi.press('Enter');
  expect(await inspector.getByTestId('field-vnics-0-vsi-error').textContent()).toMatch(/manager id must be 1-255/);
  await vsi.fill('11/1193047/2');
  await vsi.press('Enter');
  await settled(page);
  await summary(page).click();
  // Behind the template's VEB switch no VDP runs: a note, not a warning.
  await rule(page, 'EVB-003').waitFor();
  expect(await rule(page, 'EVB-003').getByRole('option').first().locator('.problem-message').textContent()).toMatch(/VEB/);

  // VEPA: now the VSI must be associated at the ToR, which knows no VSI types.
  await selectInOutline(page, 'vds-r01');
  await inspector.getByTestId('field-evbMode').selectOption({ label: 'VEPA' });
  await settled(page);
  // First the port: VDP runs only where the bridge port has the EVB role (the template's ToR ports do not).
  const group = rule(page, 'EVB-003');
  await expect.poll(() => group.locator('.problem-message').allTextContents()).toContainEqual(expect.stringMatching(/cannot be associated: r01-tor port p\d has no EVB bridge role/));
  for (let i = 0; i < 2 && (await group.getByRole('button', { name: /^Fix: Enable EVB on / }).count()) > 0; i++) {
    await group.getByRole('button', { name: /^Fix: Enable EVB on / }).first().click();
    await settled(page);
  }
  // Then the type: the ToR's VSI manager database does not hold 11/1193047/2.
  const row = group.getByRole('option').filter({ hasText: 'is not associated where it runs' }).first();
  await row.waitFor();
  const warning = (await row.locator('.problem-message').textContent())!;
  expect(warning).toMatch(/11\/1193047\/2/);
  await screenshot(page, 'problems-vsi');
  await row.getByRole('button', { name: /^Fix: Add VSI type 11\/1193047\/2 to / }).click();
  await settled(page);
  await expect.poll(() => page.getByTestId('problems-panel').locator('.problem-message').allTextContents()).not.toContain(warning);
  // The ToR now lists the type; one Ctrl+Z takes it away again and the warning returns.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+z`);
  await settled(page);
  await expect.poll(() => page.getByTestId('problems-panel').locator('.problem-message').allTextContents()).toContain(warning);
});
