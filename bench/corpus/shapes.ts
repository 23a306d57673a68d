/**
 * File contents for the synthetic monorepo: the shapes real repositories hold, filled in from a
 * seeded generator. The cloud shapes follow the project's fixtures and examples (SDK v3 clients
 * sent commands, SDK v2 `new AWS.S3()`, boto3 clients and resources, SAM and plain CloudFormation
 * templates, Terraform with providers and replicas, CDK stacks, Serverless services, deploy
 * workflows, `.env` files); the non-cloud shapes (React components, utilities, tests, JSON,
 * Markdown, CSS, images) are what dominates a real monorepo and what the scan must reject cheaply.
 */
import type { Random } from './random';

export const NOUNS = [
  'order', 'invoice', 'customer', 'cart', 'payment', 'shipment', 'product', 'review', 'session', 'user',
  'account', 'coupon', 'report', 'inventory', 'notification', 'subscription', 'refund', 'catalog', 'wishlist', 'address',
];
const VERBS = ['load', 'save', 'update', 'remove', 'list', 'sync', 'validate', 'format', 'compute', 'publish', 'archive', 'resolve'];
const REGIONS = ['us-east-1', 'us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];

export function pascal(s: string): string {
  return s.replace(/(^|[-_ ])(\w)/g, (_m, _p, c: string) => c.toUpperCase());
}

function camel(s: string): string {
  const p = pascal(s);
  return p[0].toLowerCase() + p.slice(1);
}

// ── non-cloud shapes ─────────────────────────────────────────────────────────────────────────

export function reactComponent(r: Random, name: string): string {
  const noun = r.pick(NOUNS);
  const Comp = pascal(name);
  const fields = Array.from({ length: r.int(2, 8) }, (_, i) => `${camel(r.pick(NOUNS))}${i}`);
  const lines: string[] = [
    `import React, { useCallback, useEffect, useMemo, useState } from 'react';`,
    `import { Button } from '../ui/Button';`,
    `import { formatDate } from '../utils/format';`,
    `import styles from './${Comp}.module.css';`,
    ``,
    `export interface ${Comp}Props {`,
    ...fields.map((f) => `  ${f}?: string;`),
    `  onSelect?: (id: string) => void;`,
    `}`,
    ``,
    `/** Shows the ${noun} list with filters and a detail pane. */`,
    `export function ${Comp}({ ${fields.slice(0, 2).join(', ')}, onSelect }: ${Comp}Props): JSX.Element {`,
    `  const [items, setItems] = useState<{ id: string; label: string; createdAt: string }[]>([]);`,
    `  const [filter, setFilter] = useState('');`,
    `  const [loading, setLoading] = useState(false);`,
    ``,
    `  useEffect(() => {`,
    `    let cancelled = false;`,
    `    setLoading(true);`,
    `    fetch(\`/api/${noun}s?filter=\${encodeURIComponent(filter)}\`)`,
    `      .then((res) => res.json())`,
    `      .then((data) => {`,
    `        if (!cancelled) setItems(data.items ?? []);`,
    `      })`,
    `      .finally(() => !cancelled && setLoading(false));`,
    `    return () => {`,
    `      cancelled = true;`,
    `    };`,
    `  }, [filter]);`,
    ``,
    `  const visible = useMemo(() => items.filter((i) => i.label.toLowerCase().includes(filter.toLowerCase())), [items, filter]);`,
    `  const handleClick = useCallback((id: string) => onSelect?.(id), [onSelect]);`,
    ``,
  ];
  for (let i = 0, n = r.int(0, 6); i < n; i++) {
    const h = `${r.pick(VERBS)}${pascal(r.pick(NOUNS))}${i}`;
    lines.push(`  const ${h} = useCallback(async (id: string) => {`, `    const res = await fetch(\`/api/${noun}s/\${id}/${h}\`, { method: 'POST' });`, `    if (!res.ok) throw new Error(\`${h} failed: \${res.status}\`);`, `    setItems((prev) => prev.filter((p) => p.id !== id));`, `  }, []);`, ``);
  }
  lines.push(`  return (`, `    <section className={styles.root} aria-busy={loading}>`, `      <header className={styles.header}>`, `        <h2>${pascal(noun)}s</h2>`, `        <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter ${noun}s" />`, `      </header>`, `      <ul className={styles.list}>`);
  lines.push(`        {visible.map((item) => (`, `          <li key={item.id} onClick={() => handleClick(item.id)}>`, `            <span className={styles.label}>{item.label}</span>`, `            <time>{formatDate(item.createdAt)}</time>`);
  for (let i = 0, n = r.int(1, 12); i < n; i++) lines.push(`            <span className={styles.meta${i}}>{${fields[i % fields.length]} ?? '—'}</span>`);
  lines.push(`          </li>`, `        ))}`, `      </ul>`, `      <Button onClick={() => setFilter('')}>Clear</Button>`, `    </section>`, `  );`, `}`, ``, `export default ${Comp};`, ``);
  return lines.join('\n');
}

export function tsUtility(r: Random, name: string): string {
  const lines = [`/** ${pascal(name)}: small helpers shared by the ${r.pick(NOUNS)} pages. */`, `import { z } from 'zod';`, ``];
  for (let i = 0, n = r.int(2, 12); i < n; i++) {
    const noun = r.pick(NOUNS);
    const fn = `${r.pick(VERBS)}${pascal(noun)}${i}`;
    lines.push(
      `export const ${pascal(noun)}${i}Schema = z.object({ id: z.string(), amount: z.number().nonnegative(), tags: z.array(z.string()) });`,
      `export type ${pascal(noun)}${i} = z.infer<typeof ${pascal(noun)}${i}Schema>;`,
      ``,
      `export function ${fn}(items: ${pascal(noun)}${i}[], limit = ${r.int(5, 100)}): ${pascal(noun)}${i}[] {`,
      `  const out: ${pascal(noun)}${i}[] = [];`,
      `  for (const item of items) {`,
      `    if (out.length >= limit) break;`,
      `    if (item.amount > ${r.int(0, 500)} && item.tags.includes('${r.pick(NOUNS)}')) out.push({ ...item, tags: [...item.tags].sort() });`,
      `  }`,
      `  return out.sort((a, b) => a.amount - b.amount || a.id.localeCompare(b.id));`,
      `}`,
      ``,
    );
  }
  return lines.join('\n');
}

export function testFile(r: Random, name: string): string {
  const subject = pascal(name.replace(/\.test$/, ''));
  const lines = [`import { describe, expect, it, vi } from 'vitest';`, `import { render, screen, fireEvent } from '@testing-library/react';`, `import { ${subject} } from '../${subject}';`, ``, `describe('${subject}', () => {`];
  for (let i = 0, n = r.int(2, 14); i < n; i++) {
    const noun = r.pick(NOUNS);
    lines.push(
      `  it('shows the ${noun} ${i} and reacts to a click', async () => {`,
      `    const onSelect = vi.fn();`,
      `    vi.spyOn(global, 'fetch').mockResolvedValue(new Response(JSON.stringify({ items: [{ id: '${i}', label: '${noun}', createdAt: '2024-0${(i % 9) + 1}-01' }] })));`,
      `    render(<${subject} onSelect={onSelect} />);`,
      `    fireEvent.click(await screen.findByText('${noun}'));`,
      `    expect(onSelect).toHaveBeenCalledWith('${i}');`,
      `  });`,
      ``,
    );
  }
  lines.push(`});`, ``);
  return lines.join('\n');
}

export function jsUtility(r: Random, name: string): string {
  const lines = [`'use strict';`, `// ${name}: request helpers for the legacy dashboard.`, `const path = require('path');`, ``];
  for (let i = 0, n = r.int(2, 10); i < n; i++) {
    const fn = `${r.pick(VERBS)}${pascal(r.pick(NOUNS))}${i}`;
    lines.push(`function ${fn}(input, options) {`, `  const opts = Object.assign({ retries: ${r.int(1, 5)}, base: path.join(__dirname, 'data') }, options);`, `  if (!input) return null;`, `  return Object.keys(input).filter((k) => k !== 'id').map((k) => ({ key: k, value: input[k], base: opts.base }));`, `}`, ``);
  }
  lines.push(`module.exports = { ${name.replace(/\W/g, '_')}: true };`, ``);
  return lines.join('\n');
}

export function jsonData(r: Random, name: string): string {
  if (name === 'package.json') {
    return JSON.stringify({ name: `@acme/${r.pick(NOUNS)}-${r.int(1, 999)}`, version: `1.${r.int(0, 30)}.${r.int(0, 9)}`, private: true, scripts: { build: 'tsc -b', test: 'vitest run', lint: 'eslint .' }, dependencies: { react: '^18.3.1', zod: '^3.23.8', 'date-fns': '^3.6.0' }, devDependencies: { vitest: '^2.0.5', typescript: '^5.5.4' } }, null, 2) + '\n';
  }
  const messages: Record<string, string> = {};
  for (let i = 0, n = r.int(10, 120); i < n; i++) messages[`${r.pick(NOUNS)}.${r.pick(VERBS)}.${i}`] = `${pascal(r.pick(VERBS))} the ${r.pick(NOUNS)} (${i})`;
  return JSON.stringify(messages, null, 2) + '\n';
}

export function markdown(r: Random, name: string, mentionsAws: boolean): string {
  const lines = [`# ${pascal(name)}`, ``, `This package renders the ${r.pick(NOUNS)} pages of the storefront.`, ``];
  for (let i = 0, n = r.int(2, 8); i < n; i++) {
    lines.push(`## ${pascal(r.pick(VERBS))} ${r.pick(NOUNS)}s`, ``, `Run \`npm run ${r.pick(['build', 'test', 'dev'])}\` first. The ${r.pick(NOUNS)} cache is refreshed every ${r.int(1, 60)} minutes.`, ``, '```ts', `import { ${r.pick(VERBS)}${pascal(r.pick(NOUNS))} } from '@acme/utils';`, '```', ``);
  }
  if (mentionsAws) lines.push(`## Deployment`, ``, `The API is deployed to AWS with SAM; see the service's template.yaml. Production runs in the us-east-1 region.`, ``);
  return lines.join('\n');
}

export function css(r: Random): string {
  const lines: string[] = [];
  for (let i = 0, n = r.int(5, 40); i < n; i++) {
    lines.push(`.${camel(r.pick(NOUNS))}-${i} {`, `  display: ${r.pick(['flex', 'grid', 'block'])};`, `  padding: ${r.int(0, 24)}px ${r.int(0, 24)}px;`, `  color: #${r.int(0, 0xffffff).toString(16).padStart(6, '0')};`, `}`, ``);
  }
  return lines.join('\n');
}

export function pngBytes(r: Random): Buffer {
  const size = r.int(800, 30000);
  const buf = Buffer.alloc(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).copy(buf);
  for (let i = 12; i < size; i++) buf[i] = r.int(0, 255);
  return buf;
}

export function svg(r: Random): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M${r.int(0, 12)} ${r.int(0, 12)}h${r.int(1, 12)}v${r.int(1, 12)}H${r.int(0, 12)}z" fill="currentColor"/></svg>\n`;
}

