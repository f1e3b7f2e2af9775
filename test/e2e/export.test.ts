/**
 * File ▸ Export… like a person: open the dialog from the menu and with Ctrl+E, pick a format and its options, answer
 * the save dialog; the export runs in the built worker (RACKPLANE_OUT) with progress, can be canceled, and an
 * exported SVG reopens through File ▸ Open as the same design. The PNG of the current view is compared with a
 * screenshot of the canvas showing the same region at 100 %.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { suggestedFileName } from '../../electron/ipc/handlers';
import type { AppHarness } from './harness/app';
import { SCREENSHOT_DIR } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline, toolbar } from './harness/ui';
import { DIFF_BANDS, DIFF_LEGEND_NOTE } from '../../shared/scene/heat-diff';
import { FAILED_COLOR } from '../../shared/scene/paint-failed';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const dialog = (page: Page) => page.getByTestId('dialog-export');
const status = (page: Page) => page.getByTestId('status-message');

/** Opens File ▸ Export… with the shortcut and picks `format`. */
async function openExport(page: Page, format: string): Promise<void> {
  await page.keyboard.press(`${mod}+E`);
  await dialog(page).waitFor();
  await dialog(page).getByLabel('Format').selectOption(format);
}

/** Clicks Export…, lets the fake save dialog answer `path`, and waits for the dialog to close. */
async function exportTo(a: AppHarness, path: string): Promise<void> {
  a.dialogs.answer('saveExport', path);
  await dialog(a.page).getByRole('button', { name: 'Export…' }).click();
  await dialog(a.page).waitFor({ state: 'detached' });
}

/** Topology JSON of the open design, through File ▸ Export Topology JSON… */
async function topologyJson(a: AppHarness, name: string): Promise<Record<string, unknown>> {
  const path = join(a.dir, name);
  a.dialogs.answer('saveTopologyJson', path);
  await a.emit('menu:action', 'file.exportJson');
  await expect.poll(() => existsSync(path)).toBe(true);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function distinctColours(png: PNG): number {
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) seen.add(png.data.readUInt32BE(i));
  return seen.size;
}

