/**
 * `npx tsx bench/precision.ts` (`npm run bench:precision`): precision and recall of the rules on
 * the real-code regression suite (test/fixtures/real-code), per rule, with every false positive and
 * miss named. With `--corpus DIR` (e.g. ../shared/corpus) it also scans that tree and lists the
 * findings at medium or above that remain, per rule, for a reviewer to read: the suite says what is
 * right; the corpus list says where to look next.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { DependencyMap } from '../src/core/model';
import { caseNames, runCase, score } from './precisionSuite';

function ratio(n: number, d: number): string {
  return d === 0 ? '   —' : `${((100 * n) / d).toFixed(0).padStart(3)}%`;
}

async function suite(): Promise<void> {
  const results = [];
  for (const name of caseNames()) results.push(await runCase(name));
  const scores = score(results);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  console.log(`Real-code suite: ${results.length} workspaces, findings at low or above\n`);
  console.log(`${'rule'.padEnd(40)}   TP   FP  miss  precision  recall`);
  for (const [rule, s] of scores) {
    tp += s.truePositives;
    fp += s.falsePositives.length;
    fn += s.misses.length;
    console.log(`${rule.padEnd(40)} ${String(s.truePositives).padStart(4)} ${String(s.falsePositives.length).padStart(4)} ${String(s.misses.length).padStart(5)}  ${ratio(s.truePositives, s.truePositives + s.falsePositives.length).padStart(9)}  ${ratio(s.truePositives, s.truePositives + s.misses.length).padStart(6)}`);
  }
  console.log(`${'all rules'.padEnd(40)} ${String(tp).padStart(4)} ${String(fp).padStart(4)} ${String(fn).padStart(5)}  ${ratio(tp, tp + fp).padStart(9)}  ${ratio(tp, tp + fn).padStart(6)}`);
  const details = [...scores].flatMap(([, s]) => [...s.falsePositives.map((f) => `  false positive: ${f}`), ...s.misses.map((m) => `  missed: ${m}`)]);
  if (details.length) console.log(`\n${details.join('\n')}`);
  const regionMisses = results.flatMap((r) => r.regionMisses.map((m) => `  ${r.name}/${m.expected.at} ${m.expected.kind}: expected ${m.expected.region ?? 'null'}${m.expected.candidates ? ` [${m.expected.candidates.join(',')}]` : ''}, got ${m.actual}`));
  const regionsChecked = results.reduce((n, r) => n + r.expected.regions.length, 0);
  console.log(`\nRegions: ${regionsChecked - regionMisses.length} of ${regionsChecked} listed dependencies as expected${regionMisses.length ? `\n${regionMisses.join('\n')}` : ''}`);
}

/** Scans a tree with the built CLI (`npm run build` first), as a user would. */
function corpus(dir: string): void {
  const cli = path.resolve(__dirname, '..', 'dist', 'cli.js');
  const out = execFileSync(process.execPath, [cli, 'scan', path.resolve(dir), '--no-cache', '--format', 'json'], { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
  const map = JSON.parse(out) as DependencyMap;
  const remaining = map.findings.filter((f) => f.severity === 'critical' || f.severity === 'high' || f.severity === 'medium');
  const byRule = new Map<string, string[]>();
  for (const f of remaining) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), `${f.severity} ${f.file}:${f.line}`]);
  console.log(`\nCorpus ${dir}: ${map.summary.filesScanned} files, ${remaining.length} findings at medium or above, to read as a reviewer:`);
  for (const [rule, list] of [...byRule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    console.log(`  ${rule} (${list.length})`);
    for (const l of list) console.log(`    ${l}`);
  }
}

async function main(): Promise<void> {
  await suite();
  const i = process.argv.indexOf('--corpus');
  if (i >= 0 && process.argv[i + 1]) corpus(process.argv[i + 1]);
}

void main();