export function pythonUtility(r: Random, name: string): string {
  const lines = [`"""${pascal(name)}: pure helpers for the reporting jobs."""`, `from __future__ import annotations`, ``, `import dataclasses`, `import datetime as dt`, ``];
  for (let i = 0, n = r.int(2, 10); i < n; i++) {
    const noun = r.pick(NOUNS);
    lines.push(``, `@dataclasses.dataclass`, `class ${pascal(noun)}${i}:`, `    id: str`, `    amount: float = 0.0`, ``, `    def ${r.pick(VERBS)}(self, factor: float = ${r.int(1, 9)}.5) -> float:`, `        if self.amount < 0:`, `            raise ValueError("negative ${noun}")`, `        return round(self.amount * factor, 2)`, ``, ``, `def ${r.pick(VERBS)}_${noun}s_${i}(rows: list[dict]) -> list[${pascal(noun)}${i}]:`, `    out = []`, `    for row in rows:`, `        if row.get("created") and row["created"] > dt.datetime(2020, 1, 1):`, `            out.append(${pascal(noun)}${i}(id=row["id"], amount=float(row.get("amount", 0))))`, `    return out`);
  }
  return lines.join('\n') + '\n';
}

export function yamlOther(r: Random, name: string): string {
  const app = `${r.pick(NOUNS)}-${r.int(1, 99)}`;
  if (r.chance(0.5)) {
    return [`apiVersion: apps/v1`, `kind: Deployment`, `metadata:`, `  name: ${app}`, `  labels:`, `    app: ${app}`, `spec:`, `  replicas: ${r.int(1, 6)}`, `  selector:`, `    matchLabels:`, `      app: ${app}`, `  template:`, `    metadata:`, `      labels:`, `        app: ${app}`, `    spec:`, `      containers:`, `        - name: ${app}`, `          image: ghcr.io/acme/${app}:${r.int(1, 40)}.0.0`, `          ports:`, `            - containerPort: ${r.int(3000, 9000)}`, `          resources:`, `            limits:`, `              memory: ${r.int(128, 1024)}Mi`, ``].join('\n');
  }
  const paths: string[] = [];
  for (let i = 0, n = r.int(2, 12); i < n; i++) {
    const noun = r.pick(NOUNS);
    paths.push(`  /${noun}s/{id}/${i}:`, `    get:`, `      summary: ${pascal(r.pick(VERBS))} a ${noun}`, `      parameters:`, `        - name: id`, `          in: path`, `          required: true`, `          schema:`, `            type: string`, `      responses:`, `        '200':`, `          description: The ${noun}`);
  }
  return [`openapi: 3.0.3`, `info:`, `  title: ${pascal(name)} API`, `  version: 1.${r.int(0, 9)}.0`, `paths:`, ...paths, ``].join('\n');
}

