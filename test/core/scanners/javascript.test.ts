import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency } from '../../../src/core/model';
import { javascriptScanner } from '../../../src/core/scanners/javascript';
import type { ScanOutput } from '../../../src/core/scanners/types';
import { displayed } from '../../support/trace';

const FIXTURES = join(__dirname, '../../fixtures/javascript');

function scan(rel: string): ScanOutput {
  return javascriptScanner.scan(rel, readFileSync(join(FIXTURES, rel), 'utf8'), { languages: {} });
}

/** The fields the tests compare, with links shown as `kind@line:column` of the linked dependency. */
function rows(deps: Dependency[]): Array<Record<string, unknown>> {
  const byId = new Map(deps.map((d) => [d.id, d]));
  return deps
    .map((d) => {
      const r: Record<string, unknown> = { kind: d.kind, service: d.service, line: d.line, column: d.column, region: d.region, regionSource: d.regionSource };
      if (d.name !== undefined) r.name = d.name;
      if (d.operation !== undefined) r.operation = d.operation;
      if (d.candidateRegions) r.candidateRegions = d.candidateRegions;
      if (d.text !== undefined) r.text = d.text;
      if (d.global) r.global = true;
      if (d.links) r.links = d.links.map((id) => { const t = byId.get(id); return t ? `${t.kind}@${t.line}:${t.column}` : id; });
      return r;
    })
    .sort((a, b) => (a.line as number) - (b.line as number) || (a.column as number) - (b.column as number));
}

function at(out: ScanOutput, line: number, column: number): Dependency {
  const d = out.dependencies.find((x) => x.line === line && x.column === column);
  assert.ok(d, `no dependency at ${line}:${column}`);
  return d;
}

describe('JavaScript scanner: which files it reads', () => {
  it('accepts source files that mention an AWS SDK, CDK, Pulumi, endpoint or ARN, and nothing else', () => {
    assert.equal(javascriptScanner.accepts('src/a.ts', 'import { S3Client } from "@aws-sdk/client-s3";'), true);
    assert.equal(javascriptScanner.accepts('src/a.mjs', 'const AWS = require("aws-sdk");'), true);
    assert.equal(javascriptScanner.accepts('lib/stack.ts', 'import * as cdk from "aws-cdk-lib";'), true);
    assert.equal(javascriptScanner.accepts('index.ts', 'import * as aws from "@pulumi/aws";'), true);
    assert.equal(javascriptScanner.accepts('web/app.jsx', 'fetch("https://abc.execute-api.eu-west-1.amazonaws.com/prod")'), true);
    // An unrelated file with a region option never reaches the parser.
    assert.equal(javascriptScanner.accepts('src/db.ts', 'import { Client } from "pg"; new Client({ region: "us-east-1" });'), false);
    assert.equal(javascriptScanner.accepts('types/aws.d.ts', 'import { S3Client } from "@aws-sdk/client-s3";'), false);
    assert.equal(javascriptScanner.accepts('README.md', 'import { S3Client } from "@aws-sdk/client-s3";'), false);
  });
});

