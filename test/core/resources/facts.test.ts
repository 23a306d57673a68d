/**
 * The fact table: every row names a kind of the catalogue, CloudFormation paths start at a property
 * of that type in the CDK service spec, CDK classes are constructs of that kind; and a fact reads
 * the same whatever format declares it (written true, written false, silent → the documented default).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { isCloudFormationResourceType } from '../../../src/core/catalogue/services';
import { FACT_TABLE } from '../../../src/core/resources/facts';
import { canonicalKind } from '../../../src/core/resources/kinds';
import type { Dependency } from '../../../src/core/model';
import { analyseFiles } from '../../support/ruleTester';

interface SpecResource { cloudFormationType: string; properties: Record<string, unknown> }
const spec = JSON.parse(gunzipSync(readFileSync(require.resolve('@aws-cdk/aws-service-spec/db.json.gz'))).toString()) as { schema: { resource: { entities: Record<string, SpecResource> } } };
const specByType = new Map(Object.values(spec.schema.resource.entities).map((r) => [r.cloudFormationType, r]));

describe('resource fact table', function () {
  this.timeout(60_000);

  it('names kinds of the catalogue, their CloudFormation properties and their CDK constructs', () => {
    for (const [kind, rows] of Object.entries(FACT_TABLE)) {
      assert.ok(isCloudFormationResourceType(kind), kind);
      for (const row of rows) {
        const cfn = row.cloudformation;
        const path = cfn && 'bool' in cfn ? cfn.bool : cfn && 'regions' in cfn ? cfn.regions : undefined;
        if (path) assert.ok(Object.prototype.hasOwnProperty.call(specByType.get(kind)?.properties ?? {}, path.split('.')[0]), `${kind} ${path}`);
        for (const cls of Object.keys(row.cdk ?? {})) assert.equal(canonicalKind(`aws-cdk-lib/${cls}`), kind, cls);
      }
    }
  });

  const kmsKeys = {
    'cfn/template.yaml': `Resources:
  Written:
    Type: AWS::KMS::Key
    Properties:
      MultiRegion: true
  Silent:
    Type: AWS::KMS::Key
    Properties:
      Description: orders
`,
    'tf/main.tf': `resource "aws_kms_key" "written" {
  multi_region = true
}

resource "aws_kms_key" "silent" {
  description = "orders"
}
`,
    'cdk/lib/keys-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
export class KeysStack extends Stack {
  build() {
    new kms.CfnKey(this, 'Written', { multiRegion: true });
    new kms.CfnKey(this, 'Silent', { description: 'orders' });
    new kms.Key(this, 'L2');
  }
}
`,
    'pulumi/index.ts': `import * as aws from '@pulumi/aws';
new aws.kms.Key('written', { multiRegion: true });
new aws.kms.Key('silent', { description: 'orders' });
`,
  };

  it('reads one fact alike in CloudFormation, Terraform, CDK and Pulumi: written, and the default when silent', async () => {
    const map = await analyseFiles(kmsKeys);
    const multiRegion = (d: Dependency) => `${d.file} ${d.resource?.name} ${String(d.resource?.attributes?.multiRegion)}`;
    assert.deepEqual(map.dependencies.filter((d) => d.resource?.kind === 'AWS::KMS::Key').map(multiRegion).sort(), [
      'cdk/lib/keys-stack.ts L2 false',
      'cdk/lib/keys-stack.ts Silent false',
      'cdk/lib/keys-stack.ts Written true',
      'cfn/template.yaml Silent false',
      'cfn/template.yaml Written true',
      'pulumi/index.ts silent false',
      'pulumi/index.ts written true',
      'tf/main.tf silent false',
      'tf/main.tf written true',
    ]);
  });

  it('keeps each format\'s own default: a classic load balancer balances across zones by default in Terraform, not in CloudFormation', async () => {
    const map = await analyseFiles({
      'template.yaml': `Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP }]\n`,
      'main.tf': `resource "aws_elb" "web" {\n  listener {\n    lb_port           = 80\n    lb_protocol       = "http"\n    instance_port     = 80\n    instance_protocol = "http"\n  }\n}\n`,
    });
    const crossZone = Object.fromEntries(map.dependencies.filter((d) => d.resource).map((d) => [d.file, d.resource?.attributes?.crossZone]));
    assert.deepEqual(crossZone, { 'template.yaml': false, 'main.tf': true });
  });

  it('reads replica lists alike in the four formats, and marks a list the code computes as replicated', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:\n  Credentials:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      ReplicaRegions:\n        - Region: us-west-2\n`,
      'tf/main.tf': `resource "aws_secretsmanager_secret" "credentials" {\n  replica {\n    region = "us-west-2"\n  }\n}\n`,
      'cdk/lib/secrets-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
export class SecretsStack extends Stack {
  build(regions: string[]) {
    new secretsmanager.Secret(this, 'Credentials', { replicaRegions: [{ region: 'us-west-2' }] });
    new dynamodb.TableV2(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, replicas: regions.map((region) => ({ region })) });
  }
}
`,
      'pulumi/index.ts': `import * as aws from '@pulumi/aws';
declare const regions: string[];
new aws.secretsmanager.Secret('credentials', { replicas: [{ region: 'us-west-2' }] });
new aws.dynamodb.Table('orders', { hashKey: 'pk', attributes: [{ name: 'pk', type: 'S' }], replicas: regions.map((regionName) => ({ regionName })) });
`,
    });
    const replicas = (d: Dependency) => `${d.file} ${d.resource?.kind} ${JSON.stringify(d.resource?.replicaRegions)} ${String(d.resource?.replicated)}`;
    assert.deepEqual(map.dependencies.filter((d) => d.resource?.kind === 'AWS::SecretsManager::Secret' || d.resource?.kind === 'AWS::DynamoDB::Table').map(replicas).sort(), [
      'cdk/lib/secrets-stack.ts AWS::DynamoDB::Table undefined true',
      'cdk/lib/secrets-stack.ts AWS::SecretsManager::Secret ["us-west-2"] undefined',
      'cfn/template.yaml AWS::SecretsManager::Secret ["us-west-2"] undefined',
      'pulumi/index.ts AWS::DynamoDB::Table undefined true',
      'pulumi/index.ts AWS::SecretsManager::Secret ["us-west-2"] undefined',
      'tf/main.tf AWS::SecretsManager::Secret ["us-west-2"] undefined',
    ]);
  });
});
