/**
 * Regions the evidence supports, on a monorepo laid out like real ones: a weekly-stats workflow
 * whose job sets eu-west-1 and only invokes a Lambda and pushes an image, next to a deploy
 * workflow whose jobs `sam deploy` services/orders and services/billing in us-west-2, a DR
 * workflow that deploys billing to eu-central-1, an integration-test stack under tests/, a
 * script no one deploys, and clients built from a region their caller passes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Dependency, DependencyMap } from '../../../src/core/model';
import { componentOf } from '../../../src/core/simulate';
import { analyseFiles } from '../../support/ruleTester';

const ROOT = path.join(__dirname, '../../fixtures/region-evidence/monorepo');

function filesUnder(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, filesUnder(p, base));
    else out[path.relative(base, p).split(path.sep).join('/')] = readFileSync(p, 'utf8');
  }
  return out;
}

function find(map: DependencyMap, file: string, predicate: (d: Dependency) => boolean): Dependency {
  const found = map.dependencies.filter((d) => d.file === file && predicate(d));
  assert.equal(found.length, 1, `one dependency in ${file}: ${found.map((d) => d.name).join(', ')}`);
  return found[0];
}

const region = (d: Dependency) => ({ region: d.region, regionSource: d.regionSource, candidateRegions: d.candidateRegions });
const kinds = (d: Dependency) => (d.regionTrace ?? []).map((s) => `${s.file}:${s.line} ${s.kind}`);

describe('region evidence in a monorepo', () => {
  let map: DependencyMap;
  before(async () => {
    map = await analyseFiles(filesUnder(ROOT));
  });

  it('gives a stack the region of the CI job that deploys it, and its function code the same (9, 12)', () => {
    const table = find(map, 'services/orders/template.yaml', (d) => d.name === 'OrdersTable');
    assert.deepEqual(region(table), { region: 'us-west-2', regionSource: 'deploy-config', candidateRegions: undefined });
    assert.deepEqual(kinds(table), ['.github/workflows/deploy.yml:22 ci-deploy', '.github/workflows/deploy.yml:20 ci-env']);
    assert.equal(table.regionTrace?.[0].reason, 'deployed by `sam deploy --no-confirm-changeset --no-fail-on-empty-changeset --stack-name orders --capabilities CAPABILITY_IAM` in job orders in us-west-2');
    const client = find(map, 'services/orders/src/app.ts', (d) => d.kind === 'sdk-client');
    assert.deepEqual(region(client), { region: 'us-west-2', regionSource: 'deploy-config', candidateRegions: undefined });
    assert.deepEqual(kinds(client).slice(0, 3), ['services/orders/src/app.ts:3 runtime-env', 'services/orders/template.yaml:17 deployed-function', '.github/workflows/deploy.yml:22 ci-deploy']);
  });

  it('never gives a job\'s region to code or stacks the job does not deploy (9)', () => {
    // weekly-stats sets eu-west-1 and only invokes a Lambda: not the region of the repository's clients.
    const script = find(map, 'scripts/export.ts', (d) => d.kind === 'sdk-client');
    assert.deepEqual(region(script), { region: null, regionSource: 'unresolved', candidateRegions: undefined });
    const reports = find(map, 'services/reports/template.yaml', (d) => d.name === 'ReportsBucket');
    assert.deepEqual(region(reports), { region: null, regionSource: 'parameter', candidateRegions: undefined });
    for (const d of map.dependencies) {
      if (d.file.startsWith('.github/')) continue;
      if (d.file === 'scripts/weekly_stats.py') continue;
      assert.ok(!(d.regionTrace ?? []).some((s) => s.file === '.github/workflows/weekly-stats.yml'), `${d.file}:${d.line} takes weekly-stats' region`);
    }
  });

  it('gives a program a job runs the job\'s region, and only that program (9)', () => {
    const stats = find(map, 'scripts/weekly_stats.py', (d) => d.kind === 'sdk-client');
    assert.deepEqual(region(stats), { region: 'eu-west-1', regionSource: 'env', candidateRegions: undefined });
    assert.deepEqual(kinds(stats), ['scripts/weekly_stats.py:4 runtime-env', '.github/workflows/weekly-stats.yml:24 ci-run', '.github/workflows/weekly-stats.yml:18 ci-env']);
    assert.equal(stats.regionTrace?.[1].reason, 'run by `python scripts/weekly_stats.py --weeks 1` in job stats with AWS_REGION eu-west-1');
  });

  it('leaves a stack two workflows deploy to different regions undecided, with both in the trace (10)', () => {
    const queue = find(map, 'services/billing/template.yaml', (d) => d.name === 'InvoicesQueue');
    assert.deepEqual(region(queue), { region: null, regionSource: 'deploy-config', candidateRegions: ['eu-central-1', 'us-west-2'] });
    const deploys = (queue.regionTrace ?? []).filter((s) => s.kind === 'ci-deploy');
    assert.deepEqual(deploys.map((s) => `${s.file}:${s.line} ${s.kind === 'ci-deploy' ? s.region : ''}`), ['.github/workflows/deploy-billing-dr.yml:16 eu-central-1', '.github/workflows/deploy.yml:34 us-west-2']);
  });

  it('keeps a caller-supplied region unresolved with the parameter named, and follows a call site when there is one (11)', () => {
    const passedIn = find(map, 'libs/clients.ts', (d) => d.kind === 'sdk-client');
    assert.deepEqual(region(passedIn), { region: null, regionSource: 'unresolved', candidateRegions: undefined });
    const step = passedIn.regionTrace?.[0];
    assert.equal(step?.kind, 'caller-parameter');
    assert.deepEqual(step?.kind === 'caller-parameter' ? [step.parameter, step.function] : [], ['deployRegion', 'bucketClient']);
    assert.ok(!(passedIn.regionTrace ?? []).some((s) => s.kind === 'runtime-env'), 'not "reads AWS_REGION at run time"');
    const called = find(map, 'libs/regional.ts', (d) => d.kind === 'sdk-client');
    assert.deepEqual(region(called), { region: 'us-east-2', regionSource: 'variable', candidateRegions: undefined });
    // An exported factory whose caller is in another module takes the region that caller passes.
    const archive = find(map, 'libs/archive.ts', (d) => d.kind === 'sdk-client');
    assert.deepEqual(region(archive), { region: 'ap-northeast-1', regionSource: 'variable', candidateRegions: undefined });
    assert.deepEqual(kinds(archive), ['libs/archive.ts:3 caller-parameter', 'scripts/archive.ts:7 call-argument', 'scripts/archive.ts:4 value', 'scripts/archive.ts:4 literal']);
  });

  it('pins a boto3 IAM client to the global control plane like a JavaScript one (12)', () => {
    const iam = find(map, 'services/orders/src/iam_audit.py', (d) => d.kind === 'sdk-client');
    assert.deepEqual({ ...region(iam), global: iam.global }, { region: 'us-east-1', regionSource: 'global-service', candidateRegions: undefined, global: true });
    const pin = iam.regionTrace?.at(-1);
    assert.deepEqual(pin?.kind === 'global-control-plane' ? [pin.service, pin.configuredRegion] : [], ['iam', 'eu-west-1']);
  });

  it('takes nothing from test code: a test stack and its samconfig deploy nothing (5)', () => {
    // services/orders/tests/integration/template.yaml declares scripts/ as a function with a samconfig in ap-south-1.
    const script = find(map, 'scripts/export.ts', (d) => d.kind === 'sdk-client');
    assert.ok(!(script.regionTrace ?? []).some((s) => s.file.includes('/tests/')), 'a test stack is not a deploy site');
    assert.notEqual(script.region, 'ap-south-1');
    // Nor is it the component an outage simulation names for the script.
    assert.equal(componentOf(script, map.deployUnits ?? []), 'scripts/export.ts');
    assert.equal(componentOf(find(map, 'services/orders/src/app.ts', (d) => d.kind === 'sdk-client'), map.deployUnits ?? []), 'OrdersFunction (services/orders/template.yaml)');
  });
});
