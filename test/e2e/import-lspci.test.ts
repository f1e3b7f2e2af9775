/**
 * File ▸ Import lspci Capture… through the real IPC handlers: the host opens as a new unsaved design, the import's
 * notes are reported once, and text that is no lspci capture is refused with its reason while the design stays.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { outlineCount } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const FIXTURES = join(__dirname, '../fixtures/lspci');

describe('File ▸ Import lspci Capture…', () => {
  test('opens the host with its PCIe tree and reports what the import derived', async () => {
    const { page } = app;
    app.dialogs.answer('openLspci', `${join(FIXTURES, 'switch-sriov-host.lspci-vvvnn.txt')}\n${join(FIXTURES, 'switch-sriov-host.lspci-tv.txt')}`);
    await app.emit('menu:action', 'file.importLspci');
    const report = page.getByTestId('dialog-report');
    await report.waitFor();
    const text = await report.textContent();
    expect(text).toContain('What the lspci import derived');
    expect(text).toContain('lspci: 18 function(s); 2 root complex(es), 1 PCIe switch(es) or shared bus(es), 2 NIC(s), 3 other endpoint(s)');
    await report.getByRole('button', { name: 'OK' }).click();
    await report.waitFor({ state: 'detached' });
    expect(await outlineCount(page, 'nic')).toBe(2);
    expect(await outlineCount(page, 'rootComplex')).toBe(2);
    expect(await page.getByTestId('status-message').textContent()).toBe('Imported lspci capture “lspci host”');

    // Text that names no PCI function is refused with its reason; the imported design stays.
    const bad = join(app.dir, 'notes.txt');
    writeFileSync(bad, 'meeting notes\n');
    app.dialogs.answer('openLspci', bad);
    await app.emit('menu:action', 'file.importLspci');
    const toast = page.getByTestId('toast-error');
    await toast.waitFor();
    expect(await toast.locator('.text').textContent()).toMatch(/notes\.txt.*not an lspci capture/);
    expect(await outlineCount(page, 'nic')).toBe(2);
    app.problems.length = 0;
  });
});
