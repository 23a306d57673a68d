#!/usr/bin/env node
// Baseline: the npm `cfn-lint` package (a JavaScript CloudFormation validator, not AWS's Python
// cfn-lint) over every template of a list (one absolute path a line, argv[2]), in one process
// through its documented API (`validateFile`) — its command line takes one template per process.
// Prints a JSON line with how many templates were validated and how many it could not handle.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// cfn-lint logs through winston to the console; its findings are not what is measured.
console.log = () => undefined;
console.error = () => undefined;
console.warn = () => undefined;
console.info = () => undefined;
const out = process.stdout.write.bind(process.stdout);
const { validateFile } = require('cfn-lint');
const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let validated = 0;
let failed = 0;
for (const file of files) {
  try {
    validateFile(file);
    validated++;
  } catch {
    failed++;
  }
}
out(JSON.stringify({ validated, failed }) + '\n');
