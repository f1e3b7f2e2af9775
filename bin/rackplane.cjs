#!/usr/bin/env node
'use strict';
// The package's `rackplane` command. The CLI itself is TypeScript bundled by electron-vite into out/main/cli.js;
// this launcher only finds it, so a fresh checkout gets a clear next step instead of a module-not-found trace.
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const cli = join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`rackplane: the CLI is not built yet: run npm run build in ${root}\n`);
  process.exit(2);
}
require(cli);
