/**
 * Issue #14, "a diagram and a report fit for a design review": the status bar forgets old refusals, inspector
 * jargon explains itself and links to its rule or guide, quick-fix labels are whole, template VMs have names unique
 * in the design that "host vm" searches find, the shortcut sheet and the toolbar's Commands button, the flows
 * table's demand columns and explanations, reports that name elements, and catalog NICs whose PCIe link is unknown.
 * Screenshots: test/e2e/__screenshots__/review-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { suggestedFileName } from '../../electron/ipc/handlers';
import type { AppHarness } from './harness/app';
import { SCREENSHOT_DIR } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app, { checkProblems: false });

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const status = (page: Page) => page.getByTestId('status-message');
const settled = (page: Page) => expect.poll(() => page.getByTestId('status-problems').getAttribute('data-state'), { timeout: 90_000 }).toBe('ready');

describe('status bar', () => {
  test('a refusal is cleared by the next edit that goes through, and any message clears after a few seconds', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await selectInOutline(page, 'esx-r01-h001');
    const memory = page.getByTestId('inspector').getByTestId('field-memoryGiB');
    // A refusal (here an action name main sent that the page does not know), then an edit that goes through.
    await app.emit('menu:action', 'file.frobnicate');
    await expect.poll(() => status(page).textContent()).toBe('Unknown action “file.frobnicate”');
    await memory.fill('256');
    await memory.press('Enter');
    await expect.poll(() => status(page).textContent()).toBe('');
    await screenshot(page, 'review-status-cleared');
    await app.emit('menu:action', 'file.frobnicate');
    await expect.poll(() => status(page).textContent()).not.toBe('');
    // Errors stay 12 s (longer than their 9 s toast), other lines 8 s.
    await expect.poll(() => status(page).textContent(), { timeout: 20_000, interval: 500 }).toBe('');
  });
});

describe('inspector jargon', () => {
  test('fields explain their terms with a tooltip and link to the rule or guide; the rule opens in the problems panel', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await selectInOutline(page, 'nic0');
    const inspector = page.getByTestId('inspector');
    for (const [key, term] of [
      ['vmdqPools', /Virtual Machine Device Queues/],
      ['vifBudget', /VN-Tag or 802\.1BR/],
      ['mrIovAware', /Multi-Root I\/O Virtualisation/],
      ['embeddedBridge', /VEB switches VF-to-VF/],
    ] as const) {
      const label = inspector.locator(`label[for="${await inspector.getByTestId(`field-${key}`).getAttribute('id')}"]`);
      expect(await label.getAttribute('title'), key).toMatch(term);
    }
    await inspector.getByRole('button', { name: 'VMDq pools: show rule VMDQ-001' }).click();
    const panel = page.getByTestId('problems-panel');
    await panel.waitFor();
    expect(await panel.getByLabel('Filter problems').inputValue()).toBe('VMDQ-001');
    expect(await panel.getByTestId('problems-info').textContent()).toMatch(/^VMDQ-001 · VMDq pools/);
    await screenshot(page, 'review-inspector-rule-link');

    await selectInOutline(page, 'esx-r01-h001');
    const copy = inspector.locator(`label[for="${await inspector.getByTestId('field-vswitchCopyGbps').getAttribute('id')}"]`);
    expect(await copy.getAttribute('title')).toMatch(/copies frames from one VM’s memory to another’s/);
    await inspector.getByRole('button', { name: 'vSwitch copy budget: open docs/simulation.md' }).click();
    await expect.poll(() => app.openedDocs).toEqual(['simulation']);
    await expect.poll(() => status(page).textContent()).toBe('Opened docs/simulation.md — see “Capacities”');
    await selectInOutline(page, 'r01-h001-vm01');
    const zero = inspector.locator(`label[for="${await inspector.getByTestId('field-zeroPageShare').getAttribute('id')}"]`);
    expect(await zero.getAttribute('title')).toMatch(/all-zero pages/);
    await screenshot(page, 'review-inspector-vm-hint');
  });

  test('a long quick-fix label (TEAM-001) is shown whole', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await settled(page);
    await selectInOutline(page, 'vds-r01');
    await page.getByTestId('inspector').getByTestId('field-teamPolicy').selectOption({ label: 'Route based on IP hash (static EtherChannel)' });
    await settled(page);
    await page.getByTestId('status-problems').click();
    const fix = page.getByTestId('problems-panel').locator('[data-rule="TEAM-001"] .problem-fix').first();
    await fix.waitFor();
    // Whole: the button's content is not wider than the button (no clipped, ellipsised text).
    const clipped = await fix.evaluate((b) => b.scrollWidth > b.clientWidth + 1 || getComputedStyle(b).textOverflow === 'ellipsis');
    expect(clipped).toBe(false);
    await screenshot(page, 'review-quick-fix-whole');
  });
});

describe('names and search', () => {
  test('template VMs are named by rack and host, and "host vm" queries find them in the outline and with Ctrl+F', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack', { hosts: 3, vms: 8 });
    const search = page.getByRole('searchbox', { name: 'Search elements by name' });
    await search.fill('h002 vm07');
    const rows = page.getByRole('treeitem');
    await expect.poll(() => rows.locator('.name').allTextContents()).toEqual(['esx-r01-h002', 'r01-h002-vm07']);
    await screenshot(page, 'review-outline-host-vm');
    await search.fill('');
    await page.keyboard.press(`${mod}+f`);
    const palette = page.getByTestId('command-palette');
    await palette.getByRole('combobox').fill('h003 vm02');
    await expect.poll(() => palette.getByRole('option').count()).toBe(1);
    expect(await palette.getByRole('option').first().textContent()).toContain('r01-h003-vm02');
    await screenshot(page, 'review-find-host-vm');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('inspector').getByTestId('field-name').inputValue()).toBe('r01-h003-vm02');
  });
});

describe('shortcuts and the command palette', () => {
  test('"?" and Help ▸ Keyboard Shortcuts show every shortcut; the toolbar has Commands', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await page.locator('.canvas-host, canvas').first().click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('?');
    const sheet = page.getByTestId('dialog-shortcuts');
    await sheet.waitFor();
    const row = (action: string) => sheet.locator(`tr[data-action="${action}"]`);
    expect(await row('file.save').textContent()).toMatch(/^Save(Ctrl\+S|⌘S)$/);
    expect(await row('view.commandPalette').textContent()).toMatch(/Command Palette…/);
    expect(await row('help.shortcuts').textContent()).toMatch(/^Keyboard Shortcuts\?$/);
    expect(await sheet.locator('caption').allTextContents()).toEqual(['File', 'Edit', 'View', 'Catalog and simulation', 'Help']);
    await screenshot(page, 'review-shortcut-sheet');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    await app.emit('menu:action', 'help.shortcuts');
    await sheet.waitFor();
    await sheet.getByRole('button', { name: 'Close' }).click();

    const commands = toolbar(page, 'view.commandPalette');
    expect(await commands.textContent()).toBe('Commands');
    expect(await commands.getAttribute('title')).toMatch(/^Command Palette… \((Ctrl\+Shift\+P|⇧⌘P)\)$/);
    await commands.click();
    await page.getByTestId('command-palette').waitFor();
    await screenshot(page, 'review-toolbar-commands');
  });
});

describe('simulation results', () => {
  test('the flows table has Demand and % of demand; mode and efficiency are explained; long names elide in the middle', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack', { hosts: 3, vms: 4 });
    await toolbar(page, 'view.simulation').click();
    const p = page.getByTestId('simulation-panel');
    const hostA = p.getByLabel('Host A', { exact: true });
    await hostA.selectOption({ label: (await hostA.locator('option', { hasText: 'esx-r01-h001 (' }).first().textContent())! });
    const hostB = p.getByLabel('Host B', { exact: true });
    await hostB.selectOption({ label: (await hostB.locator('option', { hasText: 'esx-r01-h002 (' }).first().textContent())! });
    await p.getByRole('button', { name: /^All VMs of A/ }).click();
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);
    const table = p.getByTestId('sim-flow-table');
    expect(await table.locator('thead th').allTextContents()).toEqual(['Source', 'Destination', 'Mode', 'Rate (Gb/s) ▾', 'Demand (Gb/s)', '% of demand', 'Bottleneck', 'Dropped']);
    const first = table.locator('tbody tr').first();
    const cells = await first.locator('td').allTextContents();
    expect(cells[4]).toMatch(/^(\d+(\.\d+)?|no cap)$/);
    expect(cells[5]).toMatch(/^(\d+(\.\d)? %|—)$/);
    expect(await first.locator('td').nth(2).getAttribute('title')).toMatch(/\S/);
    expect(await table.locator('thead th', { hasText: 'Mode' }).locator('button').getAttribute('title')).toMatch(/How the flow’s frames travel/);
    expect(await p.getByTestId('sim-efficiency').getAttribute('title')).toMatch(/framing, sequence number, header and CRC/);
    // A bottleneck ("esx-r01-h001 nic0 eth0 → r01-tor-a p1") is longer than a cell shows: elided in the middle,
    // keeping both ends, and whole on hover.
    const bottleneck = first.locator('td').nth(6);
    const full = (await bottleneck.getAttribute('title'))!;
    expect(full).toMatch(/^esx-r01-h00\d nic0 eth\d → r01-tor-[ab] p\d+$|^r01-tor-[ab] p\d+ → esx-r01-h00\d nic0 eth\d$/);
    const [head, tail] = (await bottleneck.textContent())!.split('…');
    expect(full.startsWith(head!) && full.endsWith(tail!)).toBe(true);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'review-flows-table.png') });
  });
});

describe('reports', () => {
  test('HTML and PDF reports name elements, list the slowest flows with headings, and are offered different names', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack', { hosts: 3, vms: 2 });
    await toolbar(page, 'view.simulation').click();
    const p = page.getByTestId('simulation-panel');
    const hostA = p.getByLabel('Host A', { exact: true });
    await hostA.selectOption({ label: (await hostA.locator('option', { hasText: 'esx-r01-h001 (' }).first().textContent())! });
    const hostB = p.getByLabel('Host B', { exact: true });
    await hostB.selectOption({ label: (await hostB.locator('option', { hasText: 'esx-r01-h002 (' }).first().textContent())! });
    // Flows between two hosts' VMs (for the slowest-flows table), and the first host evacuated.
    await p.getByRole('button', { name: /^All VMs of A/ }).click();
    await p.getByRole('button', { name: 'Evacuate A' }).click();
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => p.getByTestId('sim-status').textContent()).toMatch(/^Done in /);

    const dialog = page.getByTestId('dialog-export');
    const exportAs = async (format: string, path: string) => {
      await page.keyboard.press(`${mod}+E`);
      await dialog.waitFor();
      await dialog.getByLabel('Format').selectOption(format);
      app.dialogs.answer('saveExport', path);
      await dialog.getByRole('button', { name: 'Export…' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => status(page).textContent()).toMatch(/^Exported /);
      return app.dialogs.shown.at(-1)!.suggested;
    };
    const htmlPath = join(app.dir, 'review.html');
    const name = 'Rack: 3 hosts × 2 VMs';
    expect(await exportAs('html', htmlPath)).toBe(suggestedFileName(`${name} report`, '.html'));
    expect(await exportAs('report-pdf', join(app.dir, 'review.pdf'))).toBe(suggestedFileName(`${name} report`, '.pdf'));
    expect(await exportAs('pdf', join(app.dir, 'diagram.pdf'))).toBe(suggestedFileName(name, '.pdf'));

    const html = readFileSync(htmlPath, 'utf8');
    const sim = html.slice(html.indexOf('<section id="simulation">'));
    expect(sim).toContain('<h3>Slowest flows');
    expect(sim).not.toMatch(/\b(eth|pcie|copy):r01\./);
    expect(sim).toContain('r01-h001-vm01');
    const pdf = readFileSync(join(app.dir, 'review.pdf')).toString('latin1');
    expect(pdf).toMatch(/\/MediaBox \[0 0 (595\.28 841\.89|841\.89 595\.28)\]/);

    const browser = page.context().browser()!;
    const viewer = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const view = await viewer.newPage();
      await view.goto(`file://${htmlPath}`);
      // Figures stay on one line: every right-aligned cell is one line high.
      const tall = await view.locator('td.rp-n').evaluateAll((cells) => cells.filter((c) => c.getBoundingClientRect().height > 30).length);
      expect(tall).toBe(0);
      await view.locator('#simulation').screenshot({ path: join(SCREENSHOT_DIR, 'review-report-simulation.png') });
      // Printed, the diagram fits the page width (scaled, not cut).
      await view.emulateMedia({ media: 'print' });
      const fits = await view.locator('.rp-diagram svg').evaluate((svg) => svg.getBoundingClientRect().width <= (svg.parentElement!.getBoundingClientRect().width + 1));
      expect(fits).toBe(true);
      await view.locator('#diagram').screenshot({ path: join(SCREENSHOT_DIR, 'review-report-diagram-print.png') });
    } finally {
      await viewer.close();
    }
  });
});

describe('catalog', () => {
  test('a NIC whose PCIe link the sources leave unknown shows "unknown" with the reason', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await page.keyboard.press(`${mod}+Shift+K`);
    const dialog = page.getByTestId('dialog-catalog');
    await dialog.waitFor();
    await dialog.getByRole('searchbox').fill('82599');
    await dialog.getByText('82599 / X520 (2 × 10GbE)').first().click();
    const details = dialog.getByTestId('catalog-details');
    const pcie = details.locator('dt', { hasText: /^PCIe$/ }).locator('xpath=following-sibling::dd[1]');
    expect(await pcie.textContent()).toBe('unknown — PCIe generation and width: unknown (datasheet not readable in the sources).');
    expect(await dialog.textContent()).not.toContain('Gen ?');
    await screenshot(page, 'review-catalog-pcie-unknown');
    await page.keyboard.press('Escape');
    // The palette's line says so too, with the reason on hover.
    const item = page.locator('[data-palette-item="catalog:intel-82599-x520"] .palette-detail');
    expect(await item.textContent()).toBe('2 × 10 Gb/s · PCIe unknown');
    expect(await item.getAttribute('title')).toMatch(/^PCIe link unknown: PCIe generation and width: unknown/);
  });
});
