/**
 * What an environment-variable assignment means for the dependency map, whatever file it is
 * written in (`.env`, compose `environment:`, Dockerfile `ENV`, a CI job's `env:`/`variables:`):
 *
 * - `AWS_REGION`, `AWS_DEFAULT_REGION`, `CDK_DEFAULT_REGION` (and other `…_REGION` variables
 *   holding a region) set the region code sees: a `region-config` with `setsEnv`;
 * - `AWS_STS_REGIONAL_ENDPOINTS=legacy` and `AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=legacy` route
 *   calls to the global endpoints hosted in us-east-1: an `endpoint` dependency;
 * - any other value may hold endpoint URLs or ARNs (`analyseStringValue`).
 *
 * It also holds the small region-set algebra the config scanners share: a value may name one
 * region, several (a matrix, a `${X:-default}` fallback) or stay open (a secret, a variable the
 * file does not set), and {@link regionFields} turns that into the model's region fields.
 */
import { LEGACY_S3_REGION, LEGACY_STS_REGION } from '../../catalogue/globalServices';
import type { RegionScope, RegionSource, TraceStep } from '../../model';
import { isRegion } from '../../regions';
import type { DependencyBuilder, DependencyDraft } from '../builder';
import { analyseStringValue, type LiteralFinding } from '../literals';

/** The variables the AWS SDKs, the CLI and the CDK read their region from. */
export const AWS_REGION_VARIABLES: ReadonlySet<string> = new Set(['AWS_REGION', 'AWS_DEFAULT_REGION', 'CDK_DEFAULT_REGION']);

/**
 * Settings that, set to `legacy`, send calls to a global endpoint hosted in us-east-1.
 * Source: https://docs.aws.amazon.com/sdkref/latest/guide/feature-sts-regionalized-endpoints.html
 * and https://docs.aws.amazon.com/sdkref/latest/guide/feature-s3-regional-endpoint.html
 */
const LEGACY_ENDPOINT_SETTINGS: Readonly<Record<string, { service: string; region: string; host: string }>> = {
  AWS_STS_REGIONAL_ENDPOINTS: { service: 'sts', region: LEGACY_STS_REGION, host: 'sts.amazonaws.com' },
  sts_regional_endpoints: { service: 'sts', region: LEGACY_STS_REGION, host: 'sts.amazonaws.com' },
  AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: { service: 's3', region: LEGACY_S3_REGION, host: 's3.amazonaws.com' },
  us_east_1_regional_endpoint: { service: 's3', region: LEGACY_S3_REGION, host: 's3.amazonaws.com' },
};

/** `BUCKET_REGION`, `NEXT_PUBLIC_AWS_REGION`, `REGION`: names that say they hold a region. */
const REGION_NAME = /(?:^|_)REGION(?:_|$)/i;

/** The legacy global endpoint a setting selects, or undefined when the setting or its value is not `legacy`. */
export function legacyEndpointOf(setting: string, value: string): { service: string; region: string; host: string } | undefined {
  const target = Object.prototype.hasOwnProperty.call(LEGACY_ENDPOINT_SETTINGS, setting) ? LEGACY_ENDPOINT_SETTINGS[setting] : undefined;
  return target && value.trim().toLowerCase() === 'legacy' ? target : undefined;
}

// ---------------------------------------------------------------------------------------------
// Region sets

/**
 * The regions a value can take. `open` means something outside the file may decide (a secret, a
 * variable the file does not set, a default that the environment can override).
 */
export interface RegionSet {
  regions: string[];
  open: boolean;
  trace: TraceStep[];
}

export const OPEN_SET: RegionSet = Object.freeze({ regions: [], open: true, trace: [] }) as RegionSet;

/** A written value: a region literal is a closed set of one; anything else (a placeholder) is open. */
export function literalSet(value: string): RegionSet {
  const v = value.trim();
  return isRegion(v) ? { regions: [v], open: false, trace: [] } : { regions: [], open: true, trace: [] };
}

export function unionSets(sets: RegionSet[]): RegionSet {
  const regions: string[] = [];
  const trace: TraceStep[] = [];
  let open = sets.length === 0;
  for (const s of sets) {
    for (const r of s.regions) if (!regions.includes(r)) regions.push(r);
    trace.push(...s.trace);
    open ||= s.open;
  }
  return { regions, open, trace };
}

export function withStep(set: RegionSet, step: TraceStep): RegionSet {
  return { regions: set.regions, open: set.open, trace: [step, ...set.trace] };
}

export interface RegionFields {
  region: string | null;
  regionSource: RegionSource;
  candidateRegions?: string[];
  regionTrace?: TraceStep[];
}

/**
 * The model's region fields for a setting of the given kind: one known region → that region with
 * the setting's own source; several known regions → `null` with candidates and the same source;
 * anything open → `null`, `unresolved`, with whatever candidates are known (a fallback default).
 */
export function regionFields(set: RegionSet, source: RegionSource): RegionFields {
  const out: RegionFields = { region: null, regionSource: 'unresolved' };
  if (!set.open && set.regions.length === 1) {
    out.region = set.regions[0];
    out.regionSource = source;
  } else if (!set.open && set.regions.length > 1) {
    out.regionSource = source;
    out.candidateRegions = [...set.regions];
  } else if (set.regions.length > 0) {
    out.candidateRegions = [...set.regions];
  }
  if (set.trace.length) out.regionTrace = set.trace;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shell-style interpolation (`$X`, `${X}`, `${X:-default}`), used by env files, compose,
// Dockerfiles and CI scripts.

/** The set a variable holds where it is referenced, or undefined when the file does not set it. */
export type VariableLookup = (name: string) => RegionSet | undefined;

const WHOLE_REFERENCE = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=])([^{}]*))?\})$/;

