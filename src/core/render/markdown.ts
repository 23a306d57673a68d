/**
 * A Markdown report sized for a pull-request comment: a summary table, the top risks with links to
 * their rule documentation, and a per-region table. GitHub renders it as is.
 */
import type { DependencyMap, Severity } from '../model';
import { SEVERITIES } from '../model';
import { forTerminal } from './sanitise';
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
  lines.push(`**${deps.length}** AWS dependencies in **${regions.filter(([r]) => r !== 'unresolved').length}** regions` + (top ? ` · **${concentration}%** of resolved dependencies in ${code(top[0])}` : '') + ` · **${map.findings.length}** findings`);
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
    for (const f of risks) lines.push(`| ${ICON[f.severity]} | ${ruleLink(f.ruleId, f.helpUri)} | ${code(`${f.file}:${f.line}`)} | ${text(f.message, MAX_MESSAGE)} |`);
    const rest = map.findings.filter((f) => f.severity !== 'info').length - risks.length;
    if (rest > 0) lines.push(`\n_…and ${rest} more._`);
    lines.push('');
  }
  lines.push('### Dependencies by region');
  lines.push('');
  lines.push('| Region | Dependencies | Services | Via global control planes |');
  lines.push('|---|---:|---|---:|');
  for (const [region, list] of regions) {
    const services = [...groupBy(list, (d) => d.service).entries()].sort((a, b) => b[1].length - a[1].length).map(([s, l]) => `${text(s, MAX_NAME)} (${l.length})`).join(', ');
    lines.push(`| ${code(region)} | ${list.length} | ${services} | ${list.filter((d) => d.regionSource === 'global-service').length} |`);
  }
  lines.push('');
  if (map.problems.length) {
    const listed = map.problems.slice(0, MAX_PROBLEMS).map((p) => `- ${code(`${p.file}${p.line ? `:${p.line}` : ''}`)} ${text(p.reason, MAX_REASON)}`);
    const more = map.problems.length > MAX_PROBLEMS ? `\n- _…and ${map.problems.length - MAX_PROBLEMS} more._` : '';
    lines.push(`<details><summary>${map.problems.length} files not fully understood</summary>\n\n${listed.join('\n')}${more}\n\n</details>\n`);
  }
  return `${lines.join('\n')}\n`;
}

/*
 * Every string below can come from the repository (file and folder names, logical ids, literals,
 * problem reasons that quote them), and the comment is posted where the repository's authors do not
 * control who reads it. None of it may become markup: no HTML, no links or images, no @-mentions,
 * no table cells it closes, no code span it ends.
 */

/** Longest finding message, problem reason and name shown (the comment has a size limit, and a reason may quote a file). */
const MAX_MESSAGE = 600;
const MAX_REASON = 200;
const MAX_NAME = 100;
const MAX_PROBLEMS = 50;

function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/**
 * Text for a table cell or list item: controls shown as escapes (a newline would end the row),
 * `&`, `<`, `>` as entities (no HTML, no entity that decodes to markup), `@` followed by a
 * zero-width space (no mention of a person or team), and the other Markdown specials
 * backslash-escaped (no emphasis, links, images, code spans, strikethrough, math or table cells).
 */
export function markdownText(s: string, max = MAX_REASON): string {
  return forTerminal(truncate(s, max))
    .replace(/[\\`*_[\]|~$!#]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@&#8203;');
}
const text = markdownText;

/**
 * A code span that nothing inside can end: fenced with one backtick more than the longest run it
 * contains, padded when it starts or ends with a backtick, and `|` escaped (GitHub splits table
 * cells on it even inside code).
 */
export function markdownCode(s: string, max = MAX_NAME * 3): string {
  const body = forTerminal(truncate(s, max)).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
const code = markdownCode;

/**
 * A rule id, linked to its documentation only when that is a public https URL (a repository once
 * one is configured, src/node/docsLocation.ts): a `file://` path on the machine that rendered the
 * report means nothing in a pull request.
 */
function ruleLink(ruleId: string, helpUri: string | undefined): string {
  if (helpUri && /^https:\/\/[^\s()<>]+$/.test(helpUri)) return `[${code(ruleId)}](${helpUri})`;
  return code(ruleId);
}
