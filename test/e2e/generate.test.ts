/**
 * File ▸ Generate Deployment Config… through the real IPC handlers: the dialog offers the four targets, main asks for
 * the folder and writes the files generated from the design on screen, and what the design does not say is reported.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

describe('File ▸ Generate Deployment Config…', () => {
  test('writes netplan for the rack-kvm hosts into the chosen folder, then the switch intent', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack-kvm');
    await app.emit('menu:action', 'file.generate');
    const dialog = page.getByTestId('dialog-generate');
    await dialog.waitFor();
    expect(await dialog.getByRole('radio').count()).toBe(4);
    await dialog.getByRole('radio', { name: /netplan/ }).check();
    const out = join(app.dir, 'netplan');
    app.dialogs.answer('chooseGenerateFolder', out);
    await dialog.getByRole('button', { name: 'Choose Folder…' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('status-message').textContent()).toMatch(/^Generated \d+ files \(netplan\) into .*netplan$/);
    const first = readFileSync(join(out, 'kvm-r01-h001', '50-rackplane.yaml'), 'utf8');
    expect(first).toContain('mode: "balance-tcp"');
    await page.screenshot({ path: join(__dirname, '__screenshots__', 'generate-done.png') });

    await app.emit('menu:action', 'file.generate');
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: /Switch intent/ }).check();
    app.dialogs.answer('chooseGenerateFolder', join(app.dir, 'intent'));
    await dialog.getByRole('button', { name: 'Choose Folder…' }).click();
    await expect.poll(() => existsSync(join(app.dir, 'intent', 'switch-intent.json'))).toBe(true);
  });
});
