/**
 * The rule engine given the previous run's state: which rules it runs again, over what, and that
 * the findings it returns are those of a run from scratch (counted by the rules' own calls, never
 * timed).
 */
import { strict as assert } from 'node:assert';
import { defaultConfig } from '../../../src/core/config';
import type { Dependency } from '../../../src/core/model';
import { runRules, type RuleRunState } from '../../../src/core/rules/engine';
import type { Rule, RuleScope } from '../../../src/core/rules/types';
import { dep } from '../../support/deps';

/** Counts the dependencies each rule was given. */
const seen = new Map<string, string[]>();

function rule(id: string, scope: RuleScope, check: Rule['check']): Rule {
  return {
    meta: { id, title: id, description: 'd', defaultSeverity: 'medium', category: 'code', scope },
    check(context) {
      seen.set(id, [...(seen.get(id) ?? []), ...context.dependencies.map((d) => d.id)]);
      check(context);
    },
  };
}

/** A call is reported when the client it links to is pinned to us-east-1 (it reads its link). */
const callOfPinnedClient = rule('call-of-pinned-client', 'dependency', (ctx) => {
  for (const d of ctx.dependencies) {
    if (d.kind === 'sdk-call' && d.links?.some((id) => ctx.byId.get(id)?.region === 'us-east-1')) ctx.report({ dependency: d, message: `${d.service} call through a client pinned to us-east-1` });
  }
});
/** A file with two or more pinned clients. */
const crowdedFile = rule('crowded-file', 'file', (ctx) => {
  const pinned = new Map<string, Dependency[]>();
  for (const d of ctx.dependencies) if (d.region === 'us-east-1') pinned.set(d.file, [...(pinned.get(d.file) ?? []), d]);
  for (const [, list] of pinned) if (list.length > 1) ctx.report({ dependency: list[0], message: `${list.length} clients pinned to us-east-1 here` });
});
/** Tables with no replica anywhere (reads every resource). */
const lonelyTable = rule('lonely-table', 'resources', (ctx) => {
  const resources = ctx.dependencies.filter((d) => d.kind === 'iac-resource');
  for (const t of resources) if (t.service === 'dynamodb' && !resources.some((r) => r !== t && r.text === `replica-of:${t.name}`)) ctx.report({ dependency: t, message: `table ${t.name} has no replica` });
});
const RULES = [callOfPinnedClient, crowdedFile, lonelyTable];
const config = defaultConfig();

function analyse(dependencies: Dependency[], previous?: RuleRunState) {
  seen.clear();
  return runRules(RULES, { dependencies, deployUnits: [], suppressions: [], problems: [], config, docsBaseUrl: 'docs/rules/' }, previous);
}

describe('rule engine, incremental', () => {
  const client = dep({ id: 'client', kind: 'sdk-client', service: 's3', file: 'src/a.ts', line: 1, region: 'eu-west-1', regionSource: 'literal' });
  const call = dep({ id: 'call', kind: 'sdk-call', service: 's3', file: 'src/b.ts', line: 4, region: 'eu-west-1', regionSource: 'literal', links: ['client'] });
  const other = dep({ id: 'other', kind: 'sdk-client', service: 'sqs', file: 'src/c.ts', line: 2, region: 'us-east-1', regionSource: 'literal' });
  const table = dep({ id: 'table', kind: 'iac-resource', service: 'dynamodb', file: 'infra/template.yaml', line: 3, name: 'Orders', region: 'eu-west-1', regionSource: 'deploy-config' });
  const base = [client, call, other, table];

  it('re-checks a dependency that links to one whose value changed, and keeps the rest', () => {
    const first = analyse(base);
    assert.deepEqual(first.findings.map((f) => f.ruleId), ['lonely-table']);
    const pinned = { ...client, region: 'us-east-1' };
    const next = [pinned, call, other, table];
    const second = analyse(next, first.state);
    assert.deepEqual(second.findings, analyse(next).findings, 'the findings of a run from scratch');
    assert.ok(second.findings.some((f) => f.ruleId === 'call-of-pinned-client' && f.file === 'src/b.ts'));
    const again = analyse(next, first.state);
    assert.deepEqual(again.scope.dependencies, new Set(['client', 'call']));
    // The call did not change, but it reads the client through its link.
    assert.deepEqual(seen.get('call-of-pinned-client'), ['client', 'call']);
    assert.deepEqual(seen.get('crowded-file'), ['client', 'call']);
    // No resource changed: the resource rule was not run, its finding kept.
    assert.equal(seen.get('lonely-table'), undefined);
    assert.equal(again.scope.resources, false);
  });

  it('drops the findings of a removed dependency and re-runs resource rules when a resource came', () => {
    const first = analyse([...base, dep({ id: 'other2', kind: 'sdk-client', service: 'sns', file: 'src/c.ts', line: 8, region: 'us-east-1', regionSource: 'literal' })]);
    assert.ok(first.findings.some((f) => f.ruleId === 'crowded-file'));
    const replica = dep({ id: 'replica', kind: 'iac-resource', service: 'dynamodb', file: 'infra/replica.yaml', line: 2, name: 'OrdersReplica', text: 'replica-of:Orders', region: 'us-west-2', regionSource: 'deploy-config' });
    const next = [...base, replica];
    const second = analyse(next, first.state);
    assert.deepEqual(second.findings, analyse(next).findings);
    const again = analyse(next, first.state);
    assert.equal(again.scope.resources, true);
    // The file that lost a client and the file that came.
    assert.deepEqual(seen.get('crowded-file'), ['other', 'replica']);
    assert.ok(seen.get('lonely-table')?.length, 'the resource rule ran again');
    assert.ok(!second.findings.some((f) => f.ruleId === 'crowded-file'), 'one pinned client left in src/c.ts');
    assert.ok(!second.findings.some((f) => f.ruleId === 'lonely-table' && f.file === 'infra/template.yaml'), 'the table has a replica now');
  });

  it('runs every rule over everything for another config', () => {
    const first = analyse(base);
    seen.clear();
    const other = runRules(RULES, { dependencies: base, deployUnits: [], suppressions: [], problems: [], config: defaultConfig(), docsBaseUrl: 'docs/rules/' }, first.state);
    assert.equal(other.scope.incremental, false);
    assert.deepEqual(seen.get('call-of-pinned-client'), base.map((d) => d.id));
  });
});
