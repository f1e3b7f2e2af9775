/** The validation worker: only adapts messages; the work is in validation/worker-handler.ts. */
import type { ValidationRequest, ValidationResponse } from '../validation/protocol';
import { createValidationHandler } from '../validation/worker-handler';

// The renderer's tsconfig uses the DOM lib (not WebWorker, which conflicts with it); this is the part of a
// dedicated worker's global scope used here.
const scope = self as unknown as { postMessage(msg: ValidationResponse): void; onmessage: ((e: MessageEvent<ValidationRequest>) => void) | null };

const handle = createValidationHandler((msg) => scope.postMessage(msg));
scope.onmessage = (e) => handle(e.data);
