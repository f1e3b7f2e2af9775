/**
 * Untrusted project files in the app (issue #17 items 1 and 4): a project whose `elements` table was replaced by a
 * recursive view (which used to hang every window) is refused with one line and the current design stays; a project
 * changed after Rackplane saved it opens as an unsaved copy with a warning, and Save never writes over the original.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { saveProject } from '../../electron/project/store';
import { makeTemplate } from '../../shared/templates';
import { HOSTILE_EDITS } from '../unit/electron/support/fault-variants';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, outlineCount, screenshot, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

/** The single-host template saved to `name` in the test's folder, then changed by `sql`. */
function edited(name: string, sql: string): string {
  const file = join(app.dir, name);
  saveProject(file, makeTemplate('single-host'));
  const db = new Database(file);
  db.exec(sql);
  db.close();
  return file;
}

const errorToast = () => app.page.getByTestId('toast-error');

test('the recursive-view project is refused in one line and the design on screen stays', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 3 });
  const file = edited('view.rackplane', HOSTILE_EDITS.find((e) => e.name === 'recursive view as elements')!.sql);
  app.dialogs.answer('openProject', file);
  await toolbar(page, 'file.open').click();
  await errorToast().waitFor();
  // No time is asserted (benchmarks measure); a hang would time the test out.
  const text = (await errorToast().locator('.text').textContent())!;
  expect(text).not.toContain('\n');
  expect(text).toMatch(/view\.rackplane.*was altered outside Rackplane/);
  expect(await outlineCount(page, 'host')).toBe(3);
  await screenshot(page, 'hostile-view-refused');
  app.problems.length = 0; // the error is expected
});

test('a project changed after its save opens as an unsaved copy with a warning; Save never overwrites it', async () => {
  const { page } = app;
  const file = edited('changed.rackplane', `UPDATE elements SET json = json_set(json, '$.name', 'X') WHERE rowid = 3`);
  const before = readFileSync(file);
  app.dialogs.answer('openProject', file);
  await toolbar(page, 'file.open').click();
  await errorToast().waitFor();
  expect(await errorToast().locator('.text').textContent()).toMatch(/changed after Rackplane saved it/);
  await expect.poll(() => outlineCount(page, 'host')).toBe(1);
  expect(await page.getByTestId('status-dirty').isVisible()).toBe(true);
  await screenshot(page, 'damaged-file-warning');

  // Save asks for a name (the copy has none); picking the original is refused, the file stays as it was.
  app.dialogs.answer('saveProject', file);
  await toolbar(page, 'file.save').click();
  await expect.poll(() => app.dialogs.shown.filter((d) => d.kind === 'saveProject').length).toBe(1);
  await expect.poll(async () => (await errorToast().allTextContents()).join(' ')).toMatch(/changed\.rackplane/);
  expect(readFileSync(file).equals(before)).toBe(true);
  // A new name saves.
  const copy = join(app.dir, 'copy.rackplane');
  app.dialogs.answer('saveProject', copy);
  await toolbar(page, 'file.save').click();
  await expect.poll(() => page.getByTestId('status-dirty').isVisible()).toBe(false);
  app.problems.length = 0;
});