describe('File ▸ Export…', () => {
  test('SVG, PNG and PDF from the app; the choices are remembered; the SVG reopens as the same design', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack', { hosts: 3, vms: 2 });
    const before = await topologyJson(app, 'before.json');

    // SVG from the native menu.
    await app.emit('menu:action', 'file.export');
    await dialog(page).waitFor();
    expect(await dialog(page).getByLabel('Format').inputValue()).toBe('svg');
    // Nothing is selected, so "Selection" cannot be chosen.
    expect(await dialog(page).getByRole('radio', { name: 'Selection' }).isDisabled()).toBe(true);
    // No simulation has run: the heatmap is offered but off, with the reason.
    expect(await dialog(page).getByRole('checkbox', { name: 'Utilisation heatmap' }).isDisabled()).toBe(true);
    await screenshot(page, 'export-dialog-svg');
    const svgPath = join(app.dir, 'rack diagram.svg');
    await exportTo(app, svgPath);
    expect(app.dialogs.shown.at(-1)).toEqual({ kind: 'saveExport', suggested: suggestedFileName('Rack: 3 hosts × 2 VMs', '.svg') });
    await expect.poll(() => status(page).textContent()).toMatch(new RegExp(`^Exported SVG diagram to ${svgPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d`));
    expect(readFileSync(svgPath, 'utf8')).toContain('<rackplane-design');

    // PNG with Ctrl+E: 2× on the dark background.
    await openExport(page, 'png');
    await dialog(page).getByLabel('Scale').selectOption('2');
    await dialog(page).getByLabel('Background').selectOption('dark');
    await screenshot(page, 'export-dialog-png');
    const pngPath = join(app.dir, 'rack.png');
    await exportTo(app, pngPath);
    await expect.poll(() => existsSync(pngPath)).toBe(true);
    const png = PNG.sync.read(readFileSync(pngPath));
    expect(png.width).toBeGreaterThan(400);
    expect(png.height).toBeGreaterThan(200);
    expect(distinctColours(png)).toBeGreaterThan(16);
    // The corner is the dark theme's canvas.
    expect(png.data[0]! + png.data[1]! + png.data[2]!).toBeLessThan(3 * 80);
    // Rendered by the worker, whose stages reached the window.
    expect(app.exportProgress.map((p) => p.stage)).toContain('Rendering the bitmap');

    // PDF tiled on A4 portrait. The orientation starts as Automatic (the one that prints the diagram larger).
    await openExport(page, 'pdf');
    expect(await dialog(page).getByLabel('Orientation').inputValue()).toBe('auto');
    await dialog(page).getByLabel('Page', { exact: true }).selectOption('A4');
    await dialog(page).getByLabel('Orientation').selectOption('portrait');
    await dialog(page).getByRole('radio', { name: 'Tile at full size' }).check();
    const pdfPath = join(app.dir, 'rack');
    await exportTo(app, pdfPath);
    // The save dialog's name had no extension: main added it.
    await expect.poll(() => existsSync(`${pdfPath}.pdf`)).toBe(true);
    const pdf = readFileSync(`${pdfPath}.pdf`).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect((pdf.match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(1);

    // The dialog opens with the last choices of the session.
    await page.keyboard.press(`${mod}+E`);
    await dialog(page).waitFor();
    expect(await dialog(page).getByLabel('Format').inputValue()).toBe('pdf');
    expect(await dialog(page).getByRole('radio', { name: 'Tile at full size' }).isChecked()).toBe(true);
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    await dialog(page).waitFor({ state: 'detached' });

    // File ▸ Open of the SVG: a new untitled design named after the file, JSON-identical otherwise.
    app.dialogs.answer('openProject', svgPath);
    await toolbar(page, 'file.open').click();
    await expect.poll(() => page.getByTestId('status-file').textContent()).toBe('rack diagram');
    const after = await topologyJson(app, 'after.json');
    expect((after.meta as { name: string }).name).toBe('rack diagram');
    expect({ ...after, meta: { ...(after.meta as object), name: null } }).toEqual({ ...before, meta: { ...(before.meta as object), name: null } });
    // Saving asks where: the SVG is not a project path. (Save is refused while the topology export above still
    // holds the app busy, as a person would see from its greyed-out button: wait for it to be available.)
    app.dialogs.answer('saveProject', null);
    await expect.poll(() => toolbar(page, 'file.save').isEnabled()).toBe(true);
    await page.keyboard.press(`${mod}+S`);
    await expect.poll(() => app.dialogs.shown.at(-1)?.kind).toBe('saveProject');
  });

  test('a foreign SVG gives one line and keeps the open design', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    const logo = join(app.dir, 'logo.svg');
    writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4" cx="5" cy="5"/></svg>');
    app.dialogs.answer('openProject', logo);
    await toolbar(page, 'file.open').click();
    const toast = page.getByTestId('toast-error');
    await toast.waitFor();
    const text = (await toast.locator('.text').textContent())!;
    expect(text).toMatch(/logo\.svg.*this SVG holds no Rackplane design/);
    expect(text).not.toContain('\n');
    expect(await page.getByTestId('status-file').textContent()).not.toBe('logo');
    app.problems.length = 0; // the error is expected
  });

  test('Cancel Export stops a long render: no file, and the dialog stays for another try', async () => {
    const { page } = app;
    await newFromTemplate(page, 'fabric', { hosts: 600, vms: 4 });
    // A 4× bitmap of 600 servers: about 3 s of rasterising in the worker (measured under Node on this machine).
    await openExport(page, 'png');
    await dialog(page).getByLabel('Scale').selectOption('4');
    const path = join(app.dir, 'fabric.png');
    app.dialogs.answer('saveExport', path);
    await dialog(page).getByRole('button', { name: 'Export…' }).click();
    const progress = dialog(page).getByTestId('export-progress');
    await expect.poll(() => progress.textContent(), { timeout: 60_000, message: JSON.stringify(app.exportProgress) }).toContain('Rendering the bitmap');
    await screenshot(page, 'export-progress');
    await dialog(page).getByRole('button', { name: 'Cancel Export' }).click();
    await expect.poll(() => dialog(page).getByTestId('export-error').textContent()).toBe('Export canceled: no file was written.');
    expect(await status(page).textContent()).toBe('Export canceled: no file was written.');
    expect(existsSync(path)).toBe(false);
    // The options can be used again at once.
    expect(await dialog(page).getByRole('button', { name: 'Export…' }).isEnabled()).toBe(true);
  });
});