describe('JavaScript scanner: SDK v3', () => {
  it('finds the clients and calls of a Lambda handler on the document client, lib-storage and the presigner', () => {
    const out = scan('lambda-orders/handler.ts');
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'sdk-client', service: 'dynamodb', line: 17, column: 16, region: null, regionSource: 'unresolved', name: 'DynamoDBClient' },
      { kind: 'sdk-client', service: 'dynamodb', line: 20, column: 19, region: null, regionSource: 'unresolved', name: 'DynamoDBDocumentClient', links: ['sdk-client@17:16'] },
      { kind: 'sdk-client', service: 's3', line: 23, column: 12, region: null, regionSource: 'unresolved', name: 'S3Client' },
      { kind: 'sdk-call', service: 'dynamodb', line: 28, column: 11, region: null, regionSource: 'unresolved', name: 'PutCommand', operation: 'PutItem', text: 'env:TABLE_NAME', links: ['sdk-client@20:19'] },
      { kind: 'sdk-call', service: 'dynamodb', line: 32, column: 26, region: null, regionSource: 'unresolved', name: 'GetCommand', operation: 'GetItem', text: 'env:TABLE_NAME', links: ['sdk-client@20:19'] },
      { kind: 'sdk-call', service: 'dynamodb', line: 37, column: 21, region: null, regionSource: 'unresolved', name: 'QueryCommand', operation: 'Query', text: 'orders', links: ['sdk-client@20:19'] },
      { kind: 'sdk-call', service: 'dynamodb', line: 49, column: 28, region: null, regionSource: 'unresolved', name: 'paginateScan', operation: 'Scan', text: 'env:TABLE_NAME', links: ['sdk-client@20:19'] },
      { kind: 'sdk-call', service: 's3', line: 52, column: 18, region: null, regionSource: 'unresolved', name: 'Upload', operation: 'PutObject', text: 'orders-exports', links: ['sdk-client@23:12'] },
      { kind: 'sdk-call', service: 's3', line: 57, column: 10, region: null, regionSource: 'unresolved', name: 'getSignedUrl', operation: 'GetObject', text: 'orders-exports', links: ['sdk-client@23:12'] },
    ]);
    assert.deepEqual(out.problems, []);
  });

  it('records an environment region with its literal fallback, and the fallback position in the trace', () => {
    const out = scan('lambda-orders/handler.ts');
    const client = at(out, 17, 16);
    assert.deepEqual(client.regionRef, { kind: 'runtime-env', variable: 'AWS_REGION', fallback: 'us-east-1' });
    assert.deepEqual(displayed(client.regionTrace), [
      { file: 'lambda-orders/handler.ts', line: 18, column: 11, reason: 'reads process.env.AWS_REGION' },
      { file: 'lambda-orders/handler.ts', line: 18, column: 37, reason: 'fallback "us-east-1" when AWS_REGION is unset' },
    ]);
    // The document client and every call through it carry the same region fields.
    for (const [line, column] of [[20, 19], [28, 11], [32, 26], [37, 21], [49, 28]]) {
      const d = at(out, line, column);
      assert.deepEqual(d.regionRef, client.regionRef, `${line}:${column}`);
      assert.deepEqual(d.regionTrace, client.regionTrace, `${line}:${column}`);
    }
    // No region option at all: the SDK's default chain.
    assert.deepEqual(at(out, 23, 12).regionRef, { kind: 'runtime-env' });
    assert.equal(at(out, 17, 16).container, 'module');
    assert.equal(at(out, 28, 11).container, 'handler');
    assert.equal(at(out, 37, 21).container, 'listByCustomer');
  });

  it('links calls through class fields, constructor-injected clients and factory functions, tracing regions through consts and call sites', () => {
    const out = scan('lambda-orders/repository.ts');
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'sdk-client', service: 'sqs', line: 10, column: 28, region: 'eu-west-1', regionSource: 'variable', name: 'SQSClient' },
      { kind: 'sdk-call', service: 'dynamodb', line: 15, column: 11, region: 'us-east-2', regionSource: 'variable', name: 'PutItemCommand', operation: 'PutItem', text: 'orders', links: ['sdk-client@25:10'] },
      { kind: 'sdk-call', service: 'sqs', line: 16, column: 11, region: 'eu-west-1', regionSource: 'variable', name: 'SendMessageCommand', operation: 'SendMessage', text: 'env:QUEUE_URL', links: ['sdk-client@10:28'] },
      { kind: 'sdk-call', service: 'dynamodb', line: 20, column: 11, region: 'us-east-2', regionSource: 'variable', name: 'DeleteItemCommand', operation: 'DeleteItem', text: 'orders', links: ['sdk-client@25:10'] },
      { kind: 'sdk-client', service: 'dynamodb', line: 25, column: 10, region: 'us-east-2', regionSource: 'variable', name: 'DynamoDBClient' },
      { kind: 'sdk-client', service: 'sns', line: 29, column: 30, region: 'ap-southeast-2', regionSource: 'literal', name: 'SNSClient' },
      { kind: 'sdk-call', service: 'sns', line: 32, column: 10, region: 'ap-southeast-2', regionSource: 'literal', name: 'PublishCommand', operation: 'Publish', text: 'arn:aws:sns:ap-southeast-2:123456789012:orders', links: ['sdk-client@29:30'] },
      { kind: 'arn', service: 'sns', line: 32, column: 60, region: 'ap-southeast-2', regionSource: 'literal', text: 'arn:aws:sns:ap-southeast-2:123456789012:orders' },
    ]);
    assert.deepEqual(displayed(at(out, 10, 28).regionTrace), [
      { file: 'lambda-orders/repository.ts', line: 6, column: 7, reason: 'region from const config' },
      { file: 'lambda-orders/repository.ts', line: 6, column: 18, reason: 'region from property region' },
      { file: 'lambda-orders/repository.ts', line: 5, column: 7, reason: 'region from const REGION' },
      { file: 'lambda-orders/repository.ts', line: 5, column: 16, reason: 'region "eu-west-1" written here' },
    ]);
    assert.deepEqual(displayed(at(out, 25, 10).regionTrace), [
      { file: 'lambda-orders/repository.ts', line: 28, column: 44, reason: 'argument of regionalClient(…) at this call' },
      { file: 'lambda-orders/repository.ts', line: 28, column: 59, reason: 'region "us-east-2" written here' },
    ]);
    assert.equal(at(out, 10, 28).container, 'OrderRepository');
    assert.equal(at(out, 15, 11).container, 'OrderRepository.save');
    // A literal in place: one step at its opening quote, inside the construction expression.
    assert.deepEqual(displayed(at(out, 29, 30).regionTrace), [{ file: 'lambda-orders/repository.ts', line: 29, column: 48, reason: 'region "ap-southeast-2" written here' }]);
  });

  it('traces regions through nested object consts, ternaries, loops, namespace and renamed imports, and stops at what the file cannot know', () => {
    const out = scan('region-tracing/clients.ts');
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'sdk-client', service: 'dynamodb', line: 12, column: 23, region: 'ap-northeast-1', regionSource: 'variable', name: 'DynamoDB' },
      { kind: 'sdk-client', service: 's3', line: 13, column: 24, region: null, regionSource: 'variable', name: 'S3Client', candidateRegions: ['us-west-2', 'us-east-1'] },
      { kind: 'sdk-client', service: 'kinesis', line: 14, column: 24, region: null, regionSource: 'unresolved', name: 'KinesisClient' },
      { kind: 'sdk-client', service: 'secretsmanager', line: 15, column: 24, region: null, regionSource: 'unresolved', name: 'SecretsManagerClient' },
      { kind: 'sdk-client', service: 'lambda', line: 16, column: 25, region: null, regionSource: 'unresolved', name: 'LambdaClient' },
      { kind: 'sdk-client', service: 'lambda', line: 18, column: 72, region: null, regionSource: 'variable', name: 'LambdaClient', candidateRegions: ['eu-west-1', 'eu-central-1'] },
      { kind: 'sdk-call', service: 'dynamodb', line: 21, column: 9, region: 'ap-northeast-1', regionSource: 'variable', name: 'describeTable', operation: 'DescribeTable', text: 'orders', links: ['sdk-client@12:23'] },
      { kind: 'sdk-call', service: 'dynamodb', line: 22, column: 9, region: 'ap-northeast-1', regionSource: 'variable', name: 'DescribeTableCommand', operation: 'DescribeTable', text: 'orders', links: ['sdk-client@12:23'] },
      { kind: 'sdk-call', service: 's3', line: 23, column: 9, region: null, regionSource: 'variable', name: 'ListBucketsCommand', operation: 'ListBuckets', candidateRegions: ['us-west-2', 'us-east-1'], links: ['sdk-client@13:24'] },
      { kind: 'sdk-call', service: 'lambda', line: 25, column: 11, region: null, regionSource: 'variable', name: 'InvokeCommand', operation: 'Invoke', candidateRegions: ['eu-west-1', 'eu-central-1'], text: 'warmup', links: ['sdk-client@18:72'] },
    ]);
    // An imported const and a computed value: unknown, and no reference for later passes.
    assert.equal(at(out, 14, 24).regionRef, undefined);
    assert.equal(at(out, 16, 25).regionRef, undefined);
    // A template literal that is only an environment read is that read.
    assert.deepEqual(at(out, 15, 24).regionRef, { kind: 'runtime-env', variable: 'AWS_REGION' });
  });

  it('reads require, destructured require and await import(), with a non-standard region variable and its fallback', () => {
    const out = scan('region-tracing/loaders.cjs');
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'sdk-client', service: 'sqs', line: 4, column: 15, region: null, regionSource: 'unresolved', name: 'SQSClient' },
      { kind: 'sdk-client', service: 'sns', line: 5, column: 16, region: 'sa-east-1', regionSource: 'literal', name: 'SNSClient' },
      { kind: 'sdk-client', service: 'events', line: 9, column: 15, region: 'eu-south-1', regionSource: 'literal', name: 'EventBridgeClient' },
      { kind: 'sdk-call', service: 'events', line: 10, column: 9, region: 'eu-south-1', regionSource: 'literal', name: 'PutEventsCommand', operation: 'PutEvents', links: ['sdk-client@9:15'] },
      { kind: 'sdk-call', service: 'sqs', line: 11, column: 10, region: null, regionSource: 'unresolved', name: 'ReceiveMessageCommand', operation: 'ReceiveMessage', text: 'https://sqs.ca-central-1.amazonaws.com/123456789012/jobs', links: ['sdk-client@4:15'] },
      { kind: 'endpoint', service: 'sqs', line: 11, column: 59, region: 'ca-central-1', regionSource: 'literal', text: 'sqs.ca-central-1.amazonaws.com' },
    ]);
    assert.deepEqual(at(out, 4, 15).regionRef, { kind: 'runtime-env', variable: 'QUEUE_REGION', fallback: 'ca-central-1' });
  });
});

