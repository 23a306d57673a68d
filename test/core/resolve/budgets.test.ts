/**
 * Resolution is bounded in work, not only in depth (issue 15, items 2 and 3): references that fan
 * out on every path are memoised, and past a step budget the value is unresolved with a problem
 * naming where resolution stopped. Bounds are asserted on steps spent, never on time.
 */
import assert from 'node:assert/strict';
import { analyseWorkspace } from '../../../src/core/analysis';
import type { FileScanResult } from '../../../src/core/model';
import { resolveRegions } from '../../../src/core/resolve';
import { TERRAFORM_STEPS_PER_VALUE, TERRAFORM_STEPS_PER_WORKSPACE } from '../../../src/core/resolve/terraform';
import { scanFile } from '../../../src/core/scanners';
import type { ScanContext } from '../../../src/core/scanners/types';
import { loadLanguages } from '../../../src/node/languages';
import { parseYamlTemplate } from '../../../src/core/scanners/cloudformation';
import { getValue } from '../../../src/core/scanners/cloudformation/templateTree';
import { serverlessScanner } from '../../../src/core/scanners/serverless';
import { SERVERLESS_VARIABLE_STEPS, ServerlessVariables } from '../../../src/core/scanners/serverless/variables';
import { CDK_STEPS_PER_WORKSPACE } from '../../../src/core/resolve/cdk';
import { parseSource } from '../../../src/core/scanners/javascript/parse';
import { JS_REGION_STEPS } from '../../../src/core/scanners/javascript/regionValues';
import { ScanState } from '../../../src/core/scanners/javascript/scanState';
import { indexSource } from '../../../src/core/scanners/javascript/sourceIndex';
import { cdkNestedConstructs, jsConditionalChain, serverlessRecursiveMaps, terraformModuleChain, terraformModuleRing } from '../../support/recursiveWorkspaces';