describe('exports look like the canvas', () => {
  test("the dialog starts from the canvas's layers, and the diagram keeps its link routing", async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack', { hosts: 2, vms: 2 });
    const ethernet = () => dialog(page).getByRole('checkbox', { name: 'Ethernet' });
    /** Vertex counts of the link subpaths in an exported SVG. */
    const vertices = (svg: string) =>
      [...svg.matchAll(/<g class="links(?: under)?">([^]*?)<\/g>/g)].flatMap((g) => [...g[1]!.matchAll(/d="([^"]*)"/g)].flatMap((m) => m[1]!.split('M').filter(Boolean).map((sub) => sub.split(/[L ]/).length / 2)));

    // Everything shown and routed orthogonally: every layer checked; cables bend and carry their speed labels.
    await openExport(page, 'svg');
    expect(await ethernet().isChecked()).toBe(true);
    const fullPath = join(app.dir, 'full.svg');
    await exportTo(app, fullPath);
    await expect.poll(() => existsSync(fullPath)).toBe(true);
    const full = readFileSync(fullPath, 'utf8');
    expect(full).toContain('>25G</text>');
    expect(vertices(full).some((n) => n > 2)).toBe(true);

    // View ▸ Layers ▸ Ethernet off and View ▸ Straight Links: the dialog and the file follow the canvas.
    await app.emit('menu:action', 'view.layerEthernet');
    await app.emit('menu:action', 'view.straightLinks');
    await expect.poll(() => page.getByTestId('canvas').getAttribute('data-routing')).toBe('straight');
    await openExport(page, 'svg');
    expect(await ethernet().isChecked()).toBe(false);
    expect(await dialog(page).getByRole('checkbox', { name: 'PCIe' }).isChecked()).toBe(true);
    const viewPath = join(app.dir, 'as-shown.svg');
    await exportTo(app, viewPath);
    await expect.poll(() => existsSync(viewPath)).toBe(true);
    const shown = readFileSync(viewPath, 'utf8');
    expect(shown).not.toContain('>25G</text>');
    expect(vertices(shown).length).toBeGreaterThan(0);
    expect(vertices(shown).every((n) => n === 2)).toBe(true);
  });

  test('the current view of a small design at 100 % exports as the pixels the canvas shows', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await expect.poll(() => page.getByTestId('status-zoom').textContent()).toBe('100%');
    // Compare the drawing only: hide the dot grid and the minimap, which are canvas chrome, not the diagram.
    await page.addStyleTag({ content: '.canvas-host{background-image:none!important}.minimap{display:none!important}' });
    await expect.poll(() => page.getByTestId('status-problems').getAttribute('data-state')).toBe('ready');
    const shotPath = join(SCREENSHOT_DIR, 'export-canvas-100.png');
    await page.getByTestId('canvas').screenshot({ path: shotPath });

    await openExport(page, 'png');
    await dialog(page).getByRole('radio', { name: 'Current view' }).check();
    await dialog(page).getByLabel('Scale').selectOption('1');
    await dialog(page).getByLabel('Background').selectOption('light');
    const pngPath = join(SCREENSHOT_DIR, 'export-view-100.png');
    await exportTo(app, pngPath);
    await expect.poll(() => existsSync(pngPath)).toBe(true);

    const shot = PNG.sync.read(readFileSync(shotPath));
    const exported = PNG.sync.read(readFileSync(pngPath));
    expect(exported.width).toBeLessThanOrEqual(shot.width);
    const { dx, dy, diff } = bestAlignment(shot, exported);
    const region = crop(shot, dx, dy, exported.width, exported.height);
    const out = new PNG({ width: exported.width, height: exported.height });
    const mismatched = pixelmatch(region.data, exported.data, out.data, exported.width, exported.height, { threshold: 0.2 });
    writeFileSync(join(SCREENSHOT_DIR, 'export-view-diff.png'), PNG.sync.write(out));
    const share = mismatched / (exported.width * exported.height);
    // Boxes, ports and cables land on the same pixels; what differs is text: the canvas draws labels with
    // Chromium's font stack and the export with @napi-rs/canvas (skia), so glyph outlines and anti-aliasing differ
    // inside labels (the link-speed label "25G" included: the export prints it in the canvas's place). Measured:
    // 0.78 % of this image (2,016 of 259,840 px, inside text and along anti-aliased edges, see export-view-diff.png); 2 % leaves room for font hinting, while a shifted box, a missing
    // element or a wrong colour would exceed it (one 100 × 50 box alone is 1.9 %).
    expect(share, `best offset ${dx},${dy} (search cost ${diff})`).toBeLessThan(0.02);
  });
});

