#!/usr/bin/env node
'use strict';
// The checker is written in TypeScript and the package ships no build output, so the bin registers tsx's
// CommonJS loader first. tsx is a devDependency: `npm ci` installs it, which is what a marketing web
// team's CI runs. Exit code 70 means the loader (or something else internal) failed, not the page.
// Its one message lives in the CLI's catalogue as JSON, the only form plain Node reads without the loader.
try {
  require('tsx/cjs');
} catch {
  const messages = require('../src/guardrails/cli/loader-messages.json');
  const args = process.argv.slice(2);
  const fr = args.some((arg, i) => arg === '--lang=fr' || (arg === '--lang' && args[i + 1] === 'fr'));
  process.stderr.write(`tandem-check: ${fr ? messages.fr : messages.en}\n`);
  process.exit(70);
}
const { main } = require('../src/guardrails/cli/index.ts');
process.exitCode = main(process.argv.slice(2));
