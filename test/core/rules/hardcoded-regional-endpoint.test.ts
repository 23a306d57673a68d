import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/hardcoded-regional-endpoint';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('hardcoded-regional-endpoint', () => {
  describe('over hand-built dependencies', () => {
    it('reports regional endpoint hosts, high in us-east-1, in code, IaC and configuration alike', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'endpoint', service: 'dynamodb', text: 'dynamodb.us-east-1.amazonaws.com', origin: 'js-v3', file: 'src/db.ts', line: 6, column: 13, region: 'us-east-1', regionSource: 'literal' }),
        dep({ kind: 'endpoint', service: 'sqs', text: 'sqs.eu-west-1.amazonaws.com', origin: 'cloudformation', file: 'template.yaml', line: 30, column: 18, region: 'eu-west-1', regionSource: 'literal' }),
        dep({ kind: 'endpoint', service: 'execute-api', text: 'abc123.execute-api.us-west-2.amazonaws.com', origin: 'dotenv', file: '.env', line: 2, column: 9, region: 'us-west-2', regionSource: 'literal' }),
      ]);
      assert.deepEqual(located(findings), ['.env:2:9 medium', 'src/db.ts:6:13 high', 'template.yaml:30:18 medium']);
      assert.match(findings[1].message, /^Endpoint dynamodb\.us-east-1\.amazonaws\.com pins dynamodb to us-east-1/);
    });

    it('leaves global endpoints, region-less hosts and global services to their own rules', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'endpoint', service: 'sts', text: 'sts.amazonaws.com', file: 'src/a.ts', line: 1, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'endpoint', service: 's3', text: 'bucket.s3.amazonaws.com', file: 'src/a.ts', line: 2, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'endpoint', service: 'health', text: 'health.us-east-1.amazonaws.com', file: 'src/a.ts', line: 3, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'endpoint', service: 'dynamodb', text: 'dynamodb.amazonaws.com', file: 'src/a.ts', line: 4, region: null, regionSource: 'unresolved' }),
        dep({ kind: 'sdk-client', service: 'dynamodb', file: 'src/a.ts', line: 5, region: 'us-east-1', regionSource: 'literal' }),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports endpoint options, queue URLs and regional S3 hosts, at the string literal', async () => {
      const map = await analyseFiles({
        'src/endpoints.ts': [
          'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
          'import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";',
          '',
          'export const ddb = new DynamoDBClient({ endpoint: "https://dynamodb.us-east-1.amazonaws.com" });',
          'const sqs = new SQSClient({});',
          'const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs";',
          'export const imageUrl = (key: string) => `https://product-images.s3.eu-west-1.amazonaws.com/${key}`;',
          'export const localDdb = new DynamoDBClient({ endpoint: "http://localhost:8000" });',
          'export const stsHost = "sts.amazonaws.com";',
          '',
          'export const enqueue = (body: string) => sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: body }));',
          '',
        ].join('\n'),
      });
      const findings = findingsOf(map, 'hardcoded-regional-endpoint');
      assert.deepEqual(locations(findings), ['src/endpoints.ts:4:51', 'src/endpoints.ts:6:19', 'src/endpoints.ts:7:42']);
      assert.deepEqual(findings.map((f) => f.severity), ['high', 'medium', 'medium']);
    });
  });
});
