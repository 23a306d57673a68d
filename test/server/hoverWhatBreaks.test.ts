/**
 * The hover's "what breaks" (issue 13 item 18) on the example workspace: it leads with what the code
 * uses — the resources its calls link to, and whether they are replicated — then what shares its
 * deploy unit, by readable name; never the unrelated stacks of the workspace or file paths.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { DependencyMap } from '../../src/core/model';
import { whatBreaks } from '../../src/server/hover';
import { MapView } from '../../src/server/mapView';
import { buildOnce } from '../support/build';
import { REPO, runCli } from '../support/cli';

describe('hover: what breaks with a dependency', function () {
  this.timeout(120_000);
  let view: MapView;
  const at = (file: string, name: string) => {
    const d = view.map.dependencies.find((x) => x.file === file && x.name === name);
    assert.ok(d, `${file} ${name}`);
    return d;
  };

  before(() => {
    buildOnce();
    const scan = runCli(['scan', path.join(REPO, 'examples'), '--format', 'json', '--no-cache']);
    view = new MapView(JSON.parse(scan.stdout) as DependencyMap);
  });

  it('a client: the table its calls write to and that it is not replicated, then its own function; nothing else', () => {
    const text = whatBreaks(at('shop-api/src/handlers/orders.ts', 'DynamoDBClient'), view);
    assert.match(text, /It uses OrdersTable \(Amazon DynamoDB, not replicated: it fails too\)\./);
    assert.match(text, /of its deploy unit OrdersFunction fail with it: /);
    assert.ok(text.indexOf('It uses') < text.indexOf('deploy unit'), 'what the code uses comes first');
    for (const unrelated of ['ReportsFunction', 'PaymentsFunction', 'sendConfirmation', 'SessionsTable', 'template.yaml', '/']) assert.ok(!text.includes(unrelated), `${unrelated} in: ${text}`);
  });

  it('a call: the resource it links to, and where that resource is when it does not go down with it', () => {
    const put = whatBreaks(at('shop-api/src/handlers/legacy-reports.js', 'putObject'), view);
    assert.match(put, /It uses ReportsBucket \(Amazon Simple Storage Service, not replicated: it fails too\)/);
    const python = whatBreaks(at('workers/fulfilment/worker.py', 'inventory.update_item'), view);
    // The worker runs in eu-west-1; its table is in us-east-1 (and replicated): it does not fail with an eu-west-1 outage.
    assert.match(python, /^\*\*If `eu-west-1` goes down:\*\*.* It uses inventory \(Amazon DynamoDB, in us-east-1\)\.$/);
  });
});