/**
 * The regions a shell-style value can take. A value that is exactly one variable reference
 * follows the variable; `${X:-us-east-1}` adds its default as a candidate when `X` is not set in
 * the file. Any other mix of text and references is open.
 */
export function resolveShellValue(raw: string, lookup: VariableLookup): RegionSet {
  const value = stripQuotes(raw.trim());
  if (!value.includes('$')) return literalSet(value);
  const m = WHOLE_REFERENCE.exec(value);
  if (!m) return OPEN_SET;
  const name = m[1] ?? m[2];
  const found = lookup(name);
  if (found && !(found.open && found.regions.length === 0 && m[4] !== undefined)) return found;
  if (m[4] === undefined) return OPEN_SET;
  const fallback = literalSet(m[4]);
  if (fallback.regions.length === 0) return OPEN_SET;
  return { regions: fallback.regions, open: true, trace: [] };
}

export function stripQuotes(value: string): string {
  if (value.length >= 2) {
    const q = value[0];
    if ((q === '"' || q === "'") && value[value.length - 1] === q) return value.slice(1, -1);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Emitting dependencies for one assignment

export interface EnvAssignment {
  /** the variable name */
  name: string;
  /** the value without quotes */
  value: string;
  /** the whole assignment (`AWS_REGION=us-east-1`, `AWS_REGION: us-east-1`): offsets in the file */
  start: number;
  end: number;
  /** the value token, quotes included */
  valueStart: number;
  valueEnd: number;
}

export interface AssignmentContext {
  origin: string;
  scope: RegionScope;
  /** how the value resolves where it is written (references to other variables) */
  resolve: (value: string) => RegionSet;
}

/** Whether a variable of this name holding this value becomes a region-config. */
export function isRegionSetting(name: string, set: RegionSet): boolean {
  if (AWS_REGION_VARIABLES.has(name)) return true;
  return REGION_NAME.test(name) && set.regions.length > 0;
}

/**
 * Adds the dependencies one environment assignment stands for: a legacy global endpoint, a
 * region-config, or the endpoints and ARNs in its value.
 */
export function emitEnvAssignment(builder: DependencyBuilder, a: EnvAssignment, ctx: AssignmentContext): void {
  const legacy = legacyEndpointOf(a.name, a.value);
  if (legacy) {
    emitLegacyEndpoint(builder, a.name, legacy, a.start, a.end, ctx.origin);
    return;
  }
  if (a.value.trim() !== '' && (AWS_REGION_VARIABLES.has(a.name) || REGION_NAME.test(a.name))) {
    const set = ctx.resolve(a.value);
    if (isRegionSetting(a.name, set)) {
      builder.add({
        kind: 'region-config',
        service: '*',
        name: a.name,
        text: a.value,
        origin: ctx.origin,
        ...regionFields(set, 'env'),
        scope: ctx.scope,
        setsEnv: a.name,
      }, a.start, a.end);
      return;
    }
  }
  emitStringValue(builder, a.value, a.name, a.valueStart, a.valueEnd, ctx.origin);
}

export function emitLegacyEndpoint(
  builder: DependencyBuilder,
  setting: string,
  legacy: { service: string; region: string; host: string },
  start: number,
  end: number,
  origin: string,
): void {
  builder.add({
    kind: 'endpoint',
    service: legacy.service,
    name: setting,
    text: legacy.host,
    origin,
    region: legacy.region,
    regionSource: 'global-service',
    global: true,
  }, start, end);
}

/** The draft of an endpoint or ARN dependency found in a string value. */
export function literalDraft(f: LiteralFinding, origin: string, name?: string): DependencyDraft {
  const draft: DependencyDraft = {
    kind: f.kind,
    service: f.service,
    text: f.text,
    origin,
    region: f.region,
    regionSource: f.global ? 'global-service' : f.region ? 'literal' : 'unresolved',
  };
  if (f.global) draft.global = true;
  if (name) draft.name = name;
  return draft;
}

/**
 * Endpoints and ARNs inside one value, each anchored at the value token [start, end) (the string
 * literal, as CONTRACTS.md asks); the finding's text tells two findings in one value apart.
 */
export function emitStringValue(builder: DependencyBuilder, value: string, key: string | undefined, start: number, end: number, origin: string): void {
  for (const f of analyseStringValue(value, key)) {
    builder.add(literalDraft(f, origin, key), start, end, `${key ?? ''}=${f.text}`);
  }
}

/**
 * Endpoints and ARNs inside a line of free text (a script line, a Dockerfile `RUN`), each anchored
 * at the match itself because the line is not one literal.
 */
export function emitTextMatches(builder: DependencyBuilder, line: string, lineStart: number, origin: string): void {
  for (const f of analyseStringValue(line)) {
    builder.add(literalDraft(f, origin), lineStart + f.offset, lineStart + f.offset + f.length, f.text);
  }
}

// ---------------------------------------------------------------------------------------------
// Workspace-relative folders (POSIX, '' = the workspace root), for scopes.

/**
 * `base` joined with a relative folder written in a file (`./infra`, `../shared`, `infra/`),
 * normalised; undefined when the folder is absolute, leaves the workspace, or is an expression.
 */
export function joinFolder(base: string, relative: string): string | undefined {
  const rel = relative.trim();
  if (rel.startsWith('/') || rel.startsWith('~') || rel.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(rel)) return undefined;
  const parts = base === '' ? [] : base.split('/');
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}
