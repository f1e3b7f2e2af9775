/**
 * The large fault-injection run of issue #17 (not part of `npm test`, which runs a few hundred variants in
 * test/unit/electron/fault-injection.test.ts):
 *
 * 1. `variants` damaged and hostile variants of one project (test/unit/electron/support/fault-variants.ts),
 *    opened in a worker thread; a variant that takes longer than 5 s is a hang (the worker is terminated
 *    and the run goes on with the next one).
 * 2. `kills` saves killed with SIGKILL at random moments (a child process saving over one file); after each,
 *    the file must open to a whole generation (else it is lost), and after the next save no temp file may be left.
 *
 * Prints the counts and exits 1 when there is a hang, a silently accepted change, a throw, a lost file or a
 * leftover temp file.
 *
 *   node --import tsx scripts/fault-injection.ts [variants=10000] [kills=100] [seed=17]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { openProject, saveProject } from '../electron/project/store';
import { classify, makeBase, variant, type Verdict } from '../test/unit/electron/support/fault-variants';
import { largeDesign } from '../test/unit/electron/support/large-design';

const HANG_MS = 5000;
const KILL_HOSTS = 60;
const ROOT = join(__dirname, '..');

interface Job {
  seed: number;
  from: number;
  to: number;
  dir: string;
}
type Report = { index: number; verdict: Verdict; ms: number; label: string; detail: string };

if (!isMainThread) {
  // Worker: classify variants [from, to) and report each one.
  const job = workerData as Job;
  const base = makeBase(job.dir);
  const file = join(job.dir, 'variant.rackplane');
  for (let i = job.from; i < job.to; i++) {
    parentPort!.postMessage({ started: i });
    const v = variant(base.bytes, job.seed, i, job.dir);
    writeFileSync(file, v.bytes);
    const start = performance.now();
    const { verdict, detail } = classify(file, base);
    rmSync(join(job.dir, `edit-${i}.rackplane`), { force: true });
    parentPort!.postMessage({ index: i, verdict, ms: performance.now() - start, label: v.label, detail } satisfies Report);
  }
  parentPort!.postMessage({ done: true });
} else {
  void main();
}

/** Runs variants [from, to) in one worker; resolves with the index to resume from (after a hang) or `to`. */
function runWorker(job: Job, onReport: (r: Report) => void, onHang: (index: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(ROOT, 'test/unit/electron/support/ts-worker.mjs'), { argv: [__filename], workerData: job });
    let current = job.from;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        onHang(current);
        void worker.terminate().then(() => resolve(current + 1));
      }, HANG_MS + 5000 /* worker start-up for the first one */ * Number(current === job.from));
    };
    worker.on('message', (m: { started?: number; done?: boolean } & Partial<Report>) => {
      if (m.started !== undefined) {
        current = m.started;
        arm();
      } else if (m.done) {
        clearTimeout(timer);
        void worker.terminate().then(() => resolve(job.to));
      } else onReport(m as Report);
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    arm();
  });
}

async function injectVariants(count: number, seed: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = { refused: 0, flagged: 0, unchanged: 0, silent: 0, threw: 0, hang: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'rackplane-fi-'));
  let slowest = 0;
  try {
    let from = 0;
    while (from < count) {
      from = await runWorker(
        { seed, from, to: count, dir },
        (r) => {
          counts[r.verdict]!++;
          slowest = Math.max(slowest, r.ms);
          if (r.ms > HANG_MS) counts.hang!++;
          if (r.verdict === 'silent' || r.verdict === 'threw') console.log(`  #${r.index} ${r.label}: ${r.verdict}: ${r.detail}`);
        },
        (index) => {
          counts.hang!++;
          console.log(`  #${index}: no answer within ${HANG_MS} ms (hang)`);
        },
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  counts.slowestMs = Math.round(slowest);
  return counts;
}

/** One save loop killed at a random moment; resolves with the number of saves it completed. */
function killOnce(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/unit/electron/support/save-loop.ts'), target, String(KILL_HOSTS)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let saved = 0;
    let armed = false;
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      for (const line of b.toString().split('\n')) {
        const m = /^saved (\d+)$/.exec(line);
        if (m) saved = Number(m[1]);
      }
      if (!armed && saved >= 1) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 150);
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(saved) : reject(new Error(`save loop exited (code ${code}): ${stderr.trim()}`))));
  });
}

async function injectKills(kills: number): Promise<Record<string, number>> {
  const counts = { kills: 0, lost: 0, debrisAfterKill: 0, leftoverTempFiles: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'rackplane-kills-'));
  const target = join(dir, 'busy.rackplane');
  try {
    saveProject(target, largeDesign({ hosts: KILL_HOSTS, tag: 'original' }));
    for (let k = 0; k < kills; k++) {
      await killOnce(target);
      counts.kills++;
      counts.debrisAfterKill += readdirSync(dir).length - 1;
      const r = openProject(target);
      const tag = r.ok ? r.design.meta.description : '';
      if (!r.ok || !(tag === 'original' || tag === 'after' || /^gen-\d+$/.test(tag))) {
        counts.lost++;
        console.log(`  kill #${k + 1}: ${r.ok ? `unexpected content “${tag}”` : r.reason}`);
      }
      // The next save must leave nothing but the project.
      saveProject(target, largeDesign({ hosts: KILL_HOSTS, tag: 'after' }));
      const left = readdirSync(dir).filter((n) => n !== 'busy.rackplane');
      counts.leftoverTempFiles += left.length;
      if (left.length) console.log(`  kill #${k + 1}: left ${left.join(', ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return counts;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const kills = Number(process.argv[3] ?? 100);
  const seed = Number(process.argv[4] ?? 17);
  const t0 = Date.now();
  console.log(`fault injection: ${count} variants (seed ${seed}), ${kills} kills`);
  const v = await injectVariants(count, seed);
  console.log(`variants: ${count}  refused ${v.refused}  flagged read-only ${v.flagged}  unchanged ${v.unchanged}  hangs ${v.hang}  silently accepted changes ${v.silent}  threw ${v.threw}  (slowest open ${v.slowestMs} ms)`);
  const k = await injectKills(kills);
  console.log(`kills: ${k.kills}  lost files ${k.lost}  temp files present right after a kill ${k.debrisAfterKill}  leftover temp files after the next save ${k.leftoverTempFiles}`);
  console.log(`took ${Math.round((Date.now() - t0) / 1000)} s`);
  process.exit(v.hang || v.silent || v.threw || k.lost || k.leftoverTempFiles ? 1 : 0);
}
