import assert from 'node:assert/strict';
import { parseConfigFile } from '../../../src/core/configFile';
import { isTestCode } from '../../../src/core/testCode';
import { analyseFiles, findingsOf, locations } from '../../support/ruleTester';

// The shape of aws-samples/serverless-test-samples: a handler and its unit test, which talks to
// DynamoDB Local with a literal region.
const HANDLER = `import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";

const client = new DynamoDBClient({ region: "us-east-1" });

export const handler = async (event: { id: string }) => {
  await client.send(new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { id: { S: event.id } } }));
};
`;

const UNIT_TEST = `import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { handler } from "../src/app";

const ddb = new DynamoDBClient({ region: "us-east-1" });

describe("handler", () => {
  it("writes the item", async () => {
    await handler({ id: "1" });
    await ddb.send(new PutItemCommand({ TableName: "orders", Item: { id: { S: "1" } } }));
  });
});
`;

const LOCAL_CLIENT = `import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";

const local = new DynamoDBClient({ region: "us-east-1", endpoint: "http://localhost:8000" });
const remote = new DynamoDBClient({ region: "us-east-1" });

export async function read(id: string) {
  await local.send(new GetItemCommand({ TableName: "orders", Key: { id: { S: id } } }));
  return remote.send(new GetItemCommand({ TableName: "orders", Key: { id: { S: id } } }));
}
`;

const PY_LOCAL = `import boto3

local = boto3.resource("dynamodb", region_name="us-east-1", endpoint_url="http://host.docker.internal:8000")
remote = boto3.client("sqs", region_name="us-east-1")
`;

describe('test code gets no findings by default (issue 13 item 5)', () => {
  it('classifies test folders, test file names and sample events, not ordinary sources', () => {
    for (const f of ['tests/unit/test_handler.py', 'src/__tests__/app.ts', 'src/app.test.ts', 'lib/app.spec.js', 'conftest.py', 'app/test_app.py', 'integration-test/stack.yaml', 'events/event.json', 'src/events/event-data.ts']) {
      assert.equal(isTestCode(f), true, f);
    }
    for (const f of ['src/app.ts', 'src/testing.ts', 'contest.py', 'src/events/handler.ts', 'template.yaml', 'latest/app.py', 'attestation/app.ts']) {
      assert.equal(isTestCode(f), false, f);
    }
  });

  it('reports the handler but not its unit test', async () => {
    const map = await analyseFiles({ 'src/app.ts': HANDLER, 'test/app.test.ts': UNIT_TEST });
    assert.deepEqual(locations(findingsOf(map, 'sdk-literal-region')), ['src/app.ts:3:16']);
    assert.equal(map.findings.filter((f) => f.file.startsWith('test/')).length, 0);
  });

  it('reports test code when includeTests is on', async () => {
    const map = await analyseFiles({ 'src/app.ts': HANDLER, 'test/app.test.ts': UNIT_TEST }, { config: { includeTests: true } });
    assert.deepEqual(locations(findingsOf(map, 'sdk-literal-region')), ['src/app.ts:3:16', 'test/app.test.ts:4:13']);
  });

  it('reads includeTests from .outage-radar.yaml', () => {
    assert.equal(parseConfigFile('includeTests: true\n', '.outage-radar.yaml').config.includeTests, true);
    const bad = parseConfigFile('includeTests: sometimes\n', '.outage-radar.yaml');
    assert.equal(bad.config.includeTests, undefined);
    assert.match(bad.problems[0].reason, /includeTests/);
  });
});

describe('a client of a local emulator is not an AWS dependency (issue 13 item 5)', () => {
  it('JavaScript: the DynamoDB Local client is neither a dependency nor a finding; its AWS neighbour is', async () => {
    const map = await analyseFiles({ 'src/store.ts': LOCAL_CLIENT });
    const clients = map.dependencies.filter((d) => d.kind === 'sdk-client');
    assert.deepEqual(clients.map((d) => `${d.line}:${d.region}`), ['4:us-east-1']);
    assert.deepEqual(locations(findingsOf(map, 'sdk-literal-region')), ['src/store.ts:4:16']);
  });

  it('Python: endpoint_url on host.docker.internal is not a client; the SQS client is', async () => {
    const map = await analyseFiles({ 'app/store.py': PY_LOCAL });
    const clients = map.dependencies.filter((d) => d.kind === 'sdk-client');
    assert.deepEqual(clients.map((d) => `${d.service}:${d.line}`), ['sqs:4']);
    assert.deepEqual(locations(findingsOf(map, 'sdk-literal-region')), ['app/store.py:4:10']);
  });
});
