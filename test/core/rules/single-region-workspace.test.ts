import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/single-region-workspace';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';
import { traceStep } from '../../../src/core/trace';

describe('single-region-workspace', () => {
  describe('over hand-built dependencies', () => {
    const samconfig = dep({ kind: 'region-config', service: '*', name: 'region', origin: 'samconfig', file: 'samconfig.toml', line: 9, column: 1, region: 'us-east-1', regionSource: 'deploy-config' });
    const decided = (file: string, line: number, service: string) => dep({ kind: 'iac-resource', service, file, line, column: 3, region: 'us-east-1', regionSource: 'deploy-config', regionTrace: [traceStep({ file: 'samconfig.toml', line: 9, column: 1 }, { kind: 'deploy-config', setting: 'region', value: 'us-east-1' })] });
    const literal = dep({ kind: 'sdk-client', service: 'sqs', file: 'src/a.ts', line: 4, column: 15, region: 'us-east-1', regionSource: 'literal' });
    const iam = dep({ kind: 'iac-resource', service: 'iam', file: 'template.yaml', line: 40, region: 'us-east-1', regionSource: 'global-service', global: true });
    const unresolved = dep({ kind: 'sdk-client', service: 's3', file: 'src/b.ts', line: 2, region: null, regionSource: 'unresolved' });

    it('reports once, at the region setting that decides the most dependencies, with the share', () => {
      const findings = runRulesOn(rule, [literal, decided('template.yaml', 12, 'dynamodb'), decided('template.yaml', 20, 'lambda'), samconfig, iam, unresolved]);
      assert.deepEqual(located(findings), ['samconfig.toml:9:1 high']);
      assert.equal(findings[0].message, 'Single-region workspace: all 3 resolved dependencies are in us-east-1 (1 more unresolved); region decides 2 of them. An outage of us-east-1 takes down the whole system at once; nothing here runs anywhere else.');
      assert.equal(findings[0].dependencyIds.length, 4);
    });

    it('anchors at the first dependency in the region when no setting decides any', () => {
      const other = dep({ kind: 'sdk-client', service: 'sns', file: 'src/a.ts', line: 2, column: 7, region: 'us-east-1', regionSource: 'literal' });
      const findings = runRulesOn(rule, [literal, other]);
      assert.deepEqual(located(findings), ['src/a.ts:2:7 high']);
      assert.match(findings[0].message, /all 2 resolved dependencies are in us-east-1\./);
    });

    it('keeps the same fingerprint when the anchor moves down the file', () => {
      const moved = { ...literal, line: 40 };
      assert.equal(runRulesOn(rule, [literal])[0].fingerprint, runRulesOn(rule, [moved])[0].fingerprint);
    });

    it('is silent when a second region appears, also as a candidate, and ignores global control planes', () => {
      assert.deepEqual(runRulesOn(rule, [literal, dep({ kind: 'sdk-client', service: 'sqs', file: 'src/c.ts', line: 1, region: 'us-west-2', regionSource: 'literal' })]), []);
      assert.deepEqual(runRulesOn(rule, [literal, dep({ kind: 'iac-resource', service: 'lambda', file: 't.yaml', line: 1, region: 'us-east-1', regionSource: 'deploy-config', candidateRegions: ['us-east-1', 'eu-west-1'] })]), []);
      assert.deepEqual(runRulesOn(rule, [iam, unresolved]), []);
      assert.deepEqual(located(runRulesOn(rule, [dep({ kind: 'sdk-client', service: 'dynamodb', file: 'src/x.ts', line: 3, region: 'eu-west-1', regionSource: 'literal' }), iam])), ['src/x.ts:3:1 high']);
    });
    it('says "possibly" at info when dependencies with only a candidate region outnumber the placed ones (a module library whose one example names a region)', () => {
      // terraform-aws-modules/vpc: 7 resources placed in eu-west-1 by an example's provider, 81 module
      // resources whose region is only a candidate from that example's call.
      const placed = (line: number) => dep({ kind: 'iac-resource', service: 'ec2', file: 'examples/ipam/main.tf', line, region: 'eu-west-1', regionSource: 'provider' });
      const candidate = (line: number) => dep({ kind: 'iac-resource', service: 'ec2', file: 'main.tf', line, region: null, regionSource: 'variable', candidateRegions: ['eu-west-1'] });
      const library = runRulesOn(rule, [placed(10), placed(20), candidate(1), candidate(30), candidate(60)]);
      assert.deepEqual(located(library), ['examples/ipam/main.tf:10:1 info']);
      assert.match(library[0].message, /^Possibly a single-region workspace: all 2 resolved dependencies are in eu-west-1, but 3 more have no region the workspace states/);
      // Its neighbour: most resources placed, one candidate-only: the headline stands, at high.
      assert.deepEqual(located(runRulesOn(rule, [placed(10), placed(20), placed(30), candidate(1)])), ['examples/ipam/main.tf:10:1 high']);
    });
  });

  describe('on a realistic workspace', () => {
    const tf = (extra: string) => `provider "aws" {
  region = "us-east-1"
}
${extra}
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"

  attribute {
    name = "pk"
    type = "S"
  }
}
`;

    it('reports a Terraform configuration whose every resource is in one region, at its provider', async () => {
      const map = await analyseFiles({ 'main.tf': tf('') });
      const findings = findingsOf(map, 'single-region-workspace');
      assert.deepEqual(locations(findings), ['main.tf:2:3']);
      assert.match(findings[0].message, /all 2 resolved dependencies are in us-east-1; provider\.region decides 2 of them/);
    });

    it('accepts resources in a second region through an aliased provider', async () => {
      const map = await analyseFiles({
        'main.tf': tf('\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n\nresource "aws_sqs_queue" "jobs_west" {\n  provider = aws.west\n  name     = "jobs"\n}\n'),
      });
      assert.deepEqual(findingsOf(map, 'single-region-workspace'), []);
    });
  });
});
