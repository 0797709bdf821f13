#!/usr/bin/env node
'use strict';
// The checker is written in TypeScript and the package ships no build output, so the bin registers tsx's
// CommonJS loader first. tsx is a devDependency: `npm ci` installs it, which is what a marketing web
// team's CI runs. Exit code 70 means the loader (or something else internal) failed, not the page.
try {
  require('tsx/cjs');
} catch {
  process.stderr.write(
    'tandem-check: internal error: the TypeScript loader "tsx" is not installed; run `npm ci` (with dev dependencies) first.\n'
  );
  process.exit(70);
}
const { main } = require('../src/guardrails/cli/index.ts');
process.exitCode = main(process.argv.slice(2));
