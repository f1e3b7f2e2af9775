/**
 * The export worker thread (its own entry in electron.vite.config.mts, built beside main as export-worker.js):
 * receives one WorkerRequest, renders it with render.ts, posts progress, notes and the bytes, and is then
 * terminated by main. Only a message adapter; the work is in export-job.ts and render.ts.
 */
import { parentPort } from 'node:worker_threads';
import { runWorkerRequest, type WorkerRequest } from './export-job';

const port = parentPort;
if (port) {
  port.once('message', (request: WorkerRequest) => {
    void runWorkerRequest(request, (m, transfer) => port.postMessage(m, transfer ?? []));
  });
}