describe('JavaScript scanner: SDK v2', () => {
  it('finds an Express service: AWS.config.update, document client, clients/* imports, callbacks, .promise(), presigned URLs and the global STS endpoint', () => {
    const out = scan('express-v2/app.js');
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'region-config', service: '*', line: 7, column: 21, region: 'us-west-2', regionSource: 'literal', name: 'AWS.config.region', text: 'us-west-2' },
      { kind: 'sdk-client', service: 'dynamodb', line: 9, column: 19, region: 'us-west-2', regionSource: 'literal', name: 'AWS.DynamoDB.DocumentClient' },
      { kind: 'sdk-client', service: 'sqs', line: 10, column: 13, region: 'us-west-2', regionSource: 'literal', name: 'AWS.SQS' },
      { kind: 'sdk-client', service: 's3', line: 11, column: 16, region: 'eu-central-1', regionSource: 'literal', name: 'S3' },
      { kind: 'sdk-client', service: 'sts', line: 12, column: 13, region: 'us-east-1', regionSource: 'global-service', name: 'AWS.STS', text: 'sts.amazonaws.com', global: true },
      { kind: 'sdk-client', service: 'sts', line: 13, column: 21, region: 'us-west-2', regionSource: 'literal', name: 'AWS.STS' },
      { kind: 'sdk-call', service: 'dynamodb', line: 19, column: 24, region: 'us-west-2', regionSource: 'literal', name: 'get', operation: 'GetItem', text: 'inventory', links: ['sdk-client@9:19'] },
      { kind: 'sdk-call', service: 'sqs', line: 24, column: 3, region: 'us-west-2', regionSource: 'literal', name: 'sendMessage', operation: 'SendMessage', text: 'env:RESTOCK_QUEUE_URL', links: ['sdk-client@10:13'] },
      { kind: 'sdk-call', service: 's3', line: 31, column: 15, region: 'eu-central-1', regionSource: 'literal', name: 'getSignedUrl', operation: 'GetObject', text: 'inventory-manuals', links: ['sdk-client@11:16'] },
      { kind: 'sdk-call', service: 'sts', line: 32, column: 21, region: 'us-east-1', regionSource: 'global-service', name: 'getCallerIdentity', operation: 'GetCallerIdentity', global: true, links: ['sdk-client@12:13'] },
      { kind: 'sdk-call', service: 'sts', line: 33, column: 25, region: 'us-west-2', regionSource: 'literal', name: 'assumeRole', operation: 'AssumeRole', links: ['sdk-client@13:21'] },
      { kind: 'arn', service: 'iam', line: 33, column: 59, region: null, regionSource: 'unresolved', text: 'arn:aws:iam::123456789012:role/reader' },
    ]);
    const config = at(out, 7, 21);
    assert.deepEqual(config.scope, { file: 'express-v2/app.js', appliesTo: 'runtime' });
    assert.equal(config.origin, 'js-v2');
    // A client without its own region takes the preceding AWS.config setting, with a step pointing at it.
    assert.deepEqual(displayed(at(out, 9, 19).regionTrace), [
      { file: 'express-v2/app.js', line: 7, column: 21, reason: 'AWS.config sets the region for clients created after it' },
      { file: 'express-v2/app.js', line: 7, column: 29, reason: 'region "us-west-2" written here' },
    ]);
    assert.equal(at(out, 9, 19).origin, 'js-v2');
  });

  it('applies AWS.config only to clients constructed after it, and reads AWS.config.region assignments', () => {
    const text = [
      "const AWS = require('aws-sdk');",
      'const early = new AWS.Kinesis();',
      "AWS.config.region = process.env.AWS_REGION || 'eu-west-3';",
      'const late = new AWS.Kinesis();',
    ].join('\n');
    const out = javascriptScanner.scan('stream.js', text, { languages: {} });
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'sdk-client', service: 'kinesis', line: 2, column: 15, region: null, regionSource: 'unresolved', name: 'AWS.Kinesis' },
      { kind: 'region-config', service: '*', line: 3, column: 1, region: null, regionSource: 'unresolved', name: 'AWS.config.region', text: "process.env.AWS_REGION || 'eu-west-3'" },
      { kind: 'sdk-client', service: 'kinesis', line: 4, column: 14, region: null, regionSource: 'unresolved', name: 'AWS.Kinesis' },
    ]);
    assert.deepEqual(at(out, 2, 15).regionRef, { kind: 'runtime-env' });
    assert.deepEqual(at(out, 4, 14).regionRef, { kind: 'runtime-env', variable: 'AWS_REGION', fallback: 'eu-west-3' });
  });
});

