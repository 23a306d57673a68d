/**
 * The one set of counts every view shows: the status bar, the Cloud Dependencies tree, the report's
 * header and region table, the simulate picker and `outage-radar scan --format text` all render
 * these numbers and count nothing themselves, so they cannot disagree (issue 12, item 4).
 *
 * Definitions (each used once, here):
 * - a *dependency* is any dependency but a region setting (`region-config`: a place that only says
 *   which region something else uses); region settings are counted apart;
 * - a finding is a *problem* when the editor shows it as a diagnostic (every severity but `info`)
 *   and a *note* otherwise;
 * - a finding belongs to one region: the region of the first dependency it names that has one
 *   (region settings included, so a finding on a CI workflow's region setting counts where that
 *   setting points), else to `unresolved`. Per-region finding counts therefore add up to the total;
 * - a region's dependencies are those whose resolved region it is; `unresolved` holds the rest.
 *   Dependencies whose region is not known but that name a region among their candidates are
 *   counted as `possible` for that region (what the outage simulation may also take down).
 */
import { SEVERITIES, type Dependency, type Finding, type Severity, type Summary } from './model';

/** The bucket of dependencies and findings without a known region. */
export const UNRESOLVED_REGION = 'unresolved';

export interface FindingCounts {
  /** every finding */
  total: number;
  /** findings shown as problems (diagnostics): every severity but `info` */
  problems: number;
  /** findings shown as notes only (hover, code lens, report): severity `info` */
  notes: number;
  bySeverity: Record<Severity, number>;
}

export interface RegionSummary {
  /** a region name, or {@link UNRESOLVED_REGION} */
  region: string;
  dependencies: number;
  /** dependencies with no known region whose candidate regions include this one */
  possible: number;
  findings: FindingCounts;
  /** the most severe finding's severity here, null without findings */
  worst: Severity | null;
  /** dependencies here only because a global service's control plane lives here */
  viaGlobalControlPlanes: number;
}

export interface ViewSummary {
  filesScanned: number;
  filesSkipped: number;
  /** AWS dependencies: every entry of the map's `dependencies` but region settings */
  awsDependencies: number;
  /** region settings (`region-config`); the map's `summary.dependencies` counts both */
  regionSettings: number;
  findings: FindingCounts;
  /** resolved regions by dependencies (most first, then by name); `unresolved` last when it has anything */
  regions: RegionSummary[];
  /** the resolved region with the most dependencies */
  topRegion: { region: string; dependencies: number } | null;
}

export function emptyFindingCounts(): FindingCounts {
  return { total: 0, problems: 0, notes: 0, bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number> };
}

function countFinding(counts: FindingCounts, severity: Severity): void {
  counts.total++;
  counts.bySeverity[severity]++;
  if (severity === 'info') counts.notes++;
  else counts.problems++;
}

/** Whether the editor shows a finding of this severity as a diagnostic (CONTRACTS: info is a hint shown in hovers, lenses and reports). */
export function isShownAsProblem(severity: Severity): boolean {
  return severity !== 'info';
}

/**
 * The dependency a finding is counted at: the first it names that has a region, else the first it
 * names (undefined when it names none the map has).
 */
export function findingAnchor(finding: Finding, byId: ReadonlyMap<string, Dependency>): Dependency | undefined {
  let first: Dependency | undefined;
  for (const id of finding.dependencyIds) {
    const d = byId.get(id);
    if (d?.region) return d;
    first ??= d;
  }
  return first;
}

/** The region a finding is counted in (see the module comment). */
export function regionOfFinding(finding: Finding, byId: ReadonlyMap<string, Dependency>): string {
  return findingAnchor(finding, byId)?.region ?? UNRESOLVED_REGION;
}

export function worstOf(counts: FindingCounts): Severity | null {
  return SEVERITIES.find((s) => counts.bySeverity[s] > 0) ?? null;
}

export function summariseView(dependencies: readonly Dependency[], findings: readonly Finding[], files: { scanned: number; skipped: number }): ViewSummary {
  const regions = new Map<string, RegionSummary>();
  const regionOf = (region: string): RegionSummary => {
    let r = regions.get(region);
    if (!r) {
      r = { region, dependencies: 0, possible: 0, findings: emptyFindingCounts(), worst: null, viaGlobalControlPlanes: 0 };
      regions.set(region, r);
    }
    return r;
  };
  const byId = new Map<string, Dependency>();
  let counted = 0;
  let regionSettings = 0;
  for (const d of dependencies) {
    byId.set(d.id, d);
    if (d.kind === 'region-config') {
      regionSettings++;
      continue;
    }
    counted++;
    const r = regionOf(d.region ?? UNRESOLVED_REGION);
    r.dependencies++;
    if (d.regionSource === 'global-service') r.viaGlobalControlPlanes++;
    if (!d.region) for (const c of new Set(d.candidateRegions ?? [])) regionOf(c).possible++;
  }
  const total = emptyFindingCounts();
  for (const f of findings) {
    countFinding(total, f.severity);
    countFinding(regionOf(regionOfFinding(f, byId)).findings, f.severity);
  }
  const list = [...regions.values()];
  for (const r of list) r.worst = worstOf(r.findings);
  list.sort((a, b) =>
    a.region === UNRESOLVED_REGION ? 1 : b.region === UNRESOLVED_REGION ? -1 : b.dependencies - a.dependencies || b.possible - a.possible || (a.region < b.region ? -1 : 1),
  );
  const top = list.find((r) => r.region !== UNRESOLVED_REGION && r.dependencies > 0);
  return {
    filesScanned: files.scanned,
    filesSkipped: files.skipped,
    awsDependencies: counted,
    regionSettings,
    findings: total,
    regions: list,
    topRegion: top ? { region: top.region, dependencies: top.dependencies } : null,
  };
}

