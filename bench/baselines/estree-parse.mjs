#!/usr/bin/env node
// Baseline: a plain parse of JS/TS files with @typescript-eslint/typescript-estree alone, in one
// process, with the options the JavaScript scanner uses (locations and ranges, JSX by extension,
// no tokens, no comments). Reads the file list (one absolute path a line) from argv[2]; prints a
// JSON line with the number of files parsed and failed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parse } = require('@typescript-eslint/typescript-estree');
const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let parsed = 0;
let failed = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    failed++;
    continue;
  }
  // The scanner skips files over 2 MiB; so does the baseline, to parse the same set.
  if (text.length > 2 * 1024 * 1024) continue;
  try {
    parse(text, { loc: true, range: true, jsx: /\.(?:jsx|tsx|js|mjs|cjs)$/i.test(file), comment: false, tokens: false, jsDocParsingMode: 'none', loggerFn: false, suppressDeprecatedPropertyWarnings: true });
    parsed++;
  } catch {
    failed++;
  }
}
console.log(JSON.stringify({ parsed, failed }));
