/**
 * Live validation like a person sees it: an inspector edit makes EVB problems appear in the status bar, the
 * problems panel and as canvas badges; a quick fix is one undo step; clicking a problem selects and zooms; a
 * worker that cannot start is reported in one line and validation resumes; typing on a 2,000-server fabric
 * never waits for validation.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline } from './harness/ui';

let app: AppHarness;
// These tests assert on page errors themselves.
useAppPerTest((a) => (app = a), () => app, { checkProblems: false });

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const summary = (page: Page) => page.getByTestId('status-problems');
const errors = async (page: Page) => Number(await summary(page).getAttribute('data-errors'));
/** Waits until validation has caught up with the last edit. */
// A generous wait, not a timing claim: a full first pass over a 50,000-element design takes seconds on 2 cores.
const settled = (page: Page) => expect.poll(() => summary(page).getAttribute('data-state'), { timeout: 90_000 }).toBe('ready');
const panel = (page: Page) => page.getByTestId('problems-panel');

async function setVepa(page: Page): Promise<void> {
  await selectInOutline(page, 'vds-r01');
  await page.getByTestId('inspector').getByTestId('field-evbMode').selectOption({ label: 'VEPA' });
}

describe('problems in the single-host template', () => {
  test('VEPA without reflective relay shows up in the panel and on the canvas; the quick fix is one undo step', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await settled(page);
    expect(await errors(page)).toBe(0);

    await setVepa(page);
    await settled(page);
    expect(await errors(page)).toBeGreaterThan(0);

    // The status bar counts open the panel; so does Ctrl+Shift+E (tested below by closing it).
    await summary(page).click();
    const p = panel(page);
    const evb001 = p.locator('[role="group"][data-rule="EVB-001"]');
    await evb001.waitFor();
    expect(await evb001.locator('.rule-title').textContent()).toBe('Reflective relay for VEPA');
    const row = evb001.getByRole('option').first();
    const message = (await row.locator('.problem-message').textContent())!;
    expect(message).toContain('vds-r01 is VEPA but r01-tor port p0 has reflective relay off');
    expect(await p.locator('[role="group"][data-rule="EVB-002"]').count()).toBeGreaterThan(0);

    // Hovering shows the rule's explanation and source.
    await row.hover();
    const info = page.getByTestId('problems-info');
    await expect.poll(() => info.textContent()).toContain('IEEE 802.1Qbg-2012');

    // The canvas marks the elements named by the problems.
    const canvas = page.getByTestId('canvas');
    await expect.poll(async () => Number(await canvas.getAttribute('data-problem-marks'))).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'problems-vepa');

    // Filtering by text and severity.
    const filter = p.getByRole('searchbox', { name: 'Filter problems' });
    await filter.fill('EVB bridge port');
    expect(await p.locator('.problem-group').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-rule')))).toEqual(['EVB-002']);
    await filter.fill('');
    await p.getByTestId('problems-toggle-error').click();
    expect(await p.locator('[role="group"][data-rule="EVB-001"]').count()).toBe(0);
    await p.getByTestId('problems-toggle-error').click();

    // The quick fix: one click, the diagnostic goes; one Ctrl+Z brings it back.
    const fix = row.getByRole('button', { name: 'Fix: Enable reflective relay on r01-tor p0' });
    await fix.click();
    await settled(page);
    await expect.poll(() => p.locator('.problem-message').allTextContents()).not.toContain(message);
    // Undo from the canvas, as a person would after looking at the result.
    await page.getByTestId('canvas').focus();
    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    await expect.poll(() => p.locator('.problem-message').allTextContents()).toContain(message);

    // Validation never failed along the way (a failure is reported in the status bar, not as a page error).
    expect(await page.getByTestId('status-message').textContent()).not.toContain('Validation');

    // Ctrl+Shift+E hides the panel.
    await page.keyboard.press(`${mod}+Shift+E`);
    await p.waitFor({ state: 'detached' });
    expect(app.problems).toEqual([]);
  });

  test('clicking a problem selects its elements and zooms to them; arrow keys move through the list', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await setVepa(page);
    await settled(page);
    await page.keyboard.press(`${mod}+Shift+E`);
    const p = panel(page);
    // Zoom far out first, so that zooming to the problem is visible.
    const canvas = page.getByTestId('canvas');
    await canvas.focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('-');
    const zoomedOut = await page.getByTestId('status-zoom').textContent();
    await p.locator('[role="group"][data-rule="EVB-001"]').getByRole('option').first().click();
    await expect.poll(() => page.getByTestId('status-zoom').textContent()).not.toBe(zoomedOut);
    // The elements the problem names are selected: the ToR shows selected in the outline (the vSwitch and the NIC
    // sit inside the collapsed server row there).
    await expect.poll(() => page.getByRole('treeitem', { selected: true }).allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('r01-tor')]));
    await screenshot(page, 'problems-clicked');

    // Keyboard: focus the list, move down, Enter reveals that problem.
    const list = p.getByRole('listbox', { name: 'Problems by rule' });
    await list.focus();
    await page.keyboard.press('ArrowDown');
    const active = p.locator('[role="option"][aria-selected="true"]');
    expect(await active.count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('problems-info').textContent()).toContain('Source:');
    expect(app.problems).toEqual([]);
  });

  test('a validation worker that fails to start is reported in one line, and validation resumes after the next edit', async () => {
    const { page } = app;
    await page.route('**/validation.worker-*.js', (route) => route.abort());
    await newFromTemplate(page, 'single-host');
    await expect.poll(() => summary(page).getAttribute('data-state')).toBe('stopped');
    const line = await page.getByTestId('status-message').textContent();
    expect(line).toMatch(/^Validation stopped: the validator crashed .*It retries after the next edit\.$/);
    await page.unroute('**/validation.worker-*.js');
    await setVepa(page);
    await settled(page);
    expect(await errors(page)).toBeGreaterThan(0);
  });

  test('teaming by IP hash on plain leaf ports shows as TEAM-001; one undo step restores the policy', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await settled(page);
    await selectInOutline(page, 'vds-r01');
    const teaming = page.getByTestId('inspector').getByTestId('field-teamPolicy');
    expect(await teaming.locator('option:checked').textContent()).toBe('Route based on originating virtual port');
    await teaming.selectOption({ label: 'Route based on IP hash (static EtherChannel)' });
    await settled(page);
    await summary(page).click();
    const team = panel(page).locator('[role="group"][data-rule="TEAM-001"]');
    await team.waitFor();
    const row = team.getByRole('option').first();
    expect(await row.locator('.problem-message').textContent()).toMatch(/IP hash/);
    await screenshot(page, 'problems-team-ip-hash');
    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    await expect.poll(() => team.count()).toBe(0);
    expect(await teaming.locator('option:checked').textContent()).toBe('Route based on originating virtual port');
  });

  test('a port group set to 9000 bytes through 1500-byte hops shows as MTU-001; one undo step takes it back', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await settled(page);
    await selectInOutline(page, 'vds-r01');
    const inspector = page.getByTestId('inspector');
    // The first port group (app, VLAN 110): its MTU is unset, so it follows the switch's.
    const mtu = inspector.getByTestId('field-portGroups-0-mtu');
    expect(await mtu.getAttribute('placeholder')).toBe('the switch’s');
    await mtu.fill('9000');
    await mtu.press('Enter');
    await settled(page);
    await summary(page).click();
    const rows = panel(page).locator('[role="group"][data-rule="MTU-001"]').getByRole('option');
    await rows.first().waitFor();
    // The vSwitch and the NIC are 1500 (the catalog leaf runs 9216): one finding per short hop.
    expect(await rows.count()).toBe(2);
    expect(await rows.allTextContents()).toContainEqual(expect.stringMatching(/7500 bytes short/));
    await screenshot(page, 'problems-mtu');
    await mtu.blur();
    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    await expect.poll(() => rows.count()).toBe(0);
    expect(await mtu.inputValue()).toBe('');
    // A bad value is refused with the schema's reason and never reaches the design.
    await mtu.fill('20');
    await mtu.press('Enter');
    expect(await inspector.getByTestId('field-portGroups-0-mtu-error').textContent()).toMatch(/68/);
  });

  test('naming the VLANs a switch routes: a VLAN left without a gateway shows as L3-001; undo clears it', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await settled(page);
    await selectInOutline(page, 'r01-tor');
    const field = page.getByTestId('inspector').getByTestId('field-routedVlans');
    expect(await field.getAttribute('placeholder')).toBe('not named (first switch routes all)');
    // Typed as an engineer lists SVIs; only VLAN 110 is routed, so the db VLAN (120) has no gateway.
    await field.fill('110');
    await field.press('Enter');
    await settled(page);
    await summary(page).click();
    const l3 = panel(page).locator('[role="group"][data-rule="L3-001"]');
    await l3.waitFor();
    const message = (await l3.getByRole('option').first().locator('.problem-message').textContent())!;
    expect(message).toMatch(/^VLAN 120 of r01-h001-vm02 and r01-h001-vm04 is routed by no switch/);
    await screenshot(page, 'problems-l3-gateway');
    // One undo step takes the edit back, and the field shows the default again.
    await field.blur();
    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    await expect.poll(() => l3.count()).toBe(0);
    expect(await field.inputValue()).toBe('');
  });
});

