import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/sdk-literal-region';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';
import { traceStep } from '../../../src/core/trace';

describe('sdk-literal-region', () => {
  describe('over hand-built dependencies', () => {
    const literalDdb = dep({ kind: 'sdk-client', service: 'dynamodb', name: 'DynamoDBClient', origin: 'js-v3', file: 'src/orders.ts', line: 4, column: 20, endLine: 4, endColumn: 59, region: 'us-east-1', regionSource: 'literal' });
    const viaConst = dep({
      kind: 'sdk-client', service: 'sqs', name: 'SQSClient', origin: 'js-v3', file: 'src/queue.ts', line: 9, column: 16, endLine: 9, endColumn: 45, region: 'eu-west-1', regionSource: 'variable',
      regionTrace: [traceStep({ file: 'src/queue.ts', line: 3, column: 7 }, { kind: 'value', via: 'const REGION' })],
    });
    const boto = dep({ kind: 'sdk-client', service: 'sqs', name: 'boto3.client("sqs")', origin: 'boto3', file: 'worker/app.py', line: 5, column: 7, region: 'us-east-1', regionSource: 'literal' });
    const westData = dep({ kind: 'sdk-client', service: 'dynamodb', origin: 'js-v3', file: 'src/b.ts', line: 2, region: 'us-west-2', regionSource: 'literal' });
    const eastControl = dep({ kind: 'sdk-client', service: 'cloudwatch', origin: 'js-v3', file: 'src/c.ts', line: 2, region: 'us-east-1', regionSource: 'literal' });

    it('reports clients whose region is written in code, high for us-east-1 data-plane clients', () => {
      const findings = runRulesOn(rule, [literalDdb, viaConst, boto, westData, eastControl]);
      assert.deepEqual(located(findings), [
        'src/b.ts:2:1 medium',
        'src/c.ts:2:1 medium',
        'src/orders.ts:4:20 high',
        'src/queue.ts:9:16 medium',
        'worker/app.py:5:7 high',
      ]);
      assert.match(findings[2].message, /^DynamoDBClient is pinned to us-east-1: .*20 October 2025/);
      assert.match(findings[3].message, /^SQSClient is pinned to eu-west-1 \(region from const REGION, line 3\)/);
    });

    it('leaves alone clients whose region comes from elsewhere, global services and fallbacks', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'sdk-client', service: 'dynamodb', file: 'src/a.ts', line: 1, region: 'us-east-1', regionSource: 'env' }),
        dep({ kind: 'sdk-client', service: 'dynamodb', file: 'src/a.ts', line: 2, region: 'us-east-1', regionSource: 'deploy-config' }),
        dep({ kind: 'sdk-client', service: 's3', file: 'src/a.ts', line: 3, region: null, regionSource: 'unresolved' }),
        dep({ kind: 'sdk-client', service: 'iam', file: 'src/a.ts', line: 4, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'sdk-client', service: 'health', file: 'src/a.ts', line: 5, region: 'us-east-1', regionSource: 'literal', global: true }),
        dep({
          kind: 'sdk-client', service: 'dynamodb', file: 'src/a.ts', line: 6, region: 'us-east-1', regionSource: 'literal',
          regionTrace: [traceStep({ file: 'src/a.ts', line: 6, column: 60 }, { kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION' }), traceStep({ file: 'src/a.ts', line: 6, column: 1 }, { kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION', applied: true })],
        }),
        dep({ kind: 'endpoint', service: 'dynamodb', file: 'src/a.ts', line: 7, region: 'us-east-1', regionSource: 'literal' }),
        dep({ kind: 'iac-resource', service: 'dynamodb', file: 'template.yaml', line: 7, region: 'us-east-1', regionSource: 'literal' }),
      ]);
      assert.deepEqual(located(findings), []);
    });

    it('offers a fix that reads AWS_REGION when a trace step locates the literal option value', () => {
      const located = { ...literalDdb, regionTrace: [traceStep({ file: 'src/orders.ts', line: 4, column: 48 }, { kind: 'literal', region: 'us-east-1' })] };
      const [finding] = runRulesOn(rule, [located]);
      assert.deepEqual(finding.fix, {
        description: 'Read the region from AWS_REGION instead of "us-east-1"',
        edits: [{ file: 'src/orders.ts', line: 4, column: 48, endLine: 4, endColumn: 59, newText: 'process.env.AWS_REGION' }],
      });
      // Without a located literal, and for constants, no edit is guessed.
      assert.equal(runRulesOn(rule, [literalDdb])[0].fix, undefined);
      assert.equal(runRulesOn(rule, [viaConst])[0].fix, undefined);
    });

    it('is not tier-aware, but follows a severity override', () => {
      assert.deepEqual(located(runRulesOn(rule, [westData], { config: { tier: 'MissionCritical' } })), ['src/b.ts:2:1 medium']);
      assert.deepEqual(located(runRulesOn(rule, [literalDdb], { config: { rules: { 'sdk-literal-region': { severity: 'low' } } } })), ['src/orders.ts:4:20 low']);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports boto3 clients and resources with region_name written in code', async () => {
      const map = await analyseFiles({
        'worker/app.py': [
          'import os',
          'import boto3',
          '',
          'REGION = "eu-west-1"',
          'sqs = boto3.client("sqs", region_name="us-east-1")',
          'sns = boto3.client("sns", region_name=REGION)',
          'table = boto3.resource("dynamodb", region_name=os.environ["AWS_REGION"]).Table("orders")',
          's3 = boto3.client("s3")',
          '',
        ].join('\n'),
      });
      const findings = findingsOf(map, 'sdk-literal-region');
      assert.deepEqual(locations(findings), ['worker/app.py:5:7', 'worker/app.py:6:7']);
      assert.deepEqual(findings.map((f) => f.severity), ['high', 'medium']);
      assert.equal(findings[0].fix, undefined);
    });

    it('reports SDK v3 and v2 clients whose region is written in code, and not those that read the environment', async () => {
      const map = await analyseFiles({
        'src/clients.ts': [
          'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
          'import { SQSClient } from "@aws-sdk/client-sqs";',
          'import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";',
          '',
          'const REGION = "eu-west-1";',
          '',
          'export const ddb = new DynamoDBClient({ region: "us-east-1" });',
          'export const sqs = new SQSClient({ region: REGION });',
          'export const cw = new CloudWatchClient({ region: "us-east-1" });',
          'export const fromEnv = new DynamoDBClient({ region: process.env.AWS_REGION });',
          'export const withFallback = new SQSClient({ region: process.env.AWS_REGION ?? "us-east-1" });',
          'export const fromDefaults = new DynamoDBClient({});',
          '',
        ].join('\n'),
        'src/legacy/handler.js': [
          'const AWS = require("aws-sdk");',
          '',
          'AWS.config.update({ region: "eu-central-1" });',
          '',
          'const s3 = new AWS.S3();',
          'const lambda = new AWS.Lambda({ region: "us-east-1" });',
          '',
          'exports.handler = async (event) => {',
          '  await lambda.invoke({ FunctionName: "resize", Payload: JSON.stringify(event) }).promise();',
          '  return s3.getObject({ Bucket: process.env.BUCKET, Key: event.key }).promise();',
          '};',
          '',
        ].join('\n'),
      });
      const findings = findingsOf(map, 'sdk-literal-region');
      assert.deepEqual(locations(findings), ['src/clients.ts:7:20', 'src/clients.ts:8:20', 'src/clients.ts:9:19', 'src/legacy/handler.js:5:12', 'src/legacy/handler.js:6:16']);
      assert.deepEqual(findings.map((f) => f.severity), ['high', 'medium', 'medium', 'medium', 'high']);
      assert.match(findings[3].message, /^AWS\.S3 is pinned to eu-central-1 \(AWS\.config sets the region for clients created after it, line 3\)/);
      // The literal option value gets a quick fix; the constant and the AWS.config setting do not.
      assert.deepEqual(findings[0].fix?.edits, [{ file: 'src/clients.ts', line: 7, column: 49, endLine: 7, endColumn: 60, newText: 'process.env.AWS_REGION' }]);
      assert.deepEqual(findings.map((f) => f.fix !== undefined), [true, false, true, false, true]);
    });
  });

  it('reports a pinned client once, not again on the document client that wraps it', async () => {
    const map = await analyseFiles({
      'src/orders.ts': [
        'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
        'import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";',
        '',
        'const client = new DynamoDBClient({ region: "eu-west-1" });',
        'const documents = DynamoDBDocumentClient.from(client);',
        '',
        'export const get = (id: string) => documents.send(new GetCommand({ TableName: "orders", Key: { id } }));',
        '',
      ].join('\n'),
    });
    assert.deepEqual(locations(findingsOf(map, 'sdk-literal-region')), ['src/orders.ts:4:16']);
  });
});
