/**
 * The project worker thread (its own entry in electron.vite.config.mts, built beside main as project-worker.js):
 * a message adapter. An OpenRequest is read with open-job.ts's readRequest; a WriteRequest (checking and saving a
 * design, design-writer.ts) is handled step by step (a design arrives in parts), and the temp file a save is about to write is announced first
 * as a side note, so main can remove it if it has to stop this thread. Main terminates the thread when it is done.
 */
import { parentPort } from 'node:worker_threads';
import { DesignWriter, isWriteRequest } from './design-writer';
import { readRequest, type OpenRequest } from './open-job';

const port = parentPort;
if (port) {
  const writer = new DesignWriter((temp) => port.postMessage({ note: { temp } }));
  port.on('message', (request: unknown) => {
    const reply = isWriteRequest(request) ? writer.handle(request) : readRequest(request as OpenRequest);
    // A part of a design being sent gets no reply.
    if (reply !== null) port.postMessage(reply);
  });
}
