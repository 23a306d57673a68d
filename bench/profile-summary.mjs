#!/usr/bin/env node
// Summarises V8 CPU profiles (`node --cpu-prof`) of the bundled CLI and its scan workers: self
// time grouped by original source (through the bundles' source maps) — an npm package, a file
// of src/, or a native/V8 category (garbage collector, idle, file system calls).
//
//   node bench/profile-summary.mjs PROFILE.cpuprofile… [--by package|file|function] [--top N]
import { readFileSync, existsSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const by = args.includes('--by') ? args[args.indexOf('--by') + 1] : 'package';
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 25;
const files = args.filter((a, i) => a.endsWith('.cpuprofile') && args[i - 1] !== '--by');

const maps = new Map();
function mapFor(url) {
  if (!maps.has(url)) {
    let map;
    try {
      const file = url.startsWith('file:') ? fileURLToPath(url) : url;
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

function groupOf(frame) {
  const { url, functionName, lineNumber, columnNumber } = frame;
  if (!url) return { package: functionName || '(native)', file: functionName || '(native)', fn: functionName || '(native)' };
  const map = mapFor(url);
  const entry = map?.findEntry(lineNumber, columnNumber);
  const source = entry?.originalSource ?? url;
  const clean = source.replace(/^.*?\/(node_modules|src)\//, '$1/');
  const pkg = clean.startsWith('node_modules/') ? clean.split('/').slice(1, clean.split('/')[1].startsWith('@') ? 3 : 2).join('/') : clean.startsWith('src/') ? clean.split('/').slice(0, 3).join('/') : url.startsWith('node:') ? 'node (internal)' : clean;
  return { package: pkg, file: clean, fn: `${functionName || '(anonymous)'} ${clean}:${(entry?.originalLine ?? lineNumber) + 1}` };
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    self.set(id, (self.get(id) ?? 0) + dt);
  });
  const groups = new Map();
  for (const [id, t] of self) {
    const key = groupOf(nodes.get(id).callFrame)[by === 'function' ? 'fn' : by];
    groups.set(key, (groups.get(key) ?? 0) + t);
  }
  console.log(`\n${file}: ${(total / 1000).toFixed(0)} ms sampled`);
  for (const [key, t] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(t / 1000).toFixed(0).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)} %  ${key}`);
  }
}
