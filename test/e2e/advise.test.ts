/**
 * Placement advice in the app, driven like a person (issue #13 item 4): a topology JSON whose scenario has two chatty
 * VMs on different servers is imported (its scenario opens in the simulation panel, issue #13 item 1), Advise placement
 * suggests moving one beside the other with the network load before and after, "Add as migration" puts the move in the
 * scenario as a migration while the design keeps the VM where it is today (as `rackplane advise --apply`), running the
 * scenario from the panel simulates that migration, and one Undo removes it. The design and scenario are read back
 * through File ▸ Export Topology JSON, which writes the scenarios with the design.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { exportTopologyJson } from '../../shared/formats/topology';
import { SCENARIO_DEFAULTS } from '../../shared/sim/scenarios';
import type { Scenario } from '../../shared/sim/simulate';
import { makeTemplate } from '../../shared/templates';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { screenshot, toolbar } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const panel = (page: Page) => page.getByTestId('simulation-panel');
const advice = (page: Page) => page.getByTestId('sim-advice');

// The rack template (4 ESXi hosts × 4 VMs under one MLAG ToR pair); r01.h001.vm01 and r01.h002.vm01 share the port
// group "VM app (VLAN 110)" and exchange 5 Gb/s (shared/sim/placement.test.ts works the figures out by hand).
const design = makeTemplate('rack', { hosts: 4, vmsPerHost: 4 });
const chatty: Scenario = { name: 'chatty pair', flows: [{ id: 'f0', src: { vm: 'r01.h001.vm01' }, dst: { vm: 'r01.h002.vm01' }, demandGbps: 5 }], migrations: [], ...SCENARIO_DEFAULTS };

interface Exported {
  elements: { id: string; parent: string | null }[];
  links: { id: string; b: { element: string } }[];
  scenarios?: { name: string; migrations?: { vm: string; to: string }[] }[];
}

/** The open design and its scenarios, through File ▸ Export Topology JSON… */
async function exported(a: AppHarness, name: string): Promise<Exported> {
  const path = join(a.dir, name);
  rmSync(path, { force: true });
  a.dialogs.answer('saveTopologyJson', path);
  await a.emit('menu:action', 'file.exportJson');
  await expect.poll(() => existsSync(path)).toBe(true);
  return JSON.parse(readFileSync(path, 'utf8')) as Exported;
}

const parentOf = (d: Exported, id: string) => d.elements.find((e) => e.id === id)?.parent;

