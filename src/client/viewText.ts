/**
 * The text of the editor's views, from the engine's summary (src/core/summary.ts) and nothing
 * else: the status bar, the tree's region and service lines, the simulate picker. Kept free of the
 * `vscode` module so tests can render exactly what the editor shows.
 */
import { dependenciesPhrase, findingsPhrase, plural, regionChoicePhrase, simulationRegions } from '../core/summary';
import type { DependencyMap } from '../core/model';
import type { HealthState, StatusParams } from '../shared/protocol';

/**
 * The status bar text: the engine's summary (src/core/summary.ts) rendered, nothing counted here.
 * `$(globe) us-east-1: 47 · 28 findings`: dependencies in the top region, findings shown as problems.
 */
export function statusText(s: StatusParams): string {
  if (s.state !== 'ready' && s.filesIndexed === 0) return '$(sync~spin) Outage Radar: indexing';
  const summary = s.summary;
  const findings = plural(summary.findings.problems, 'finding', 'findings');
  const where = summary.topRegion ? `$(globe) ${summary.topRegion.region}: ${summary.topRegion.dependencies.toLocaleString('en-US')}` : `$(globe) ${plural(summary.awsDependencies, 'dependency', 'dependencies')}`;
  const health = s.healthEvents > 0 ? ` · $(pulse) ${s.healthEvents} AWS Health` : '';
  return `${where} · ${findings}${health}`;
}

export const HEALTH_OFF: Record<Exclude<HealthState, 'on'>, string> = {
  'not-consented': 'AWS Health is off: run "Outage Radar: Enable AWS Health" to show live events',
  off: 'AWS Health is off (setting outageRadar.health.source)',
  restricted: 'AWS Health is off in a restricted workspace: trust the workspace to enable it',
  unsupported: 'AWS Health is not available',
};

export function statusTooltip(s: StatusParams): string {
  const summary = s.summary;
  const top = summary.topRegion;
  const lines = [
    top ? `${top.dependencies.toLocaleString('en-US')} of ${dependenciesPhrase(summary)} are in ${top.region}` : `${dependenciesPhrase(summary)}, none with a known region`,
    `${findingsPhrase(summary.findings)} (findings are shown as problems, notes only in hovers and the report)`,
  ];
  if (s.health !== 'on') lines.push(HEALTH_OFF[s.health]);
  else if (s.healthEvents > 0) lines.push(`${s.healthEventsAffectingWorkspace} of ${s.healthEvents} open AWS Health events affect this workspace`);
  else lines.push('AWS Health: no open event');
  if (s.state === 'indexing') lines.push('Indexing…');
  lines.push('Click to open the risk report');
  return lines.join('\n');
}

/** A tree node's description: "47 dependencies · 31 findings" (findings shown as problems). */
export function regionCountsText(dependencies: number, findings: number): string {
  return `${plural(dependencies, 'dependency', 'dependencies')}${findings ? ` · ${plural(findings, 'finding', 'findings')}` : ''}`;
}

/**
 * The regions the simulate picker offers, with the summary's counts: the number of dependencies is
 * the one the status bar, the tree and the report's region table show; those that may be in the
 * region (a candidate) are counted apart.
 */
export function regionPickItems(map: DependencyMap): { label: string; description: string }[] {
  return simulationRegions(map.summary).map((r) => ({ label: r.region, description: regionChoicePhrase(r) }));
}
