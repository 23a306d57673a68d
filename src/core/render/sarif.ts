/**
 * SARIF 2.1.0 for code scanning: every rule with its help text and help URI, results with
 * severity-mapped levels, `partialFingerprints` from content (so code scanning tracks a finding
 * across commits that shift lines), related locations, fixes, and the files that could not be
 * read as tool execution notifications.
 */
import type { DependencyMap, Finding } from '../model';
import { RULES } from '../rules';
import type { Rule } from '../rules/types';
import { helpUriFor } from '../rules/engine';
import { escapeJsonInvisibles } from './sanitise';
import { SARIF_LEVEL } from './severity';

export interface SarifOptions {
  toolVersion: string;
  docsBaseUrl: string;
  /** file URL of the scanned root, for `originalUriBaseIds` */
  rootUri?: string;
  rules?: readonly Rule[];
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function renderSarif(map: DependencyMap, options: SarifOptions): string {
  const rules = options.rules ?? RULES;
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i] as const));
  const driverRules = rules.map((r) => ({
    id: r.meta.id,
    name: pascal(r.meta.id),
    shortDescription: { text: r.meta.title },
    fullDescription: { text: r.meta.description },
    helpUri: helpUriFor(r.meta.id, options.docsBaseUrl),
    help: { text: `${r.meta.description} See ${helpUriFor(r.meta.id, options.docsBaseUrl)}`, markdown: `${r.meta.description}\n\n[Rule documentation](${helpUriFor(r.meta.id, options.docsBaseUrl)})` },
    defaultConfiguration: { level: SARIF_LEVEL[r.meta.defaultSeverity] },
    properties: { tags: ['resilience', 'aws', r.meta.category], 'outage-radar/severity': r.meta.defaultSeverity, ...(r.meta.tierAware ? { 'outage-radar/tierAware': true } : {}) },
  }));
  const results = map.findings.map((f) => result(f, ruleIndex.get(f.ruleId)));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Outage Radar', semanticVersion: options.toolVersion, version: options.toolVersion, informationUri: options.docsBaseUrl, rules: driverRules } },
        ...(options.rootUri ? { originalUriBaseIds: { SRCROOT: { uri: options.rootUri.endsWith('/') ? options.rootUri : `${options.rootUri}/` } } } : {}),
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: map.problems.map((p) => ({
              level: p.severity === 'skipped' ? 'warning' : 'note',
              message: { text: p.reason },
              locations: [{ physicalLocation: { artifactLocation: artifact(p.file), ...(p.line ? { region: { startLine: p.line } } : {}) } }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  // Bidi controls stay raw in JSON.stringify's output; written as escapes, a reader of the file sees them.
  return `${escapeJsonInvisibles(JSON.stringify(sarif, null, 2))}\n`;
}

function artifact(file: string) {
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

function result(f: Finding, index: number | undefined) {
  return {
    ruleId: f.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } }],
    ...(f.fingerprint ? { partialFingerprints: { 'outageRadar/v1': f.fingerprint } } : {}),
    ...(f.related?.length
      ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, physicalLocation: { artifactLocation: artifact(r.file), region: { startLine: r.line, ...(r.column ? { startColumn: r.column } : {}) } } })) }
      : {}),
    ...(f.fix
      ? {
          fixes: [
            {
              description: { text: f.fix.description },
              artifactChanges: groupEdits(f).map(([file, edits]) => ({
                artifactLocation: artifact(file),
                replacements: edits.map((e) => ({ deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn }, insertedContent: { text: e.newText } })),
              })),
            },
          ],
        }
      : {}),
    properties: { severity: f.severity, dependencyIds: f.dependencyIds },
  };
}

function groupEdits(f: Finding): Array<[string, NonNullable<Finding['fix']>['edits']]> {
  const m = new Map<string, NonNullable<Finding['fix']>['edits']>();
  for (const e of f.fix?.edits ?? []) m.set(e.file, [...(m.get(e.file) ?? []), e]);
  return [...m.entries()];
}

function pascal(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
