/**
 * A series of whole-process runs summed up: median wall and CPU time, median peak RSS (GNU time),
 * and the sampled peak RSS by phase of the scan, split by the CLI's `outage-radar-bench:` markers.
 */
import type { ProcessRun } from './process';
import { median, round } from './stats';

export interface Timed {
  runs: number[];
  medianMs: number;
  /** median CPU time (user + system) */
  cpuMs: number | null;
  peakRssMb: number | null;
  /** median of each run's sampled peak RSS per phase (cold scans only; Linux /proc) */
  rssByPhase?: RssByPhase | null;
}

/**
 * Peak RSS (MiB, sampled every 100 ms, so a short spike may be missed: GNU time's figure is the
 * true peak) before the scan workers start (start-up, config, walk), while they scan, and after
 * they stop (analysis, rules, rendering, writing). A scan too small for workers has one phase.
 */
export interface RssByPhase {
  beforeWorkers: number | null;
  workers: number | null;
  afterWorkers: number | null;
  /** a run without workers: its whole peak */
  withoutWorkers: number | null;
}

export function phasesOf(run: ProcessRun): RssByPhase | null {
  const samples = run.rssSamples;
  if (!samples?.length) return null;
  const peak = (from: number, to: number) => {
    const inside = samples.filter((s) => s.ms >= from && s.ms < to).map((s) => s.mb);
    return inside.length ? round(Math.max(...inside)) : null;
  };
  const started = run.markers?.find((m) => m.name === 'workers-started')?.ms;
  const stopped = run.markers?.find((m) => m.name === 'workers-stopped')?.ms;
  if (started === undefined) return { beforeWorkers: null, workers: null, afterWorkers: null, withoutWorkers: peak(0, Infinity) };
  return { beforeWorkers: peak(0, started), workers: peak(started, stopped ?? Infinity), afterWorkers: stopped === undefined ? null : peak(stopped, Infinity), withoutWorkers: null };
}

export function medianPhases(runs: ProcessRun[]): RssByPhase | null {
  const phases = runs.map(phasesOf).filter((p): p is RssByPhase => p !== null);
  if (!phases.length) return null;
  const of = (k: keyof RssByPhase) => {
    const xs = phases.map((p) => p[k]).filter((x): x is number => x !== null);
    return xs.length ? round(median(xs)) : null;
  };
  return { beforeWorkers: of('beforeWorkers'), workers: of('workers'), afterWorkers: of('afterWorkers'), withoutWorkers: of('withoutWorkers') };
}

export function summarise(runs: ProcessRun[]): Timed {
  const rss = runs.map((r) => r.maxRssMb).filter((x): x is number => x !== null);
  const cpu = runs.map((r) => r.cpuMs).filter((x): x is number => x !== null);
  const timed: Timed = { runs: runs.map((r) => round(r.wallMs)), medianMs: round(median(runs.map((r) => r.wallMs))), cpuMs: cpu.length ? round(median(cpu)) : null, peakRssMb: rss.length ? round(median(rss)) : null };
  if (runs.some((r) => r.rssSamples)) timed.rssByPhase = medianPhases(runs);
  return timed;
}

export function cpuRatio(a: Timed, b: Timed): number | null {
  return a.cpuMs !== null && b.cpuMs !== null && b.cpuMs > 0 ? round(a.cpuMs / b.cpuMs, 2) : null;
}
