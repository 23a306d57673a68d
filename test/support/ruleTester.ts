/**
 * The one harness for rule tests. A rule is specified two ways, usually both:
 *
 * - `ruleTester(rule).run({ valid, invalid })`, ESLint RuleTester-like: each case is an in-memory
 *   workspace (path → text) scanned and resolved exactly as the CLI does; a valid case must give no
 *   finding of the rule, an invalid one exactly the listed findings (rule id, message, file, line,
 *   column, and severity when given), in order. One `it` per case.
 * - Over hand-built dependencies through the real engine (`runOn` + `resource`/`dep`), so that the
 *   rule's logic is pinned independently of what the scanners emit; `located` turns findings into
 *   `file:line:column severity` strings for exact assertions.
 *
 * `analyseFiles` gives the whole map when a test looks at dependencies too, and `applyFix` applies a
 * finding's quick fix. scripts/new-rule.mjs scaffolds a rule's test with this module.
 */
import { strict as assert } from 'node:assert';
import { analyseWorkspace } from '../../src/core/analysis';
import { relateResources } from '../../src/core/resolve/links';
import type { OutageRadarConfig } from '../../src/core/config';
import { defaultConfig } from '../../src/core/config';
import type { DeployUnit, Dependency, DependencyMap, Finding, Fix, Problem, ResourceFacts, Severity, Suppression } from '../../src/core/model';
import { runRules } from '../../src/core/rules/engine';
import type { Rule } from '../../src/core/rules/types';
import { scanFile } from '../../src/core/scanners';
import { loadLanguages } from '../../src/node/languages';

/* ---------------------------------------------------------------- in-memory workspaces */

/** Scans an in-memory workspace through the real scanners, resolution and rule engine, as the CLI does. */
export async function analyseFiles(
  files: Record<string, string>,
  options: { config?: Partial<OutageRadarConfig>; rules?: readonly Rule[]; keepSuppressed?: boolean } = {},
): Promise<DependencyMap> {
  const languages = await loadLanguages();
  const results = Object.entries(files).map(([file, text]) => scanFile(file, text, { languages }));
  return analyseWorkspace(results, {
    root: '.',
    config: { ...defaultConfig(), ...options.config },
    rules: options.rules,
    keepSuppressed: options.keepSuppressed,
  });
}

/** The findings of one rule in a map. */
export function findingsOf(map: DependencyMap, ruleId: string): Finding[] {
  return map.findings.filter((f) => f.ruleId === ruleId);
}

/** `file:line:column` of each finding. */
export function locations(findings: Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}`);
}

/** `template.yaml:4:3 medium` — location and severity, the two things every rule test asserts. */
export function located(findings: Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity}`);
}

/** The findings of one rule (run alone) over an in-memory workspace. */
export async function scanWith(rule: Rule, files: Record<string, string>, config: Partial<OutageRadarConfig> = {}): Promise<Finding[]> {
  return findingsOf(await analyseFiles(files, { config, rules: [rule] }), rule.meta.id);
}

/** The whole analysis with one rule (dependencies too), for tests that look at what a rule reads. */
export async function analyseWith(rule: Rule, files: Record<string, string>, config: Partial<OutageRadarConfig> = {}): Promise<DependencyMap> {
  return analyseFiles(files, { config, rules: [rule] });
}

/* ---------------------------------------------------------------- hand-built dependencies */

export interface EngineOptions {
  config?: Partial<OutageRadarConfig>;
  suppressions?: Suppression[];
  problems?: Problem[];
  deployUnits?: DeployUnit[];
}

/**
 * Runs rules over hand-built dependencies through the real engine (tiers, overrides, suppressions,
 * fingerprints), after linking their references as resolution does (on copies: the typed links are
 * the link pass's output, not the scanner's).
 */
export function runRulesOn(rules: Rule | readonly Rule[], dependencies: Dependency[], options: EngineOptions = {}): Finding[] {
  const linked = structuredClone(dependencies);
  relateResources(linked);
  return runRules(Array.isArray(rules) ? rules : [rules as Rule], {
    dependencies: linked,
    deployUnits: options.deployUnits ?? [],
    suppressions: options.suppressions ?? [],
    problems: options.problems ?? [],
    config: { ...defaultConfig(), ...options.config },
    docsBaseUrl: 'docs/rules/',
  }).findings;
}

