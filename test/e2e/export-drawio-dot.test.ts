/**
 * draw.io and Graphviz DOT through File ▸ Export…: the dialog offers each with its note, scope and layers (no
 * overlays), the save dialog suggests the format's extension, and main's export worker writes the file with the
 * chosen layers. What the files hold is checked by the unit and CLI tests; here the app's path to them is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { suggestedFileName } from '../../electron/ipc/handlers';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const dialog = (page: Page) => page.getByTestId('dialog-export');
const status = (page: Page) => page.getByTestId('status-message');

async function openExport(page: Page, format: string): Promise<void> {
  await page.keyboard.press(`${mod}+E`);
  await dialog(page).waitFor();
  await dialog(page).getByLabel('Format').selectOption(format);
}

async function exportTo(a: AppHarness, path: string): Promise<void> {
  a.dialogs.answer('saveExport', path);
  await dialog(a.page).getByRole('button', { name: 'Export…' }).click();
  await dialog(a.page).waitFor({ state: 'detached' });
}

describe('File ▸ Export… to draw.io and DOT', () => {
  test('each format offers scope and layers with its note, and main writes the file with the chosen layers', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack', { hosts: 2, vms: 2 });

    await openExport(page, 'drawio');
    expect(await dialog(page).getByTestId('export-format-note').textContent()).toMatch(/^Opens in draw\.io with the same layout/);
    expect(await dialog(page).getByRole('radio', { name: 'Whole design' }).isChecked()).toBe(true);
    // Problem badges and the heatmap are screen overlays: not offered for draw.io.
    expect(await dialog(page).getByRole('checkbox', { name: 'Problem badges' }).count()).toBe(0);
    expect(await dialog(page).getByRole('checkbox', { name: 'Utilisation heatmap' }).count()).toBe(0);
    await dialog(page).getByRole('checkbox', { name: 'Virtual' }).uncheck();
    const drawioPath = join(app.dir, 'rack.drawio');
    await exportTo(app, drawioPath);
    expect(app.dialogs.shown.at(-1)).toEqual({ kind: 'saveExport', suggested: suggestedFileName('Rack: 2 hosts × 2 VMs', '.drawio') });
    await expect.poll(() => status(page).textContent()).toMatch(/^Exported draw\.io diagram to /);
    const xml = readFileSync(drawioPath, 'utf8');
    expect(xml).toContain('<mxfile host="Rackplane" compressed="false">');
    expect(xml).toContain('value="Ethernet" parent="0"');
    expect(xml).not.toContain('value="Virtual" parent="0"');
    expect(xml).not.toContain('kind="vm"');
    expect(xml).toContain('kind="host"');

    // The dialog opens again with the layers the canvas shows (all of them); DOT without Virtual.
    await openExport(page, 'dot');
    expect(await dialog(page).getByTestId('export-format-note').textContent()).toMatch(/Graphviz/);
    expect(await dialog(page).getByRole('checkbox', { name: 'Virtual' }).isChecked()).toBe(true);
    await dialog(page).getByRole('checkbox', { name: 'Virtual' }).uncheck();
    const dotPath = join(app.dir, 'rack.dot');
    await exportTo(app, dotPath);
    expect(app.dialogs.shown.at(-1)).toEqual({ kind: 'saveExport', suggested: suggestedFileName('Rack: 2 hosts × 2 VMs', '.dot') });
    await expect.poll(() => existsSync(dotPath)).toBe(true);
    const dot = readFileSync(dotPath, 'utf8');
    expect(dot).toMatch(/^graph "Rack: 2 hosts × 2 VMs" \{/);
    expect(dot).toContain('subgraph "cluster_');
    expect(dot).toContain('label="Ethernet 25G"');
    expect(dot).not.toContain('class="vm"');
  });
});