// ── cloud shapes ─────────────────────────────────────────────────────────────────────────────

const V3_CLIENTS: [string, string, string[]][] = [
  ['client-dynamodb', 'DynamoDBClient', ['PutItemCommand', 'GetItemCommand', 'QueryCommand']],
  ['client-s3', 'S3Client', ['PutObjectCommand', 'GetObjectCommand', 'ListObjectsV2Command']],
  ['client-sqs', 'SQSClient', ['SendMessageCommand', 'DeleteMessageCommand']],
  ['client-sns', 'SNSClient', ['PublishCommand']],
  ['client-eventbridge', 'EventBridgeClient', ['PutEventsCommand']],
  ['client-secrets-manager', 'SecretsManagerClient', ['GetSecretValueCommand']],
  ['client-ssm', 'SSMClient', ['GetParameterCommand']],
  ['client-kinesis', 'KinesisClient', ['PutRecordCommand']],
];

/** A TypeScript service module on SDK v3; `targetLines` pads it with realistic business logic (the 2,000-line edit file). */
export function tsSdkV3(r: Random, name: string, targetLines = 0): string {
  const used = [r.pick(V3_CLIENTS), r.pick(V3_CLIENTS), r.pick(V3_CLIENTS)].filter((c, i, all) => all.indexOf(c) === i);
  const lines: string[] = [`/** ${pascal(name)}: the ${r.pick(NOUNS)} service's data access. */`];
  for (const [pkg, client, commands] of used) lines.push(`import { ${client}, ${commands.join(', ')} } from '@aws-sdk/${pkg}';`);
  lines.push(`import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';`, ``);
  lines.push(`const REGION = process.env.AWS_REGION ?? '${r.pick(REGIONS)}';`, ``);
  used.forEach(([, client], i) => {
    const opts = i === 0 ? `{ region: REGION }` : i === 1 ? `{ region: '${r.pick(REGIONS)}', maxAttempts: 3 }` : `{}`;
    lines.push(`const ${camel(client)} = new ${client}(${opts});`);
  });
  lines.push(``);
  let n = 0;
  const addHandler = () => {
    const [, client, commands] = r.pick(used);
    const noun = r.pick(NOUNS);
    const command = r.pick(commands);
    const fn = `${r.pick(VERBS)}${pascal(noun)}${n++}`;
    lines.push(
      `export async function ${fn}(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {`,
      `  const body = JSON.parse(event.body ?? '{}') as { id?: string; amount?: number };`,
      `  if (!body.id) return { statusCode: 400, body: JSON.stringify({ message: 'id is required' }) };`,
      `  const started = Date.now();`,
      `  const result = await ${camel(client)}.send(new ${command}({ ${commandInput(command, noun)} }));`,
      `  console.log(JSON.stringify({ op: '${fn}', id: body.id, ms: Date.now() - started }));`,
      `  const total = (body.amount ?? 0) * ${r.int(1, 9)} + ${r.int(0, 99)};`,
      `  if (total > ${r.int(100, 10000)}) {`,
      `    return { statusCode: 202, body: JSON.stringify({ id: body.id, total, queued: true }) };`,
      `  }`,
      `  return { statusCode: 200, body: JSON.stringify({ id: body.id, total, result: result.$metadata.httpStatusCode }) };`,
      `}`,
      ``,
    );
    if (r.chance(0.15)) lines.push(`const ${camel(noun)}${n}Arn = 'arn:aws:sns:${r.pick(REGIONS)}:123456789012:${noun}-events-${n}';`, ``);
  };
  const handlers = targetLines ? Infinity : r.int(2, 10);
  for (let i = 0; i < handlers && (!targetLines || lines.length < targetLines - 14); i++) addHandler();
  while (targetLines && lines.length < targetLines) lines.push(`// end of ${name}`);
  return lines.join('\n') + '\n';
}

