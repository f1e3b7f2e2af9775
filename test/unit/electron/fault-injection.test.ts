// Issue #17 item 7: seeded fault injection in `npm test`. Damaged (bit flips, scribbles, truncations) and
// hostile (views, triggers, virtual tables, altered tables, edited rows) variants of one project are opened
// in-process: each must be refused with one line, opened with the damage warning, or open unchanged; none may
// hang, throw, or open with different content and no warning. scripts/fault-injection.ts runs the large version.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, makeBase, variant, type Verdict } from './support/fault-variants';
import { useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-fault-');
const SEED = 17;
const VARIANTS = 360;
/** Far above a normal open of this file (tens of milliseconds): a variant slower than this counts as a hang. */
const HANG_MS = 2000;

describe('fault injection', () => {
  it(`${VARIANTS} damaged and hostile variants: no hang, no throw, no silently accepted change`, () => {
    const dir = tempDir();
    const base = makeBase(dir);
    const counts: Record<Verdict | 'hang', number> = { refused: 0, flagged: 0, unchanged: 0, silent: 0, threw: 0, hang: 0 };
    const defects: string[] = [];
    const file = join(dir, 'variant.rackplane');
    for (let i = 0; i < VARIANTS; i++) {
      const v = variant(base.bytes, SEED, i, dir);
      writeFileSync(file, v.bytes);
      const start = performance.now();
      const { verdict, detail } = classify(file, base);
      const ms = performance.now() - start;
      counts[verdict]++;
      if (ms > HANG_MS) counts.hang++;
      if (verdict === 'silent' || verdict === 'threw' || ms > HANG_MS) defects.push(`#${i} ${v.label}: ${verdict} in ${Math.round(ms)} ms ${detail}`);
    }
    expect(defects).toEqual([]);
    // Every kind of outcome occurs, so the variants exercise all three paths.
    expect(counts.refused).toBeGreaterThan(50);
    expect(counts.flagged).toBeGreaterThan(20);
    expect(counts.unchanged).toBeGreaterThan(20);
  }, 60_000);
});