describe('a 2,000-server fabric', () => {
  test('typing in the inspector updates the field at once while validation follows in the worker', async () => {
    const { page } = app;
    await newFromTemplate(page, 'fabric', { hosts: 2000, vms: 20 });
    await settled(page);
    const before = await summary(page).getAttribute('aria-label');
    await page.getByRole('searchbox', { name: 'Search elements by name' }).fill('esx-r37-h021');
    await page.getByRole('treeitem').filter({ hasText: 'esx-r37-h021' }).click();
    const name = page.getByTestId('inspector').getByTestId('field-name');
    // Each keystroke shows in the field straight away: nothing on the UI thread waits for validation.
    await name.fill('esx-r37-h021');
    for (const ch of '-spare') {
      const expected = `${await name.inputValue()}${ch}`;
      await name.press(ch);
      expect(await name.inputValue()).toBe(expected);
    }
    await name.press('Enter');
    await expect.poll(() => page.getByRole('treeitem').filter({ hasText: 'esx-r37-h021-spare' }).count()).toBe(1);
    // The worker catches up with the edit (patches only) and the counts stay those of the same design.
    await settled(page);
    expect(await summary(page).getAttribute('aria-label')).toBe(before);
    expect(await page.getByTestId('status-message').textContent()).not.toContain('Validation');
    await screenshot(page, 'problems-fabric-2000');
    expect(app.problems).toEqual([]);
  });
});
