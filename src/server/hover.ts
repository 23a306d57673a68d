/**
 * The hover on a dependency (SDK client or call, IaC resource, region setting, endpoint, ARN):
 * what it depends on, the region and how it was decided (each step of the trace a link to its
 * place), resilience facts, the findings on it, what breaks if its region goes down, and open
 * AWS Health events that affect it. Markdown written for VS Code's hover, readable as plain text
 * in editors that show the raw string.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { serviceDisplayName } from '../core/catalogue/services';
import { dependencyLabel } from '../core/dependencyNames';
import type { Dependency, DependencyKind, Finding, RegionSource } from '../core/model';
import { replicatedElsewhere } from '../core/resources/replication';
import { decidedBy } from '../core/trace';
import type { SimulationResult } from '../core/simulate';
import { readableTime, type WorkspaceHealthEvent } from './health';
import { rangeOfSpan, spanContains, spanSize, uriOfFile, type FolderLocation } from './locations';
import type { MapView } from './mapView';

const KIND_LABEL: Record<DependencyKind, string> = {
  'sdk-client': 'SDK client',
  'sdk-call': 'SDK call',
  'iac-resource': 'resource',
  'region-config': 'region setting',
  endpoint: 'endpoint',
  arn: 'ARN',
};

/** How each region source reads in a sentence: "region `us-east-1`, <description>". */
export const REGION_SOURCE_DESCRIPTION: Record<RegionSource, string> = {
  literal: 'written as a literal here',
  variable: 'from a constant traced to its literal',
  env: 'from an environment variable the workspace sets',
  'config-file': 'from an AWS config file',
  provider: 'from the Terraform/Pulumi provider',
  'stack-env': "from the stack's environment",
  'deploy-config': 'from the deploy configuration',
  'global-service': 'pinned by AWS: a global service hosted in one region',
  parameter: 'decided at deploy time (not recorded in the workspace)',
  default: "the framework's documented default",
  unresolved: 'not decided anywhere in the workspace',
};

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

/** The dependency under the caret: the most specific one when constructs nest (a call inside a handler …). */
export function dependencyAt(view: MapView, file: string, position: Position): Dependency | undefined {
  let best: Dependency | undefined;
  for (const d of view.dependencies(file)) {
    if (!spanContains(d, position)) continue;
    if (!best || spanSize(d) < spanSize(best)) best = d;
  }
  return best;
}

export function hoverAt(view: MapView, folder: FolderLocation, file: string, position: Position, events: readonly WorkspaceHealthEvent[] = []): Hover | null {
  const dependency = dependencyAt(view, file, position);
  if (dependency) return { contents: { kind: MarkupKind.Markdown, value: dependencyMarkdown(dependency, view, folder, events) }, range: rangeOfSpan(dependency) };
  // Findings not on a dependency (a suppression comment, a config entry) still explain themselves.
  const findings = view.findings(file).filter((f) => spanContains(f, position));
  if (!findings.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: ['**Outage Radar**', '', ...findings.map(findingLine)].join('\n') }, range: rangeOfSpan(findings[0]) };
}

export function dependencyMarkdown(d: Dependency, view: MapView, folder: FolderLocation, events: readonly WorkspaceHealthEvent[]): string {
  const out: string[] = [];
  const what = d.service === '*' ? 'AWS region' : `${escapeMarkdown(serviceDisplayName(d.service))} (\`${d.service}\`)`;
  const label = d.name ? ` \`${code(d.name)}\`` : '';
  out.push(`**${what}** · ${KIND_LABEL[d.kind]}${label}${d.operation && d.name !== d.operation ? ` · \`${code(d.operation)}\`` : ''}`);
  if (d.resource?.type) out.push('', `Type \`${code(d.resource.type)}\``);

  out.push('', `**Region:** ${regionText(d)} — ${REGION_SOURCE_DESCRIPTION[d.regionSource]}`);
  const trace = d.regionTrace ?? [];
  if (trace.length) {
    out.push('', '**How the region was decided**', '');
    trace.forEach((step, i) => out.push(`${i + 1}. [${escapeMarkdown(`${step.file}:${step.line}`)}](${uriOfFile(folder, step.file)}#L${step.line}) — ${escapeMarkdown(step.reason)}`));
  }

  const facts = resilienceFacts(d, view);
  if (facts.length) out.push('', `**Resilience:** ${facts.join(' · ')}`);

  const findings = [...view.findingsOn(d)].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  if (findings.length) out.push('', '**Findings**', '', ...findings.map(findingLine));

  out.push('', whatBreaks(d, view));

  const affecting = events.filter((e) => e.affected.some((a) => a.file === d.file && a.line === d.line));
  if (affecting.length) {
    out.push('', '**AWS Health**', '');
    for (const e of affecting) {
      const when = e.startTime ? ` since ${readableTime(e.startTime)}` : '';
      out.push(`- \`${code(e.eventTypeCode)}\` (${escapeMarkdown(e.statusCode)}) in ${escapeMarkdown(e.region)}${when}${e.description ? `: ${escapeMarkdown(shorten(e.description, 300))}` : ''}`);
    }
  }
  return out.join('\n');
}

