/**
 * The data the risk report shows — the dependency map plus, optionally, AWS Health events — and
 * the one function that turns untrusted input into it.
 *
 * The report's script receives its data from two places it cannot trust: the JSON embedded in an
 * exported HTML file (which anyone can edit) and `postMessage` from the extension (any script in
 * the webview's frame could post one). {@link readReportData} therefore rebuilds the data field by
 * field, keeping only values of the documented types and dropping every entry that lacks what the
 * view needs. It never throws. The result is a plain `DependencyMap`, so the view can hand it to
 * the engine's own pure functions (`simulateOutage`) and show exactly what the CLI prints.
 */
import type { HealthEvent } from '../health/types';
import {
  DEPENDENCY_KINDS,
  SEVERITIES,
  type DeployUnit,
  type Dependency,
  type DependencyKind,
  type DependencyMap,
  type Finding,
  type Problem,
  type RegionSource,
  type ResourceFacts,
  type RiskModel,
  type Severity,
  type Summary,
  type TraceStep,
} from '../model';
import { summariseMap } from '../summary';

/**
 * An AWS Health event as the report marks it on the map: the fields of the Health module's
 * {@link HealthEvent} that the view shows. `region` is a region name or `global`.
 */
export type ReportHealthEvent = Pick<HealthEvent, 'region' | 'service' | 'eventTypeCode' | 'statusCode' | 'startTime' | 'description'> &
  Partial<Pick<HealthEvent, 'availabilityZone' | 'summary'>> & {
    /**
     * the regions of the workspace's places the event affects (the editor knows them: the server
     * matched the event). [] means it affects nothing here; absent means not known, and the event is
     * marked on its own region when the workspace uses it.
     */
    affectedRegions?: string[];
  };

/** Everything the report shows. */
export interface ReportData {
  map: DependencyMap;
  /** live AWS Health events, when a source is configured; absent means "not asked", [] means "none open" */
  health?: ReportHealthEvent[];
}

/** The id of the `<script type="application/json">` element that holds the data in an exported report. */
export const REPORT_DATA_ELEMENT_ID = 'outage-radar-data';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const positive = (v: unknown, fallback: number): number => {
  const n = num(v);
  return n !== undefined && n >= 1 ? Math.floor(n) : fallback;
};
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
const oneOf = <T extends string>(v: unknown, values: readonly T[]): T | undefined => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : undefined);

/** Copies the optional string fields `keys` of `from` that are strings. */
function copyStrings<T extends object>(to: T, from: Json, keys: readonly (keyof T & string)[]): void {
  for (const key of keys) {
    const value = str(from[key]);
    if (value !== undefined) (to as Record<string, unknown>)[key] = value;
  }
}

function readTrace(v: unknown): TraceStep[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const steps: TraceStep[] = [];
  for (const s of v) {
    if (!isObject(s) || str(s.file) === undefined || str(s.reason) === undefined || str(s.kind) === undefined) continue;
    // The view shows the sentence; the kind's fields are kept as plain scalars and string lists.
    const step: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(s)) {
      if (typeof value === 'string' || typeof value === 'boolean') step[key] = value;
      else if (Array.isArray(value) && value.every((x) => typeof x === 'string')) step[key] = [...value];
    }
    step.line = positive(s.line, 1);
    if (num(s.column) !== undefined) step.column = positive(s.column, 1);
    steps.push(step as unknown as TraceStep);
  }
  return steps;
}

/** The resource facts the view and the simulation read: name, type, replicas, Multi-AZ and zones. */
function readResource(v: unknown): ResourceFacts | undefined {
  if (!isObject(v)) return undefined;
  const facts: ResourceFacts = { type: str(v.type) ?? '', name: str(v.name) ?? '' };
  if (Array.isArray(v.replicaRegions)) facts.replicaRegions = v.replicaRegions.filter((r): r is string | null => r === null || typeof r === 'string');
  if (typeof v.multiAz === 'boolean' || v.multiAz === null) facts.multiAz = v.multiAz;
  if (isObject(v.attributes)) {
    const zones = strings(v.attributes.availabilityZones);
    facts.attributes = zones ? { availabilityZones: zones } : {};
  }
  return facts;
}

