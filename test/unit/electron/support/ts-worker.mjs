// Runs a TypeScript worker entry from source (tests only; the app runs the built JavaScript):
// new Worker('ts-worker.mjs', { argv: ['path/to/entry.ts'], workerData }).
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
createRequire(import.meta.url)(process.argv[2]);
