/**
 * Test support for the infrastructure rules: run one rule over an in-memory workspace (through the
 * real scanners and resolution) or over hand-built dependencies (through the real engine), read
 * its findings as `file:line:column severity` strings, and apply a finding's quick fix to a text.
 */
import type { OutageRadarConfig } from '../../src/core/config';
import { defaultConfig } from '../../src/core/config';
import type { Dependency, Finding, Fix, ResourceFacts } from '../../src/core/model';
import { runRules } from '../../src/core/rules/engine';
import type { Rule } from '../../src/core/rules/types';
import { analyseFiles } from './workspace';

/** `template.yaml:4:3 medium` — location and severity, the two things every rule test asserts. */
export function located(findings: Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity}`);
}

/** The findings of one rule over an in-memory workspace, scanned and resolved as the CLI does. */
export async function scanWith(rule: Rule, files: Record<string, string>, config: Partial<OutageRadarConfig> = {}): Promise<Finding[]> {
  const map = await analyseFiles(files, { config, rules: [rule] });
  return map.findings.filter((f) => f.ruleId === rule.meta.id);
}

/** The whole analysis (dependencies too), for tests that look at what a rule reads. */
export async function analyseWith(rule: Rule, files: Record<string, string>, config: Partial<OutageRadarConfig> = {}) {
  return analyseFiles(files, { config, rules: [rule] });
}

let counter = 0;

/** A declared resource as a scanner of any format would report it. */
export function resource(type: string, name: string, options: Partial<Omit<Dependency, 'resource'>> & { facts?: Partial<ResourceFacts> } = {}): Dependency {
  const { facts, ...rest } = options;
  counter++;
  return {
    id: `iac-resource:test${counter}`,
    provider: 'aws',
    kind: 'iac-resource',
    service: rest.service ?? 'unknown',
    file: 'main.tf',
    line: counter,
    column: 1,
    endLine: counter,
    endColumn: 9,
    region: null,
    regionSource: 'unresolved',
    name,
    ...rest,
    resource: { type, name, ...facts },
  };
}

/** Runs one rule over hand-built dependencies through the real engine (tiers, overrides). */
export function runOn(rule: Rule, dependencies: Dependency[], config: Partial<OutageRadarConfig> = {}): Finding[] {
  const { findings } = runRules([rule], {
    dependencies,
    deployUnits: [],
    suppressions: [],
    problems: [],
    config: { ...defaultConfig(), ...config },
    docsBaseUrl: 'docs/rules/',
  });
  return findings;
}

/** Applies a fix's edits (same file, non-overlapping) to a text, last edit first. */
export function applyFix(text: string, fix: Fix): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (line: number, column: number) => (lineStarts[line - 1] ?? text.length) + column - 1;
  const edits = [...fix.edits].sort((a, b) => offset(b.line, b.column) - offset(a.line, a.column));
  let out = text;
  for (const e of edits) out = out.slice(0, offset(e.line, e.column)) + e.newText + out.slice(offset(e.endLine, e.endColumn));
  return out;
}