function readDependency(v: unknown): Dependency | undefined {
  if (!isObject(v)) return undefined;
  const id = str(v.id);
  const file = str(v.file);
  const service = str(v.service);
  const kind = oneOf<DependencyKind>(v.kind, DEPENDENCY_KINDS);
  if (id === undefined || file === undefined || service === undefined || kind === undefined) return undefined;
  const line = positive(v.line, 1);
  const column = positive(v.column, 1);
  const dep: Dependency = {
    id,
    provider: 'aws',
    service,
    kind,
    file,
    line,
    column,
    endLine: positive(v.endLine, line),
    endColumn: positive(v.endColumn, column),
    region: str(v.region) ?? null,
    // The view only tells `global-service`, `parameter` and `literal` apart; any other text is shown as written.
    regionSource: (str(v.regionSource) ?? 'unresolved') as RegionSource,
  };
  copyStrings(dep, v, ['name', 'operation', 'text', 'origin', 'container', 'setsEnv']);
  const candidates = strings(v.candidateRegions);
  if (candidates) dep.candidateRegions = candidates;
  const trace = readTrace(v.regionTrace);
  if (trace) dep.regionTrace = trace;
  if (typeof v.global === 'boolean') dep.global = v.global;
  const resource = readResource(v.resource);
  if (resource) dep.resource = resource;
  return dep;
}

function readFinding(v: unknown): Finding | undefined {
  if (!isObject(v)) return undefined;
  const ruleId = str(v.ruleId);
  const message = str(v.message);
  const file = str(v.file);
  const severity = oneOf<Severity>(v.severity, SEVERITIES);
  if (ruleId === undefined || message === undefined || file === undefined || severity === undefined) return undefined;
  const line = positive(v.line, 1);
  const column = positive(v.column, 1);
  const finding: Finding = {
    ruleId,
    severity,
    message,
    file,
    line,
    column,
    endLine: positive(v.endLine, line),
    endColumn: positive(v.endColumn, column),
    dependencyIds: strings(v.dependencyIds) ?? [],
  };
  copyStrings(finding, v, ['helpUri', 'fingerprint']);
  if (isObject(v.suppressed)) finding.suppressed = { reason: str(v.suppressed.reason) ?? null, line: positive(v.suppressed.line, line) };
  return finding;
}

function readProblem(v: unknown): Problem | undefined {
  if (!isObject(v) || str(v.file) === undefined || str(v.reason) === undefined) return undefined;
  const problem: Problem = { file: v.file as string, reason: v.reason as string };
  if (num(v.line) !== undefined) problem.line = positive(v.line, 1);
  if (v.severity === 'skipped' || v.severity === 'partial') problem.severity = v.severity;
  return problem;
}

function readDeployUnit(v: unknown): DeployUnit | undefined {
  if (!isObject(v) || str(v.name) === undefined || str(v.stackFile) === undefined) return undefined;
  const unit: DeployUnit = { name: v.name as string, stackFile: v.stackFile as string, codePaths: strings(v.codePaths) ?? [], line: positive(v.line, 1) };
  copyStrings(unit, v, ['dependencyId']);
  return unit;
}

function readCounts(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (isObject(v)) for (const [key, value] of Object.entries(v)) if (num(value) !== undefined) out[key] = value as number;
  return out;
}

/**
 * The summary: the file counts as given (they are not derivable from the entries), every other
 * count recomputed from the entries kept, with the engine's own function, so a report always
 * agrees with the rows it shows.
 */
function readSummary(v: unknown, dependencies: Dependency[], findings: Finding[]): Summary {
  const given = isObject(v) ? v : {};
  return summariseMap(dependencies, findings, { scanned: num(given.filesScanned) ?? 0, skipped: num(given.filesSkipped) ?? 0 }, num(given.durationMs));
}

