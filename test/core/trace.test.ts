import assert from 'node:assert/strict';
import { decidedBy, decidingStep, regionsOfStep, traceStep } from '../../src/core/trace';
import { dep } from '../support/deps';

describe('trace steps', () => {
  it('keeps the kind and fields beside the rendered sentence', () => {
    const step = traceStep({ file: 'src/a.ts', line: 3, column: 40 }, { kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION' });
    assert.deepEqual(step, { file: 'src/a.ts', line: 3, column: 40, kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION', reason: 'fallback "us-east-1" when AWS_REGION is unset' });
    assert.deepEqual(regionsOfStep(step), ['us-east-1']);
    const pinned = traceStep({ file: 'src/a.ts', line: 4 }, { kind: 'global-control-plane', service: 'iam', region: 'us-east-1', note: 'IAM is managed in us-east-1', configuredRegion: 'eu-west-1' });
    assert.equal(pinned.reason, 'configured for eu-west-1, but IAM is managed in us-east-1');
    // The region a global service was configured for, not the one AWS pins it to.
    assert.deepEqual(regionsOfStep(pinned), ['eu-west-1']);
  });

  it('says which dependencies a region setting decided, checking the column when the step has one', () => {
    // Two settings on one line of a CI file: `aws-region: eu-west-1` and a deploy command after `&&`.
    const awsRegion = dep({ kind: 'region-config', service: '*', file: '.github/workflows/deploy.yml', line: 12, column: 9, region: 'eu-west-1', regionSource: 'deploy-config' });
    const other = dep({ kind: 'region-config', service: '*', file: '.github/workflows/deploy.yml', line: 12, column: 30, region: 'us-west-2', regionSource: 'deploy-config' });
    const table = dep({ kind: 'iac-resource', service: 'dynamodb', file: 'template.yaml', line: 5, region: 'us-west-2', regionSource: 'deploy-config',
      regionTrace: [traceStep({ file: '.github/workflows/deploy.yml', line: 12, column: 30 }, { kind: 'ci-deploy', tool: 'sam', command: 'sam deploy', region: 'us-west-2' })] });
    const all = [awsRegion, other, table];
    assert.deepEqual(decidedBy(awsRegion, all), []);
    assert.deepEqual(decidedBy(other, all), [table]);
    assert.equal(decidingStep(table, other)?.kind, 'ci-deploy');
  });
});
