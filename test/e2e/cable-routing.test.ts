/**
 * Cables seen end to end (issue #14 items 1 and 2): in the single-host and rack templates, a NIC's cable is drawn
 * inside its server from the NIC port to the server's edge and on to the switch port, around the boxes it does not
 * connect, with the port names at its ends. The test reads the canvas pixels along the cable's inside part (the
 * stretch that used to be hidden beneath the server) and leaves screenshots to look at in test/e2e/__screenshots__/.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { makeTemplate } from '../../shared/templates';
import { sceneOf } from '../../shared/scene/scene';
import { PALETTES } from '../../shared/scene/palette';
import type { Design } from '../../shared/model/design';
import type { AppHarness } from './harness/app';
import { useAppPerTest } from './harness/lifecycle';
import { newFromTemplate, screenshot, selectInOutline } from './harness/ui';

let app: AppHarness;
useAppPerTest((a) => (app = a), () => app);

const canvas = (page: Page) => page.getByTestId('canvas');

/** Waits until the canvas is settled: validation done, the pointer off it, two frames drawn. */
async function settle(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('status-problems').getAttribute('data-state')).toBe('ready');
  await page.mouse.move(1, 1);
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** World → page transform of the view, from where the canvas draws a selected element of known world box. */
async function transformOf(page: Page, design: Design, name: string): Promise<(x: number, y: number) => [number, number]> {
  await selectInOutline(page, name);
  const el = Object.values(design.elements).find((e) => e.name === name)!;
  const s = sceneOf(design);
  const n = s.nodes[s.nodeIndex.get(el.id)!]!;
  const [sx, sy, sw] = (await canvas(page).getAttribute('data-selection-rect'))!.split(',').map(Number) as [number, number, number];
  const box = (await canvas(page).boundingBox())!;
  const k = sw / n.w;
  return (x, y) => [box.x + sx + (x - n.x) * k, box.y + sy + (y - n.y) * k];
}

const hex = (c: string): [number, number, number] => [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];

/** How many of the pixels within 1 px of (x, y) have the colour `rgb` (±40 per channel: antialiasing). */
function near(png: PNG, x: number, y: number, rgb: [number, number, number]): number {
  let hits = 0;
  for (let dx = -1; dx <= 1; dx++) {
    for (let dy = -1; dy <= 1; dy++) {
      const i = (Math.round(y + dy) * png.width + Math.round(x + dx)) * 4;
      if (rgb.every((c, k) => Math.abs(png.data[i + k]! - c) <= 40)) hits++;
    }
  }
  return hits;
}

/**
 * Checks in `shot` that the inside part of every NIC cable of `server` is painted: at the middle of each of its runs
 * (inside the server, where the cable used to be covered) the cable's colour shows.
 */
function expectInsidePartsPainted(shot: string, design: Design, server: string, toPage: (x: number, y: number) => [number, number]): number {
  const png = PNG.sync.read(readFileSync(shot));
  const blue = hex(PALETTES.light['link.ethernet']);
  let checked = 0;
  for (const l of sceneOf(design).links) {
    const link = design.links[l.id]!;
    if (l.part !== 'inside' || ![link.a.element, link.b.element].some((e) => design.elements[e]!.parent === server)) continue;
    for (let k = 0; k + 3 < l.points.length; k += 2) {
      const [x, y] = toPage((l.points[k]! + l.points[k + 2]!) / 2, (l.points[k + 1]! + l.points[k + 3]!) / 2);
      expect(near(png, x, y, blue), `${l.id} is painted at (${Math.round(x)}, ${Math.round(y)}) in ${shot}`).toBeGreaterThan(0);
      checked++;
    }
  }
  return checked;
}

test('single host: both NIC cables are drawn inside the server and up to the ToR, with their port names', async () => {
  const { page } = app;
  await newFromTemplate(page, 'single-host', { vms: 4 });
  await expect.poll(() => page.getByTestId('status-zoom').textContent()).toBe('100%');
  const design = makeTemplate('single-host', { vmsPerHost: 4 });
  const toPage = await transformOf(page, design, 'esx-r01-h001');
  // The selection outline would cover the cable where it crosses the server's edge.
  await canvas(page).focus();
  await page.keyboard.press('Escape');
  await settle(page);
  // Links are counted once each, however many parts a cable is drawn in.
  expect(await page.getByTestId('status-counts').textContent()).toMatch(new RegExp(`\\b${Object.keys(design.links).length} links\\b`));
  expect(Number(await canvas(page).getAttribute('data-link-labels'))).toBeGreaterThan(0);
  const shot = await screenshot(page, 'cable-routing-single-host');
  expect(expectInsidePartsPainted(shot, design, 'r01.h001', toPage)).toBeGreaterThanOrEqual(4);
});

test('rack: every server shows its cables leaving its edge toward the ToR pair, around the other servers', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 4, vms: 6 });
  const design = makeTemplate('rack', { hosts: 4, vmsPerHost: 6 });
  await settle(page);
  await screenshot(page, 'cable-routing-rack-fit');
  // Up close on the first server and the switches above it, where the labels are legible.
  await selectInOutline(page, 'esx-r01-h001');
  await canvas(page).focus();
  await page.keyboard.press('.');
  const toPage = await transformOf(page, design, 'esx-r01-h001');
  await canvas(page).focus();
  await page.keyboard.press('Escape');
  await settle(page);
  expect(Number(await canvas(page).getAttribute('data-link-labels'))).toBeGreaterThan(0);
  const shot = await screenshot(page, 'cable-routing-rack-server');
  expect(expectInsidePartsPainted(shot, design, 'r01.h001', toPage)).toBeGreaterThanOrEqual(4);
});

test('the rack template zoomed to fit and at 100 % on its ToRs: bundles in port order, speeds and port names shown', async () => {
  const { page } = app;
  await newFromTemplate(page, 'rack', { hosts: 8, vms: 10 });
  await settle(page);
  await screenshot(page, 'cable-routing-rack8-fit');
  // 100 % on the ToR pair: the bundles' fan-in under the switches, with their speeds and port names.
  await selectInOutline(page, 'r01-tor-a');
  await canvas(page).focus();
  await page.keyboard.press('.');
  await expect.poll(() => page.getByTestId('status-zoom').textContent()).toBe('100%');
  await page.keyboard.press('Escape');
  await settle(page);
  expect(Number(await canvas(page).getAttribute('data-link-labels'))).toBeGreaterThan(0);
  await screenshot(page, 'cable-routing-rack8-100');
});

test('the single-host template at 100 % and zoomed to fit', async () => {
  const { page } = app;
  const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
  await newFromTemplate(page, 'single-host', { vms: 4 });
  await settle(page);
  await screenshot(page, 'cable-routing-single-host-100');
  await canvas(page).focus();
  await page.keyboard.press(`${mod}+0`);
  await settle(page);
  // One server fits the window at full size: zoom to fit stops at 100 % rather than blow the drawing up.
  expect(await page.getByTestId('status-zoom').textContent()).toBe('100%');
  await screenshot(page, 'cable-routing-single-host-fit');
});
