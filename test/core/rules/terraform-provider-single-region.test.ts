import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/terraform-provider-single-region';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

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
      const findings = runRulesOn(rule, [provider('infra/main.tf', 11, 'us-east-1'), provider('infra/main.tf', 16, 'us-east-1'), provider('infra/dns/main.tf', 2, 'us-east-1')]);
      assert.deepEqual(located(findings), ['infra/dns/main.tf:2:3 info', 'infra/main.tf:11:3 info']);
      assert.match(findings[1].message, /^The AWS provider is configured for us-east-1 only \(infra; no provider alias for a second region anywhere in the workspace\)/);
    });

    it('is silent with a second region, a region from tfvars candidates, or a region decided at apply time', () => {
      assert.deepEqual(runRulesOn(rule, [provider('main.tf', 1, 'us-east-1'), provider('main.tf', 5, 'us-west-2')]), []);
      assert.deepEqual(runRulesOn(rule, [provider('main.tf', 1, null, ['us-east-1', 'eu-west-1'])]), []);
      assert.deepEqual(runRulesOn(rule, [provider('main.tf', 1, 'us-east-1'), provider('dr/main.tf', 1, null)]), []);
      assert.deepEqual(runRulesOn(rule, []), []);
    });

    it('counts aliased providers (`provider.region (alias …)`) like the default one', () => {
      const aliased = (file: string, line: number, alias: string, region: string | null) =>
        dep({ kind: 'region-config', service: '*', name: `provider.region (alias ${alias})`, origin: 'terraform', file, line, column: 3, region, regionSource: region ? 'literal' : 'parameter' });
      const primary = provider('main.tf', 1, 'us-east-1');
      assert.deepEqual(runRulesOn(rule, [primary, aliased('main.tf', 5, 'dr', 'us-west-2')]), []);
      assert.deepEqual(runRulesOn(rule, [primary, aliased('modules/dr/main.tf', 1, 'dr', 'eu-west-1')]), [], 'an alias in a module directory');
      assert.deepEqual(runRulesOn(rule, [primary, aliased('main.tf', 5, 'dr', null)]), [], 'an alias whose region is decided at apply time');
      // An alias in the same region is no second region: one finding, naming both settings.
      const sameRegion = aliased('main.tf', 5, 'audit', 'us-east-1');
      const findings = runRulesOn(rule, [primary, sameRegion]);
      assert.deepEqual(located(findings), ['main.tf:1:3 info']);
      assert.deepEqual(findings[0].dependencyIds, [primary.id, sameRegion.id]);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports one provider "aws" with a literal region', async () => {
      const map = await analyseFiles({ 'main.tf': mainTf('provider "aws" {\n  region = "us-east-1"\n}\n') });
      const findings = findingsOf(map, 'terraform-provider-single-region');
      assert.deepEqual(locations(findings), ['main.tf:11:3']);
    });

    it('accepts an aliased provider for a second region declared in a module, given by a variable, or in the JSON syntax', async () => {
      const inModule = await analyseFiles({
        'main.tf': mainTf('provider "aws" {\n  region = "us-east-1"\n}\n\nmodule "dr" {\n  source = "./modules/dr"\n}\n'),
        'modules/dr/main.tf': 'provider "aws" {\n  alias  = "dr"\n  region = "us-west-2"\n}\n\nresource "aws_sqs_queue" "jobs_dr" {\n  provider = aws.dr\n  name     = "jobs"\n}\n',
      });
      assert.deepEqual(findingsOf(inModule, 'terraform-provider-single-region'), []);
      const byVariable = await analyseFiles({
        'main.tf': mainTf('provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "dr"\n  region = var.dr_region\n}\n\nvariable "dr_region" {\n  type    = string\n  default = "eu-west-1"\n}\n'),
      });
      assert.deepEqual(findingsOf(byVariable, 'terraform-provider-single-region'), []);
      const json = await analyseFiles({ 'main.tf.json': JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }, { alias: 'dr', region: 'us-west-2' }] } }, null, 2) });
      assert.deepEqual(findingsOf(json, 'terraform-provider-single-region'), []);
    });

    it('gives a proxy provider block of a module the region of the provider its caller passes', async () => {
      const files = (westRegion: string) => ({
        'main.tf': mainTf(`provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "west"\n  region = "${westRegion}"\n}\n\nmodule "replica" {\n  source = "./modules/replica"\n  providers = {\n    aws.dr = aws.west\n  }\n}\n`),
        'modules/replica/main.tf': 'provider "aws" {\n  alias = "dr"\n}\n\nresource "aws_sqs_queue" "jobs_dr" {\n  provider = aws.dr\n  name     = "jobs"\n}\n',
      });
      assert.deepEqual(findingsOf(await analyseFiles(files('us-west-2')), 'terraform-provider-single-region'), []);
      // Every configuration, and so the proxy, is in us-east-1: one finding per module directory with a provider block.
      const findings = findingsOf(await analyseFiles(files('us-east-1')), 'terraform-provider-single-region');
      assert.deepEqual(locations(findings), ['main.tf:11:3', 'modules/replica/main.tf:1:1']);
      assert.match(findings[1].message, /^The AWS provider is configured for us-east-1 only \(modules\/replica;/);
    });

    it('accepts an aliased provider for a second region', async () => {
      const map = await analyseFiles({
        'main.tf': mainTf('provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "dr"\n  region = "us-west-2"\n}\n'),
      });
      assert.deepEqual(findingsOf(map, 'terraform-provider-single-region'), []);
    });
  });
});
