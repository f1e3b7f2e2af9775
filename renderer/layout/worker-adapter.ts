/**
 * The layout worker's message handling, without the worker global: `serveLayout` runs `arrange` with the
 * ELK engine it is given for each request, posts progress per server and the result, and turns any
 * exception into one line. The worker entry (renderer/workers/layout.worker.ts) only wires it to `self`.
 * Cancelling terminates the worker (ELK is synchronous inside a run), so there is no cancel message.
 */
import { arrange, type LayoutEngine } from '../../shared/layout';
import type { MessageEndpoint } from '../simulation/protocol';
import { oneLine } from '../simulation/protocol';
import { toWire, type LayoutRequest, type LayoutResponse } from './protocol';

/** Progress is posted at most this often (ms), plus at the start and the end. */
export const PROGRESS_INTERVAL_MS = 50;

export function serveLayout(port: MessageEndpoint<LayoutRequest, LayoutResponse>, engine: LayoutEngine, now: () => number = () => performance.now()): void {
  port.addEventListener('message', ({ data }) => {
    if (!data || data.type !== 'run') return;
    const { id, design, selection } = data;
    const started = now();
    let lastPost = -Infinity;
    arrange(design, engine, {
      selection: selection ?? undefined,
      onProgress: (done, total) => {
        const t = now();
        if (done > 0 && done < total && t - lastPost < PROGRESS_INTERVAL_MS) return;
        lastPost = t;
        port.postMessage({ type: 'progress', id, done, total });
      },
    }).then(
      (r) => port.postMessage({ type: 'result', id, arrangement: toWire(r), seconds: (now() - started) / 1000 }),
      (e: unknown) => port.postMessage({ type: 'error', id, message: `Automatic layout failed: ${oneLine(e)}` }),
    );
  });
}
