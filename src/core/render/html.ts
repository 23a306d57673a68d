/**
 * The risk report as ONE self-contained HTML file (`outage-radar scan --format html`, and "Export
 * Report" in the editor): the same interactive view as the editor's webview — region map, charts,
 * outage simulation, drill-down tables — that opens in any browser without network access.
 *
 * The page inlines the webview's bundled script and stylesheet and embeds the report data as JSON
 * in a `<script type="application/json">` element. Because src/core may not read files, the build
 * (scripts/build.mjs) writes the bundled script and stylesheet, with their SHA-256 hashes, into
 * the git-ignored module `reportAssets.generated.ts` before it bundles anything that imports this
 * one; `npm ci` runs the build through `prepare`, so a clean clone has the module before `tsc`.
 *
 * Content-Security-Policy: nothing may load from anywhere (`default-src 'none'`); the one script
 * and the one stylesheet run because their hashes are listed (a static file has no server to mint
 * a fresh nonce per response, and a hash admits exactly that text and nothing injected beside it);
 * images only from `data:` and `blob:` (the PNG export draws the map through one).
 */
import type { DependencyMap } from '../model';
import { headline } from '../summary';
import { REPORT_DATA_ELEMENT_ID, type ReportData, type ReportHealthEvent } from './reportData';
import { REPORT_SCRIPT, REPORT_SCRIPT_HASH, REPORT_STYLE, REPORT_STYLE_HASH } from './reportAssets.generated';

export interface HtmlReportOptions {
  /** AWS Health events to mark on the map (absent: the report says nothing about Health) */
  health?: ReportHealthEvent[];
  /** the page title; default "Outage Radar risk report — <workspace folder name>" */
  title?: string;
}

/** The Content-Security-Policy of the exported report. */
export const REPORT_CSP = `default-src 'none'; script-src '${REPORT_SCRIPT_HASH}'; style-src '${REPORT_STYLE_HASH}'; img-src data: blob:; base-uri 'none'; form-action 'none'`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * JSON that can sit inside a `<script>` element: `<` is written as `\u003c`, so no text in the
 * data (a finding message containing `</script>`, a file named `<!--`) can end the element or
 * open a comment. U+2028/U+2029 are escaped too, for readers that parse the JSON as JavaScript.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function folderName(root: string): string {
  const parts = root.split(/[/\\]/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

export function renderHtml(map: DependencyMap, options: HtmlReportOptions = {}): string {
  const data: ReportData = options.health ? { map, health: options.health } : { map };
  const folder = folderName(map.root);
  const title = options.title ?? `Outage Radar risk report${folder ? ` — ${folder}` : ''}`;
  const summary = headline(map.summary);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Outage Radar">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<main id="app"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(summary)}. Loading the report…</p><noscript><p>The interactive report needs JavaScript. <code>outage-radar scan --format markdown</code> gives the same findings as text.</p></noscript></main>
<script type="application/json" id="${REPORT_DATA_ELEMENT_ID}">${scriptSafeJson(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
