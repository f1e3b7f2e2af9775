/**
 * A deadline for reading a project in process, for the CLI. better-sqlite3 offers no progress handler or interrupt,
 * and a SQLite statement cannot be stopped from JavaScript: terminating a worker thread stuck in one never completes,
 * and the process then cannot exit either (measured with a recursive CTE: Worker.terminate(), process.exit() and an
 * unref'd worker all wait for the statement). The schema check (open-guard.ts) is what keeps such a statement from
 * ever being prepared on a project; this is the bound behind it: a watchdog thread, started once, that the reading
 * thread arms before a read and disarms after. If a read outlives its deadline, the watchdog writes the one-line
 * reason to standard error and ends the process (SIGKILL: nothing else can end a thread inside SQLite). Only a
 * process that is one command run (the CLI) may use it; the app reads in a worker with a deadline (open-job.ts).
 */
import { Worker } from 'node:worker_threads';

const MESSAGE_BYTES = 2048;

// Slots of the shared state: armed (0/1), arming count, deadline in ms, message length.
const ARMED = 0;
const GENERATION = 1;
const DEADLINE = 2;
const LENGTH = 3;

/** Plain JavaScript (the CLI is one bundle; this runs as its own small thread without a file of its own). */
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const state = new Int32Array(workerData.state);
const text = new Uint8Array(workerData.text);
for (;;) {
  Atomics.wait(state, ${ARMED}, 0);
  const generation = Atomics.load(state, ${GENERATION});
  const outcome = Atomics.wait(state, ${ARMED}, 1, Atomics.load(state, ${DEADLINE}));
  if (outcome === 'timed-out' && Atomics.load(state, ${ARMED}) === 1 && Atomics.load(state, ${GENERATION}) === generation) {
    writeSync(2, text.slice(0, Atomics.load(state, ${LENGTH})));
    process.kill(process.pid, 'SIGKILL');
  }
}`;

let watchdog: { state: Int32Array; text: Uint8Array } | null = null;

function started(): { state: Int32Array; text: Uint8Array } {
  if (!watchdog) {
    const state = new Int32Array(new SharedArrayBuffer(4 * 4));
    const text = new Uint8Array(new SharedArrayBuffer(MESSAGE_BYTES));
    // unref: an idle watchdog (waiting to be armed) never keeps the process alive.
    new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { state: state.buffer, text: text.buffer } }).unref();
    watchdog = { state, text };
  }
  return watchdog;
}

/** Runs `read` (synchronous); if it takes longer than `ms`, prints `message` (a whole line) on stderr and ends the process. */
export function withReadWatchdog<T>(ms: number, message: string, read: () => T): T {
  const { state, text } = started();
  const bytes = Buffer.from(message.endsWith('\n') ? message : `${message}\n`).subarray(0, MESSAGE_BYTES);
  text.set(bytes);
  Atomics.store(state, LENGTH, bytes.length);
  Atomics.store(state, DEADLINE, ms);
  Atomics.add(state, GENERATION, 1);
  Atomics.store(state, ARMED, 1);
  Atomics.notify(state, ARMED);
  try {
    return read();
  } finally {
    Atomics.store(state, ARMED, 0);
    Atomics.notify(state, ARMED);
  }
}