function readRisk(v: unknown): RiskModel | undefined {
  if (!isObject(v) || !isObject(v.concentration) || !isObject(v.resilienceScore)) return undefined;
  const c = v.concentration;
  const r = v.resilienceScore;
  const regions = (Array.isArray(v.regions) ? v.regions : []).filter(isObject).flatMap((x) =>
    str(x.region) === undefined
      ? []
      : [{ region: x.region as string, dependencies: num(x.dependencies) ?? 0, findings: num(x.findings) ?? 0, services: readCounts(x.services), viaGlobalControlPlanes: num(x.viaGlobalControlPlanes) ?? 0 }],
  );
  const deductions = (Array.isArray(r.deductions) ? r.deductions : []).filter(isObject).flatMap((x) =>
    str(x.ruleId) === undefined ? [] : [{ ruleId: x.ruleId as string, findings: num(x.findings) ?? 0, points: num(x.points) ?? 0 }],
  );
  const hiddenDependencies = (Array.isArray(v.hiddenDependencies) ? v.hiddenDependencies : []).filter(isObject).flatMap((x) =>
    str(x.service) === undefined || str(x.region) === undefined
      ? []
      : [{ service: x.service as string, region: x.region as string, count: num(x.count) ?? 0, dependencyIds: strings(x.dependencyIds) ?? [] }],
  );
  return {
    regions,
    concentration: { region: str(c.region) ?? null, share: num(c.share) ?? 0, resolved: num(c.resolved) ?? 0, total: num(c.total) ?? 0, explanation: str(c.explanation) ?? '' },
    resilienceScore: { score: num(r.score) ?? 0, explanation: str(r.explanation) ?? '', deductions },
    hiddenDependencies,
  };
}

function readHealthEvent(v: unknown): ReportHealthEvent | undefined {
  if (!isObject(v)) return undefined;
  const region = str(v.region);
  const service = str(v.service);
  const eventTypeCode = str(v.eventTypeCode);
  const statusCode = oneOf(v.statusCode, ['open', 'upcoming', 'closed'] as const);
  if (region === undefined || service === undefined || eventTypeCode === undefined || statusCode === undefined) return undefined;
  const event: ReportHealthEvent = { region, service, eventTypeCode, statusCode, startTime: str(v.startTime) ?? null, description: str(v.description) ?? '' };
  copyStrings(event, v, ['availabilityZone', 'summary']);
  const affectedRegions = strings(v.affectedRegions);
  if (affectedRegions) event.affectedRegions = affectedRegions;
  return event;
}

const list = <T>(v: unknown, read: (x: unknown) => T | undefined): T[] => (Array.isArray(v) ? v.map(read).filter((x): x is T => x !== undefined) : []);

/**
 * Report data from untrusted input: `{ map, health? }` or a bare dependency map (what
 * `outage-radar scan --format json` prints). Null when the input is not a version-1 map with
 * lists of dependencies and findings; entries of those lists that lack a required field are
 * dropped one by one.
 */
export function readReportData(value: unknown): ReportData | null {
  if (!isObject(value)) return null;
  const rawMap = isObject(value.map) ? value.map : value;
  if (rawMap.version !== 1 || !Array.isArray(rawMap.dependencies) || !Array.isArray(rawMap.findings)) return null;
  const dependencies = list(rawMap.dependencies, readDependency);
  const findings = list(rawMap.findings, readFinding);
  const map: DependencyMap = {
    version: 1,
    root: str(rawMap.root) ?? '',
    dependencies,
    findings,
    problems: list(rawMap.problems, readProblem),
    summary: readSummary(rawMap.summary, dependencies, findings),
  };
  if (Array.isArray(rawMap.deployUnits)) map.deployUnits = list(rawMap.deployUnits, readDeployUnit);
  const risk = readRisk(rawMap.risk);
  if (risk) map.risk = risk;
  const data: ReportData = { map };
  if (rawMap !== value && Array.isArray(value.health)) data.health = list(value.health, readHealthEvent);
  return data;
}
