/**
 * What the page tells main for its window routing (electron/app/windows.ts, tested under Node): whether
 * the window is `blank` (main may open a file from the OS in it instead of a new window), that it reports
 * again once an open request is settled, and File ▸ New Window asking main for a window.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, selectInOutline } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

describe('window routing from the page', () => {
  test('the start screen and an untouched new design are blank; an edited design is not, even after undo', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('start-screen').isVisible()).toBe(true);
    await expect.poll(() => app.blankStates.at(-1)).toBe(true);

    await newFromTemplate(page, 'rack');
    await expect.poll(() => app.windowStates.at(-1)?.name).not.toBe('Rackplane');
    expect(app.blankStates.at(-1)).toBe(true);

    await selectInOutline(page, 'esx-r01-h003');
    const name = page.getByTestId('inspector').getByTestId('field-name');
    await name.fill('db-primary');
    await name.press('Enter');
    await expect.poll(() => app.windowStates.at(-1)?.dirty).toBe(true);
    expect(app.blankStates.at(-1)).toBe(false);

    // Back to the template's content: nothing unsaved, but the user has worked here, so it stays not blank.
    await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(`${mod}+z`);
    await expect.poll(() => app.windowStates.at(-1)?.dirty).toBe(false);
    expect(app.blankStates.at(-1)).toBe(false);
  });

  test('reports again after an open request, even one that failed and changed nothing', async () => {
    const { page } = app;
    await expect.poll(() => app.windowStates.length).toBeGreaterThan(0);
    const before = app.windowStates.length;
    await app.emit('project:openRequested', join(app.dir, 'missing.rackplane'));
    await expect.poll(() => page.getByRole('alert').filter({ hasText: /missing\.rackplane/ }).count()).toBeGreaterThan(0);
    await expect.poll(() => app.windowStates.length).toBe(before + 1);
    expect(app.windowStates.at(-1)).toEqual(app.windowStates.at(-2));
    expect(app.blankStates.at(-1)).toBe(true);
  });

  test('File ▸ New Window and its shortcut ask main for a window', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('start-screen').isVisible()).toBe(true);
    await app.emit('menu:action', 'file.newWindow');
    await expect.poll(() => app.newWindowCalls()).toBe(1);
    await page.keyboard.press(`${mod}+Shift+N`);
    await expect.poll(() => app.newWindowCalls()).toBe(2);
    // Plain Ctrl+N is still File ▸ New (the template chooser), not a window.
    await page.keyboard.press(`${mod}+n`);
    await expect.poll(() => page.getByRole('dialog').count()).toBeGreaterThan(0);
    expect(app.newWindowCalls()).toBe(2);
  });
});