/** Runs one rule over hand-built dependencies with a configuration. */
export function runOn(rule: Rule, dependencies: Dependency[], config: Partial<OutageRadarConfig> = {}): Finding[] {
  return runRulesOn(rule, dependencies, { config });
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

/* ---------------------------------------------------------------- valid / invalid cases */

export interface RuleCase {
  /** the test's title; defaults to the files' names */
  name?: string;
  /** the workspace: path → text */
  files: Record<string, string>;
  /** merged over the default configuration (tier, regions, rule overrides) */
  config?: Partial<OutageRadarConfig>;
}

export interface ExpectedFinding {
  /** the exact message, or a pattern it must match */
  message: string | RegExp;
  /** defaults to the case's only file */
  file?: string;
  line: number;
  column: number;
  severity?: Severity;
}

export interface InvalidRuleCase extends RuleCase {
  /** every finding of the rule, in the order the engine reports them */
  errors: ExpectedFinding[];
  /** when given, the text of `file` after applying the first finding's quick fix */
  output?: { file: string; text: string };
}

function titleOf(c: RuleCase): string {
  return c.name ?? Object.keys(c.files).join(', ');
}

function describeFinding(f: Finding): string {
  return `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.severity} ${JSON.stringify(f.message)}`;
}

/**
 * Asserts that `found` (the findings of rule `id`) are exactly `expected`, in order: rule id, file
 * (`onlyFile` when an expectation names none), line, column, message (exact text or pattern) and
 * severity when given.
 */
export function assertFindings(id: string, found: Finding[], expected: ExpectedFinding[], onlyFile?: string): void {
  assert.equal(found.length, expected.length, `expected ${expected.length} finding(s), got:\n${found.map(describeFinding).join('\n')}`);
  expected.forEach((e, i) => {
    const f = found[i];
    const file = e.file ?? onlyFile;
    assert.ok(file, `finding ${i + 1}: name its file (the case has several)`);
    assert.equal(`${f.ruleId} ${f.file}:${f.line}:${f.column}`, `${id} ${file}:${e.line}:${e.column}`, `finding ${i + 1}`);
    if (typeof e.message === 'string') assert.equal(f.message, e.message, `finding ${i + 1}: message`);
    else assert.match(f.message, e.message, `finding ${i + 1}: message`);
    if (e.severity) assert.equal(f.severity, e.severity, `finding ${i + 1}: severity`);
  });
}

/**
 * Runs `cases` as mocha tests under the current `describe`: the rule alone (so no other rule's
 * finding can mask a missing one), scanned and resolved as the CLI does.
 */
export function ruleTester(rule: Rule): { run(cases: { valid: RuleCase[]; invalid: InvalidRuleCase[] }): void } {
  const id = rule.meta.id;
  return {
    run({ valid, invalid }) {
      assert.ok(valid.length > 0 && invalid.length > 0, `${id}: give at least one valid and one invalid case (a finding and its correct neighbour)`);
      describe(`${id}: valid`, () => {
        for (const c of valid) {
          it(titleOf(c), async () => {
            const map = await analyseFiles(c.files, { config: c.config, rules: [rule] });
            assert.deepEqual(findingsOf(map, id).map(describeFinding), [], 'a valid case must give no finding');
          });
        }
      });
      describe(`${id}: invalid`, () => {
        for (const c of invalid) {
          it(titleOf(c), async () => {
            const map = await analyseFiles(c.files, { config: c.config, rules: [rule] });
            const found = findingsOf(map, id);
            assertFindings(id, found, c.errors, Object.keys(c.files).length === 1 ? Object.keys(c.files)[0] : undefined);
            if (c.output) {
              const fix = found[0]?.fix;
              assert.ok(fix, 'the first finding offers no quick fix');
              assert.equal(applyFix(c.files[c.output.file], fix), c.output.text);
            }
          });
        }
      });
    },
  };
}
