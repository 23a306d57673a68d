import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/s3-bucket-config-at-runtime';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('s3-bucket-config-at-runtime', () => {
  describe('over hand-built dependencies', () => {
    const call = (operation: string, line: number, file = 'src/tenants.ts') => dep({ kind: 'sdk-call', service: 's3', operation, file, line, column: 11, region: 'eu-west-1', regionSource: 'literal' });

    it('reports bucket creation, deletion and configuration calls, in any dialect', () => {
      const findings = runRulesOn(rule, [call('CreateBucket', 8), call('PutBucketPolicy', 15), call('put_bucket_replication', 4, 'jobs/setup.py'), call('DeleteBucketLifecycle', 22)]);
      assert.deepEqual(located(findings), ['jobs/setup.py:4:11 low', 'src/tenants.ts:8:11 low', 'src/tenants.ts:15:11 low', 'src/tenants.ts:22:11 low']);
      assert.match(findings[0].message, /^S3 PutBucketReplication at run time is a global single-Region operation/);
    });

    it('leaves object reads and writes, and other services', () => {
      const findings = runRulesOn(rule, [
        call('GetObject', 1),
        call('PutObject', 2),
        call('ListBuckets', 3),
        call('GetBucketPolicy', 4),
        dep({ kind: 'sdk-call', service: 'dynamodb', operation: 'CreateTable', file: 'src/a.ts', line: 5 }),
        dep({ kind: 'iac-resource', service: 's3', file: 'template.yaml', line: 6 }),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports boto3 bucket configuration calls, not object calls', async () => {
      const map = await analyseFiles({
        'jobs/setup.py': 'import boto3\n\ns3 = boto3.client("s3")\n\n\ndef setup(bucket, policy):\n    s3.create_bucket(Bucket=bucket)\n    s3.put_bucket_policy(Bucket=bucket, Policy=policy)\n    s3.put_object(Bucket=bucket, Key="ready", Body=b"")\n',
      });
      assert.deepEqual(locations(findingsOf(map, 's3-bucket-config-at-runtime')), ['jobs/setup.py:7:5', 'jobs/setup.py:8:5']);
    });

    it('reports bucket creation and policy calls, not object reads', async () => {
      const map = await analyseFiles({
        'src/tenants.ts': [
          'import { S3Client, CreateBucketCommand, PutBucketPolicyCommand, GetObjectCommand } from "@aws-sdk/client-s3";',
          '',
          'const s3 = new S3Client({});',
          '',
          'export async function onboardTenant(tenantId: string, policy: string) {',
          '  await s3.send(new CreateBucketCommand({ Bucket: `acme-${tenantId}` }));',
          '  await s3.send(new PutBucketPolicyCommand({ Bucket: `acme-${tenantId}`, Policy: policy }));',
          '  return s3.send(new GetObjectCommand({ Bucket: "acme-templates", Key: "welcome.txt" }));',
          '}',
          '',
        ].join('\n'),
        'src/legacy.js': 'const AWS = require("aws-sdk");\n\nconst s3 = new AWS.S3();\n\nexports.version = (bucket) => s3.putBucketVersioning({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }).promise();\n',
      });
      assert.deepEqual(locations(findingsOf(map, 's3-bucket-config-at-runtime')), ['src/legacy.js:5:31', 'src/tenants.ts:6:9', 'src/tenants.ts:7:9']);
    });
  });
});