function commandInput(command: string, noun: string): string {
  if (command.includes('Item') || command === 'QueryCommand') return `TableName: process.env.${noun.toUpperCase()}_TABLE, Key: { pk: { S: body.id } }`;
  if (command.includes('Object')) return `Bucket: process.env.${noun.toUpperCase()}_BUCKET, Key: \`${noun}s/\${body.id}.json\``;
  if (command.includes('Message')) return `QueueUrl: process.env.${noun.toUpperCase()}_QUEUE_URL, MessageBody: JSON.stringify(body)`;
  if (command === 'PublishCommand') return `TopicArn: process.env.${noun.toUpperCase()}_TOPIC_ARN, Message: JSON.stringify(body)`;
  if (command === 'PutEventsCommand') return `Entries: [{ Source: '${noun}s', DetailType: '${pascal(noun)}Changed', Detail: JSON.stringify(body) }]`;
  if (command === 'GetSecretValueCommand') return `SecretId: '${noun}-api-key'`;
  if (command === 'GetParameterCommand') return `Name: '/${noun}/config'`;
  return `StreamName: '${noun}-stream', PartitionKey: body.id, Data: Buffer.from(JSON.stringify(body))`;
}

export function jsSdkV2(r: Random, name: string): string {
  const region = r.pick(REGIONS);
  const lines = [`// ${name}: nightly job, still on the AWS SDK for JavaScript v2.`, `const AWS = require('aws-sdk');`, ``, `AWS.config.update({ region: '${region}' });`, ``, `const s3 = new AWS.S3();`, `const dynamo = new AWS.DynamoDB.DocumentClient({ region: process.env.TABLE_REGION || '${r.pick(REGIONS)}' });`, ``];
  for (let i = 0, n = r.int(1, 6); i < n; i++) {
    const noun = r.pick(NOUNS);
    lines.push(`exports.${camel(r.pick(VERBS))}${pascal(noun)}${i} = async (event) => {`, `  const items = await dynamo.query({ TableName: process.env.${noun.toUpperCase()}_TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': event.id } }).promise();`, `  await s3.putObject({ Bucket: process.env.REPORTS_BUCKET, Key: \`${noun}/\${Date.now()}.json\`, Body: JSON.stringify(items.Items) }).promise();`, `  return { count: items.Count };`, `};`, ``);
  }
  if (r.chance(0.3)) lines.push(`// Legacy consumers still download through the global endpoint.`, `exports.latestUrl = () => \`https://s3.amazonaws.com/\${process.env.REPORTS_BUCKET}/latest.json\`;`, ``);
  return lines.join('\n');
}