describe('JavaScript scanner: SDK v2 settings', () => {
  it('makes STS regional after AWS.config.update({ stsRegionalEndpoints }), and lets a document client inherit the service object it wraps', () => {
    const text = [
      "import AWS from 'aws-sdk';",
      "import DynamoDB from 'aws-sdk/clients/dynamodb';",
      "AWS.config.update({ stsRegionalEndpoints: 'regional' });",
      'const sts = new AWS.STS();',
      "const ddb = new DynamoDB({ region: 'ap-south-1' });",
      'const docs = new DynamoDB.DocumentClient({ service: ddb });',
      "export const read = (id) => docs.query({ TableName: 'events', KeyConditionExpression: 'id = :id' }).promise();",
    ].join('\n');
    const out = javascriptScanner.scan('events.mjs', text, { languages: {} });
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'sdk-client', service: 'sts', line: 4, column: 13, region: null, regionSource: 'unresolved', name: 'AWS.STS' },
      { kind: 'sdk-client', service: 'dynamodb', line: 5, column: 13, region: 'ap-south-1', regionSource: 'literal', name: 'DynamoDB' },
      { kind: 'sdk-client', service: 'dynamodb', line: 6, column: 14, region: 'ap-south-1', regionSource: 'literal', name: 'DynamoDB.DocumentClient', links: ['sdk-client@5:13'] },
      { kind: 'sdk-call', service: 'dynamodb', line: 7, column: 29, region: 'ap-south-1', regionSource: 'literal', name: 'query', operation: 'Query', text: 'events', links: ['sdk-client@6:14'] },
    ]);
    assert.deepEqual(at(out, 4, 13).regionRef, { kind: 'runtime-env' });
    assert.equal(at(out, 7, 29).container, 'read');
  });
});

