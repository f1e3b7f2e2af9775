/**
 * The export worker thread (its own entry in electron.vite.config.mts, built beside main as export-worker.js):
 * receives one WorkerRequest, renders it with render.ts, posts progress, notes and the bytes, and is then
 * terminated by main. Started with a ValidateRequest as workerData instead (the CLI's diagram exports), it reads
 * that file and posts its validation (validate-job.ts). Only a message adapter; the work is in export-job.ts,
 * render.ts and validate-file.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runWorkerRequest, type WorkerRequest } from './export-job';
import type { ValidateRequest } from './validate-job';
import { validateFile } from './validate-file';

const port = parentPort;
const request = workerData as ValidateRequest | undefined;
if (port && request?.kind === 'validate') {
  port.postMessage(validateFile(request.path));
} else if (port) {
  port.once('message', (r: WorkerRequest) => {
    void runWorkerRequest(r, (m, transfer) => port.postMessage(m, transfer ?? []));
  });
}
