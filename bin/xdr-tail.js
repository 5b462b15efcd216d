#!/usr/bin/env node
// Runs the compiled CLI (npm install / npm ci builds it through the "prepare" script).
import('../out/main/cli/index.js').then((cli) => cli.main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(error instanceof Error ? error.stack : String(error)); process.exitCode = 1; },
);