/**
 * The map's `summary` (the JSON of `scan --format json`): the view counts plus the per-region and
 * per-service tallies (region settings left out, `*` left out of `byService`) and `dependencies`,
 * which counts every entry.
 */
export function summariseMap(dependencies: readonly Dependency[], findings: readonly Finding[], files: { scanned: number; skipped: number }, durationMs?: number): Summary {
  const byRegion: Record<string, number> = {};
  const byService: Record<string, number> = {};
  for (const d of dependencies) {
    if (d.kind === 'region-config') continue;
    const r = d.region ?? UNRESOLVED_REGION;
    byRegion[r] = (byRegion[r] ?? 0) + 1;
    if (d.service !== '*') byService[d.service] = (byService[d.service] ?? 0) + 1;
  }
  // The keys the schema has always had first, so the JSON reads as before with the view counts after.
  const { filesScanned, filesSkipped, ...counts } = summariseView(dependencies, findings, files);
  const summary: Summary = {
    filesScanned,
    filesSkipped,
    dependencies: dependencies.length,
    byRegion: sortKeys(byRegion),
    byService: sortKeys(byService),
    findingsBySeverity: { ...counts.findings.bySeverity },
    ...counts,
  };
  if (durationMs !== undefined) summary.durationMs = durationMs;
  return summary;
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The summary of several workspace folders (the status bar of a multi-root workspace). */
export function mergeViewSummaries(summaries: readonly ViewSummary[]): ViewSummary {
  const regions = new Map<string, RegionSummary>();
  const add = (into: FindingCounts, from: FindingCounts) => {
    into.total += from.total;
    into.problems += from.problems;
    into.notes += from.notes;
    for (const s of SEVERITIES) into.bySeverity[s] += from.bySeverity[s];
  };
  const total = emptyFindingCounts();
  let dependencies = 0;
  let regionSettings = 0;
  let scanned = 0;
  let skipped = 0;
  for (const s of summaries) {
    dependencies += s.awsDependencies;
    regionSettings += s.regionSettings;
    scanned += s.filesScanned;
    skipped += s.filesSkipped;
    add(total, s.findings);
    for (const r of s.regions) {
      const into = regions.get(r.region) ?? { region: r.region, dependencies: 0, possible: 0, findings: emptyFindingCounts(), worst: null, viaGlobalControlPlanes: 0 };
      into.dependencies += r.dependencies;
      into.possible += r.possible;
      into.viaGlobalControlPlanes += r.viaGlobalControlPlanes;
      add(into.findings, r.findings);
      regions.set(r.region, into);
    }
  }
  const list = [...regions.values()];
  for (const r of list) r.worst = worstOf(r.findings);
  list.sort((a, b) =>
    a.region === UNRESOLVED_REGION ? 1 : b.region === UNRESOLVED_REGION ? -1 : b.dependencies - a.dependencies || b.possible - a.possible || (a.region < b.region ? -1 : 1),
  );
  const top = list.find((r) => r.region !== UNRESOLVED_REGION && r.dependencies > 0);
  return { filesScanned: scanned, filesSkipped: skipped, awsDependencies: dependencies, regionSettings, findings: total, regions: list, topRegion: top ? { region: top.region, dependencies: top.dependencies } : null };
}

/** The regions an outage can be simulated in, in the summary's order: those with dependencies, then those only some may be in. */
export function simulationRegions(s: Pick<ViewSummary, 'regions'>): RegionSummary[] {
  return s.regions.filter((r) => r.region !== UNRESOLVED_REGION && (r.dependencies > 0 || r.possible > 0));
}

// ── the sentences every view prints ──────────────────────────────────────────────────────────

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "57 AWS dependencies (+11 region settings)" */
export function dependenciesPhrase(s: Pick<ViewSummary, 'awsDependencies' | 'regionSettings'>): string {
  return `${plural(s.awsDependencies, 'AWS dependency', 'AWS dependencies')}${s.regionSettings ? ` (+${plural(s.regionSettings, 'region setting', 'region settings')})` : ''}`;
}

/** "28 findings · 6 notes": problems first, the notes that only hovers and reports show after. */
export function findingsPhrase(f: FindingCounts): string {
  return `${plural(f.problems, 'finding', 'findings')}${f.notes ? ` · ${plural(f.notes, 'note', 'notes')}` : ''}`;
}

/** The header line of the text report and the HTML report: files, dependencies, findings. */
export function headline(s: ViewSummary): string {
  return `${plural(s.filesScanned, 'file', 'files')} scanned${s.filesSkipped ? `, ${s.filesSkipped.toLocaleString('en-US')} skipped` : ''} · ${dependenciesPhrase(s)} · ${findingsPhrase(s.findings)}`;
}

/** How the simulate picker and the report's outage select describe a region: "47 dependencies · 3 possibly". */
export function regionChoicePhrase(r: Pick<RegionSummary, 'dependencies' | 'possible'>): string {
  return `${plural(r.dependencies, 'dependency', 'dependencies')}${r.possible ? ` · ${r.possible.toLocaleString('en-US')} possibly` : ''}`;
}
