/// <reference lib="dom" />
/**
 * Page-side timing harness for the canvas benchmark. It keeps the adapter contract and the measurement
 * definitions of the canvasbench kit (../shared/bench/canvas/src/harness.js, README "What is measured"), so
 * the kit's maxGraph adapter runs unchanged on top of it (run.mjs bundles the kit's peer.js with its
 * `./harness.js` import pointed here). The difference is the input: the kit generates its own scene, this
 * harness opens Rackplane's fabric template and hands each adapter either the design (Rackplane) or that
 * design's scene converted to the kit's box/edge format (the peer, see ./workload.ts).
 *
 * run.mjs drives window.bench through page.evaluate().
 */
import type { Design } from '../../../../shared/model/design';
import { fabricDesign, toBenchWorkload, type BenchWorkload } from './workload';

export interface Adapter {
  name: string;
  version: string;
  /** 'design': build() gets the Rackplane design; otherwise the converted workload (the kit's contract). */
  input?: 'design' | 'workload';
  build(input: BenchWorkload | Design, container: HTMLElement): void | Promise<void>;
  pan(dx: number, dy: number): void;
  zoom(factor: number): void;
  endPan?(): void;
}

export interface FrameStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  fps: number;
}

declare global {
  interface Window {
    bench: unknown;
    gc?: () => void;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number };
  }
}

// Resolves once the next frame has been produced: rAF callbacks -> style/layout/paint -> next task.
const afterNextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
const heapMB = () => (performance.memory ? performance.memory.usedJSHeapSize / 2 ** 20 : null);

export function frameStats(ts: number[]): FrameStats {
  const iv = ts
    .slice(1)
    .map((t, i) => t - ts[i]!)
    .sort((a, b) => a - b);
  const q = (p: number) => iv[Math.min(iv.length - 1, Math.ceil(p * iv.length) - 1)]!;
  return { frames: iv.length, medianMs: q(0.5), p95Ms: q(0.95), maxMs: iv[iv.length - 1]!, fps: iv.length / ((ts[ts.length - 1]! - ts[0]!) / 1000) };
}

// Calls step(i) once per animation frame for `frames` frames (or until budgetMs is spent) and records the
// rAF timestamps; the interval between consecutive timestamps is the frame interval.
function drive(step: (i: number) => void, frames: number, budgetMs: number): Promise<number[]> {
  return new Promise((resolve) => {
    const ts: number[] = [];
    const tick = (now: number) => {
      ts.push(now);
      if (ts.length > frames || now - ts[0]! > budgetMs) return resolve(ts);
      step(ts.length - 1);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

export function install(adapter: Adapter): void {
  const el = document.getElementById('app')!;
  window.bench = {
    name: adapter.name,
    version: adapter.version,
    async build({ hosts, vms }: { hosts: number; vms: number }) {
      // Input data, not timed: the template (what File › New produces) and, for the peer, its conversion.
      // It lives only inside timedBuild, so the heap figure counts what the adapter keeps, not the harness's copy.
      const timedBuild = async () => {
        const design = fabricDesign(hosts, vms);
        const input = adapter.input === 'design' ? design : toBenchWorkload(design, hosts, vms);
        const counts = {
          elements: Object.keys(design.elements).length,
          links: Object.keys(design.links).length,
          boxes: 'nodes' in input ? input.nodes.length : Object.keys(design.elements).length,
          edges: 'edges' in input ? input.edges.length : Object.keys(design.links).length,
        };
        await afterNextFrame();
        // Tasks over 50 ms while the design opens (the browser's 'longtask' entries): the worst is how long the
        // window stood frozen at a time (issue #16: never more than 100 ms).
        const longTasks: number[] = [];
        const observer = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('longtask')
          ? new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)))
          : null;
        observer?.observe({ type: 'longtask' });
        const t0 = performance.now();
        await adapter.build(input, el);
        await afterNextFrame();
        const renderMs = performance.now() - t0;
        // Entries are delivered after the task that ends them: one more frame collects the last.
        await afterNextFrame();
        for (const e of observer?.takeRecords() ?? []) longTasks.push(e.duration);
        observer?.disconnect();
        const longTask = observer ? { longTaskMaxMs: Math.max(0, ...longTasks), longTasks: longTasks.length } : {};
        return { renderMs, ...longTask, ...counts };
      };
      const result = await timedBuild();
      if (window.gc) window.gc(); // needs --js-flags=--expose-gc; makes the heap figure "retained"
      await afterNextFrame();
      return { ...result, heapMB: heapMB(), domNodes: document.getElementsByTagName('*').length };
    },
    async pan({ frames = 120, dx = -4, dy = -2, budgetMs = 60000 } = {}) {
      await afterNextFrame();
      const ts = await drive(() => adapter.pan(dx, dy), frames, budgetMs);
      if (adapter.endPan) adapter.endPan();
      await afterNextFrame();
      return frameStats(ts);
    },
    // zoom out 15 frames, in 30 frames, out 15 frames: ends at the starting scale
    async zoom({ frames = 60, factor = 1.04, budgetMs = 60000 } = {}) {
      await afterNextFrame();
      const q = frames / 4;
      const ts = await drive((i) => adapter.zoom(i < q || i >= 3 * q ? 1 / factor : factor), frames, budgetMs);
      await afterNextFrame();
      return frameStats(ts);
    },
    // Overview for screenshots, using only the adapter interface: scale s, model origin at screen (8,8).
    async overview(s: number) {
      const cx = el.clientWidth / 2, cy = el.clientHeight / 2;
      adapter.zoom(s);
      adapter.pan(-cx * (1 - s) + 8, -cy * (1 - s) + 8);
      if (adapter.endPan) adapter.endPan();
      await afterNextFrame();
    },
  };
}
