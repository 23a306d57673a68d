/**
 * A self-contained HTML report (no network, no scripts): summary, findings and dependencies.
 * The interactive report with the region map replaces this (issue 7).
 */
import type { DependencyMap } from '../model';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function renderHtml(map: DependencyMap): string {
  const rows = map.findings.map((f) => `<tr><td>${f.severity}</td><td>${escape(f.ruleId)}</td><td>${escape(`${f.file}:${f.line}`)}</td><td>${escape(f.message)}</td></tr>`).join('');
  const deps = map.dependencies.map((d) => `<tr><td>${escape(d.region ?? 'unresolved')}</td><td>${escape(d.service)}</td><td>${d.kind}</td><td>${escape(`${d.file}:${d.line}`)}</td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Outage Radar report</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style></head>
<body><h1>Outage Radar</h1><p>${map.summary.dependencies} dependencies, ${map.findings.length} findings</p>
<h2>Findings</h2><table><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th></tr>${rows}</table>
<h2>Dependencies</h2><table><tr><th>Region</th><th>Service</th><th>Kind</th><th>Location</th></tr>${deps}</table></body></html>
`;
}
