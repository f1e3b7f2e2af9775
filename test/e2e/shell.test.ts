/**
 * The shell driven like a person: a new design from the rack template, the canvas and outline showing
 * it, editing in the inspector, undo/redo from the toolbar, the keyboard and the native menu, the dirty
 * marker and the close prompt.
 */
import { describe, expect, test } from 'vitest';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, outlineCount, screenshot, selectInOutline, toolbar } from './harness/ui';

// No uncaught errors and no CSP violations in any test (checked after each by the lifecycle).
let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

describe('a new design from the rack template', () => {
  test('shows its servers in the outline and on the canvas', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('start-screen').isVisible()).toBe(true);
    await newFromTemplate(page, 'rack', { hosts: 8, vms: 10 });

    expect(await outlineCount(page, 'host')).toBe(8);
    expect(await outlineCount(page, 'vm')).toBe(80);
    expect(await outlineCount(page, 'tor')).toBe(2);
    await expect.poll(() => page.getByRole('treeitem').filter({ hasText: /^.*esx-r01-h0\d\d/ }).count()).toBe(8);
    const canvas = page.getByTestId('canvas');
    // Zoomed to fit: every element is in view; below 50 % the servers are drawn as summaries in one overview shape
    // (shared/scene/summary.ts).
    expect(Number(await canvas.getAttribute('data-visible-nodes'))).toBe(8 + 8 * (2 + 1 + 1 + 10) + 2);
    expect(await canvas.getAttribute('data-mode')).toBe('overview');
    await expect.poll(() => page.getByTestId('status-counts').textContent()).toContain('8 servers');
    expect(await page.getByTestId('status-file').textContent()).toBe('Rack: 8 hosts × 10 VMs');
    expect(await page.getByTestId('status-dirty').count()).toBe(0);
    await screenshot(page, 'rack-new');
  });

  test('renaming in the inspector updates outline and title, and undo/redo restore it', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack');
    await selectInOutline(page, 'esx-r01-h003');
    const name = page.getByTestId('inspector').getByTestId('field-name');
    await expect.poll(() => name.inputValue()).toBe('esx-r01-h003');
    await name.fill('db-primary');
    await name.press('Enter');

    await expect.poll(() => page.getByRole('treeitem').filter({ hasText: 'db-primary' }).count()).toBe(1);
    expect(await page.getByTestId('status-dirty').isVisible()).toBe(true);
    await expect.poll(() => app.windowStates.at(-1)).toEqual({ name: 'Rack: 8 hosts × 10 VMs', path: null, dirty: true });
    expect(await page.title()).toBe('Rack: 8 hosts × 10 VMs • — Rackplane');
    // The undo button names the step it undoes, with its shortcut.
    const undo = toolbar(page, 'edit.undo');
    expect(await undo.getAttribute('title')).toMatch(/^Undo Rename \((Ctrl\+Z|⌘Z)\)$/);
    await screenshot(page, 'rack-renamed');

    await undo.click();
    await expect.poll(() => name.inputValue()).toBe('esx-r01-h003');
    expect(await page.getByRole('treeitem').filter({ hasText: 'db-primary' }).count()).toBe(0);
    expect(await page.getByTestId('status-dirty').count()).toBe(0);

    // Redo from the keyboard (focus on the canvas, not in a text field).
    await page.getByTestId('canvas').focus();
    await page.keyboard.press(`${mod}+Shift+Z`);
    await expect.poll(() => name.inputValue()).toBe('db-primary');
    await page.keyboard.press(`${mod}+Z`);
    await expect.poll(() => name.inputValue()).toBe('esx-r01-h003');
    await page.keyboard.press(`${mod}+Y`);
    await expect.poll(() => name.inputValue()).toBe('db-primary');

    // The native menu sends action names; they go through the same registry.
    await app.emit('menu:action', 'edit.undo');
    await expect.poll(() => name.inputValue()).toBe('esx-r01-h003');
    await app.emit('menu:action', 'edit.redo');
    await expect.poll(() => name.inputValue()).toBe('db-primary');
  });

  test('an invalid value shows the schema message and never reaches the design', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack');
    await selectInOutline(page, 'esx-r01-h001');
    const inspector = page.getByTestId('inspector');
    const memory = inspector.getByTestId('field-memoryGiB');
    expect(await memory.inputValue()).toBe('512');

    await memory.fill('-64');
    await memory.press('Enter');
    const error = inspector.getByTestId('field-memoryGiB-error');
    await expect.poll(() => error.textContent()).toBe('Too small: expected number to be >0');
    expect(await memory.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'inspector-invalid');
    // Nothing changed: no undo step, not dirty.
    expect(await toolbar(page, 'edit.undo').isDisabled()).toBe(true);
    expect(await page.getByTestId('status-dirty').count()).toBe(0);

    await memory.fill('lots');
    await memory.press('Enter');
    await expect.poll(() => error.textContent()).toBe('“lots” is not a number');

    // Escape abandons the edit and shows the design's value again.
    await memory.press('Escape');
    await expect.poll(() => memory.inputValue()).toBe('512');
    expect(await error.count()).toBe(0);

    // A valid value is applied as one undoable step.
    await memory.fill('768');
    await memory.press('Tab');
    await expect.poll(() => toolbar(page, 'edit.undo').getAttribute('title')).toMatch(/^Undo Edit Memory \(/);
    expect(await page.getByTestId('status-dirty').isVisible()).toBe(true);

    // Choices edit through the same command path.
    await inspector.getByTestId('field-hypervisor').selectOption({ label: 'KVM' });
    await expect.poll(() => toolbar(page, 'edit.undo').getAttribute('title')).toMatch(/^Undo Edit Hypervisor \(/);
  });

  test('delete removes the selection in one step; select all and zoom keys work', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack');
    await selectInOutline(page, 'esx-r01-h008');
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => outlineCount(page, 'host')).toBe(7);
    expect(await outlineCount(page, 'vm')).toBe(70);
    await page.keyboard.press(`${mod}+Z`);
    await expect.poll(() => outlineCount(page, 'host')).toBe(8);
    expect(await outlineCount(page, 'vm')).toBe(80);

    await page.keyboard.press(`${mod}+A`);
    await expect.poll(() => page.getByTestId('inspector').locator('h2').textContent()).toBe('122 items selected');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('inspector').locator('h2').textContent()).toBe('Design');

    const zoom = page.getByTestId('status-zoom');
    const before = Number((await zoom.textContent())!.replace('%', ''));
    await page.keyboard.press('+');
    await expect.poll(async () => Number((await zoom.textContent())!.replace('%', ''))).toBe(Math.round(before * 1.25));
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect.poll(async () => Number((await zoom.textContent())!.replace('%', ''))).toBeLessThan(before);
    await page.keyboard.press('0');
    await expect.poll(async () => Number((await zoom.textContent())!.replace('%', ''))).toBe(before);
  });

  test('clicking on the canvas selects what is under the pointer', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack');
    const canvas = page.getByTestId('canvas');
    const box = (await canvas.boundingBox())!;
    // Where vm05 of the first server is drawn. Zoomed to fit (48 %) servers are summaries with no VMs to click (a click
    // there selects the server: review-summary-click-server in review-ports.test.ts), so zoom to the server first.
    await selectInOutline(page, 'esx-r01-h001');
    await canvas.focus();
    await page.keyboard.press('.');
    await expect.poll(async () => parseInt((await page.getByTestId('status-zoom').textContent()) ?? '0', 10)).toBeGreaterThanOrEqual(50);
    await selectInOutline(page, 'r01-h001-vm05');
    const rect = (await canvas.getAttribute('data-selection-rect'))!.split(',').map(Number);
    await selectInOutline(page, 'r01-tor-a');
    await expect.poll(() => page.getByTestId('inspector').locator('h2').textContent()).toBe('r01-tor-a');

    await page.mouse.click(box.x + rect[0]! + rect[2]! / 2, box.y + rect[1]! + rect[3]! / 2);
    await expect.poll(() => page.getByTestId('inspector').locator('h2').textContent()).toBe('r01-h001-vm05');
    expect(await page.getByRole('treeitem', { selected: true }).textContent()).toContain('vm05');
    expect(await page.getByRole('treeitem', { selected: true }).getAttribute('data-element-id')).toBe('r01.h001.vm05');
    await screenshot(page, 'canvas-click-select');

    // Empty space: the zoomed-in server's left edge, beyond its own margin, is the canvas background.
    await page.mouse.click(box.x + 4, box.y + 4);
    await expect.poll(() => page.getByTestId('inspector').locator('h2').textContent()).toBe('Design');
  });
});

