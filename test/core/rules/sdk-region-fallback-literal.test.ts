import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/sdk-region-fallback-literal';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';
import { traceStep } from '../../../src/core/trace';

describe('sdk-region-fallback-literal', () => {
  describe('over hand-built dependencies', () => {
    // `new DynamoDBClient({ region: process.env.AWS_REGION ?? "us-east-1" })`, resolved from a .env file.
    const resolvedElsewhere = dep({
      kind: 'sdk-client', service: 'dynamodb', name: 'DynamoDBClient', origin: 'js-v3', file: 'src/orders.ts', line: 3, column: 20, endLine: 3, endColumn: 80,
      region: 'eu-west-1', regionSource: 'env',
      regionTrace: [
        traceStep({ file: 'src/orders.ts', line: 3, column: 40 }, { kind: 'env-read', variable: 'AWS_REGION' }),
        traceStep({ file: 'src/orders.ts', line: 3, column: 66 }, { kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION' }),
        traceStep({ file: 'src/orders.ts', line: 3, column: 20 }, { kind: 'runtime-env', variable: 'AWS_REGION' }),
        traceStep({ file: '.env', line: 1, column: 1 }, { kind: 'env-assignment', variable: 'AWS_REGION', value: 'eu-west-1', form: 'setting', region: 'eu-west-1' }),
      ],
    });
    // The same construct where nothing in the workspace sets AWS_REGION: the resolver used the fallback.
    const resolvedByFallback = dep({
      kind: 'sdk-client', service: 's3', name: 'S3Client', origin: 'js-v3', file: 'src/files.ts', line: 5, column: 14,
      region: 'us-east-1', regionSource: 'literal',
      regionTrace: [
        traceStep({ file: 'src/files.ts', line: 5, column: 34 }, { kind: 'env-read', variable: 'AWS_REGION' }),
        traceStep({ file: 'src/files.ts', line: 5, column: 60 }, { kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION' }),
        traceStep({ file: 'src/files.ts', line: 5, column: 14 }, { kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION', applied: true }),
      ],
    });
    // boto3 `os.environ.get("AWS_DEFAULT_REGION", "eu-central-1")`, as the resolver records it.
    const python = dep({
      kind: 'sdk-client', service: 'sqs', origin: 'boto3', file: 'worker/app.py', line: 7, column: 7, region: 'eu-central-1', regionSource: 'literal',
      regionTrace: [traceStep({ file: 'worker/app.py', line: 7, column: 7 }, { kind: 'fallback', region: 'eu-central-1', variable: 'AWS_DEFAULT_REGION', applied: true })],
    });

    it('reports the construct whatever the resolution decided, naming the fallback when known', () => {
      const findings = runRulesOn(rule, [resolvedElsewhere, resolvedByFallback, python]);
      assert.deepEqual(located(findings), ['src/files.ts:5:14 medium', 'src/orders.ts:3:20 medium', 'worker/app.py:7:7 medium']);
      assert.match(findings[0].message, /^S3Client falls back to "us-east-1" when AWS_REGION is unset/);
      assert.deepEqual(findings[0].related, [{ file: 'src/files.ts', line: 5, column: 60, message: 'fallback region "us-east-1"' }]);
      assert.match(findings[1].message, /^DynamoDBClient falls back to "us-east-1" when AWS_REGION is unset/);
      assert.match(findings[2].message, /falls back to "eu-central-1" when AWS_DEFAULT_REGION is unset/);
      assert.equal(findings[2].related, undefined);
    });

    it('names the fallback region from the scanner\'s step even when the workspace sets the variable', () => {
      const named = dep({
        kind: 'sdk-client', service: 'dynamodb', name: 'DynamoDBClient', origin: 'js-v3', file: 'src/orders.ts', line: 3, column: 20, endLine: 3, endColumn: 80,
        region: 'eu-west-1', regionSource: 'env',
        regionTrace: [
          traceStep({ file: 'src/orders.ts', line: 3, column: 40 }, { kind: 'env-read', variable: 'AWS_REGION' }),
          traceStep({ file: 'src/orders.ts', line: 3, column: 66 }, { kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION' }),
          traceStep({ file: 'src/orders.ts', line: 3, column: 20 }, { kind: 'runtime-env', variable: 'AWS_REGION' }),
          traceStep({ file: '.env', line: 1, column: 1 }, { kind: 'env-assignment', variable: 'AWS_REGION', value: 'eu-west-1', form: 'setting', region: 'eu-west-1' }),
        ],
      });
      const findings = runRulesOn(rule, [named]);
      assert.deepEqual(located(findings), ['src/orders.ts:3:20 medium']);
      assert.match(findings[0].message, /^DynamoDBClient falls back to "us-east-1" when AWS_REGION is unset: a process started without AWS_REGION silently runs in us-east-1 instead of failing/);
      assert.deepEqual(findings[0].related, [{ file: 'src/orders.ts', line: 3, column: 66, message: 'fallback region "us-east-1"' }]);
    });

    it('ignores environment reads without a fallback, literals, and IaC', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'sdk-client', service: 'dynamodb', file: 'src/a.ts', line: 1, region: 'eu-west-1', regionSource: 'env', regionTrace: [traceStep({ file: 'src/a.ts', line: 1, column: 30 }, { kind: 'env-read', variable: 'AWS_REGION' })] }),
        dep({ kind: 'sdk-client', service: 'dynamodb', file: 'src/a.ts', line: 2, region: 'us-east-1', regionSource: 'literal' }),
        dep({ kind: 'region-config', service: '*', origin: 'serverless', file: 'serverless.yml', line: 4, region: 'us-east-1', regionSource: 'literal', regionTrace: [traceStep({ file: 'serverless.yml', line: 4 }, { kind: 'fallback', region: 'us-east-1', variable: 'stage', applied: true })] }),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports os.environ.get with a default region in boto3 code', async () => {
      const map = await analyseFiles({
        'worker/queue.py': 'import os\nimport boto3\n\nsqs = boto3.client("sqs", region_name=os.environ.get("AWS_REGION", "us-east-1"))\nsns = boto3.client("sns", region_name=os.environ["AWS_REGION"])\n',
      });
      const findings = findingsOf(map, 'sdk-region-fallback-literal');
      assert.deepEqual(locations(findings), ['worker/queue.py:4:7']);
      assert.match(findings[0].message, /falls back to "us-east-1" when AWS_REGION is unset/);
    });

    const code = [
      'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
      'import { SNSClient } from "@aws-sdk/client-sns";',
      '',
      'export const ddb = new DynamoDBClient({ region: process.env.AWS_REGION ?? "us-east-1" });',
      'export const sns = new SNSClient({ region: process.env.AWS_REGION || "eu-west-1" });',
      'export const plain = new SNSClient({ region: process.env.AWS_REGION });',
      '',
    ].join('\n');

    it('reports each fallback, at the client, when nothing sets the variable', async () => {
      const findings = findingsOf(await analyseFiles({ 'src/clients.ts': code }), 'sdk-region-fallback-literal');
      assert.deepEqual(locations(findings), ['src/clients.ts:4:20', 'src/clients.ts:5:20']);
      assert.match(findings[0].message, /falls back to "us-east-1" when AWS_REGION is unset/);
      assert.deepEqual(findings[0].related?.map((r) => `${r.line}:${r.column}`), ['4:75']);
    });

    it('still reports the fallback when an .env file sets the variable', async () => {
      const map = await analyseFiles({ 'src/clients.ts': code, '.env': 'AWS_REGION=ap-southeast-2\n' });
      assert.deepEqual(locations(findingsOf(map, 'sdk-region-fallback-literal')), ['src/clients.ts:4:20', 'src/clients.ts:5:20']);
      assert.equal(map.dependencies.find((d) => d.line === 4 && d.kind === 'sdk-client')?.region, 'ap-southeast-2');
    });

    it('names the region the code falls back to, also when an .env file sets the variable', async () => {
      const map = await analyseFiles({ 'src/clients.ts': code, '.env': 'AWS_REGION=ap-southeast-2\n' });
      const findings = findingsOf(map, 'sdk-region-fallback-literal');
      assert.match(findings[0].message, /^DynamoDBClient falls back to "us-east-1" when AWS_REGION is unset: a process started without AWS_REGION silently runs in us-east-1 /);
      assert.match(findings[1].message, /^SNSClient falls back to "eu-west-1" when AWS_REGION is unset/);
      assert.deepEqual(findings.map((f) => f.related?.map((r) => `${r.line}:${r.column} ${r.message}`)), [['4:75 fallback region "us-east-1"'], ['5:70 fallback region "eu-west-1"']]);
      assert.deepEqual(map.dependencies.find((d) => d.line === 4 && d.kind === 'sdk-client')?.regionTrace?.[1], traceStep({ file: 'src/clients.ts', line: 4, column: 75 }, { kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION' }));
    });
  });
});
