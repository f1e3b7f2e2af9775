/**
 * Automatic layout in the app, driven like a person: a topology JSON with every element at 0,0 opens laid
 * out; "Arrange Design" from the command palette re-arranges a template in the layout worker (progress,
 * then one undo step that Ctrl+Z reverts); "Arrange Selection" from the context menu moves only the
 * selected server; and Cancel on a 2,000-server fabric leaves the design as it was. Positions are read back
 * through File › Export Topology JSON, as a user would get them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { designToDocument, importTopologyJson } from '../../shared/formats/topology';
import { topBoxes } from '../../shared/layout';
import type { Design } from '../../shared/model/design';
import { makeTemplate } from '../../shared/templates';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const status = (page: Page) => page.getByTestId('status-message').textContent();

let exports = 0;
/** The open design, as File › Export Topology JSON writes it. */
async function exported(page: Page): Promise<Design> {
  const file = join(app.dir, `export-${++exports}.json`);
  app.dialogs.answer('saveTopologyJson', file);
  await toolbar(page, 'file.exportJson').click();
  await expect.poll(() => status(page)).toBe(`Exported topology JSON to ${file}`);
  const loaded = importTopologyJson(readFileSync(file, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.design;
}

function expectNoOverlap(d: Design): void {
  const boxes = topBoxes(d);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
}

const positions = (d: Design) => Object.fromEntries(Object.values(d.elements).map((e) => [e.id, [e.x, e.y]]));

async function runFromPalette(page: Page, query: string, label: string): Promise<void> {
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+Shift+P`);
  const palette = page.getByTestId('command-palette');
  await palette.waitFor();
  await page.keyboard.type(query);
  const option = palette.getByRole('option').filter({ hasText: label });
  await expect.poll(() => option.count()).toBe(1);
  await option.click();
  await palette.waitFor({ state: 'detached' });
}

test('a topology JSON with everything at 0,0 opens laid out, not as an edit', async () => {
  const { page } = app;
  const doc = designToDocument(makeTemplate('rack', { hosts: 3, vmsPerHost: 4 })) as { elements: { x: number; y: number }[] };
  for (const el of doc.elements) el.x = el.y = 0;
  const file = join(app.dir, 'scripted.json');
  writeFileSync(file, JSON.stringify(doc));
  app.dialogs.answer('openTopologyJson', file);
  await toolbar(page, 'file.importJson').click();
  // The first layout also starts the worker (and loads ELK), so give it time on a busy machine.
  await expect.poll(() => status(page), { timeout: 60_000 }).toMatch(/^Imported topology “Rack[^”]*”, laid out automatically/);
  // Opening is not an undo step.
  expect(await page.locator('.toolbar [data-action="edit.undo"]').isDisabled()).toBe(true);
  const d = await exported(page);
  expectNoOverlap(d);
  expect(d.elements['r01.h001']!.y).toBeGreaterThan(d.elements['r01.tor-a']!.y);
});

test('Arrange Design from the command palette: progress, new positions without overlap, one undo step', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 4, vms: 6 });
  const before = await exported(page);
  // Records whether the progress panel appeared (a small design lays out in well under a second).
  await page.evaluate(() => {
    const w = window as unknown as { __layoutProgressSeen: boolean };
    w.__layoutProgressSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="layout-progress"]')) w.__layoutProgressSeen = true;
    }).observe(document.body, { subtree: true, childList: true });
  });
  await runFromPalette(page, 'arrange', 'Arrange Design');
  await expect.poll(() => status(page), { timeout: 60_000 }).toMatch(/^Arranged 6 top-level elements in \d+\.\d s$/);
  expect(await page.evaluate(() => (window as unknown as { __layoutProgressSeen: boolean }).__layoutProgressSeen)).toBe(true);
  await screenshot(page, 'layout-arranged');

  const after = await exported(page);
  expect(positions(after)).not.toEqual(positions(before));
  expectNoOverlap(after);
  expect(await page.locator('.toolbar [data-action="edit.undo"]').getAttribute('title')).toMatch(/^Undo Arrange design/);

  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+Z`);
  const undone = await exported(page);
  expect(undone).toEqual(before);
});