describe('JavaScript scanner: uploads', () => {
  it('reads SDK v2 managed uploads through the service object they are given', () => {
    const text = [
      "const AWS = require('aws-sdk');",
      "const s3 = new AWS.S3({ region: 'eu-west-1' });",
      "const upload = new AWS.S3.ManagedUpload({ params: { Bucket: 'photos', Key: 'a.jpg', Body: data }, service: s3 });",
      'upload.promise();',
    ].join('\n');
    const out = javascriptScanner.scan('upload.js', text, { languages: {} });
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'sdk-client', service: 's3', line: 2, column: 12, region: 'eu-west-1', regionSource: 'literal', name: 'AWS.S3' },
      { kind: 'sdk-call', service: 's3', line: 3, column: 16, region: 'eu-west-1', regionSource: 'literal', name: 'ManagedUpload', operation: 'PutObject', text: 'photos', links: ['sdk-client@2:12'] },
    ]);
  });
});

describe('JavaScript scanner: strings, negatives and bad input', () => {
  it('reports nothing for regions, endpoints and ARNs that appear only in comments', () => {
    const out = scan('negative/comments-only.ts');
    assert.deepEqual(out.dependencies, []);
    assert.deepEqual(out.problems, []);
  });

  it('ignores clients of other libraries and placeholder regions', () => {
    const out = scan('negative/other-clients.ts');
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'sdk-client', service: 's3', line: 8, column: 24, region: null, regionSource: 'unresolved', name: 'S3Client' },
    ]);
    assert.equal(out.dependencies[0].regionRef, undefined);
  });

  it('does not treat a LocalStack endpoint as AWS, and links a real endpoint option to its client', () => {
    const out = scan('negative/localstack.ts');
    // The LocalStack client (line 5) is not an AWS dependency at all (issue 13 item 5).
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'sdk-client', service: 'dynamodb', line: 6, column: 23, region: null, regionSource: 'unresolved', name: 'DynamoDBClient', links: ['endpoint@6:54'] },
      { kind: 'endpoint', service: 'dynamodb', line: 6, column: 54, region: 'eu-west-1', regionSource: 'literal', text: 'dynamodb.eu-west-1.amazonaws.com' },
    ]);
    const endpoint = at(out, 6, 54);
    // The anchor is the whole string literal, quotes included.
    assert.deepEqual([endpoint.endLine, endpoint.endColumn], [6, 96]);
    assert.equal(endpoint.origin, 'js');
  });

  it('keeps service principals and token audiences out of the endpoints, but keeps ARNs given as principals', () => {
    const out = scan('negative/principals.ts');
    assert.deepEqual(rows(out.dependencies.filter((d) => d.kind === 'endpoint' || d.kind === 'arn')), [
      { kind: 'arn', service: 'iam', line: 13, column: 45, region: null, regionSource: 'unresolved', text: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
    ]);
  });

  it('reads ARNs and endpoints in template literals with unknown parts as region-less', () => {
    const text = [
      'import { SNSClient } from "@aws-sdk/client-sns";',
      'const region = process.env.AWS_REGION;',
      'export const topic = `arn:aws:sns:${region}:${process.env.ACCOUNT_ID}:orders`;',
      'export const queue = `https://sqs.${region}.amazonaws.com/123456789012/jobs`;',
      'export const table = `arn:${partition}:dynamodb:eu-west-1:123456789012:table/orders`;',
    ].join('\n');
    const out = javascriptScanner.scan('urls.ts', text, { languages: {} });
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'arn', service: 'sns', line: 3, column: 22, region: null, regionSource: 'unresolved', text: 'arn:aws:sns:${region}:${process.env.ACCOUNT_ID}:orders' },
      { kind: 'endpoint', service: 'sqs', line: 4, column: 22, region: null, regionSource: 'unresolved', text: 'sqs.*.amazonaws.com' },
      { kind: 'arn', service: 'dynamodb', line: 5, column: 22, region: 'eu-west-1', regionSource: 'literal', text: 'arn:${partition}:dynamodb:eu-west-1:123456789012:table/orders' },
    ]);
  });

  it('reports a syntax error with its line and still finds the endpoint strings', () => {
    const out = scan('negative/malformed.ts');
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'endpoint', service: 'sqs', line: 3, column: 15, region: 'eu-north-1', regionSource: 'literal', text: 'sqs.eu-north-1.amazonaws.com' },
    ]);
    assert.equal(out.problems.length, 1);
    assert.equal(out.problems[0].file, 'negative/malformed.ts');
    assert.equal(out.problems[0].line, 9);
    assert.equal(out.problems[0].severity, 'partial');
    assert.match(out.problems[0].reason, /syntax error/);
  });

  it('reports code nested too deeply to parse, and still reads its strings', () => {
    const text = `import { SQSClient } from "@aws-sdk/client-sqs";\nconst url = "https://sqs.eu-west-1.amazonaws.com/1/q";\nconst s = ${Array.from({ length: 3000 }, (_, i) => `"p${i}"`).join(' +\n  ')};\n`;
    const out = javascriptScanner.scan('generated.ts', text, { languages: {} });
    assert.deepEqual(out.problems, [{ file: 'generated.ts', reason: 'the code is nested too deeply to parse; only endpoint and ARN strings were read', severity: 'partial' }]);
    assert.deepEqual(rows(out.dependencies), [{ kind: 'endpoint', service: 'sqs', line: 2, column: 13, region: 'eu-west-1', regionSource: 'literal', text: 'sqs.eu-west-1.amazonaws.com' }]);
  });

  it('stays bounded when a region and a client pass through chains of helpers called from many places', () => {
    const lines = ['import { S3Client, ListBucketsCommand } from "@aws-sdk/client-s3";', 'function h0(region, client) { return new S3Client({ region }); }'];
    for (let i = 1; i < 25; i++) lines.push(`function h${i}(region, client) { client.send(new ListBucketsCommand({})); return ${Array.from({ length: 12 }, () => `h${i - 1}(region, client)`).join(' || ')}; }`);
    lines.push('h24("us-east-1", new S3Client({ region: "eu-west-1" }));');
    const out = javascriptScanner.scan('helpers.ts', lines.join('\n'), { languages: {} });
    assert.deepEqual(out.problems, []);
    assert.equal(out.dependencies.filter((d) => d.kind === 'sdk-call').length, 24);
    // Every call goes through the client created at the bottom, whose region the file states.
    for (const call of out.dependencies.filter((d) => d.kind === 'sdk-call')) assert.equal(call.region, 'eu-west-1');
    for (const d of out.dependencies) assert.ok((d.regionTrace ?? []).length <= 12);
  });

  it('skips minified bundles with a problem instead of parsing them', () => {
    const bundle = `var a=require("aws-sdk");${'var x=new a.S3({region:"us-east-1"});'.repeat(400)}\n`;
    const out = javascriptScanner.scan('dist/bundle.js', bundle, { languages: {} });
    assert.deepEqual(out.dependencies, []);
    assert.deepEqual(out.problems, [{ file: 'dist/bundle.js', reason: 'skipped: minified', severity: 'skipped' }]);
  });

  it('finds suppressions in line and block comments', () => {
    const text = [
      'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
      '// outage-radar-ignore sdk-literal-region: the table only exists in us-east-1',
      'export const ddb = new DynamoDBClient({ region: "us-east-1" });',
    ].join('\n');
    const out = javascriptScanner.scan('ddb.ts', text, { languages: {} });
    assert.deepEqual(out.suppressions, [{ file: 'ddb.ts', line: 2, column: 1, endColumn: 78, targetLine: 3, ruleIds: ['sdk-literal-region'], reason: 'the table only exists in us-east-1' }]);
  });

  it('never throws on odd but valid code', () => {
    const text = [
      'import { S3Client } from "@aws-sdk/client-s3";',
      'const a = new S3Client(...args);',
      'const b = new S3Client({ ...a, region: a.region });',
      'let c; c = c; c.send(c);',
      'function f(x = f()) { return f(x); }',
      'new S3Client(f(f(f())));',
    ].join('\n');
    const out = javascriptScanner.scan('odd.ts', text, { languages: {} });
    assert.equal(out.dependencies.filter((d) => d.kind === 'sdk-client').length, 3);
    assert.deepEqual(out.problems, []);
  });
});
