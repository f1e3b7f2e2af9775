/** Starts the validation worker: a module worker Vite bundles from renderer/workers/validation.worker.ts. */
import type { WorkerLike } from './client';
import type { ValidationRequest, ValidationResponse } from './protocol';

export function startValidationWorker(): WorkerLike {
  const w = new Worker(new URL('../workers/validation.worker.ts', import.meta.url), { type: 'module', name: 'validation' });
  const like: WorkerLike = {
    postMessage: (msg: ValidationRequest) => w.postMessage(msg),
    terminate: () => w.terminate(),
    onmessage: null,
    onerror: null,
  };
  w.onmessage = (e: MessageEvent<ValidationResponse>) => like.onmessage?.({ data: e.data });
  // A worker script that fails to load or throws outside the handler; also a message that cannot be cloned.
  w.onerror = (e) => like.onerror?.({ message: e.message, preventDefault: () => e.preventDefault() });
  w.onmessageerror = () => like.onerror?.({ message: 'a validation answer could not be read' });
  return like;
}
