/**
 * Files, driven through the real IPC handlers and project store: save and save as, close and reopen,
 * recent files, topology JSON import/export (with repairs reported once), a corrupt project file, and
 * recovery of autosaved work after a crash.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createHandlers, type HandlerDeps } from '../../electron/ipc/handlers';
import { openProject, saveProject } from '../../electron/project/store';
import { designToDocument, exportTopologyJson, importTopologyJson } from '../../shared/formats/topology';
import { makeTemplate } from '../../shared/templates';
import { startApp, type AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, outlineCount, screenshot, selectInOutline, toolbar } from './harness/ui';

let app: AppHarness;
const env = useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function rename(a: AppHarness, from: string, to: string): Promise<void> {
  await selectInOutline(a.page, from);
  const name = a.page.getByTestId('inspector').getByTestId('field-name');
  await name.fill(to);
  await name.press('Enter');
  await expect.poll(() => a.page.getByTestId('status-dirty').isVisible()).toBe(true);
}

const errorToast = (a: AppHarness) => a.page.getByTestId('toast-error');

describe('saving', () => {
  test('Ctrl+S asks where to save once, then saves in place; the file opens with the edit', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack');
    await rename(app, 'esx-r01-h002', 'edge-gw');
    const path = join(app.dir, 'rack.rackplane');
    app.dialogs.answer('saveProject', path);
    await page.keyboard.press(`${mod}+S`);
    await expect.poll(() => page.getByTestId('status-dirty').count()).toBe(0);
    expect(app.dialogs.shown).toEqual([{ kind: 'saveProject', suggested: 'Rack- 8 hosts × 10 VMs.rackplane' }]);
    expect(await page.getByTestId('status-file').textContent()).toBe('rack');
    expect(await page.getByTestId('status-message').textContent()).toBe(`Saved ${path}`);
    expect(await page.title()).toBe('rack — Rackplane');

    expect(existsSync(path)).toBe(true);
    const saved = openProject(path);
    if (!saved.ok) throw new Error(saved.reason);
    expect(saved.design.elements['r01.h002']!.name).toBe('edge-gw');
    expect(saved.design.meta.revision).toBe(1);

    // A second save goes to the same file without a dialog and bumps the revision.
    await rename(app, 'edge-gw', 'edge-gw-1');
    await toolbar(page, 'file.save').click();
    await expect.poll(() => page.getByTestId('status-dirty').count()).toBe(0);
    expect(app.dialogs.shown).toHaveLength(1);
    const again = openProject(path);
    if (!again.ok) throw new Error(again.reason);
    expect(again.design.elements['r01.h002']!.name).toBe('edge-gw-1');
    expect(again.design.meta.revision).toBe(2);
  });

  test('Save As writes a new file and the window follows it', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    const first = join(app.dir, 'first.rackplane');
    const second = join(app.dir, 'second.rackplane');
    app.dialogs.answer('saveProject', first);
    await app.emit('menu:action', 'file.save');
    await expect.poll(() => page.getByTestId('status-file').textContent()).toBe('first');
    app.dialogs.answer('saveProject', second);
    await toolbar(page, 'file.saveAs').click();
    await expect.poll(() => page.getByTestId('status-file').textContent()).toBe('second');
    expect(existsSync(first) && existsSync(second)).toBe(true);
    await expect.poll(() => app.windowStates.at(-1)).toEqual({ name: 'second', path: second, dirty: false });
  });
});

describe('opening', () => {
  test('close, then reopen from the Open dialog and from the recent list', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack', { hosts: 3, vms: 2 });
    await rename(app, 'r01-tor-a', 'leaf-101');
    const path = join(app.dir, 'small.rackplane');
    app.dialogs.answer('saveProject', path);
    await page.keyboard.press(`${mod}+S`);
    await expect.poll(() => page.getByTestId('status-dirty').count()).toBe(0);

    await app.emit('menu:action', 'file.close');
    await page.getByTestId('start-screen').waitFor();
    await expect.poll(() => app.windowStates.at(-1)).toEqual({ name: 'Rackplane', path: null, dirty: false });
    // The start screen lists the file just saved.
    const recent = page.getByRole('region', { name: 'Recent designs' }).getByRole('button', { name: path });
    await recent.waitFor();
    await screenshot(page, 'start-screen');

    app.dialogs.answer('openProject', path);
    await toolbar(page, 'file.open').click();
    await expect.poll(() => outlineCount(page, 'host')).toBe(3);
    expect(await page.getByRole('treeitem').filter({ hasText: 'leaf-101' }).count()).toBe(1);
    expect(await page.getByTestId('status-file').textContent()).toBe('small');
    expect(await page.getByTestId('status-dirty').count()).toBe(0);

    await app.emit('menu:action', 'file.close');
    await recent.click();
    await expect.poll(() => outlineCount(page, 'host')).toBe(3);
    expect(await page.getByTestId('status-message').textContent()).toBe(`Opened ${path}`);
  });

  test('a corrupt project file gives a one-line error and keeps the current design', async () => {
    const { page } = app;
    await newFromTemplate(page, 'rack');
    await rename(app, 'r01-h001-vm03', 'keep-me');
    const broken = join(app.dir, 'broken.rackplane');
    writeFileSync(broken, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(3000, 0x5a)]));

    // Opening over unsaved work asks first; Don't Save lets the open go ahead.
    app.dialogs.answer('openProject', broken);
    await toolbar(page, 'file.open').click();
    await page.getByTestId('dialog-unsaved').getByRole('button', { name: 'Don’t Save' }).click();
    await errorToast(app).waitFor();
    const text = (await errorToast(app).locator('.text').textContent())!;
    expect(text).not.toContain('\n');
    expect(text).toMatch(/broken\.rackplane/);
    expect(text).not.toMatch(/\bat .*\(.*:\d+:\d+\)/); // no stack frames
    expect(await page.getByTestId('status-message').textContent()).toBe(text);
    await screenshot(page, 'corrupt-file-error');

    // The design on screen is untouched (still edited, still unsaved).
    expect(await outlineCount(page, 'host')).toBe(8);
    expect(await page.getByRole('treeitem').filter({ hasText: 'keep-me' }).count()).toBe(1);
    expect(await page.getByTestId('status-dirty').isVisible()).toBe(true);
    app.problems.length = 0; // the error is expected; nothing else may have gone wrong
  });

  test('a file the OS asks to open (command line, Open Recent) opens after the unsaved-changes prompt', async () => {
    const { page } = app;
    const path = join(app.dir, 'from-os.rackplane');
    await newFromTemplate(page, 'rack', { hosts: 2, vms: 1 });
    app.dialogs.answer('saveProject', path);
    await page.keyboard.press(`${mod}+S`);
    await expect.poll(() => page.getByTestId('status-file').textContent()).toBe('from-os');

    await newFromTemplate(page, 'single-host');
    await rename(app, 'r01-h001-vm01', 'unsaved-edit');
    await app.emit('project:openRequested', path);
    await page.getByTestId('dialog-unsaved').getByRole('button', { name: 'Don’t Save' }).click();
    await expect.poll(() => page.getByTestId('status-file').textContent()).toBe('from-os');
    expect(await outlineCount(page, 'host')).toBe(2);
    // The open dialog was never shown: main already knew the path.
    expect(app.dialogs.shown.map((d) => d.kind)).toEqual(['saveProject']);
  });

  test('Cancel in the unsaved-changes prompt stops the open before any dialog', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await rename(app, 'r01-h001-vm01', 'changed');
    await page.keyboard.press(`${mod}+O`);
    await page.getByTestId('dialog-unsaved').getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('dialog-unsaved').waitFor({ state: 'detached' });
    expect(app.dialogs.shown).toEqual([]);
    expect(await page.getByRole('treeitem').filter({ hasText: 'changed' }).count()).toBe(1);
  });
});

describe('topology JSON', () => {
  test('export writes the design as topology JSON', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    await rename(app, 'r01-h001-vm04', 'batch-4');
    const out = join(app.dir, 'topology.json');
    app.dialogs.answer('saveTopologyJson', out);
    await toolbar(page, 'file.exportJson').click();
    await expect.poll(() => page.getByTestId('status-message').textContent()).toBe(`Exported topology JSON to ${out}`);
    expect(app.dialogs.shown).toEqual([{ kind: 'saveTopologyJson', suggested: 'Single host.json' }]);

    const text = readFileSync(out, 'utf8');
    const loaded = importTopologyJson(text);
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.repairs).toEqual([]);
    expect(loaded.design.elements['r01.h001.vm04']!.name).toBe('batch-4');
    // Stable form: exporting what was read gives the same bytes.
    expect(exportTopologyJson(loaded.design)).toBe(text);
  });

  test('import opens the topology and reports its repairs once', async () => {
    const { page } = app;
    const design = makeTemplate('single-host', { vmsPerHost: 2 });
    const doc = designToDocument(design) as { elements: Record<string, unknown>[] };
    // An older or hand-written file: one VM without its migration fields.
    const vm = doc.elements.find((e) => e.id === 'r01.h001.vm01')!;
    delete vm.dirtyRateGbps;
    delete vm.zeroPageShare;
    const file = join(app.dir, 'hand-written.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));

    app.dialogs.answer('openTopologyJson', file);
    await toolbar(page, 'file.importJson').click();
    const report = page.getByTestId('dialog-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('Repaired: r01.h001.vm01: filled missing dirtyRateGbps, zeroPageShare with defaults');
    await screenshot(page, 'import-repairs');
    await report.getByRole('button', { name: 'OK' }).click();
    await report.waitFor({ state: 'detached' });

    expect(await outlineCount(page, 'vm')).toBe(2);
    expect(await page.getByTestId('status-message').textContent()).toBe('Imported topology “Single host”');
    // An imported topology is a new design: saving asks for a project file.
    expect(await page.getByTestId('status-file').textContent()).toBe('Single host');
    await page.keyboard.press(`${mod}+Z`);
    expect(await report.count()).toBe(0);

    // A file that is not a topology is refused with its reason; nothing changes.
    const bad = join(app.dir, 'bad.json');
    writeFileSync(bad, '{"format":"something-else","version":1,"elements":[],"links":[]}');
    app.dialogs.answer('openTopologyJson', bad);
    await toolbar(page, 'file.importJson').click();
    await errorToast(app).waitFor();
    expect(await errorToast(app).locator('.text').textContent()).toMatch(/bad\.json.*"format" must be "rackplane-topology"/);
    expect(await outlineCount(page, 'vm')).toBe(2);
    app.problems.length = 0;
  });
});

describe('recovery', () => {
  test('a file with a crash copy offers that work before it can be edited', async () => {
    // A session that crashed with unsaved edits to lab.rackplane (the same handlers main runs).
    const file = join(app.dir, 'lab.rackplane');
    const profile = join(app.dir, 'profile');
    saveProject(file, makeTemplate('single-host'));
    const crashed = createHandlers({
      userDataDir: profile,
      appInfo: { name: 'Rackplane', version: '0', versions: {}, platform: process.platform },
      dialogs: { openProject: async () => file } as unknown as HandlerDeps['dialogs'],
      window: { setState: () => undefined, close: () => undefined },
    });
    expect((await crashed['project:open']()).ok).toBe(true);
    const template = makeTemplate('single-host');
    const edited = { ...template, meta: { ...template.meta, name: 'Lab with crashed edits' } };
    expect((await crashed['project:autosave']({ document: designToDocument(edited) })).ok).toBe(true);

    const next = await startApp(env.browser(), { userDataDir: profile });
    try {
      const { page } = next;
      // Offered at start-up; the user decides later…
      const dialog = page.getByTestId('dialog-recovery');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Decide Later' }).click();
      await dialog.waitFor({ state: 'detached' });
      // …and opens the file: the copy is offered again before the design shows.
      next.dialogs.answer('openProject', file);
      await toolbar(page, 'file.open').click();
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Lab with crashed edits');
      expect(await page.getByTestId('start-screen').count()).toBe(1);
      await dialog.getByRole('button', { name: 'Recover' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => next.windowStates.at(-1)).toEqual({ name: 'lab', path: file, dirty: true });
      expect(next.problems).toEqual([]);
    } finally {
      await next.close();
    }
  });

  test('the page cannot name a file for main to write or read', async () => {
    const { page } = app;
    await newFromTemplate(page, 'single-host');
    const evil = join(app.dir, 'evil.sh');
    const results = await page.evaluate(async (target) => {
      const api = (globalThis as unknown as { rackplane: { invoke(c: string, ...a: unknown[]): Promise<{ ok: boolean; reason?: string }> } }).rackplane;
      const document = { format: 'rackplane-topology', version: 1, elements: [], links: [] };
      return [
        await api.invoke('project:save', { document, path: target, saveAs: false }),
        await api.invoke('project:autosave', { document, path: target }),
        await api.invoke('project:openPath', target),
        await api.invoke('project:openPath', '/etc/passwd'),
      ];
    }, evil);
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false]);
    expect(results[2]!.reason).toBe(results[3]!.reason);
    expect(existsSync(evil)).toBe(false);
    expect(app.dialogs.shown).toEqual([]);
  });

  test('unsaved work is autosaved and offered back at the next start', async () => {
    const clocked = await startApp(env.browser(), { fakeClock: true, userDataDir: join(app.dir, 'profile') });
    try {
      const { page } = clocked;
      await newFromTemplate(page, 'single-host');
      await rename(clocked, 'r01-h001-vm02', 'survivor');
      // Autosave runs every 30 s while there are unsaved changes.
      await page.clock.fastForward(31_000);
      await expect.poll(() => existsSync(join(clocked.userDataDir, 'recovery'))).toBe(true);
    } finally {
      await clocked.close(); // a crash: the page goes away with no close prompt and no discard
    }

    const next = await startApp(env.browser(), { userDataDir: join(app.dir, 'profile') });
    try {
      const { page } = next;
      const dialog = page.getByTestId('dialog-recovery');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Single host');
      await screenshot(page, 'recovery');
      await dialog.getByRole('button', { name: 'Recover' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('searchbox', { name: 'Search elements by name' }).fill('survivor');
      await expect.poll(() => page.getByRole('treeitem').filter({ hasText: 'survivor' }).count()).toBe(1);
      // Recovered work exists only in the recovery copy, so it counts as unsaved.
      expect(await page.getByTestId('status-dirty').isVisible()).toBe(true);

      // Discarding it (Don't Save on close) removes the copy: the next start offers nothing.
      await next.emit('window:closeRequested');
      await page.getByTestId('dialog-unsaved').getByRole('button', { name: 'Don’t Save' }).click();
      await expect.poll(() => next.closeCalls()).toBe(1);
      expect(next.problems).toEqual([]);
    } finally {
      await next.close();
    }

    const third = await startApp(env.browser(), { userDataDir: join(app.dir, 'profile') });
    try {
      await third.page.getByTestId('start-screen').waitFor();
      const left = await third.page.evaluate(() => (globalThis as unknown as { rackplane: { invoke(c: string): Promise<unknown> } }).rackplane.invoke('project:recoverable'));
      expect(left).toEqual({ ok: true, value: [] });
      expect(await third.page.getByTestId('dialog-recovery').count()).toBe(0);
    } finally {
      await third.close();
    }
  });
});