test('Arrange Selection from the context menu moves only the selected server', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 3, vms: 4 });
  const before = await exported(page);
  // Right click the second server's title bar (found through its selection frame): it is selected and the
  // menu offers Arrange Selection.
  await page.getByRole('treeitem').filter({ hasText: 'esx-r01-h002' }).first().click();
  const canvas = page.getByTestId('canvas');
  const [x, y] = (await canvas.getAttribute('data-selection-rect'))!.split(',').map(Number);
  const box = (await canvas.boundingBox())!;
  await page.keyboard.press('Escape');
  await page.mouse.click(box.x + x! + 30, box.y + y! + 6, { button: 'right' });
  const menu = page.getByTestId('context-menu');
  await menu.waitFor();
  await screenshot(page, 'layout-context-menu');
  await menu.getByRole('menuitem', { name: /Arrange Selection/ }).click();
  await expect.poll(() => status(page), { timeout: 60_000 }).toMatch(/^Arranged 1 top-level element in /);
  const after = await exported(page);
  for (const el of Object.values(before.elements)) {
    const top = el.parent ?? el.id;
    if (top === 'r01.h002') continue;
    expect(after.elements[el.id], el.id).toEqual(el);
  }
  // The server keeps its place; its contents were laid out inside it.
  expect([after.elements['r01.h002']!.x, after.elements['r01.h002']!.y]).toEqual([before.elements['r01.h002']!.x, before.elements['r01.h002']!.y]);
  expect(positions(after)).not.toEqual(positions(before));
});

test('Cancel on a 2,000-server fabric stops the layout and changes nothing; the UI stays live', async () => {
  const { page } = app;
  await newFromTemplate(page, 'fabric', { hosts: 2000, vms: 2 });
  const undo = page.locator('.toolbar [data-action="edit.undo"]');
  expect(await undo.isDisabled()).toBe(true);
  // The real layout worker runs, but its final answer is held in the page (as if the worker were still busy) so that
  // Cancel always meets a running layout: on a quiet machine the whole layout now takes a second or two, less than
  // the steps below. Terminating the worker (what Cancel does) drops the held answer, as a terminated worker's would be.
  await page.evaluate(() => {
    const Native = window.Worker;
    const w = window as unknown as { __releaseLayout?: () => void };
    window.Worker = class extends Native {
      constructor(url: string | URL, opts?: WorkerOptions) {
        super(url, opts);
        if (opts?.name !== 'layout') return;
        const add = this.addEventListener.bind(this) as (t: string, l: (e: MessageEvent) => void) => void;
        this.addEventListener = ((type: string, listener: (e: MessageEvent) => void) =>
          add(type, type === 'message' ? (e: MessageEvent) => ((e.data as { type?: string })?.type === 'result' ? (w.__releaseLayout = () => listener(e)) : listener(e)) : listener)) as Worker['addEventListener'];
        const terminate = this.terminate.bind(this);
        this.terminate = () => {
          w.__releaseLayout = undefined;
          terminate();
        };
      }
    };
  });
  await runFromPalette(page, 'arrange design', 'Arrange Design');
  const progress = page.getByTestId('layout-progress');
  await progress.waitFor();
  // The step count appears with the worker's first progress message.
  await expect.poll(() => progress.textContent(), { timeout: 30_000 }).toMatch(/Arranging the design… step \d+ of 2051/);
  // Cancel stays put while the counter advances to its last step (the panel is centred; a counter growing a digit
  // used to move it out from under the pointer). The last step always comes: the held answer keeps the panel up.
  const cancel = page.getByTestId('layout-cancel');
  const where = await cancel.boundingBox();
  await expect.poll(() => progress.textContent(), { timeout: 30_000 }).toMatch(/step 2051 of 2051/);
  expect(await cancel.boundingBox()).toEqual(where);
  await screenshot(page, 'layout-progress');
  // The UI answers while the worker lays out: the palette opens and closes.
  await page.keyboard.press(`${mod}+Shift+P`);
  await page.getByTestId('command-palette').waitFor();
  await page.keyboard.press('Escape');
  await cancel.click();
  await progress.waitFor({ state: 'detached' });
  await expect.poll(() => status(page)).toBe('Arrange cancelled; nothing was changed');
  // The worker was terminated with its answer, and there is no undo step: the design is the template as created.
  expect(await page.evaluate(() => (window as unknown as { __releaseLayout?: () => void }).__releaseLayout)).toBeUndefined();
  expect(await undo.isDisabled()).toBe(true);
});