test('Advise placement: the suggestion with its before/after load, Add as migration plans it in the scenario (the VM stays), Run simulates it, one Undo removes it', async () => {
  const { page } = app;
  const file = join(app.dir, 'chatty.json');
  writeFileSync(file, exportTopologyJson(design, { scenarios: [chatty] }));
  app.dialogs.answer('openTopologyJson', file);
  await app.emit('menu:action', 'file.importJson');
  await page.getByTestId('canvas').waitFor();
  await toolbar(page, 'view.simulation').click();
  // A taller panel, as a person would drag it, so the advice and the results both show.
  await page.getByTestId('splitter-simulation').focus();
  await page.keyboard.press('Shift+ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  // The imported file's scenario is the one in the panel.
  await expect.poll(() => panel(page).getByTestId('sim-status').textContent()).toBe('1 flow, 0 migrations');

  await advice(page).getByRole('button', { name: 'Advise placement' }).click();
  const move = advice(page).getByTestId('advice-move');
  await expect.poll(() => move.count(), { timeout: 20_000 }).toBe(1);
  expect(await move.textContent()).toContain('r01-h001-vm01: esx-r01-h001 → esx-r01-h002');
  expect(await move.textContent()).toContain('5.00 Gb/s × hops kept inside the host');
  // Before: 3 cable directions × 5 Gb/s (host → ToR A, peer link, ToR B → host), 5 of them between the switches, 20 %
  // of a 25GbE port; after: the flow stays in one vSwitch and no cable carries it.
  // The table's caption is one line above the figures (it wrapped when it also held the computing time, which is now
  // after the summary).
  const caption = await advice(page).getByTestId('advice-load').locator('caption').boundingBox();
  expect(caption!.height).toBeLessThan(24);
  expect(await advice(page).getByTestId('advice-time').textContent()).toMatch(/^Computed in \d/);
  const load = await advice(page).getByTestId('advice-load').locator('tbody tr').allInnerTexts();
  expect(load.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
    ['Ethernet cables', '15.0 Gb/s', '0.00 Gb/s'],
    ['Between switches', '5.00 Gb/s', '0.00 Gb/s'],
    ['Busiest cable', '20.0 %', '0.0 %'],
    ['Traffic carried', '5.00 Gb/s', '5.00 Gb/s'],
  ]);
  // What adding does is said under the list, before anyone presses it.
  expect(await advice(page).getByTestId('advice-note').textContent()).toBe(
    'Adding puts the moves in this scenario as migrations; the design keeps VMs where they are today. Run the scenario to see what migrating them costs.',
  );
  await advice(page).getByTestId('advice-note').scrollIntoViewIfNeeded();
  await page.mouse.move(5, 5);
  await screenshot(page, 'advise-suggestion');

  // Add from the keyboard: the button is focusable and Enter presses it.
  const add = advice(page).getByRole('button', { name: 'Add migration: r01-h001-vm01 to esx-r01-h002' });
  await add.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => move.textContent()).toContain('In scenario');
  await expect.poll(() => panel(page).getByTestId('sim-status').textContent()).toBe('1 flow, 1 migration');
  // The scenario lists the migration from where the VM is today.
  expect(await panel(page).getByRole('list', { name: 'Scenario migrations' }).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('r01-h001-vm01: esx-r01-h001 → esx-r01-h002')]);
  const after = await exported(app, 'after.json');
  expect(parentOf(after, 'r01.h001.vm01')).toBe('r01.h001');
  expect(after.links.find((l) => l.id === 'r01.h001.vm01.vnic0')!.b.element).toBe('r01.h001.vs0');
  expect(after.scenarios?.[0]).toMatchObject({ name: 'chatty pair', migrations: [{ vm: 'r01.h001.vm01', to: 'r01.h002' }] });

  // Run the scenario from the panel: the migration is simulated (pre-copy rounds and downtime), not dropped.
  await panel(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => panel(page).getByTestId('sim-status').textContent(), { timeout: 30_000 }).toMatch(/^Done in /);
  await panel(page).getByRole('tab', { name: 'Migrations (1)' }).click();
  const row = panel(page).getByTestId('sim-migration-table').locator('tbody tr');
  const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
  // Columns: VM, From, To, Rate, Rounds, Sent, Disk, Total, Downtime, Result, Bottleneck, Policy.
  expect(cells.slice(0, 3)).toEqual(['r01-h001-vm01', 'esx-r01-h001', 'esx-r01-h002']);
  expect(Number(cells[4])).toBeGreaterThan(0);
  expect(cells[8]).not.toBe('—');
  expect(cells[9]).toMatch(/^converged/);
  await page.mouse.move(5, 5);
  await screenshot(page, 'advise-applied');

  // One Undo: the scenario has no migration again, and the move can be added again.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(`${mod}+Z`);
  await expect.poll(() => panel(page).getByRole('list', { name: 'Scenario migrations' }).getByRole('listitem').count()).toBe(0);
  await expect.poll(() => add.isEnabled()).toBe(true);
  const undone = await exported(app, 'undone.json');
  expect(parentOf(undone, 'r01.h001.vm01')).toBe('r01.h001');
  expect(undone.scenarios?.[0]?.migrations ?? []).toEqual([]);
});

test('a scenario whose traffic cannot come closer says so in one line', async () => {
  const { page } = app;
  // vm01 (VLAN 110) to vm02 (VLAN 120): routed at the ToR even inside one host, so no move helps.
  const file = join(app.dir, 'vlans.json');
  writeFileSync(file, exportTopologyJson(design, { scenarios: [{ ...chatty, flows: [{ ...chatty.flows[0]!, dst: { vm: 'r01.h002.vm02' } }] }] }));
  app.dialogs.answer('openTopologyJson', file);
  await app.emit('menu:action', 'file.importJson');
  await page.getByTestId('canvas').waitFor();
  await toolbar(page, 'view.simulation').click();
  await advice(page).getByRole('button', { name: 'Advise placement' }).click();
  await expect.poll(() => advice(page).getByTestId('advice-empty').textContent(), { timeout: 20_000 }).toBe('No move reduces network load for this scenario.');
});
