/**
 * What a string literal implies, whatever the language it was written in: AWS endpoint hosts and
 * ARNs, with the service and region they name. Every scanner passes its string values through
 * {@link analyseStringValue}, so a hostname means the same thing in TypeScript, YAML, HCL and
 * Python.
 */
import { globalServiceOf, LEGACY_S3_REGION, LEGACY_STS_REGION } from '../catalogue/globalServices';
import { serviceOfArnField } from '../catalogue/services';
import catalogue from '../catalogue/services.generated.json';
import type { Dependency } from '../model';
import { isRegion } from '../regions';
import { traceStep } from '../trace';

export interface LiteralFinding {
  kind: 'endpoint' | 'arn';
  service: string;
  region: string | null;
  /** true when the region is the home of a global endpoint (sts.amazonaws.com), not written in the text */
  global: boolean;
  /** offset of the match inside the string value */
  offset: number;
  length: number;
  /** the endpoint host or the ARN */
  text: string;
}

const prefixes = catalogue.prefixes as Record<string, string>;

/** Host labels that name a service but are not its endpoint prefix. */
const LABEL_ALIASES: Record<string, string> = { ecr: 'ecr', elb: 'elasticloadbalancing', cache: 'elasticache', queue: 'sqs', email: 'ses', 'lambda-url': 'lambda', 'execute-api': 'execute-api', 's3-website': 's3', 's3-control': 's3' };

/** Bare `<x>.amazonaws.com` hosts that are real endpoints (global ones), not service principals. */
const GLOBAL_HOSTS: Record<string, { service: string; region: string }> = {
  'sts.amazonaws.com': { service: 'sts', region: LEGACY_STS_REGION },
  's3.amazonaws.com': { service: 's3', region: LEGACY_S3_REGION },
  's3-external-1.amazonaws.com': { service: 's3', region: LEGACY_S3_REGION },
  'queue.amazonaws.com': { service: 'sqs', region: 'us-east-1' },
  'iam.amazonaws.com': { service: 'iam', region: 'us-east-1' },
  'route53.amazonaws.com': { service: 'route53', region: 'us-east-1' },
  'cloudfront.amazonaws.com': { service: 'cloudfront', region: 'us-east-1' },
  'organizations.us-east-1.amazonaws.com': { service: 'organizations', region: 'us-east-1' },
  'globalaccelerator.amazonaws.com': { service: 'globalaccelerator', region: 'us-west-2' },
  'global.health.amazonaws.com': { service: 'health', region: 'us-east-1' },
};

/** Keys whose values are service principals or token audiences, never endpoints. */
const PRINCIPAL_KEYS = /^(service|services|principal|principals|identifiers|audience|aud|clientidlist|client_id_list|sourceprincipal|servicename|aws:sourceservice|aws:principalservicename|aws:principalservicenameslist|kms:viaservice|kms:callerservice|iam:awsservicename|iam:passedtoservice)$/i;
/**
 * A policy written as JSON inside a string (a Terraform heredoc, `JSON.stringify`'s output written
 * by hand, a `Fn::Sub` policy): the host is the value, or an item of the list, of a `"Service"`
 * principal or a service condition key. Reads at most 200 characters back.
 */