export function pythonWorker(r: Random, name: string): string {
  const lines = [`"""${pascal(name)}: consumes SQS messages and writes ${r.pick(NOUNS)}s to DynamoDB."""`, `import json`, `import logging`, `import os`, ``, `import boto3`, `from botocore.config import Config`, ``, `logger = logging.getLogger(__name__)`, ``, `REGION = os.environ.get("AWS_REGION", "${r.pick(REGIONS)}")`, `_retry = Config(retries={"max_attempts": 5, "mode": "standard"})`, ``, `dynamodb = boto3.resource("dynamodb", region_name=REGION, config=_retry)`, `table = dynamodb.Table(os.environ["TABLE_NAME"])`, `sqs = boto3.client("sqs")`, `s3 = boto3.client("s3", region_name="${r.pick(REGIONS)}")`, ``];
  for (let i = 0, n = r.int(1, 6); i < n; i++) {
    const noun = r.pick(NOUNS);
    lines.push(``, `def handle_${noun}_${i}(event, context):`, `    for record in event["Records"]:`, `        item = json.loads(record["body"])`, `        table.put_item(Item=item)`, `        s3.put_object(Bucket=os.environ["ARCHIVE_BUCKET"], Key=f"${noun}s/{item['pk']}.json", Body=record["body"])`, `        sqs.delete_message(QueueUrl=os.environ["QUEUE_URL"], ReceiptHandle=record["receiptHandle"])`, `    logger.info("stored %d ${noun}s", len(event["Records"]))`, `    return {"batchItemFailures": []}`);
  }
  return lines.join('\n') + '\n';
}

