import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/terraform-provider-single-region';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, locations } from '../../support/workspace';
import { placed, runRule } from './appRuleHarness';

const mainTf = (providers: string) => `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

${providers}
resource "aws_sqs_queue" "jobs" {
  name                      = "jobs"
  message_retention_seconds = 86400
}
`;

describe('terraform-provider-single-region', () => {
  describe('over hand-built dependencies', () => {
    const provider = (file: string, line: number, region: string | null, candidateRegions?: string[]) =>
      dep({ kind: 'region-config', service: '*', name: 'provider.region', origin: 'terraform', file, line, column: 3, region, regionSource: region ? 'literal' : 'parameter', candidateRegions });

    it('reports the first provider of each module directory when every provider names the same region', () => {
      const findings = runRule(rule, [provider('infra/main.tf', 11, 'us-east-1'), provider('infra/main.tf', 16, 'us-east-1'), provider('infra/dns/main.tf', 2, 'us-east-1')]);
      assert.deepEqual(placed(findings), ['infra/dns/main.tf:2:3 info', 'infra/main.tf:11:3 info']);
      assert.match(findings[1].message, /^The AWS provider is configured for us-east-1 only \(infra; no provider alias for a second region anywhere in the workspace\)/);
    });

    it('is silent with a second region, a region from tfvars candidates, or a region decided at apply time', () => {
      assert.deepEqual(runRule(rule, [provider('main.tf', 1, 'us-east-1'), provider('main.tf', 5, 'us-west-2')]), []);
      assert.deepEqual(runRule(rule, [provider('main.tf', 1, null, ['us-east-1', 'eu-west-1'])]), []);
      assert.deepEqual(runRule(rule, [provider('main.tf', 1, 'us-east-1'), provider('dr/main.tf', 1, null)]), []);
      assert.deepEqual(runRule(rule, []), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports one provider "aws" with a literal region', async () => {
      const map = await analyseFiles({ 'main.tf': mainTf('provider "aws" {\n  region = "us-east-1"\n}\n') });
      const findings = findingsOf(map, 'terraform-provider-single-region');
      assert.deepEqual(locations(findings), ['main.tf:11:3']);
    });

    it('accepts an aliased provider for a second region', async () => {
      const map = await analyseFiles({
        'main.tf': mainTf('provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "dr"\n  region = "us-west-2"\n}\n'),
      });
      assert.deepEqual(findingsOf(map, 'terraform-provider-single-region'), []);
    });
  });
});
