/**
 * How long a save holds main's event loop (issue #17): `project:save` and `project:autosave` through the IPC
 * handlers, once with the check and write inline on main (what every save did before: the baseline) and once in the
 * project worker (design-write-job.ts). Printed per size: the save's wall time and the longest gap between turns of
 * main's event loop while it ran (a window's IPC, menus and other windows wait that long). Sizes: the fabric at
 * 2,000 hosts × 20 VMs and, with RACKPLANE_BENCH_LARGE=1, 10,000 hosts. The worker runs from TypeScript through a
 * loader here (the app runs the built JavaScript), so its start-up is slower than in the app.
 *
 * Run: node --import tsx test/bench/save-main-thread.bench.ts (or npm run bench -- save-main-thread). Asserts nothing on time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../../electron/ipc/handlers';
import { designToDocument } from '../../shared/formats/topology';
import { makeTemplate } from '../../shared/templates';
import { fakeDeps } from '../unit/electron/support/fake-deps';
import { table } from './timing';

const SIZES = process.env.RACKPLANE_BENCH_LARGE === '1' ? [2000, 10000] : [2000];
const LOADER = join(__dirname, '../unit/electron/support/ts-worker.mjs');
const WORKER = join(__dirname, '../../electron/project/project-worker.ts');

/** Wall time of `work` and the longest gap between turns of the event loop meanwhile (10 ms timer ticks). */
async function measure(work: () => Promise<unknown>): Promise<{ wallMs: number; stallMs: number }> {
  let last = performance.now();
  let stall = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
    if (running) setTimeout(tick, 10);
  };
  setTimeout(tick, 10);
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  running = false;
  // The gap that ends when the work returns counts too.
  stall = Math.max(stall, performance.now() - last);
  return { wallMs, stallMs: stall };
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  for (const hosts of SIZES) {
    const design = makeTemplate('fabric', { hosts, vmsPerHost: 20 });
    const document = designToDocument(design);
    const elements = Object.keys(design.elements).length;
    for (const mode of ['inline (before)', 'worker'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'rackplane-bench-save-'));
      try {
        const deps = fakeDeps(join(dir, 'userData'));
        if (mode === 'worker') Object.assign(deps, { projectWorker: LOADER, projectWorkerArgv: [WORKER] });
        const h = createHandlers(deps);
        deps.answers.push(join(dir, 'fabric.rackplane'));
        const save = await measure(async () => {
          const r = await h['project:save']({ document, saveAs: false });
          if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
        });
        const autosave = await measure(async () => {
          const r = await h['project:autosave']({ document });
          if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
        });
        rows.push([`${hosts} hosts (${elements} elements)`, mode, `${(save.wallMs / 1000).toFixed(2)} s`, `${(save.stallMs / 1000).toFixed(2)} s`, `${(autosave.wallMs / 1000).toFixed(2)} s`, `${(autosave.stallMs / 1000).toFixed(2)} s`]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  process.stdout.write(table(['design', 'save runs', 'save wall', 'longest main stall', 'autosave wall', 'longest main stall'], rows) + '\n');
  process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
}

void main();
