/**
 * The file-reading worker thread (its own entry in electron.vite.config.mts, built beside main as
 * project-worker.js): receives one OpenRequest, reads it with open-job.ts's readRequest, posts the
 * outcome, and is then terminated by main. Only a message adapter.
 */
import { parentPort } from 'node:worker_threads';
import { readRequest, type OpenRequest } from './open-job';

const port = parentPort;
if (port) {
  port.once('message', (request: OpenRequest) => port.postMessage(readRequest(request)));
}