describe('exports of the what-if view', () => {
  test('with a ToR failed, the SVG and PNG carry the diff colours, the failed marks and the diff legend', async () => {
    const { page } = app;
    // rack-kvm: each server's dual-port NIC teamed across the MLAG pair r01-tor-a / r01-tor-b (as whatif.test.ts).
    await newFromTemplate(page, 'rack-kvm', { hosts: 2, vms: 2 });
    await toolbar(page, 'view.simulation').click();
    const panel = page.getByTestId('simulation-panel');
    const runDone = () => expect.poll(() => panel.getByTestId('sim-status').textContent(), { timeout: 20_000 }).toMatch(/^Done in /);
    await panel.getByRole('button', { name: 'One flow per VM' }).click();
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await runDone();
    await selectInOutline(page, 'r01-tor-a');
    const [x, y, w, h] = (await page.getByTestId('canvas').getAttribute('data-selection-rect'))!.split(',').map(Number);
    const box = (await page.getByTestId('canvas').boundingBox())!;
    await page.mouse.click(box.x + x! + w! / 2, box.y + y! + h! / 2, { button: 'right' });
    await page.getByTestId('context-menu').locator('[data-action="simulation.fail"]').click();
    await runDone();
    await expect.poll(() => page.getByTestId('heat-legend').getAttribute('data-mode')).toBe('diff');

    // SVG with the heatmap on (the dialog's default once fresh results exist): the canvas's diff, not utilisation.
    await openExport(page, 'svg');
    // The checkbox names what it exports now: the what-if diff of one failure.
    expect(await dialog(page).getByRole('checkbox', { name: 'What-if heatmap (1 failure, change per link)' }).isChecked()).toBe(true);
    const svgPath = join(app.dir, 'whatif.svg');
    await exportTo(app, svgPath);
    await expect.poll(() => existsSync(svgPath)).toBe(true);
    const svg = readFileSync(svgPath, 'utf8');
    const css = /<style>([^]*?)<\/style>/.exec(svg)![1]!;
    const links = [...svg.matchAll(/<g class="links(?: under)?">([^]*?)<\/g>/g)].map((m) => m[1]).join('');
    const linkColours = new Set([...links.matchAll(/class="(c\d+)"/g)].map((m) => new RegExp(`\\.${m[1]}\\{fill:none;stroke:(#[0-9a-f]{6})`).exec(css)?.[1]));
    // tor-a's cables are down (purple), tor-b's took the traffic over (blue); the rest of the run is unchanged (grey).
    expect(linkColours).toContain(DIFF_BANDS[3]!.color);
    expect(linkColours).toContain(DIFF_BANDS[1]!.color);
    const legend = /<g class="heat-legend">([^]*?)<\/g>/.exec(svg)![1]!;
    expect(legend).toContain('What-if: 1 failure');
    for (const b of DIFF_BANDS) expect(legend).toContain(`>${b.label}</text>`);
    expect(legend).toContain(DIFF_LEGEND_NOTE);
    expect(legend).not.toContain('Link utilisation');
    // The failed switch: washed, outlined dashed and crossed, as on the canvas.
    expect(/<g class="failed">([^]*?)<\/g>/.exec(svg)?.[1]).toMatch(/<rect class="c\d+" x="[\d.-]+" y="[\d.-]+" width="[\d.]+" height="[\d.]+"\/><rect/);
    expect(css).toContain(`stroke:${FAILED_COLOR};stroke-width:2.5;stroke-dasharray:6 4`);

    // PNG at 2×: the same colours in pixels (opened and looked at: __screenshots__/export-whatif.png).
    await openExport(page, 'png');
    await dialog(page).getByLabel('Scale').selectOption('2');
    await dialog(page).getByLabel('Background').selectOption('light');
    const pngPath = join(SCREENSHOT_DIR, 'export-whatif.png');
    await exportTo(app, pngPath);
    await expect.poll(() => existsSync(pngPath)).toBe(true);
    const png = PNG.sync.read(readFileSync(pngPath));
    const count = (hex: string) => {
      const want = parseInt(hex.slice(1), 16);
      let n = 0;
      for (let i = 0; i < png.data.length; i += 4) if (((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!) === want) n++;
      return n;
    };
    // Each diff colour is on a swatch of the legend (12 × 12 units = 576 px at 2×); down and took-over links add theirs.
    for (const b of DIFF_BANDS) expect(count(b.color), b.label).toBeGreaterThanOrEqual(576);
    expect(count(DIFF_BANDS[3]!.color)).toBeGreaterThan(576 + 200);
    expect(count(DIFF_BANDS[1]!.color)).toBeGreaterThan(576 + 200);
    expect(count(FAILED_COLOR)).toBeGreaterThan(100);
  });
});

/** The screenshot's pixels in a w × h window at (x, y). */
function crop(src: PNG, x: number, y: number, w: number, h: number): PNG {
  const out = new PNG({ width: w, height: h });
  PNG.bitblt(src, out, x, y, w, h, 0, 0);
  return out;
}

/** Where the exported image sits in the screenshot: the offset with the fewest differing pixels (coarse, then fine). */
function bestAlignment(shot: PNG, img: PNG): { dx: number; dy: number; diff: number } {
  const cost = (dx: number, dy: number, step: number) => {
    let n = 0;
    for (let y = 0; y < img.height; y += step) {
      for (let x = 0; x < img.width; x += step) {
        const a = (y * img.width + x) * 4;
        const b = ((y + dy) * shot.width + (x + dx)) * 4;
        const d = Math.abs(img.data[a]! - shot.data[b]!) + Math.abs(img.data[a + 1]! - shot.data[b + 1]!) + Math.abs(img.data[a + 2]! - shot.data[b + 2]!);
        if (d > 60) n++;
      }
    }
    return n;
  };
  let best = { dx: 0, dy: 0, diff: Infinity };
  const maxX = shot.width - img.width;
  const maxY = shot.height - img.height;
  for (let dy = 0; dy <= maxY; dy += 4) {
    for (let dx = 0; dx <= maxX; dx += 4) {
      const c = cost(dx, dy, 4);
      if (c < best.diff) best = { dx, dy, diff: c };
    }
  }
  const coarse = best;
  for (let dy = Math.max(0, coarse.dy - 4); dy <= Math.min(maxY, coarse.dy + 4); dy++) {
    for (let dx = Math.max(0, coarse.dx - 4); dx <= Math.min(maxX, coarse.dx + 4); dx++) {
      const c = cost(dx, dy, 1);
      if (c < best.diff || best === coarse) best = { dx, dy, diff: c };
    }
  }
  return best;
}
