/**
 * Scene build with link routing (shared/scene/cables.ts): fabrics of 100, 500 and 2,000 servers with 20 VMs each
 * (SCENE_BENCH_SIZES=2000,10000 for issue #16's sizes). For each size: the first build (empty route cache: every kind
 * of server and cable routed once), a rebuild (what a move or an add costs: routes come from the cache), the simple
 * routes alone (routeBetween for every link, the cost the scene had before routing went around boxes), and the build
 * as the canvas runs it for a large design (sceneSteps, a slice at a time; renderer/canvas/scene-cache.ts): its total
 * and its longest step, the longest the window can be held by scene code between two progress reports.
 * Builds are timed in wall and CPU time (the CPU time stretches far less than the wall time on a loaded machine), and
 * the load average is printed beside them. Fabrics of more than three racks lay racks out in rows, so their leaves
 * below the first row reach the spines through long trunk cables (shared/scene/cables.ts trunkRoute).
 * Prints; asserts nothing on time.
 * Run: node --import tsx test/bench/scene-routing.bench.ts (or npm run bench -- scene-routing).
 */
import { sceneOf, sceneSteps } from '../../shared/scene/scene';
import { routeBetween } from '../../shared/scene/routing';
import { makeTemplate } from '../../shared/templates';
import { loadavg } from 'node:os';
import { ms, table, time, timeWallCpu } from './timing';

const SIZES = (process.env.SCENE_BENCH_SIZES ?? '100,500,2000').split(',').map(Number);

/** Drives sceneSteps to the end, timing each step (from one progress report to the next). */
function sliced(d: Parameters<typeof sceneOf>[0]): { totalMs: number; longestMs: number; steps: number } {
  const steps = sceneSteps(d);
  const t0 = performance.now();
  let longestMs = 0;
  let n = 0;
  for (;;) {
    const s = performance.now();
    const r = steps.next();
    longestMs = Math.max(longestMs, performance.now() - s);
    n++;
    if (r.done) break;
  }
  return { totalMs: performance.now() - t0, longestMs, steps: n };
}

const rows: string[][] = [];
for (const hosts of SIZES) {
  const d = makeTemplate('fabric', { hosts, vmsPerHost: 20 });
  const c0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const scene = sceneOf(d);
  const first = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(c0);
  const firstCpu = (used.user + used.system) / 1000;
  const rebuild = timeWallCpu(() => sceneOf(d), 3);
  // The simple routes of the same link ends: the floor the obstacle-avoiding router adds to.
  const ends = scene.links.map((l) => [
    { x: l.points[0]!, y: l.points[1]!, side: 'bottom' as const },
    { x: l.points.at(-2)!, y: l.points.at(-1)!, side: 'top' as const },
  ]);
  const simple = time(() => ends.forEach(([a, b]) => routeBetween(a!, b!)), 3);
  const s = sliced(d);
  rows.push([
    `${hosts} servers`,
    String(scene.nodes.length),
    String(scene.links.length),
    `${ms(first)} / ${ms(firstCpu)}`,
    `${ms(rebuild.wallMs)} / ${ms(rebuild.cpuMs)}`,
    ms(simple.medianMs),
    ms(s.totalMs),
    `${ms(s.longestMs)} of ${s.steps}`,
  ]);
}
const load = loadavg().map((l) => l.toFixed(2)).join(', ');
process.stdout.write(`${table(['fabric', 'nodes', 'paths', 'first build wall / CPU', 'rebuild wall / CPU', 'simple routes only', 'sliced build', 'longest step'], rows)}\nload average at the end: ${load}\n`);
