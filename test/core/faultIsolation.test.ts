import { strict as assert } from 'node:assert';
import { analyseWorkspace } from '../../src/core/analysis';
import type { FileScanResult } from '../../src/core/model';
import { RESOLUTION_PASSES } from '../../src/core/resolve';
import type { ResolutionPass } from '../../src/core/resolve/types';
import { RULES } from '../../src/core/rules';
import type { Rule } from '../../src/core/rules/types';
import { scanFile } from '../../src/core/scanners';
import { loadLanguages } from '../../src/node/languages';
import { ORDERS_SAM_TEMPLATE } from '../support/samOrders';

// A SAM stack deployed to eu-west-1 by its samconfig, a handler it deploys, and a second service
// whose client writes its region: enough for passes and rules to have something to say.
const FILES: Record<string, string> = {
  'orders/template.yaml': ORDERS_SAM_TEMPLATE,
  'orders/samconfig.toml': ['version = 0.1', '[default.deploy.parameters]', 'stack_name = "orders"', 'region = "eu-west-1"', ''].join('\n'),
  'orders/src/handler.py': ['import boto3', '', 'table = boto3.resource("dynamodb").Table("orders")', '', 'def main(event, context):', '    return table.get_item(Key={"id": event["id"]})', ''].join('\n'),
  'billing/client.ts': ['import { S3Client } from "@aws-sdk/client-s3";', '', 'export const s3 = new S3Client({ region: "us-east-1" });', ''].join('\n'),
};

async function scanned(): Promise<FileScanResult[]> {
  const languages = await loadLanguages();
  return Object.entries(FILES).map(([file, text]) => scanFile(file, text, { languages }));
}

function throwingRule(throwOn?: string): Rule {
  return {
    meta: { id: 'throws-on-purpose', title: 'Throws', description: 'A rule that throws, for the test.', defaultSeverity: 'high', category: 'code' },
    check(context) {
      for (const d of context.dependencies) {
        context.report({ dependency: d, message: 'reported before the throw' });
        if (throwOn === undefined || d.file === throwOn) throw new TypeError(`cannot read properties of undefined (${d.file})`);
      }
    },
  } as Rule;
}

describe('fault isolation', () => {
  it('a rule that throws becomes a problem naming the rule and the file, and every other rule still reports', async () => {
    const results = await scanned();
    const healthy = analyseWorkspace(results, { root: '.' });
    const map = analyseWorkspace(results, { root: '.', rules: [...RULES, throwingRule('orders/src/handler.py')] });

    const failure = map.problems.find((p) => p.reason.includes('throws-on-purpose'));
    assert.ok(failure, 'the failure is a problem');
    assert.equal(failure.file, 'orders/src/handler.py');
    assert.match(failure.reason, /^rule throws-on-purpose failed on orders\/src\/handler\.py \(cannot read properties of undefined/);
    // Its partial findings are dropped; every other rule's findings and the dependencies stand.
    assert.equal(map.findings.filter((f) => f.ruleId === 'throws-on-purpose').length, 0);
    assert.deepEqual(map.dependencies, healthy.dependencies);
    assert.deepEqual(
      map.findings.filter((f) => f.ruleId !== 'parse-problem'),
      healthy.findings.filter((f) => f.ruleId !== 'parse-problem'),
    );
    // parse-problem (run after the ordinary rules) shows it like any other problem.
    assert.ok(map.findings.some((f) => f.ruleId === 'parse-problem' && f.file === 'orders/src/handler.py' && f.message.includes('throws-on-purpose')));
  });

  it('a rule that throws on every file is named at the first file it fails on alone', async () => {
    const map = analyseWorkspace(await scanned(), { root: '.', rules: [throwingRule()] });
    assert.equal(map.problems.length, 1);
    assert.equal(map.problems[0].file, 'billing/client.ts');
    assert.match(map.problems[0].reason, /^rule throws-on-purpose failed on billing\/client\.ts/);
  });

  it('a rule that fails only on the whole workspace names no file', async () => {
    const rule = { ...throwingRule(), check: (c: Parameters<Rule['check']>[0]) => { if (new Set(c.dependencies.map((d) => d.file)).size > 1) throw new Error('boom'); } } as Rule;
    const map = analyseWorkspace(await scanned(), { root: '.', rules: [rule] });
    assert.deepEqual(map.problems, [{ file: '.', reason: 'rule throws-on-purpose failed (boom); its findings are missing from this analysis', severity: 'partial' }]);
  });

  it('a resolution pass that throws becomes a problem naming the pass, and the later passes still run', async () => {
    const results = await scanned();
    const healthy = analyseWorkspace(results, { root: '.' });
    const broken: ResolutionPass = { id: 'broken-pass', run: () => { throw new RangeError('index out of range'); } };
    // Placed first: the deploy pass after it must still give the handler its stack's region.
    const map = analyseWorkspace(results, { root: '.', passes: [broken, ...RESOLUTION_PASSES] });

    assert.deepEqual(map.problems.filter((p) => p.reason.includes('broken-pass')), [
      { file: '.', reason: 'resolution pass broken-pass failed (index out of range); regions it had not settled are unresolved', severity: 'partial' },
    ]);
    assert.deepEqual(map.dependencies, healthy.dependencies);
    const handler = map.dependencies.find((d) => d.file === 'orders/src/handler.py' && d.service === 'dynamodb');
    assert.equal(handler?.region, 'eu-west-1');
  });

  it('a pass that throws half-way keeps what it settled and leaves the rest unresolved, without the internal reference', async () => {
    const results = await scanned();
    const deploy = RESOLUTION_PASSES.find((p) => p.id === 'deploy');
    assert.ok(deploy);
    const failing: ResolutionPass = { id: 'deploy', run: () => { throw new Error('half-way'); } };
    const map = analyseWorkspace(results, { root: '.', passes: RESOLUTION_PASSES.map((p) => (p === deploy ? failing : p)) });
    const handler = map.dependencies.find((d) => d.file === 'orders/src/handler.py' && d.service === 'dynamodb');
    assert.equal(handler?.region, null);
    assert.equal(handler?.regionSource, 'unresolved');
    assert.equal(handler && 'regionRef' in handler, false);
    assert.ok(map.problems.some((p) => p.reason.startsWith('resolution pass deploy failed (half-way)')));
  });
});
