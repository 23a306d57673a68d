import { strict as assert } from 'node:assert';
import { applyBaseline, createBaseline, parseBaseline } from '../../src/core/baseline';
import type { DependencyMap } from '../../src/core/model';
import { analyseFiles, locations } from '../support/ruleTester';

const handler = (linesAbove: string) => `import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
${linesAbove}
const ddb = new DynamoDBClient({ region: "us-east-1" });

export async function handler(event: { id: string }) {
  await ddb.send(new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { id: { S: event.id } } }));
}
`;

const ruleLocations = (map: DependencyMap, ruleId: string) => locations(map.findings.filter((f) => f.ruleId === ruleId));

describe('baseline', () => {
  it('records rule, file and fingerprint of each finding, sorted, once per fingerprint', async () => {
    const map = await analyseFiles({ 'src/orders.ts': handler(''), '.env': 'AWS_REGION=eu-west-1\n' });
    const baseline = createBaseline(map);
    assert.equal(baseline.version, 1);
    assert.deepEqual(baseline.findings.map((f) => `${f.file} ${f.ruleId}`), ['.env env-region-pin', 'src/orders.ts sdk-literal-region', 'src/orders.ts single-region-workspace']);
    assert.ok(baseline.findings.every((f) => /^[0-9a-f]{16}$/.test(f.fingerprint)));
    const doubled = { ...map, findings: [...map.findings, ...map.findings] };
    assert.equal(createBaseline(doubled).findings.length, 3);
  });

  it('keeps matching a finding when lines are inserted above it', async () => {
    const before = await analyseFiles({ 'src/orders.ts': handler('') });
    const after = await analyseFiles({ 'src/orders.ts': handler('\n// Orders are written once per request.\nconst RETRIES = 3;\nexport { RETRIES };\n') });
    assert.deepEqual(ruleLocations(before, 'sdk-literal-region'), ['src/orders.ts:3:13']);
    assert.deepEqual(ruleLocations(after, 'sdk-literal-region'), ['src/orders.ts:7:13']);
    assert.deepEqual(applyBaseline(after.findings, createBaseline(before)), []);
  });

  it('reports only the findings that are new since the baseline', async () => {
    const before = await analyseFiles({ 'src/orders.ts': handler('') });
    const after = await analyseFiles({
      'src/orders.ts': handler(''),
      'src/queue.ts': 'import { SQSClient } from "@aws-sdk/client-sqs";\n\nexport const sqs = new SQSClient({ region: "eu-west-1" });\n',
    });
    assert.deepEqual(locations(applyBaseline(after.findings, createBaseline(before))), ['src/queue.ts:3:20']);
  });

  it('treats a changed construct as new: the fingerprint is the construct, not the line', async () => {
    const before = await analyseFiles({ 'src/orders.ts': handler('') });
    const after = await analyseFiles({ 'src/orders.ts': handler('').replace('"us-east-1"', '"us-east-2"') });
    assert.deepEqual(locations(applyBaseline(after.findings.filter((f) => f.ruleId === 'sdk-literal-region'), createBaseline(before))), ['src/orders.ts:3:13']);
  });

  it('never hides findings when the baseline is damaged', async () => {
    const map = await analyseFiles({ 'src/orders.ts': handler('') });
    for (const damaged of [null, {}, { version: 1 }, { version: 1, findings: 'x' }, { version: 1, findings: [null, { fingerprint: 7 }] }]) {
      assert.equal(applyBaseline(map.findings, damaged).length, map.findings.length);
    }
  });

  it('parses a baseline file, with a reason when it is not one', () => {
    const text = JSON.stringify({ version: 1, findings: [{ ruleId: 'sdk-literal-region', file: 'src/a.ts', fingerprint: '0123456789abcdef' }] });
    assert.deepEqual(parseBaseline(`\uFEFF${text}`), { baseline: { version: 1, findings: [{ ruleId: 'sdk-literal-region', file: 'src/a.ts', fingerprint: '0123456789abcdef' }] } });
    assert.deepEqual(parseBaseline('{"version": 2, "findings": []}'), { error: 'unsupported baseline version 2 (expected 1)' });
    assert.deepEqual(parseBaseline('[]'), { error: 'expected an object { "version": 1, "findings": [...] }' });
    assert.deepEqual(parseBaseline('{"version": 1, "findings": [{"ruleId": "x"}]}'), { error: 'findings[0] must have "ruleId", "file" and "fingerprint" strings' });
    assert.match((parseBaseline('{') as { error: string }).error, /^not JSON \(/);
  });
});