/** A SAM or plain CloudFormation template in YAML; `targetLines` grows it to the 1,500-line edit file. */
export function cfnYaml(r: Random, name: string, targetLines = 0): string {
  const sam = r.chance(0.6);
  const lines = [`AWSTemplateFormatVersion: '2010-09-09'`];
  if (sam) lines.push(`Transform: AWS::Serverless-2016-10-31`);
  lines.push(`Description: ${name} — ${r.pick(NOUNS)}s and ${r.pick(NOUNS)}s.`, ``, `Parameters:`, `  Stage:`, `    Type: String`, `    Default: prod`, ``, `Resources:`);
  let i = 0;
  const addResource = () => {
    const noun = pascal(r.pick(NOUNS)) + i++;
    switch (r.int(0, sam ? 5 : 4)) {
      case 0:
        lines.push(`  ${noun}Table:`, `    Type: AWS::DynamoDB::Table`, `    Properties:`, `      TableName: !Sub '${noun.toLowerCase()}-\${Stage}'`, `      BillingMode: PAY_PER_REQUEST`, `      AttributeDefinitions:`, `        - AttributeName: pk`, `          AttributeType: S`, `      KeySchema:`, `        - AttributeName: pk`, `          KeyType: HASH`, ``);
        break;
      case 1:
        lines.push(`  ${noun}Bucket:`, `    Type: AWS::S3::Bucket`, `    Properties:`, `      BucketName: !Sub '${noun.toLowerCase()}-\${AWS::AccountId}'`, `      VersioningConfiguration:`, `        Status: Enabled`, ``);
        break;
      case 2:
        lines.push(`  ${noun}Queue:`, `    Type: AWS::SQS::Queue`, `    Properties:`, `      VisibilityTimeout: ${r.int(30, 900)}`, `      RedrivePolicy:`, `        deadLetterTargetArn: !GetAtt ${noun}Dlq.Arn`, `        maxReceiveCount: 5`, `  ${noun}Dlq:`, `    Type: AWS::SQS::Queue`, ``);
        break;
      case 3:
        lines.push(`  ${noun}Topic:`, `    Type: AWS::SNS::Topic`, `    Properties:`, `      TopicName: ${noun.toLowerCase()}-events`, `      Subscription:`, `        - Protocol: sqs`, `          Endpoint: arn:aws:sqs:${r.pick(REGIONS)}:123456789012:${noun.toLowerCase()}-audit`, ``);
        break;
      case 4:
        lines.push(`  ${noun}Certificate:`, `    Type: AWS::CertificateManager::Certificate`, `    Properties:`, `      DomainName: ${noun.toLowerCase()}.example.com`, `      ValidationMethod: DNS`, ``);
        break;
      default:
        lines.push(`  ${noun}Function:`, `    Type: AWS::Serverless::Function`, `    Properties:`, `      CodeUri: src/`, `      Handler: handlers/${noun.toLowerCase()}.handler`, `      Runtime: nodejs20.x`, `      Environment:`, `        Variables:`, `          TABLE_NAME: ${noun}Table`, `      Events:`, `        Api:`, `          Type: HttpApi`, `          Properties:`, `            Path: /${noun.toLowerCase()}`, `            Method: post`, ``);
    }
  };
  const count = targetLines ? Infinity : r.int(2, 12);
  for (let k = 0; k < count && (!targetLines || lines.length < targetLines - 20); k++) addResource();
  lines.push(`Outputs:`, `  StageName:`, `    Value: !Ref Stage`);
  while (targetLines && lines.length < targetLines) lines.push(`# end of ${name}`);
  return lines.join('\n') + '\n';
}

