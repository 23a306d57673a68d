import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency, FileScanResult } from '../../../src/core/model';
import { pulumiPass } from '../../../src/core/resolve/pulumi';
import { ResolutionWorkspace } from '../../../src/core/resolve/types';
import { javascriptScanner } from '../../../src/core/scanners/javascript';
import { regionOf } from '../../support/deps';
import { displayed } from '../../support/trace';

const SHOP = join(__dirname, '../../fixtures/pulumi/shop');

function scanned(file: string, text: string): FileScanResult {
  const out = javascriptScanner.scan(file, text, { languages: {} });
  return {
    file,
    formats: ['javascript'],
    dependencies: out.dependencies,
    problems: out.problems,
    suppressions: out.suppressions ?? [],
    ...(out.deployUnits ? { deployUnits: out.deployUnits } : {}),
  };
}

function program(): FileScanResult[] {
  return ['index.ts', 'app/index.ts'].map((rel) => scanned(`shop/${rel}`, readFileSync(join(SHOP, rel), 'utf8')));
}

/** `aws:region` of a Pulumi stack file, as the Pulumi settings scanner emits it. */
function stackRegion(file: string, stack: string, region: string): FileScanResult {
  const dep: Dependency = {
    id: `region-config:${file}`, provider: 'aws', service: '*', kind: 'region-config', file, line: 2, column: 3, endLine: 2, endColumn: 25,
    region, regionSource: 'config-file', name: 'aws:region', text: region, origin: 'pulumi-yaml', scope: { directory: 'shop', environment: stack, appliesTo: 'deploy' },
  };
  return { file, formats: ['pulumi-yaml'], dependencies: [dep], problems: [], suppressions: [] };
}

function resolve(results: FileScanResult[]): ResolutionWorkspace {
  const ws = new ResolutionWorkspace(results);
  pulumiPass.run(ws);
  return ws;
}

function find(ws: ResolutionWorkspace, file: string, line: number): Dependency {
  const d = ws.dependencies.find((x) => x.file === file && x.line === line && x.kind !== 'arn');
  assert.ok(d, `no dependency at ${file}:${line}`);
  return d;
}

describe('Pulumi pass', () => {
  it('gives default-provider resources the region of the one stack config', () => {
    const ws = resolve([...program(), stackRegion('shop/Pulumi.dev.yaml', 'dev', 'eu-west-1')]);
    const table = find(ws, 'shop/index.ts', 11);
    assert.deepEqual(regionOf(table), { region: 'eu-west-1', regionSource: 'config-file' });
    assert.deepEqual(displayed(table.regionTrace), [{ file: 'shop/Pulumi.dev.yaml', line: 2, column: 3, reason: 'aws:region = eu-west-1 (stack dev)' }]);
    // A resource on an explicit provider keeps the provider's region.
    assert.deepEqual(regionOf(find(ws, 'shop/index.ts', 22)), { region: 'us-west-2', regionSource: 'provider' });
  });

  it('lists the regions of several stacks as candidates, and their function code follows', () => {
    const ws = resolve([...program(), stackRegion('shop/Pulumi.dev.yaml', 'dev', 'eu-west-1'), stackRegion('shop/Pulumi.prod.yaml', 'prod', 'us-east-1')]);
    assert.deepEqual(regionOf(find(ws, 'shop/index.ts', 34)), { region: null, regionSource: 'config-file', candidateRegions: ['eu-west-1', 'us-east-1'] });
    const call = find(ws, 'shop/app/index.ts', 6);
    assert.deepEqual(regionOf(call), { region: null, regionSource: 'config-file', candidateRegions: ['eu-west-1', 'us-east-1'] });
    assert.deepEqual(displayed(call.regionTrace?.slice(1, 2))?.[0], { file: 'shop/index.ts', line: 34, reason: 'deployed as api, whose AWS_REGION is its own region' });
  });

  it('leaves the region to deploy time when no stack config sets aws:region, and ignores stack files of other projects', () => {
    const other = stackRegion('billing/Pulumi.prod.yaml', 'prod', 'eu-central-1');
    (other.dependencies[0].scope as { directory: string }).directory = 'billing';
    const ws = resolve([...program(), other]);
    const table = find(ws, 'shop/index.ts', 11);
    assert.deepEqual(regionOf(table), { region: null, regionSource: 'parameter' });
    assert.deepEqual(displayed(table.regionTrace), [{ file: 'shop/index.ts', line: 1, reason: 'no Pulumi stack config sets aws:region: chosen at deploy time (pulumi config or AWS_REGION)' }]);
  });
});
