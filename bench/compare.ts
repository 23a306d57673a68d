/**
 * Cold scans of two or more CLI builds over the same tree, interleaved run by run so that the
 * machine's load falls on each alike: median wall and CPU time, peak RSS (GNU time) and peak RSS
 * by phase. For a change's before and after: copy dist/ aside before it, build after it.
 *
 *   npx tsx bench/compare.ts --tree DIR --runs 3 [--env NAME=VALUE …] LABEL=DIST_DIR LABEL=DIST_DIR …
 *
 * `--env` applies to every build (`--env MALLOC_ARENA_MAX=2`); `LABEL=DIST_DIR:NAME=VALUE,…`
 * gives one build its own variables, so that one build can be compared with itself under them.
 */
import path from 'node:path';
import { runProcess, type ProcessRun } from './measure/process';
import { round } from './measure/stats';
import { summarise } from './measure/timed';

interface Build {
  label: string;
  cli: string;
  env: Record<string, string>;
}

function parse(argv: string[]): { tree: string; runs: number; builds: Build[] } {
  let tree: string | undefined;
  let runs = 3;
  const common: Record<string, string> = {};
  const builds: Build[] = [];
  const pair = (text: string, into: Record<string, string>) => {
    const at = text.indexOf('=');
    if (at > 0) into[text.slice(0, at)] = text.slice(at + 1);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--tree') tree = argv[++i];
    else if (a === '--runs') runs = Math.max(1, Number(argv[++i]));
    else if (a === '--env') pair(argv[++i], common);
    else {
      const at = a.indexOf('=');
      if (at <= 0) throw new Error(`not LABEL=DIST_DIR: ${a}`);
      const [dist, vars] = a.slice(at + 1).split(':');
      const env: Record<string, string> = {};
      for (const v of vars?.split(',') ?? []) pair(v, env);
      builds.push({ label: a.slice(0, at), cli: path.resolve(dist, 'cli.js'), env });
    }
  }
  if (!tree || builds.length === 0) throw new Error('usage: bench/compare.ts --tree DIR [--runs N] [--env NAME=VALUE] LABEL=DIST_DIR[:NAME=VALUE,…] …');
  for (const b of builds) b.env = { ...common, ...b.env };
  return { tree: path.resolve(tree), runs, builds };
}

async function main(): Promise<void> {
  const { tree, runs, builds } = parse(process.argv.slice(2));
  const byBuild = new Map<Build, ProcessRun[]>(builds.map((b) => [b, []]));
  for (let i = 0; i < runs; i++) {
    for (const b of builds) {
      const run = await runProcess(process.execPath, [b.cli, 'scan', tree, '--no-cache', '--format', 'json', '--output', '/dev/null'], { env: { ...process.env, ...b.env, OUTAGE_RADAR_BENCH_PHASES: '1' }, sampleRss: true });
      // Exit 1 means findings at the failing severity: the scan itself ran.
      if (run.code !== 0 && run.code !== 1) throw new Error(`${b.label} exited with ${run.code}: ${run.stderr.slice(0, 2000)}`);
      byBuild.get(b)!.push(run);
      process.stderr.write(`${b.label} run ${i + 1}: ${round(run.wallMs)} ms, CPU ${run.cpuMs === null ? '—' : Math.round(run.cpuMs)} ms, peak ${run.maxRssMb === null ? '—' : Math.round(run.maxRssMb)} MB\n`);
    }
  }
  const mb = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x)} MB`);
  const first = summarise(byBuild.get(builds[0])!);
  console.log(`\ncold scans of ${tree}, ${runs} interleaved runs each (medians)\n`);
  console.log(['build', 'wall', 'CPU', 'peak RSS', 'before workers', 'workers', 'after workers', 'no workers', 'CPU vs first', 'peak vs first'].join(' | '));
  for (const b of builds) {
    const t = summarise(byBuild.get(b)!);
    const p = t.rssByPhase;
    const ratio = (x: number | null, y: number | null) => (x !== null && y !== null && y > 0 ? `${round(x / y, 2)}×` : '—');
    console.log([b.label, `${Math.round(t.medianMs)} ms`, t.cpuMs === null ? '—' : `${Math.round(t.cpuMs)} ms`, mb(t.peakRssMb), mb(p?.beforeWorkers), mb(p?.workers), mb(p?.afterWorkers), mb(p?.withoutWorkers), ratio(t.cpuMs, first.cpuMs), ratio(t.peakRssMb, first.peakRssMb)].join(' | '));
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
