/**
 * A project worker whose save stalls after creating its temp file (as a save of a design too large for the deadline
 * would): it checks the design as the real worker does, announces and creates the temp file beside the target, then
 * spins until main terminates it. What main must do then is remove that temp file.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { tempPathFor } from '../../../../electron/fs/atomic';
import { DesignWriter, type WriteRequest } from '../../../../electron/project/design-writer';

const port = parentPort!;
const writer = new DesignWriter();
port.on('message', (request: WriteRequest) => {
  if (request.kind !== 'write:project') {
    const reply = writer.handle(request);
    if (reply !== null) port.postMessage(reply);
    return;
  }
  const tmp = tempPathFor(request.path);
  port.postMessage({ note: { temp: tmp } });
  writeFileSync(tmp, 'half a project', { flag: 'wx' });
  for (;;) {
    // stalls: only terminating the thread stops this
  }
});