function regionText(d: Dependency): string {
  if (d.region) return `\`${d.region}\``;
  if (d.candidateRegions?.length) return `one of ${d.candidateRegions.map((r) => `\`${r}\``).join(', ')}`;
  return '_unknown_';
}

function resilienceFacts(d: Dependency, view: MapView): string[] {
  const facts: string[] = [];
  const r = d.resource;
  if (r) {
    // The same verdict as the code lens and the simulation (`replicatedElsewhere`).
    const replicas = replicatedElsewhere(d, view.map.dependencies);
    if (replicas.state === 'elsewhere') facts.push(replicas.computed ? 'replicated to regions the code computes' : `replicated to ${replicas.regions.map((x) => `\`${x}\``).join(', ')}`);
    else if (replicas.state === 'unknown-region') facts.push('replicated to a region the workspace does not state');
    else if (replicas.state === 'not-replicated') facts.push('no replica in another region');
    if (r.multiAz === true) facts.push('Multi-AZ');
    else if (r.multiAz === false) facts.push('single AZ');
    const a = r.attributes ?? {};
    if (a.multiRegion === true) facts.push('multi-Region key');
    if (a.globalCluster === true) facts.push('member of a global cluster');
    if (a.pointInTimeRecovery === true) facts.push('point-in-time recovery on');
    if (a.automaticFailover === true) facts.push('automatic failover');
    if (a.singleAzStorage === true) facts.push('data kept in one AZ');
  }
  if (d.global) facts.push('global service');
  return facts;
}

function findingLine(f: Finding): string {
  const rule = f.helpUri ? `[\`${f.ruleId}\`](${f.helpUri})` : `\`${f.ruleId}\``;
  return `- ${f.severity} · ${rule} — ${escapeMarkdown(f.message)}`;
}

/**
 * "What breaks if this region goes down", from the engine's outage simulation of the dependency's
 * region (the same as `outage-radar simulate`): whether it fails or survives, why, and what else
 * fails with it. Region settings, endpoints and ARNs get a statement of their own.
 */
export function whatBreaks(d: Dependency, view: MapView): string {
  const region = d.region;
  if (!region) {
    if (d.candidateRegions?.length) return `**If one of ${d.candidateRegions.map((r) => `\`${r}\``).join(', ')} goes down:** this fails wherever it is deployed to that region; the workspace does not show a copy that takes over.`;
    return '**If its region goes down:** the region is decided outside the workspace (at run or deploy time), so Outage Radar cannot tell which outage would break it.';
  }
  const head = `**If \`${region}\` goes down:**`;
  if (d.kind === 'region-config') {
    const decided = decidedBy(d, view.map.dependencies);
    return decided.length
      ? `${head} the ${plural(decided.length, 'dependency', 'dependencies')} whose region this setting decides go down with it.`
      : `${head} everything deployed or configured through this setting goes down with it.`;
  }
  const simulation = view.simulation(region);
  const survives = simulation.surviving.find((e) => e.dependencyId === d.id);
  if (survives) return `${head} it keeps serving — ${escapeMarkdown(survives.detail)}.`;
  const fails = simulation.failing.find((e) => e.dependencyId === d.id);
  if (!fails) return `${head} it is not affected.`;
  const alsoFailing = usedAndShared(d, view, simulation, fails.component);
  if (fails.reason === 'control-plane') return `${head} ${escapeMarkdown(fails.detail.replace(/\.?$/, '.'))}${alsoFailing}`;
  const why =
    d.kind === 'endpoint' || d.kind === 'arn'
      ? 'requests to it fail: the region is written into it, so no SDK or failover setting can move it.'
      : d.kind === 'iac-resource'
        ? 'this resource is unavailable, and nothing in the workspace replicates it to another region.'
        : d.regionSource === 'literal' || d.regionSource === 'variable'
          ? 'every call through it fails, and the region is fixed in the code: moving it needs a code change and a redeploy.'
          : 'every call through it fails where it runs in that region, unless a copy is deployed to another region.';
  return `${head} ${why}${alsoFailing}`;
}

