/**
 * A Markdown report sized for a pull-request comment: a summary table, the top risks with links to
 * their rule documentation, and a per-region table. GitHub renders it as is.
 */
import type { DependencyMap, Severity } from '../model';
import { SEVERITIES } from '../model';
import { groupBy } from './text';

const ICON: Record<Severity, string> = { critical: '🟣', high: '🔴', medium: '🟠', low: '🔵', info: '⚪' };

export interface MarkdownOptions {
  /** how many findings to list under "Top risks" */
  top?: number;
}

export function renderMarkdown(map: DependencyMap, options: MarkdownOptions = {}): string {
  const deps = map.dependencies.filter((d) => d.kind !== 'region-config');
  const lines: string[] = [];
  lines.push('## Outage Radar');
  lines.push('');
  const regions = [...groupBy(deps, (d) => d.region ?? 'unresolved').entries()].sort((a, b) => b[1].length - a[1].length);
  const resolved = deps.filter((d) => d.region);
  const top = regions.find(([r]) => r !== 'unresolved');
  const concentration = top && resolved.length ? Math.round((top[1].length / resolved.length) * 100) : 0;
  lines.push(`**${deps.length}** AWS dependencies in **${regions.filter(([r]) => r !== 'unresolved').length}** regions` + (top ? ` · **${concentration}%** of resolved dependencies in \`${top[0]}\`` : '') + ` · **${map.findings.length}** findings`);
  lines.push('');
  lines.push('| Severity | Findings |');
  lines.push('|---|---:|');
  for (const s of SEVERITIES) lines.push(`| ${ICON[s]} ${s} | ${map.summary.findingsBySeverity[s] ?? 0} |`);
  lines.push('');
  // Most severe first, then by place: the comment shows the worst risks, not the first files.
  const risks = map.findings
    .filter((f) => f.severity !== 'info')
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
    .slice(0, options.top ?? 10);
  if (risks.length) {
    lines.push('### Top risks');
    lines.push('');
    lines.push('| | Rule | Location | Message |');
    lines.push('|---|---|---|---|');
    for (const f of risks) lines.push(`| ${ICON[f.severity]} | [\`${f.ruleId}\`](${f.helpUri ?? ''}) | \`${f.file}:${f.line}\` | ${escapeCell(f.message)} |`);
    const rest = map.findings.filter((f) => f.severity !== 'info').length - risks.length;
    if (rest > 0) lines.push(`\n_…and ${rest} more._`);
    lines.push('');
  }
  lines.push('### Dependencies by region');
  lines.push('');
  lines.push('| Region | Dependencies | Services | Via global control planes |');
  lines.push('|---|---:|---|---:|');
  for (const [region, list] of regions) {
    const services = [...groupBy(list, (d) => d.service).entries()].sort((a, b) => b[1].length - a[1].length).map(([s, l]) => `${s} (${l.length})`).join(', ');
    lines.push(`| \`${region}\` | ${list.length} | ${services} | ${list.filter((d) => d.regionSource === 'global-service').length} |`);
  }
  lines.push('');
  if (map.problems.length) lines.push(`<details><summary>${map.problems.length} files not fully understood</summary>\n\n${map.problems.map((p) => `- \`${p.file}${p.line ? `:${p.line}` : ''}\` ${escapeCell(p.reason)}`).join('\n')}\n\n</details>\n`);
  return `${lines.join('\n')}\n`;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
