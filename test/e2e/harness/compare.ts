/**
 * Screenshot comparison against committed baselines (test/e2e/baselines/*.png). A view is captured to
 * test/e2e/__screenshots__/<name>.png as every e2e screenshot is; when more than `maxDiffRatio` of its pixels
 * differ from the baseline, a diff image (<name>.diff.png, differing pixels in red over a faded copy) is written
 * next to it and the test fails.
 *
 * Updating: look at the new screenshot first, then run the test with RACKPLANE_UPDATE_BASELINES=1; the
 * screenshot becomes the baseline (review the PNG in the commit like code).
 *
 * Baselines hold for one Chromium build and its fonts (Debian's /usr/bin/chromium and fonts here): another
 * rasteriser shifts glyph edges everywhere. The failure message names the Chromium version that ran.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Locator, Page } from 'playwright-core';
import { ROOT, SCREENSHOT_DIR } from './app';

export const BASELINE_DIR = join(ROOT, 'test/e2e/baselines');
export const UPDATE_ENV = 'RACKPLANE_UPDATE_BASELINES';

/**
 * Default share of pixels allowed to differ: 0.02 % (about 140 pixels of an 816×835 canvas, a 12×12 patch).
 * Same-build renders of these views are pixel-identical (measured: 0 differing pixels over repeated runs),
 * so the margin only absorbs a stray edge pixel. Small real changes cost more: a 9 px "2×25G" label added
 * beside a cable measured 195 pixels (0.029 %), and a moved or resized box changes every pixel of its outline.
 */
export const DEFAULT_MAX_DIFF_RATIO = 0.0002;

export interface CompareOptions {
  /** Share of pixels (0..1) that may differ before the comparison fails. */
  maxDiffRatio?: number;
  /** Per-pixel colour distance (pixelmatch threshold, 0..1) below which two pixels count as equal. */
  threshold?: number;
  /** Where the baselines are (tests of this helper point it at a temp folder). */
  baselineDir?: string;
}

export interface CompareResult {
  screenshot: string;
  baseline: string;
  diffPixels: number;
  ratio: number;
  /** True when the baseline was (re)written from this screenshot. */
  updated: boolean;
}

const rel = (p: string) => relative(ROOT, p);

/** Pixels differing between two PNG files of the same size, and the diff image; a size change is reported as such. */
export function comparePngs(actualPath: string, baselinePath: string, threshold: number): { diffPixels: number; total: number; diff: PNG } | { sizeMismatch: string } {
  const actual = PNG.sync.read(readFileSync(actualPath));
  const expected = PNG.sync.read(readFileSync(baselinePath));
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return { sizeMismatch: `${actual.width}×${actual.height}, the baseline is ${expected.width}×${expected.height}` };
  }
  const { width, height } = actual;
  const diff = new PNG({ width, height });
  // Anti-aliased pixels count: pixelmatch's detector would otherwise excuse most 1 px outlines and glyph
  // edges of a diagram, so a moved box or a changed label could pass. Renders here are deterministic.
  const diffPixels = pixelmatch(actual.data, expected.data, diff.data, width, height, { threshold, includeAA: true });
  return { diffPixels, total: width * height, diff };
}

/**
 * Captures `target` (a page or an element such as the canvas) as <name>.png and compares it with the baseline.
 * Throws, with the diff's path, the share that differed and the Chromium version, when it does not match.
 */
export async function expectMatchesBaseline(page: Page, target: Page | Locator, name: string, opts: CompareOptions = {}): Promise<CompareResult> {
  const maxDiffRatio = opts.maxDiffRatio ?? DEFAULT_MAX_DIFF_RATIO;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const screenshot = join(SCREENSHOT_DIR, `${name}.png`);
  const baselineDir = opts.baselineDir ?? BASELINE_DIR;
  const baseline = join(baselineDir, `${name}.png`);
  const diffPath = join(SCREENSHOT_DIR, `${name}.diff.png`);
  // No caret, no running CSS transitions: the same state always paints the same pixels.
  await target.screenshot({ path: screenshot, animations: 'disabled', caret: 'hide' });
  const chromium = `Chromium ${page.context().browser()?.version() ?? 'unknown'}`;

  if (process.env[UPDATE_ENV] === '1') {
    mkdirSync(baselineDir, { recursive: true });
    copyFileSync(screenshot, baseline);
    return { screenshot, baseline, diffPixels: 0, ratio: 0, updated: true };
  }
  if (!existsSync(baseline)) {
    throw new Error(`No baseline ${rel(baseline)}: look at ${rel(screenshot)}, then run again with ${UPDATE_ENV}=1 to adopt it (${chromium})`);
  }
  const r = comparePngs(screenshot, baseline, opts.threshold ?? 0.1);
  if ('sizeMismatch' in r) {
    throw new Error(`${name}: the screenshot is ${r.sizeMismatch} (${rel(screenshot)}); if the layout change is intended, update with ${UPDATE_ENV}=1 (${chromium})`);
  }
  const ratio = r.diffPixels / r.total;
  if (ratio > maxDiffRatio) {
    writeFileSync(diffPath, PNG.sync.write(r.diff));
    throw new Error(
      `${name}: ${r.diffPixels} pixels (${(ratio * 100).toFixed(3)} %) differ from ${rel(baseline)}, more than the ${(maxDiffRatio * 100).toFixed(3)} % allowed; ` +
        `see ${rel(diffPath)} (red = changed) and ${rel(screenshot)}. Baselines were made with this project's Debian Chromium and fonts; ` +
        `this run used ${chromium}. If the change is intended, look at the screenshot and update with ${UPDATE_ENV}=1.`,
    );
  }
  return { screenshot, baseline, diffPixels: r.diffPixels, ratio, updated: false };
}