describe('resolution budgets', () => {
  let context: ScanContext;
  before(async () => {
    context = { languages: await loadLanguages() };
  });
  const scan = (files: Array<{ file: string; text: string }>): FileScanResult[] => files.map((f) => scanFile(f.file, f.text, context));
  const queues = (results: FileScanResult[]) => resolveRegions(structuredClone(results)).dependencies.filter((d) => d.name === 'aws_sqs_queue.q');

  describe('Terraform modules that call each other many times each', () => {
    it('follows two modules calling each other 4 times each (the reported case) in a few hundred steps, keeping the root\'s region', () => {
      const results = scan(terraformModuleRing(2, 4));
      const workspace = resolveRegions(results);
      const spent = workspace.budgets.get('terraform')?.spent ?? Infinity;
      assert.ok(spent < 500, `spent ${spent} steps`);
      const q = workspace.dependencies.filter((d) => d.name === 'aws_sqs_queue.q');
      assert.equal(q.length, 2);
      // The cycle itself gives nothing; the root's call gives us-east-1.
      for (const d of q) assert.deepEqual([d.region, d.candidateRegions], [null, ['us-east-1']]);
      assert.deepEqual(workspace.problems, []);
    });

    it('memoises a chain of modules each called 4 times (4^6 paths): exact region, few steps', () => {
      const results = scan(terraformModuleChain(6, 4));
      const workspace = resolveRegions(results);
      const spent = workspace.budgets.get('terraform')?.spent ?? Infinity;
      assert.ok(spent < 200, `spent ${spent} steps`);
      for (const d of workspace.dependencies.filter((x) => x.name === 'aws_sqs_queue.q')) {
        assert.equal(d.region, 'us-east-1');
        assert.equal(d.regionSource, 'variable');
      }
      assert.deepEqual(workspace.problems, []);
    });

    it('stops a ring of three modules calling the next 30 times each at the budget: unresolved, with a problem naming the module call', () => {
      const results = scan(terraformModuleRing(3, 30));
      const map = analyseWorkspace(results, { root: '/ws' });
      const workspace = resolveRegions(structuredClone(results));
      const budget = workspace.budgets.get('terraform');
      assert.ok(budget && budget.spent <= TERRAFORM_STEPS_PER_WORKSPACE);
      // Each of the 6 values (3 providers, 3 queues) spends at most its own budget.
      assert.ok(budget.spent <= 6 * TERRAFORM_STEPS_PER_VALUE, `spent ${budget.spent}`);
      for (const d of queues(results)) {
        assert.deepEqual([d.region, d.regionSource, d.candidateRegions], [null, 'unresolved', undefined]);
        assert.match(d.regionTrace?.at(-1)?.reason ?? '', /^resolution stopped here after \d+ steps \(module "m\d_\d+" \(region\)\)$/);
      }
      const stopped = map.problems.filter((p) => /Terraform region resolution stopped at module "m\d_\d+"/.test(p.reason));
      assert.equal(stopped.length, 3);
      for (const p of stopped) {
        assert.match(p.file, /^m[0-2]\/main\.tf$/);
        assert.ok((p.line ?? 0) > 1);
        assert.equal(p.severity, 'partial');
      }
    });
  });

  it('a second resource of a provider whose resolution stopped is unresolved too, not given what the first found before the stop', () => {
    const files = [...terraformModuleRing(3, 30), { file: 'm0/extra.tf', text: 'resource "aws_sqs_queue" "extra" {}\n' }];
    const workspace = resolveRegions(scan(files));
    const inM0 = workspace.dependencies.filter((d) => d.kind === 'iac-resource' && d.file.startsWith('m0/'));
    assert.deepEqual(inM0.map((d) => [d.name, d.region, d.regionSource, d.candidateRegions]).sort(), [
      ['aws_sqs_queue.extra', null, 'unresolved', undefined],
      ['aws_sqs_queue.q', null, 'unresolved', undefined],
    ]);
    for (const d of inM0) assert.match(d.regionTrace?.at(-1)?.reason ?? '', /^resolution stopped here/);
  });

  describe('Serverless maps whose entries read the map through a deploy-time segment', () => {
    /** The provider region's resolution and the steps it took. */
    const providerRegion = (text: string) => {
      const root = parseYamlTemplate(text).root;
      const variables = new ServerlessVariables(root);
      const r = variables.resolveNode(getValue(getValue(root, 'provider'), 'region'));
      return { value: r.value, candidates: r.candidates, spent: variables.budget.spent };
    };

    it('reads a 60-entry map (k: "${self:custom.m.${opt:stage}}", the reported case) in linear steps, keeping its real regions as candidates', () => {
      const r = providerRegion(serverlessRecursiveMaps(60));
      assert.deepEqual([r.value, r.candidates], [undefined, ['us-east-1', 'eu-west-1']]);
      assert.ok(r.spent < 300, `spent ${r.spent} steps`);
      const out = serverlessScanner.scan('serverless.yml', serverlessRecursiveMaps(60), { languages: {} });
      const config = out.dependencies.find((d) => d.kind === 'region-config');
      assert.deepEqual([config?.region, config?.candidateRegions], [null, ['us-east-1', 'eu-west-1']]);
      assert.deepEqual(out.problems, []);
    });

    it('stops four maps of 60 entries reading each other at the budget: the region is unresolved, with one problem where it stopped', () => {
      const text = serverlessRecursiveMaps(60, 4);
      const r = providerRegion(text);
      assert.ok(r.spent <= SERVERLESS_VARIABLE_STEPS, `spent ${r.spent} steps`);
      assert.deepEqual([r.value, r.candidates], [undefined, undefined]);
      const out = serverlessScanner.scan('serverless.yml', text, { languages: {} });
      const config = out.dependencies.find((d) => d.kind === 'region-config');
      assert.deepEqual([config?.region, config?.regionSource, config?.candidateRegions], [null, 'unresolved', undefined]);
      assert.equal(out.problems.length, 1);
      assert.match(out.problems[0].reason, /^Serverless variable resolution stopped at \$\{self:custom\.m\d\.\$\{opt:stage\}\}: the file's step budget was spent/);
      assert.deepEqual([out.problems[0].file, out.problems[0].line, out.problems[0].severity], ['serverless.yml', 6, 'partial']);
    });
  });

  describe('JavaScript region values that branch on every declaration', () => {
    /** The S3 client's region traced directly, with the steps it took. */
    const traced = (text: string) => {
      const parsed = parseSource('src/app.ts', text);
      assert.ok(parsed.ok);
      const index = indexSource(parsed.program);
      const state = new ScanState('src/app.ts', text, index);
      const [{ node, site }] = index.news;
      const options = node.arguments[0];
      assert.ok(options.type === 'ObjectExpression' && options.properties[0].type === 'Property');
      const outcome = state.tracer.trace(options.properties[0].value, site.scope);
      return { region: outcome.region, source: outcome.regionSource, spent: state.tracer.budget.spent };
    };

    it('traces `const r24 = x ? r23 : r23` (2^24 paths) once per declaration', () => {
      const r = traced(jsConditionalChain(24));
      assert.deepEqual([r.region, r.source], ['us-east-1', 'variable']);
      assert.ok(r.spent < 200, `spent ${r.spent} steps`);
      const out = scanFile('src/app.ts', jsConditionalChain(24), context);
      assert.deepEqual(out.dependencies.map((d) => [d.kind, d.region]), [['sdk-client', 'us-east-1']]);
      assert.deepEqual(out.problems, []);
    });

    it('stops a chain deeper than it follows at the budget: unresolved, with a problem at the expression where it stopped', () => {
      const r = traced(jsConditionalChain(200));
      assert.ok(r.spent <= JS_REGION_STEPS, `spent ${r.spent} steps`);
      assert.equal(r.region, null);
      const out = scanFile('src/app.ts', jsConditionalChain(200), context);
      assert.deepEqual(out.dependencies.map((d) => [d.kind, d.region, d.regionSource]), [['sdk-client', null, 'unresolved']]);
      assert.equal(out.problems.length, 1);
      assert.match(out.problems[0].reason, /^region tracing stopped at r\d+: the file's step budget was spent/);
      assert.ok((out.problems[0].line ?? 0) > 4);
    });
  });

  describe('CDK construct classes instantiated many times inside each other', () => {
    it('resolves a bucket six levels down, each level instantiated 6 times (6^6 paths), in a few steps', () => {
      const workspace = resolveRegions(scan(cdkNestedConstructs(6, 6)));
      const spent = workspace.budgets.get('cdk')?.spent ?? Infinity;
      assert.ok(spent < 50, `spent ${spent} steps`);
      const bucket = workspace.dependencies.find((d) => d.name === 'Data');
      assert.deepEqual([bucket?.region, bucket?.regionSource], ['us-east-1', 'stack-env']);
      assert.deepEqual(workspace.problems, []);
    });

    it('stops twelve levels instantiated 40 times each at the budget: unresolved, with a problem naming the class', () => {
      const workspace = resolveRegions(scan(cdkNestedConstructs(12, 40)));
      const spent = workspace.budgets.get('cdk')?.spent ?? Infinity;
      assert.ok(spent <= CDK_STEPS_PER_WORKSPACE, `spent ${spent} steps`);
      const bucket = workspace.dependencies.find((d) => d.name === 'Data');
      assert.deepEqual([bucket?.region, bucket?.regionSource], [null, 'unresolved']);
      assert.equal(workspace.problems.length, 1);
      assert.match(workspace.problems[0].reason, /^CDK region resolution stopped at class L\d+: its step budget was spent/);
      assert.equal(workspace.problems[0].file, 'lib/app.ts');
    });
  });
});
