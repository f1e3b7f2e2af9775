/** The layout worker: ELK runs here, in this thread, behind the message adapter (renderer/layout/worker-adapter.ts). */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { LayoutRequest, LayoutResponse } from '../layout/protocol';
import type { MessageEndpoint } from '../simulation/protocol';
import { serveLayout } from '../layout/worker-adapter';

// Loaded in a worker, elk.bundled.js also installs itself as `self.onmessage` to serve ELK's own worker
// protocol; this worker speaks ours, so that handler must not see (and answer) our messages.
self.onmessage = null;
// Without a workerFactory the bundled ELK lays out in the calling thread (no nested worker).
const elk = new ELK();

serveLayout(self as unknown as MessageEndpoint<LayoutRequest, LayoutResponse>, (graph) => elk.layout(graph));
