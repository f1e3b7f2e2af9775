/** A reader that never answers (busy forever), standing in for a file built to stall SQLite or the JSON parser. */
import { parentPort } from 'node:worker_threads';

parentPort?.once('message', () => {
  for (;;) {
    // spin: only terminating the thread stops this
  }
});