describe('unsaved changes', () => {
  test('the close request asks Save / Don’t Save / Cancel only when dirty', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    // Clean: main may close at once.
    await app.emit('window:closeRequested');
    await expect.poll(() => app.closeCalls()).toBe(1);

    await selectInOutline(page, 'r01-h001-vm01');
    const name = page.getByTestId('inspector').getByTestId('field-name');
    await name.fill('web-1');
    await name.press('Enter');
    await expect.poll(() => page.getByTestId('status-dirty').isVisible()).toBe(true);

    await app.emit('window:closeRequested');
    const prompt = page.getByTestId('dialog-unsaved');
    await prompt.waitFor();
    expect(await prompt.locator('h2').textContent()).toBe('Save changes to “Single host”?');
    await screenshot(page, 'close-prompt');
    await prompt.getByRole('button', { name: 'Cancel' }).click();
    await prompt.waitFor({ state: 'detached' });
    expect(app.closeCalls()).toBe(1);

    await app.emit('window:closeRequested');
    await prompt.waitFor();
    await page.keyboard.press('Escape');
    await prompt.waitFor({ state: 'detached' });
    expect(app.closeCalls()).toBe(1);

    await app.emit('window:closeRequested');
    await prompt.getByRole('button', { name: 'Don’t Save' }).click();
    await expect.poll(() => app.closeCalls()).toBe(2);
  });

  test('Save in the close prompt saves first, and a canceled save dialog keeps the window open', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await selectInOutline(page, 'r01-h001-vm02');
    const name = page.getByTestId('inspector').getByTestId('field-name');
    await name.fill('web-2');
    await name.press('Enter');

    // The save dialog is dismissed: nothing saved, window stays.
    await app.emit('window:closeRequested');
    await page.getByTestId('dialog-unsaved').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => app.dialogs.shown.length).toBe(1);
    expect(app.closeCalls()).toBe(0);
    expect(await page.getByTestId('status-dirty').isVisible()).toBe(true);

    const path = `${app.dir}/single.rackplane`;
    app.dialogs.answer('saveProject', path);
    await app.emit('window:closeRequested');
    await page.getByTestId('dialog-unsaved').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => app.closeCalls()).toBe(1);
    expect(app.dialogs.shown.at(-1)).toEqual({ kind: 'saveProject', suggested: 'Single host.rackplane' });
    expect(await page.getByTestId('status-dirty').count()).toBe(0);
    expect(app.windowStates.at(-1)).toEqual({ name: 'single', path, dirty: false });
  });
});

describe('help', () => {
  test('About shows the versions from app:info', async () => {
    const { page } = app;
    await toolbar(page, 'help.about').click();
    const about = page.getByTestId('dialog-about');
    await about.waitFor();
    expect(await about.textContent()).toContain('0.1.0-e2e');
    await about.getByRole('button', { name: 'Close' }).click();
    await about.waitFor({ state: 'detached' });
    // Unknown menu actions are reported, not ignored silently.
    await app.emit('menu:action', 'file.frobnicate');
    await expect.poll(() => page.getByTestId('status-message').textContent()).toBe('Unknown action “file.frobnicate”');
    app.problems.length = 0;
  });
});