const PRINCIPAL_IN_JSON = /"(?:service|aws:sourceservice|aws:principalservicename|kms:viaservice|kms:callerservice|iam:passedtoservice)"\s*:\s*(?:\[\s*(?:"[^"]{0,100}"\s*,\s*){0,5})?"$/i;

// Linear-time patterns: no nested quantifiers over the same characters.
// The lookahead rejects a host that goes on (`amazonaws.com.evil.example`, `amazonaws.community`):
// only dots and dashes may separate it from a following letter or digit, so it reads a bounded
// run instead of the rest of the value (`[a-z0-9.-]*[a-z0-9]` made repeated hosts quadratic).
const HOST_RE = /(?:[a-z0-9][a-z0-9-]{0,62}\.){1,8}(?:amazonaws\.com(?:\.cn)?|on\.aws|api\.aws)(?![.-]*[a-z0-9])/gi;
const ARN_RE = /\barn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):([a-z0-9-]{2,40}):([a-z0-9-]{0,30}):(\d{12}|aws|\*|\$\{[^}]{1,80}\}|):([^\s"'`,;)\]}]{1,512})/g;

function serviceOfHost(labels: string[]): string | undefined {
  // Right to left: the label nearest the domain decides (`logs.s3.amazonaws.com` is a bucket named "logs").
  for (let i = labels.length - 1; i >= 0; i--) {
    const label = labels[i].toLowerCase().replace(/-fips$/, '');
    if (isRegion(label)) continue;
    if (i > 0) {
      const two = `${labels[i - 1].toLowerCase()}.${label}`;
      if (Object.prototype.hasOwnProperty.call(prefixes, two)) return prefixes[two];
    }
    if (Object.prototype.hasOwnProperty.call(LABEL_ALIASES, label)) return LABEL_ALIASES[label];
    if (/^s3-/.test(label)) return 's3';
    if (Object.prototype.hasOwnProperty.call(prefixes, label)) return prefixes[label];
    if (label === 'dualstack' || label === 'vpce' || label === 'fips') continue;
  }
  return undefined;
}

export function analyseEndpointHost(host: string): { service: string; region: string | null; global: boolean } | undefined {
  const h = host.toLowerCase();
  const known = GLOBAL_HOSTS[h];
  if (known) return { service: known.service, region: known.region, global: true };
  const labels = h.replace(/\.(amazonaws\.com(\.cn)?|on\.aws|api\.aws)$/, '').split('.');
  const service = serviceOfHost(labels);
  if (!service) return undefined;
  let region: string | null = labels.find((l) => isRegion(l)) ?? null;
  const dashed = labels.map((l) => /^s3-(?:website-)?([a-z]{2}(?:-gov)?-[a-z]+-\d)$/.exec(l)?.[1]).find((r) => r && isRegion(r));
  if (!region && dashed) region = dashed;
  const g = globalServiceOf(service);
  if (!region && g) return { service, region: g.region, global: true };
  if (!region && labels.length === 1) return undefined; // `lambda.amazonaws.com`: a service principal
  if (!region && service === 's3') return { service, region: LEGACY_S3_REGION, global: true };
  // The service label last, where a regional endpoint has its region, and not a global endpoint
  // nor S3's legacy one: `delivery.logs.amazonaws.com`, `replication.dynamodb.amazonaws.com` are
  // service principals, never endpoints (CONTRACTS). A computed label there (`sqs.${region}…`) is
  // an endpoint whose region is unknown.
  if (!region && serviceOfHost(labels.slice(-1)) !== undefined) return undefined;
  return { service, region, global: false };
}

/**
 * Endpoint hosts and ARNs inside one string value. `key` is the property or argument name the
 * value sits under, when known: principals and audiences are skipped.
 */
export function analyseStringValue(value: string, key?: string): LiteralFinding[] {
  if (value.length > 20000 || (!value.includes('amazonaws') && !value.includes('arn:') && !value.includes('.aws'))) return [];
  if (key && PRINCIPAL_KEYS.test(key)) return [];
  const out: LiteralFinding[] = [];
  HOST_RE.lastIndex = 0;
  for (let m = HOST_RE.exec(value); m; m = HOST_RE.exec(value)) {
    const before = value.slice(Math.max(0, m.index - 1), m.index);
    if (before === '.' || before === '-' || before === '@') continue;
    if (PRINCIPAL_IN_JSON.test(value.slice(Math.max(0, m.index - 200), m.index))) continue;
    const info = analyseEndpointHost(m[0]);
    if (!info) continue;
    out.push({ kind: 'endpoint', service: info.service, region: info.region, global: info.global, offset: m.index, length: m[0].length, text: m[0].toLowerCase() });
  }
  ARN_RE.lastIndex = 0;
  for (let m = ARN_RE.exec(value); m; m = ARN_RE.exec(value)) {
    const service = serviceOfArnField(m[2]);
    const regionField = m[3];
    const region = isRegion(regionField) ? regionField : null;
    out.push({ kind: 'arn', service, region, global: false, offset: m.index, length: m[0].length, text: m[0] });
  }
  return out;
}

/** A literal region value, or null for placeholders (`"REGION"`, `"${Region}"`, `""`). */
export function regionLiteral(value: unknown): string | null {
  return typeof value === 'string' && isRegion(value.trim()) ? value.trim() : null;
}

/**
 * An endpoint URL that points at a local emulator (DynamoDB Local, LocalStack, SAM's
 * `host.docker.internal`), not at AWS: a client configured with it is not an AWS dependency in any
 * region, whatever region it names for signing.
 */
export function isLocalEndpoint(url: string): boolean {
  const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#\s]+)/i.exec(url.trim())?.[1]?.toLowerCase();
  if (!host) return false;
  return host === 'localhost' || host.endsWith('.localhost') || host === '0.0.0.0' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]' || host === 'host.docker.internal' || host === 'localstack' || host.includes('localstack') || host === 'dynamodb-local' || host === 'motoserver';
}

const REGION_KEY_DIRECT = /(?:^|[\s{,([])["'`]?([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})["'`]?\s*\]?\s*(?:=>|[:=])\s*$/;
const REGION_KEY_SAME_LINE = /(?:^|[\s{,([])["'`]?([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})["'`]?\s*(?:=>|[:=])\s*\{[^{}]*$/;
const REGION_KEY_LINE = /^\s*["'`]?([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})["'`]?\s*(?:=>|[:=])\s*\{?\s*$/;
const ATTRIBUTE_KEY = /["'`]?([A-Za-z0-9_.$-]{1,80})["'`]?\s*(?:=>|[:=])\s*$/;
/** How far above a value its region key may be (`us-east-1:` over `S3Endpoint: …`). */
export const MAX_KEY_DISTANCE = 12;

interface RegionKey {
  region: string;
  /** indentation of the key's line: entries of one table share it */
  indent: number;
  /** the attribute under the region key (`S3Endpoint`), '' when the value sits right under it */
  attribute: string;
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

/** The region the value at (line, column) is keyed by in a lookup table, if it is. */
function regionKeyOf(lines: string[], line: number, column: number): RegionKey | undefined {
  const current = lines[line - 1];
  if (current === undefined) return undefined;
  const prefix = current.slice(0, Math.max(0, column - 1));
  const direct = REGION_KEY_DIRECT.exec(prefix);
  if (direct && isRegion(direct[1])) return { region: direct[1], indent: indentOf(current), attribute: '' };
  const attribute = ATTRIBUTE_KEY.exec(prefix)?.[1];
  if (attribute === undefined) return undefined;
  const sameLine = REGION_KEY_SAME_LINE.exec(prefix);
  if (sameLine && isRegion(sameLine[1])) return { region: sameLine[1], indent: indentOf(current), attribute };
  // The key on a line above with less indentation (YAML mappings, pretty-printed JSON, dicts).
  const own = indentOf(current);
  for (let k = line - 2; k >= 0 && k >= line - 1 - MAX_KEY_DISTANCE; k--) {
    const text = lines[k];
    if (!text.trim() || /^\s*(#|\/\/)/.test(text)) continue;
    if (indentOf(text) >= own) continue;
    const m = REGION_KEY_LINE.exec(text);
    return m && isRegion(m[1]) ? { region: m[1], indent: indentOf(text), attribute } : undefined;
  }
  return undefined;
}

/** Splits entries (in file order) where lines between two neighbours show two separate tables. */
function contiguousRuns<T extends { dep: Dependency }>(entries: T[]): T[][] {
  const runs: T[][] = [];
  for (const e of entries) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && e.dep.line - last.dep.line <= MAX_KEY_DISTANCE) run.push(e);
    else runs.push([e]);
  }
  return runs;
}

/**
 * Region-keyed lookup tables — `{ "us-east-1": "arn:aws:lambda:us-east-1:…:layer:X:38", "eu-west-1": … }`
 * in code, a CloudFormation `Mappings` entry per region — are how a stack or a function picks the
 * resource of the region it runs in: the multi-region-correct pattern, not a pin. Each table (same
 * kind, service, shape and key indentation; at least two regions, each value naming its own key's
 * region) becomes ONE dependency at its first entry with `region: null` and the keys as
 * `candidateRegions`, so no rule reads it as pinned. Every scanner's output goes through this once.
 */
export function collapseRegionKeyedTables(file: string, deps: Dependency[], text: string): Dependency[] {
  // Global hosts count when their key is their home (`us-east-1: s3.amazonaws.com` in an S3 Mappings table).
  const literal = deps.filter((d) => (d.kind === 'arn' || d.kind === 'endpoint') && d.region);
  if (literal.length < 2) return deps;
  const linked = new Set(deps.flatMap((d) => d.links ?? []));
  const lines = text.split('\n');
  const groups = new Map<string, Array<{ dep: Dependency; region: string }>>();
  for (const dep of literal) {
    if (linked.has(dep.id)) continue;
    const key = regionKeyOf(lines, dep.line, dep.column);
    if (!key || key.region !== dep.region) continue;
    // One column of one table: same kind and service, keys at one indentation, the same attribute
    // under the key. The values may differ in shape (`s3-us-west-2…` beside `s3.cn-north-1….cn`).
    const id = `${dep.kind}|${dep.service}|${key.indent}|${key.attribute}`;
    groups.set(id, [...(groups.get(id) ?? []), { dep, region: key.region }]);
  }
  const dropped = new Set<Dependency>();
  for (const entries of [...groups.values()].flatMap(contiguousRuns)) {
    const regions = [...new Set(entries.map((e) => e.region))].sort();
    if (regions.length < 2) continue;
    const [first, ...rest] = entries;
    const anchor = first.dep;
    anchor.regionTrace = entries.map((e) => traceStep({ file, line: e.dep.line, column: e.dep.column }, { kind: 'table-entry', region: e.region, text: e.dep.text ?? 'this entry' }));
    anchor.region = null;
    anchor.candidateRegions = regions;
    delete anchor.global;
    anchor.text = (anchor.text ?? '').split(first.region).join('*');
    for (const e of rest) dropped.add(e.dep);
  }
  return dropped.size ? deps.filter((d) => !dropped.has(d)) : deps;
}