export function cfnJson(r: Random, name: string): string {
  const resources: Record<string, unknown> = {};
  for (let i = 0, n = r.int(2, 8); i < n; i++) {
    const noun = pascal(r.pick(NOUNS)) + i;
    resources[`${noun}Table`] = { Type: 'AWS::DynamoDB::Table', Properties: { TableName: `${noun.toLowerCase()}`, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] } };
  }
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Description: `${name} data stores`, Resources: resources }, null, 2) + '\n';
}

export function terraform(r: Random, kind: 'providers' | 'main' | 'variables'): string {
  if (kind === 'providers') {
    const region = r.pick(REGIONS);
    return [`terraform {`, `  required_providers {`, `    aws = {`, `      source  = "hashicorp/aws"`, `      version = "~> 5.0"`, `    }`, `  }`, `}`, ``, `provider "aws" {`, `  region = var.region`, `}`, ``, `provider "aws" {`, `  alias  = "replica"`, `  region = "${region === 'us-west-2' ? 'us-east-1' : 'us-west-2'}"`, `}`, ``].join('\n');
  }
  if (kind === 'variables') {
    return [`variable "region" {`, `  type    = string`, `  default = "${r.pick(REGIONS)}"`, `}`, ``, `variable "environment" {`, `  type    = string`, `  default = "prod"`, `}`, ``].join('\n');
  }
  const lines: string[] = [`locals {`, `  name_prefix = "${r.pick(NOUNS)}-\${var.environment}"`, `}`, ``];
  for (let i = 0, n = r.int(1, 6); i < n; i++) {
    const noun = r.pick(NOUNS);
    if (r.chance(0.5)) lines.push(`resource "aws_dynamodb_table" "${noun}_${i}" {`, `  name         = "\${local.name_prefix}-${noun}-${i}"`, `  billing_mode = "PAY_PER_REQUEST"`, `  hash_key     = "pk"`, ``, `  attribute {`, `    name = "pk"`, `    type = "S"`, `  }`, ``, ...(r.chance(0.4) ? [`  replica {`, `    region_name = "${r.pick(REGIONS)}"`, `  }`] : []), `}`, ``);
    else lines.push(`resource "aws_s3_bucket" "${noun}_${i}" {`, `  bucket = "acme-${noun}-${i}"`, `}`, ``, `resource "aws_s3_bucket_versioning" "${noun}_${i}" {`, `  bucket = aws_s3_bucket.${noun}_${i}.id`, `  versioning_configuration {`, `    status = "Enabled"`, `  }`, `}`, ``);
  }
  return lines.join('\n');
}

export function cdkStack(r: Random, name: string): string {
  const Stack = pascal(name) + 'Stack';
  return [`import { Stack, StackProps, Duration, RemovalPolicy } from 'aws-cdk-lib';`, `import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';`, `import * as lambda from 'aws-cdk-lib/aws-lambda';`, `import * as sqs from 'aws-cdk-lib/aws-sqs';`, `import { Construct } from 'constructs';`, ``, `export class ${Stack} extends Stack {`, `  constructor(scope: Construct, id: string, props?: StackProps) {`, `    super(scope, id, props);`, ``, `    const table = new dynamodb.Table(this, '${pascal(r.pick(NOUNS))}Table', {`, `      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },`, `      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,`, `      removalPolicy: RemovalPolicy.RETAIN,`, `    });`, ``, `    const queue = new sqs.Queue(this, 'Queue', { visibilityTimeout: Duration.seconds(${r.int(30, 300)}) });`, ``, `    const fn = new lambda.Function(this, 'Handler', {`, `      runtime: lambda.Runtime.NODEJS_20_X,`, `      handler: 'index.handler',`, `      code: lambda.Code.fromAsset('lambda'),`, `      environment: { TABLE_NAME: table.tableName, QUEUE_URL: queue.queueUrl },`, `    });`, `    table.grantReadWriteData(fn);`, `    queue.grantSendMessages(fn);`, `  }`, `}`, ``].join('\n');
}

