import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency, FileScanResult } from '../../../src/core/model';
import { ResolutionWorkspace } from '../../../src/core/resolve/types';
import { javascriptScanner } from '../../../src/core/scanners/javascript';
import { importedClientPass } from '../../../src/core/resolve/importedClients';
import { displayed } from '../../support/trace';

const ROOT = join(__dirname, '../../fixtures/javascript/shared-clients');
const FILES = ['libs/ddbClient.js', 'libs/ddbDocClient.js', 'libs/s3Client.cjs', 'actions/put-item.js', 'actions/list-buckets.cjs'];

function scanned(file: string): FileScanResult {
  const out = javascriptScanner.scan(file, readFileSync(join(ROOT, file), 'utf8'), { languages: {} });
  return {
    file, formats: ['javascript'], dependencies: out.dependencies, problems: out.problems, suppressions: [],
    ...(out.formatFacts !== undefined ? { formatFacts: { javascript: out.formatFacts } } : {}),
  };
}

function find(deps: Dependency[], file: string, line: number, column: number): Dependency {
  const d = deps.find((x) => x.file === file && x.line === line && x.column === column);
  assert.ok(d, `no dependency at ${file}:${line}:${column}`);
  return d;
}

describe('JavaScript scanner: clients shared between modules', () => {
  it('lists the clients a module exports and leaves calls through imported clients for the cross-file pass', () => {
    const results = FILES.map(scanned);
    const [ddb, doc, s3, put, list] = results;
    assert.deepEqual(ddb.formatFacts, { javascript: { exports: { ddbClient: find(ddb.dependencies, 'libs/ddbClient.js', 6, 19).id } } });
    assert.deepEqual(doc.formatFacts, { javascript: { exports: { ddbDocClient: find(doc.dependencies, 'libs/ddbDocClient.js', 14, 22).id } } });
    assert.deepEqual(s3.formatFacts, { javascript: { exports: { s3Client: find(s3.dependencies, 'libs/s3Client.cjs', 2, 30).id } } });
    assert.deepEqual(find(doc.dependencies, 'libs/ddbDocClient.js', 14, 22).regionRef, { kind: 'format', format: 'js-import', key: 'libs/ddbClient#ddbClient' });
    assert.deepEqual(find(put.dependencies, 'actions/put-item.js', 12, 24).regionRef, { kind: 'format', format: 'js-import', key: 'libs/ddbDocClient#ddbDocClient' });
    assert.deepEqual(find(list.dependencies, 'actions/list-buckets.cjs', 6, 22).regionRef, { kind: 'format', format: 'js-import', key: 'libs/s3Client#s3Client' });
  });

  it('links each call to the exported client through chains of modules and copies its region', () => {
    const ws = new ResolutionWorkspace(FILES.map(scanned));
    importedClientPass.run(ws);
    const client = find(ws.dependencies, 'libs/ddbClient.js', 6, 19);
    const docClient = find(ws.dependencies, 'libs/ddbDocClient.js', 14, 22);
    const put = find(ws.dependencies, 'actions/put-item.js', 12, 24);
    assert.deepEqual([docClient.region, docClient.regionSource, docClient.links], ['eu-west-2', 'variable', [client.id]]);
    assert.deepEqual([put.region, put.regionSource, put.links, put.regionRef], ['eu-west-2', 'variable', [docClient.id], undefined]);
    assert.deepEqual(displayed(put.regionTrace), [
      { file: 'libs/ddbDocClient.js', line: 14, column: 22, reason: 'client DynamoDBDocumentClient imported from libs/ddbDocClient.js' },
      { file: 'libs/ddbClient.js', line: 6, column: 19, reason: 'client DynamoDBClient imported from libs/ddbClient.js' },
      { file: 'libs/ddbClient.js', line: 4, column: 7, reason: 'region from const REGION' },
      { file: 'libs/ddbClient.js', line: 4, column: 16, reason: 'region "eu-west-2" written here' },
    ]);
    // A client that reads the environment passes its reference on, for the deploy pass.
    const listCall = find(ws.dependencies, 'actions/list-buckets.cjs', 6, 22);
    assert.deepEqual([listCall.region, listCall.regionRef, listCall.links], [null, { kind: 'runtime-env' }, [find(ws.dependencies, 'libs/s3Client.cjs', 2, 30).id]]);
    // An import nothing in the workspace exports stays unknown.
    const missing = find(ws.dependencies, 'actions/list-buckets.cjs', 7, 9);
    assert.deepEqual([missing.region, missing.regionSource, missing.regionRef, missing.links], [null, 'unresolved', undefined, undefined]);
  });
});
