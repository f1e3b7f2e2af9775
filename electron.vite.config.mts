import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const __dirname = dirname(fileURLToPath(import.meta.url));
// RACKPLANE_OUT lets a developer (or a parallel test run) build into another folder than out/; the e2e harness
// and CLI tests read the same variable. Packaging always uses out/ (electron-builder's files list).
const OUT = process.env.RACKPLANE_OUT ?? 'out';

// The renderer's CSP meta tag matches main's production header. Under `electron-vite dev` the React
// plugin injects an inline refresh preamble and Vite opens an HMR websocket, which that tag would block;
// main sends a relaxed header in dev (electron/app/protocol.ts devCsp), so the dev server drops the tag.
function devCspFromHeaderOnly(): Plugin {
  return {
    name: 'rackplane:dev-csp-from-header',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ''),
  };
}

// One build for the three targets: main (+ the CLI, which shares its handlers), preload, renderer.
export default defineConfig({
  main: {
    build: {
      outDir: `${OUT}/main`,
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          // File ▸ Export… renders in a worker thread started by main (electron/export/export-job.ts).
          'export-worker': resolve(__dirname, 'electron/export/export-worker.ts'),
          // Open and import read untrusted files in a worker thread with a deadline (electron/project/open-job.ts).
          'project-worker': resolve(__dirname, 'electron/project/project-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: `${OUT}/preload`,
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/preload.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react(), devCspFromHeaderOnly()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(__dirname, OUT, 'renderer'),
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
