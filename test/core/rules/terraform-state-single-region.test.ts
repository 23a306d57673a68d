import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/terraform-state-single-region';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

const backend = (lockLine: string) => `terraform {
  required_version = ">= 1.6"

  backend "s3" {
    bucket  = "acme-terraform-state"
    key     = "orders/prod.tfstate"
    region  = "us-east-1"
    encrypt = true
${lockLine}  }
}

provider "aws" {
  region = "us-east-1"
}
`;

describe('terraform-state-single-region', () => {
  describe('over hand-built dependencies', () => {
    const backendDep = (lockTable?: string) => dep({
      kind: 'iac-resource', service: 's3', name: 'backend "s3"', text: 'acme-terraform-state', origin: 'terraform', file: 'infra/main.tf', line: 4, column: 3, region: 'us-east-1', regionSource: 'literal',
      resource: { type: 'terraform-backend-s3', name: 'acme-terraform-state', attributes: { physicalNames: ['acme-terraform-state'], ...(lockTable ? { lockTable } : {}) } },
    });
    const bucket = (replicaRegions?: string[]) => dep({ kind: 'iac-resource', service: 's3', origin: 'terraform', file: 'bootstrap/state.tf', line: 1, region: 'us-east-1', regionSource: 'literal',
      resource: { type: 'aws_s3_bucket', name: 'state', replicaRegions, attributes: { physicalNames: ['acme-terraform-state'] } } });
    const table = (replicaRegions?: string[]) => dep({ kind: 'iac-resource', service: 'dynamodb', origin: 'terraform', file: 'bootstrap/state.tf', line: 20, region: 'us-east-1', regionSource: 'literal',
      resource: { type: 'aws_dynamodb_table', name: 'locks', replicaRegions, attributes: { physicalNames: ['acme-terraform-locks'] } } });

    it('reports state whose bucket or lock table is not replicated to another region', () => {
      const findings = runRulesOn(rule, [backendDep('acme-terraform-locks')]);
      assert.deepEqual(located(findings), ['infra/main.tf:4:3 medium']);
      assert.match(findings[0].message, /^Terraform state in us-east-1: state bucket "acme-terraform-state" is not known to be replicated, and lock table "acme-terraform-locks" is not known to be replicated\./);
      const bucketOnly = runRulesOn(rule, [backendDep('acme-terraform-locks'), bucket(['us-west-2']), table(['us-east-1'])]);
      assert.match(bucketOnly[0].message, /^Terraform state in us-east-1: lock table "acme-terraform-locks" has no replica in another region\./);
    });

    it('accepts a bucket replicated to another region, with S3 locking or a replicated lock table', () => {
      assert.deepEqual(runRulesOn(rule, [backendDep(), bucket(['us-west-2'])]), []);
      assert.deepEqual(runRulesOn(rule, [backendDep('acme-terraform-locks'), bucket(['us-west-2']), table(['us-west-2'])]), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports an S3 backend with a DynamoDB lock table at the backend block', async () => {
      const map = await analyseFiles({ 'main.tf': backend('    dynamodb_table = "acme-terraform-locks"\n') });
      const findings = findingsOf(map, 'terraform-state-single-region');
      assert.deepEqual(locations(findings), ['main.tf:4:3']);
      assert.equal(findings[0].severity, 'medium');
    });
  });
});