/**
 * What goes down with a failing dependency, most relevant first (issue 13 item 18): the resources
 * this code uses — the ones its calls link to (through the client they go through), and whether
 * each is replicated — then the other dependencies of its own deploy unit, by readable name. Nothing
 * from unrelated stacks of the workspace.
 */
function usedAndShared(d: Dependency, view: MapView, simulation: SimulationResult, component: string): string {
  const used = resourcesUsedBy(d, view);
  const verdict = (r: Dependency): string => {
    if (simulation.surviving.some((e) => e.dependencyId === r.id)) return 'replicated: it keeps serving';
    if (simulation.failing.some((e) => e.dependencyId === r.id)) return replicatedElsewhere(r, view.map.dependencies).state === 'not-replicated' ? 'not replicated: it fails too' : 'it fails too';
    return r.region ? `in ${r.region}` : 'region unknown';
  };
  const parts: string[] = [];
  if (used.length) {
    const shown = used.slice(0, 4).map((r) => `${code(dependencyLabel(r))} (${escapeMarkdown(serviceDisplayName(r.service))}, ${verdict(r)})`);
    parts.push(` It uses ${shown.join(', ')}${used.length > 4 ? `, and ${used.length - 4} more` : ''}.`);
  }
  const usedIds = new Set(used.map((r) => r.id));
  const sameUnit = simulation.failing.filter((e) => e.dependencyId !== d.id && e.component === component && !usedIds.has(e.dependencyId ?? ''));
  if (sameUnit.length && component !== d.file) {
    const names = [...new Set(sameUnit.map((e) => (e.dependencyId ? view.byId.get(e.dependencyId) : undefined)).filter((x): x is Dependency => !!x && x.kind !== 'region-config').map((x) => dependencyLabel(x)))];
    parts.push(
      ` ${plural(sameUnit.length, 'other dependency', 'other dependencies')} of its deploy unit ${code(component.replace(/ \([^)]*\)$/, ''))} ${sameUnit.length === 1 ? 'fails' : 'fail'} with it${names.length ? `: ${names.slice(0, 4).map((n) => escapeMarkdown(n)).join(', ')}${names.length > 4 ? ', …' : ''}` : ''}.`,
    );
  }
  return parts.join('');
}

/** The infrastructure resources a dependency's calls link to: a call's own links, or the calls through a client (and through clients built on it). */
function resourcesUsedBy(d: Dependency, view: MapView): Dependency[] {
  const resources = new Map<string, Dependency>();
  const addLinks = (x: Dependency) => {
    for (const id of x.links ?? []) {
      const r = view.byId.get(id);
      if (r?.kind === 'iac-resource') resources.set(r.id, r);
    }
  };
  if (d.kind === 'sdk-call') addLinks(d);
  if (d.kind === 'sdk-client') {
    const clients = new Set([d.id]);
    // Clients built on this one (a DynamoDBDocumentClient from a DynamoDBClient) carry its calls too.
    for (const x of view.dependencies(d.file)) if (x.kind === 'sdk-client' && x.links?.includes(d.id)) clients.add(x.id);
    for (const x of view.dependencies(d.file)) if (x.kind === 'sdk-call' && x.links?.some((id) => clients.has(id))) addLinks(x);
  }
  return [...resources.values()].sort((a, b) => dependencyLabel(a).localeCompare(dependencyLabel(b)));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Escapes text from the workspace so that it cannot turn into Markdown markup, links or HTML.
 * Only the characters that make markup inside a line are escaped (our lines never start with
 * workspace text), so region names and paths stay readable in editors that show the raw string.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`);
}

/** Text for inside a code span: a backtick would end it. */
function code(text: string): string {
  return text.replace(/`/g, "'");
}

function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
