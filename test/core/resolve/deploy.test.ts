import { strict as assert } from 'node:assert';
import { resolveRegions } from '../../../src/core/resolve';
import fc from 'fast-check';
import { codePathMatches, DeployUnitIndex } from '../../../src/core/resolve/deploy';
import { dep, fileResult } from '../../support/deps';

describe('deploy pass: code → function → stack deploy region', () => {
  const samconfig = (region: string, environment = 'default') =>
    dep({ kind: 'region-config', service: '*', file: 'api/samconfig.toml', line: environment === 'default' ? 5 : 9, name: 'region', text: region, region, regionSource: 'deploy-config', origin: 'samconfig', scope: { stackFile: 'api/template.yaml', environment, appliesTo: 'deploy' } });
  const unit = { name: 'OrdersFunction', stackFile: 'api/template.yaml', codePaths: ['api/src/handlers/orders'], line: 12 };

  it('matches code paths with or without an extension, and folders', () => {
    assert.ok(codePathMatches('api/src/handlers/orders', 'api/src/handlers/orders.ts'));
    assert.ok(codePathMatches('api/src', 'api/src/handlers/orders.ts'));
    assert.ok(codePathMatches('api/src/', 'api/src/lib/x.js'));
    assert.ok(!codePathMatches('api/src/handlers/orders', 'api/src/handlers/orders-v2.ts'));
    assert.ok(!codePathMatches('api/src', 'api/srcx/a.ts'));
  });

  it('finds the same deploy units through its path index as codePathMatches does unit by unit', () => {
    const segment = fc.constantFrom('src', 'api', 'handlers', 'orders', 'lib', 'a');
    const codePath = fc.tuple(fc.array(segment, { maxLength: 3 }), fc.constantFrom('', '/', '.ts'), fc.boolean()).map(([parts, end, dot]) => `${dot ? './' : ''}${parts.join('/')}${parts.length ? end : ''}`);
    const file = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('.ts', '.js', '.py', '')).map(([parts, ext]) => `${parts.join('/')}${ext}`);
    fc.assert(
      fc.property(fc.array(fc.array(codePath, { minLength: 1, maxLength: 3 }), { maxLength: 6 }), file, (paths, f) => {
        const units = paths.map((codePaths, i) => ({ name: `F${i}`, stackFile: 'template.yaml', codePaths, line: i + 1 }));
        const expected = units.filter((u) => u.codePaths.some((p) => codePathMatches(p, f))).map((u) => u.name);
        assert.deepEqual(new DeployUnitIndex(units).unitsOf(f).map((u) => u.name), expected);
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('gives a handler client without a region the region of the stack that deploys it, with the trace', () => {
    const client = dep({ kind: 'sdk-client', service: 'dynamodb', file: 'api/src/handlers/orders.ts', line: 7, regionRef: { kind: 'runtime-env' } });
    const table = dep({ kind: 'iac-resource', service: 'dynamodb', file: 'api/template.yaml', line: 30, regionRef: { kind: 'deploy-region', stackFile: 'api/template.yaml' } });
    const ws = resolveRegions([
      fileResult('api/src/handlers/orders.ts', { dependencies: [client] }),
      fileResult('api/template.yaml', { dependencies: [table], deployUnits: [unit] }),
      fileResult('api/samconfig.toml', { dependencies: [samconfig('eu-west-1')] }),
    ]);
    const c = ws.byId.get(client.id)!;
    assert.equal(c.region, 'eu-west-1');
    assert.equal(c.regionSource, 'deploy-config');
    assert.equal(c.regionRef, undefined);
    assert.deepEqual(c.regionTrace?.map((t) => `${t.file}:${t.line}`), ['api/src/handlers/orders.ts:7', 'api/template.yaml:12', 'api/samconfig.toml:5']);
    const t = ws.byId.get(table.id)!;
    assert.equal(t.region, 'eu-west-1');
    assert.equal(t.regionSource, 'deploy-config');
  });

  it('keeps the default environment as the region and lists the others as candidates', () => {
    const table = dep({ kind: 'iac-resource', service: 'dynamodb', file: 'api/template.yaml', line: 30, regionRef: { kind: 'deploy-region', stackFile: 'api/template.yaml' } });
    const ws = resolveRegions([
      fileResult('api/template.yaml', { dependencies: [table] }),
      fileResult('api/samconfig.toml', { dependencies: [samconfig('us-east-1'), samconfig('us-west-2', 'dr')] }),
    ]);
    const t = ws.byId.get(table.id)!;
    assert.equal(t.region, 'us-east-1');
    assert.deepEqual(t.candidateRegions, ['us-east-1', 'us-west-2']);
  });

  it('marks a stack with no deploy config as decided at deploy time', () => {
    const table = dep({ kind: 'iac-resource', service: 'sqs', file: 'template.yaml', line: 4, regionRef: { kind: 'deploy-region', stackFile: 'template.yaml' } });
    const ws = resolveRegions([fileResult('template.yaml', { dependencies: [table] })]);
    assert.equal(ws.byId.get(table.id)!.region, null);
    assert.equal(ws.byId.get(table.id)!.regionSource, 'parameter');
  });

  it('uses a workflow whose job deploys the stack from its folder, with the job\'s region', () => {
    const table = dep({ kind: 'iac-resource', service: 'sqs', file: 'api/template.yaml', line: 4, regionRef: { kind: 'deploy-region', stackFile: 'api/template.yaml' } });
    const workflow = dep({ kind: 'region-config', service: '*', file: '.github/workflows/deploy.yml', line: 20, name: 'aws-region', text: 'us-east-2', region: 'us-east-2', regionSource: 'deploy-config', origin: 'github-actions', scope: { directory: 'api', environment: 'deploy', appliesTo: 'both' } });
    const samDeploy = dep({ kind: 'region-config', service: '*', file: '.github/workflows/deploy.yml', line: 24, name: 'deploy command', text: 'sam deploy', container: 'sam', region: 'us-east-2', regionSource: 'env', origin: 'github-actions', scope: { directory: 'api', environment: 'deploy', appliesTo: 'deploy' } });
    const ws = resolveRegions([fileResult('api/template.yaml', { dependencies: [table] }), fileResult('.github/workflows/deploy.yml', { dependencies: [workflow, samDeploy] })]);
    assert.equal(ws.byId.get(table.id)!.region, 'us-east-2');
    assert.equal(ws.byId.get(table.id)!.regionSource, 'deploy-config');
    // The same job without the deploy step says nothing about the stack.
    const alone = dep({ id: 'alone', kind: 'iac-resource', service: 'sqs', file: 'api/template.yaml', line: 4, regionRef: { kind: 'deploy-region', stackFile: 'api/template.yaml' } });
    const without = resolveRegions([fileResult('api/template.yaml', { dependencies: [alone] }), fileResult('.github/workflows/deploy.yml', { dependencies: [{ ...workflow, id: 'w2' }] })]);
    assert.equal(without.byId.get('alone')!.regionSource, 'parameter');
  });

  it('lets an explicit --region in a CI deploy command override a framework default', () => {
    const fn = dep({ kind: 'iac-resource', service: 'lambda', file: 'svc/serverless.yml', line: 9, regionRef: { kind: 'deploy-region', stackFile: 'svc/serverless.yml' } });
    const fallback = dep({ kind: 'region-config', service: '*', file: 'svc/serverless.yml', line: 3, name: 'provider.region', region: 'us-east-1', regionSource: 'default', origin: 'serverless', scope: { stackFile: 'svc/serverless.yml', appliesTo: 'both' } });
    const command = dep({ kind: 'region-config', service: '*', file: '.github/workflows/deploy.yml', line: 30, name: 'deploy command', text: 'npx sls deploy --region eu-west-1', region: 'eu-west-1', regionSource: 'deploy-config', origin: 'github-actions', container: 'serverless', scope: { directory: 'svc', environment: 'deploy', appliesTo: 'deploy' } });
    const ws = resolveRegions([fileResult('svc/serverless.yml', { dependencies: [fn, fallback] }), fileResult('.github/workflows/deploy.yml', { dependencies: [command] })]);
    const f = ws.byId.get(fn.id)!;
    assert.equal(f.region, 'eu-west-1');
    assert.equal(f.regionSource, 'deploy-config');
    assert.deepEqual(f.regionTrace?.map((t) => `${t.file}:${t.line}`), ['.github/workflows/deploy.yml:30']);
  });

  it('takes the nearest runtime env file for code outside any function, else the literal fallback', () => {
    const worker = dep({ kind: 'sdk-client', service: 'sqs', file: 'workers/a/worker.py', line: 3, regionRef: { kind: 'runtime-env', variable: 'AWS_REGION', fallback: 'us-east-1' } });
    const script = dep({ kind: 'sdk-client', service: 'sqs', file: 'scripts/seed.ts', line: 3, regionRef: { kind: 'runtime-env', variable: 'AWS_REGION', fallback: 'us-east-1' } });
    const rootEnv = dep({ kind: 'region-config', service: '*', file: 'workers/.env', line: 1, name: 'AWS_REGION', text: 'eu-central-1', region: 'eu-central-1', regionSource: 'env', origin: 'dotenv', setsEnv: 'AWS_REGION', scope: { directory: 'workers', appliesTo: 'runtime' } });
    const nearEnv = dep({ kind: 'region-config', service: '*', file: 'workers/a/.env', line: 1, name: 'AWS_REGION', text: 'eu-west-1', region: 'eu-west-1', regionSource: 'env', origin: 'dotenv', setsEnv: 'AWS_REGION', scope: { directory: 'workers/a', appliesTo: 'runtime' } });
    const ws = resolveRegions([
      fileResult('workers/a/worker.py', { dependencies: [worker] }),
      fileResult('scripts/seed.ts', { dependencies: [script] }),
      fileResult('workers/.env', { dependencies: [rootEnv] }),
      fileResult('workers/a/.env', { dependencies: [nearEnv] }),
    ]);
    assert.equal(ws.byId.get(worker.id)!.region, 'eu-west-1');
    assert.equal(ws.byId.get(worker.id)!.regionSource, 'env');
    const s = ws.byId.get(script.id)!;
    assert.equal(s.region, 'us-east-1');
    assert.equal(s.regionSource, 'literal');
    assert.match(s.regionTrace?.at(-1)?.reason ?? '', /falls back to "us-east-1"/);
  });

  it('leaves code with nothing to go on unresolved, without its internal reference', () => {
    const client = dep({ kind: 'sdk-client', service: 'sqs', file: 'src/a.ts', line: 3, regionRef: { kind: 'runtime-env' } });
    const ws = resolveRegions([fileResult('src/a.ts', { dependencies: [client] })]);
    const c = ws.byId.get(client.id)!;
    assert.equal(c.region, null);
    assert.equal(c.regionSource, 'unresolved');
    assert.equal('regionRef' in c, false);
  });

  it('pins global services to their control-plane region whatever the client says', () => {
    const iam = dep({ kind: 'sdk-client', service: 'iam', file: 'src/admin.ts', line: 2, region: 'eu-west-1', regionSource: 'literal' });
    const ga = dep({ kind: 'iac-resource', service: 'globalaccelerator', file: 't.yaml', line: 2, regionRef: { kind: 'deploy-region', stackFile: 't.yaml' } });
    const ws = resolveRegions([fileResult('src/admin.ts', { dependencies: [iam] }), fileResult('t.yaml', { dependencies: [ga] })]);
    assert.equal(ws.byId.get(iam.id)!.region, 'us-east-1');
    assert.equal(ws.byId.get(iam.id)!.regionSource, 'global-service');
    assert.equal(ws.byId.get(iam.id)!.global, true);
    assert.match(ws.byId.get(iam.id)!.regionTrace?.at(-1)?.reason ?? '', /configured for eu-west-1/);
    assert.equal(ws.byId.get(ga.id)!.region, 'us-west-2');
  });

  it('links an SDK call to the table its function receives by environment variable', () => {
    const call = dep({ kind: 'sdk-call', service: 'dynamodb', file: 'api/src/handlers/orders.ts', line: 12, text: 'env:ORDERS_TABLE', regionRef: { kind: 'runtime-env' } });
    const table = dep({ kind: 'iac-resource', service: 'dynamodb', file: 'api/template.yaml', line: 30, resource: { type: 'AWS::DynamoDB::Table', name: 'OrdersTable' }, regionRef: { kind: 'deploy-region', stackFile: 'api/template.yaml' } });
    const ws = resolveRegions([
      fileResult('api/src/handlers/orders.ts', { dependencies: [call] }),
      fileResult('api/template.yaml', { dependencies: [table], deployUnits: [{ ...unit, environment: { ORDERS_TABLE: '${OrdersTable}' } }] }),
    ]);
    assert.deepEqual(ws.byId.get(call.id)!.links, [table.id]);
  });
});
