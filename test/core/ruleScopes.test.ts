/**
 * The promise a rule's `scope` makes, checked on the maps of the examples and fixtures: a
 * `dependency` rule run one dependency at a time, or a `file` rule one file at a time, reports
 * exactly what one run over the whole map reports, in the same order, and each report is on the
 * dependency (or in the file) it was run for; a `resources` rule run over the declared resources
 * alone reports what it reports over the whole map. The incremental engine re-runs scoped rules
 * only where dependencies changed and keeps the rest of their findings on that promise.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyseWorkspace } from '../../src/core/analysis';
import { defaultConfig } from '../../src/core/config';
import type { Dependency, DependencyMap } from '../../src/core/model';
import { RULES } from '../../src/core/rules';
import type { FindingReport, Rule, RuleContext } from '../../src/core/rules/types';
import { scanFile } from '../../src/core/scanners';
import { loadLanguages } from '../../src/node/languages';
import { fixtureFilesUnder } from '../support/fixtureFiles';

const REPO = path.resolve(__dirname, '..', '..');
const FOLDERS = ['examples', 'test/fixtures/sam', 'test/fixtures/cdk', 'test/fixtures/terraform', 'test/fixtures/serverless', 'test/fixtures/pulumi', 'test/fixtures/javascript', 'test/fixtures/python', 'test/fixtures/lsp', 'test/fixtures/cloudformation', 'test/fixtures/region-evidence', 'test/fixtures/config', 'test/fixtures/real-code', 'test/fixtures/scanner-regressions'];


/** A report as plain data (the dependency by id). */
function plain(r: FindingReport): unknown {
  return JSON.parse(JSON.stringify({ ...r, dependency: r.dependency?.id }));
}

function reportsOf(rule: Rule, map: DependencyMap, dependencies: readonly Dependency[]): FindingReport[] {
  const out: FindingReport[] = [];
  const context: RuleContext = {
    dependencies,
    byId: new Map(map.dependencies.map((d) => [d.id, d] as const)),
    deployUnits: map.deployUnits ?? [],
    suppressions: [],
    problems: map.problems,
    config: defaultConfig(),
    knownRuleIds: new Set(RULES.map((r) => r.meta.id)),
    report: (r) => out.push(r),
  };
  rule.check(context);
  return out;
}

describe('rule scopes', () => {
  it('every rule of the catalogue declares its scope', () => {
    for (const rule of RULES) assert.ok(rule.meta.scope === 'dependency' || rule.meta.scope === 'file' || rule.meta.scope === 'resources' || rule.meta.scope === 'workspace', rule.meta.id);
    // Rules about findings and suppressions read the whole run.
    for (const rule of RULES.filter((r) => r.meta.category === 'findings')) assert.equal(rule.meta.scope, 'workspace', rule.meta.id);
  });

  const maps: Array<{ folder: string; map: DependencyMap }> = [];
  before(async function () {
    this.timeout(300_000);
    const languages = await loadLanguages();
    for (const folder of FOLDERS) {
      const root = path.join(REPO, folder);
      const results = fixtureFilesUnder(root).map((f) => scanFile(f, readFileSync(path.join(root, f), 'utf8'), { languages }));
      maps.push({ folder, map: analyseWorkspace(results, { root: '.' }) });
    }
  });

  for (const scope of ['dependency', 'file'] as const) {
    it(`a ${scope}-scoped rule run one ${scope} at a time reports what one run reports, on that ${scope}`, () => {
      let reports = 0;
      const rules = RULES.filter((r) => r.meta.scope === scope);
      assert.ok(rules.length > 0);
      for (const { folder, map } of maps) {
        const units = new Map<string, Dependency[]>();
        for (const d of map.dependencies) {
          const key = scope === 'dependency' ? d.id : d.file;
          units.set(key, [...(units.get(key) ?? []), d]);
        }
        for (const rule of rules) {
          const whole = reportsOf(rule, map, map.dependencies);
          const parts: FindingReport[] = [];
          for (const [key, deps] of units) {
            const found = reportsOf(rule, map, deps);
            for (const r of found) {
              const owner = scope === 'dependency' ? r.dependency?.id : r.at?.file ?? r.dependency?.file;
              assert.equal(owner, key, `${folder}: ${rule.meta.id} reported on ${owner} when run for ${key}`);
            }
            parts.push(...found);
          }
          assert.deepEqual(parts.map(plain), whole.map(plain), `${folder}: ${rule.meta.id}`);
          reports += whole.length;
        }
      }
      assert.ok(reports > 0, 'the fixtures exercise the scoped rules');
    });
  }

  it('a resources-scoped rule run over the declared resources alone reports what one run over the whole map reports', () => {
    let reports = 0;
    const rules = RULES.filter((r) => r.meta.scope === 'resources');
    assert.ok(rules.length > 0);
    for (const { folder, map } of maps) {
      const resources = map.dependencies.filter((d) => d.kind === 'iac-resource');
      for (const rule of rules) {
        const whole = reportsOf(rule, map, map.dependencies);
        assert.deepEqual(reportsOf(rule, map, resources).map(plain), whole.map(plain), `${folder}: ${rule.meta.id}`);
        reports += whole.length;
      }
    }
    assert.ok(reports > 0, 'the fixtures exercise the resource rules');
  });
});