export function cdkApp(r: Random, name: string): string {
  const Stack = pascal(name) + 'Stack';
  return [`#!/usr/bin/env node`, `import { App } from 'aws-cdk-lib';`, `import { ${Stack} } from '../lib/${name}-stack';`, ``, `const app = new App();`, `new ${Stack}(app, '${Stack}', { env: { account: '123456789012', region: '${r.pick(REGIONS)}' } });`, ``].join('\n');
}

export function serverlessYml(r: Random, name: string): string {
  return [`service: ${name}`, ``, `frameworkVersion: '3'`, ``, `provider:`, `  name: aws`, `  runtime: nodejs20.x`, `  region: ${r.pick(REGIONS)}`, `  stage: \${opt:stage, 'dev'}`, ``, `functions:`, `  notify:`, `    handler: src/handler.notify`, `    events:`, `      - sqs:`, `          arn: arn:aws:sqs:${r.pick(REGIONS)}:123456789012:${name}-queue`, ``, `resources:`, `  Resources:`, `    NotificationsTable:`, `      Type: AWS::DynamoDB::Table`, `      Properties:`, `        BillingMode: PAY_PER_REQUEST`, `        AttributeDefinitions:`, `          - AttributeName: pk`, `            AttributeType: S`, `        KeySchema:`, `          - AttributeName: pk`, `            KeyType: HASH`, ``].join('\n');
}

/** A per-service deploy workflow, as monorepos write them: a paths filter and the service folder as working directory. */
export function workflow(r: Random, name: string, directory: string): string {
  return [`name: deploy-${name}`, ``, `on:`, `  push:`, `    branches: [main]`, `    paths:`, `      - '${directory}/**'`, ``, `defaults:`, `  run:`, `    working-directory: ${directory}`, ``, `permissions:`, `  id-token: write`, `  contents: read`, ``, `jobs:`, `  deploy:`, `    runs-on: ubuntu-latest`, `    steps:`, `      - uses: actions/checkout@v4`, `      - uses: aws-actions/configure-aws-credentials@v4`, `        with:`, `          role-to-assume: arn:aws:iam::123456789012:role/deploy`, `          aws-region: ${r.pick(REGIONS)}`, `      - run: sam deploy --no-confirm-changeset --stack-name ${name}`, ``].join('\n');
}

export function dotenv(r: Random): string {
  return [`# Local settings for the ${r.pick(NOUNS)} service`, `AWS_REGION=${r.pick(REGIONS)}`, `ORDERS_TABLE=orders-dev`, `LOG_LEVEL=debug`, `API_URL=https://api.example.com`, ``].join('\n');
}

export function samconfig(r: Random, name: string): string {
  return [`version = 0.1`, ``, `[default.deploy.parameters]`, `stack_name = "${name}"`, `region = "${r.pick(REGIONS)}"`, `capabilities = "CAPABILITY_IAM"`, `confirm_changeset = false`, ``].join('\n');
}

export function dockerfile(r: Random): string {
  return [`FROM public.ecr.aws/lambda/nodejs:20`, `ENV AWS_REGION=${r.pick(REGIONS)}`, `COPY dist/ \${LAMBDA_TASK_ROOT}/`, `CMD [ "index.handler" ]`, ``].join('\n');
}

export function composeFile(r: Random): string {
  return [`services:`, `  api:`, `    build: .`, `    ports:`, `      - "3000:3000"`, `    environment:`, `      AWS_REGION: ${r.pick(REGIONS)}`, `      DYNAMODB_ENDPOINT: http://dynamodb-local:8000`, `  dynamodb-local:`, `    image: amazon/dynamodb-local:2.5.2`, ``].join('\n');
}
