/**
 * The terminal report: where the workspace's dependencies live (per region and service), the
 * findings by severity with `file:line`, how regions were resolved across files, and what could
 * not be read. Colour only when the caller says the output is a terminal.
 */
import type { Dependency, DependencyMap, Finding, Severity } from '../model';
import { SEVERITIES } from '../model';
import { forTerminal as t } from './sanitise';
import { headline } from '../summary';

export interface TextOptions {
  color?: boolean;
  /** at most this many findings per severity (the rest are counted) */
  maxFindingsPerSeverity?: number;
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], blue: [34, 39], cyan: [36, 39], magenta: [35, 39] } as const;
type Style = keyof typeof CODES;

const SEVERITY_STYLE: Record<Severity, Style> = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'blue', info: 'dim' };

export function renderText(map: DependencyMap, options: TextOptions = {}): string {
  const paint = (style: Style, s: string) => (options.color ? `\u001b[${CODES[style][0]}m${s}\u001b[${CODES[style][1]}m` : s);
  const out: string[] = [];
  const deps = map.dependencies.filter((d) => d.kind !== 'region-config');
  const s = map.summary;
  out.push(paint('bold', 'Outage Radar'));
  out.push(`${headline(s)}${s.durationMs !== undefined ? ` · ${s.durationMs} ms` : ''}`);
  out.push('');

  out.push(paint('bold', 'Dependencies by region'));
  const byRegion = groupBy(deps, (d) => d.region ?? 'unresolved');
  const regions = [...byRegion.keys()].sort((a, b) => (byRegion.get(b)?.length ?? 0) - (byRegion.get(a)?.length ?? 0) || (a < b ? -1 : 1));
  const total = deps.length || 1;
  for (const region of regions) {
    const list = byRegion.get(region) ?? [];
    const services = [...groupBy(list, (d) => d.service).entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
    const hidden = list.filter((d) => d.regionSource === 'global-service').length;
    const share = Math.round((list.length / total) * 100);
    out.push(`  ${pad(t(region), 16)} ${pad(String(list.length), 4)} ${pad(`${share}%`, 5)} ${services.map(([svc, l]) => `${t(svc)} ${l.length}`).join(', ')}${hidden ? paint('dim', `  (${hidden} via global control planes)`) : ''}`);
  }
  out.push('');

  out.push(paint('bold', 'Findings'));
  if (map.findings.length === 0) out.push('  none');
  const max = options.maxFindingsPerSeverity ?? 50;
  for (const severity of SEVERITIES) {
    const list = map.findings.filter((f) => f.severity === severity);
    if (list.length === 0) continue;
    out.push(`  ${paint(SEVERITY_STYLE[severity], `${severity.toUpperCase()} (${list.length})`)}`);
    for (const f of list.slice(0, max)) out.push(`    ${location(f)}  ${paint('dim', t(f.ruleId))}  ${t(f.message)}`);
    if (list.length > max) out.push(paint('dim', `    … and ${list.length - max} more`));
  }
  out.push('');

  const chains = resolutionChains(deps);
  if (chains.length) {
    out.push(paint('bold', 'Regions resolved across files'));
    for (const { representative: d, others } of chains.slice(0, 8)) {
      out.push(`  ${t(d.file)}:${d.line}  ${t(d.name ?? d.service)} (${t(d.service)} ${d.kind}) → ${t(d.region ?? (d.candidateRegions?.join(' | ') || 'unknown'))} (${d.regionSource})${others ? paint('dim', `  +${others} more resolved the same way`) : ''}`);
      for (const step of d.regionTrace ?? []) out.push(paint('dim', `      ${t(step.file)}:${step.line}  ${t(step.reason)}`));
    }
    if (chains.length > 8) out.push(paint('dim', `  … and ${chains.length - 8} more chains`));
    out.push('');
  }

  if (map.problems.length) {
    out.push(paint('bold', 'Not fully understood'));
    for (const p of map.problems.slice(0, 30)) out.push(`  ${t(p.file)}${p.line ? `:${p.line}` : ''}  ${t(p.reason)}`);
    if (map.problems.length > 30) out.push(paint('dim', `  … and ${map.problems.length - 30} more`));
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

const KIND_ORDER: Record<string, number> = { 'sdk-client': 0, 'sdk-call': 1, 'iac-resource': 2, endpoint: 3, arn: 4, 'region-config': 5 };

/**
 * Dependencies whose region came from another file, one representative per distinct chain of
 * places (code first: the chain from a handler to its deploy config is the one people ask about).
 */
export function resolutionChains(deps: readonly Dependency[]): Array<{ representative: Dependency; others: number }> {
  const groups = new Map<string, Dependency[]>();
  for (const d of deps) {
    const elsewhere = (d.regionTrace ?? []).filter((step) => step.file !== d.file);
    if (elsewhere.length === 0) continue;
    const key = `${d.region}|${elsewhere.map((step) => `${step.file}:${step.line}`).join('>')}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()]
    .map((list) => {
      const sorted = [...list].sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9));
      return { representative: sorted[0], others: list.length - 1 };
    })
    .sort((a, b) => (KIND_ORDER[a.representative.kind] ?? 9) - (KIND_ORDER[b.representative.kind] ?? 9) || b.others - a.others);
}

function location(f: Finding): string {
  return `${t(f.file)}:${f.line}:${f.column}`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

export type { Dependency };
