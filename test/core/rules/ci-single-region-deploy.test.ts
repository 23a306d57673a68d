import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/ci-single-region-deploy';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

const deployWorkflow = (region: string) => `name: deploy
on:
  push:
    branches: [main]
permissions:
  id-token: write
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/setup-sam@v2
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::111122223333:role/github-deploy
          aws-region: ${region}
      - run: sam build
      - run: sam deploy --no-confirm-changeset --no-fail-on-empty-changeset
`;

describe('ci-single-region-deploy', () => {
  describe('over hand-built dependencies', () => {
    const ci = (file: string, line: number, name: string, region: string | null, candidateRegions?: string[], origin = 'github-actions') =>
      dep({ kind: 'region-config', service: '*', name, origin, file, line, column: 11, region, regionSource: 'deploy-config', candidateRegions, container: name === 'deploy command' ? 'sam' : undefined });

    it('reports each pipeline when all of them name the same single region, at its aws-region', () => {
      const findings = runRulesOn(rule, [
        ci('.github/workflows/deploy.yml', 30, 'deploy command', 'us-east-1'),
        ci('.github/workflows/deploy.yml', 17, 'aws-region', 'us-east-1'),
        ci('.gitlab-ci.yml', 12, 'deploy command', 'us-east-1', undefined, 'gitlab-ci'),
      ]);
      assert.deepEqual(located(findings), ['.github/workflows/deploy.yml:17:11 low', '.gitlab-ci.yml:12:11 low']);
      assert.match(findings[0].message, /^This pipeline deploys to us-east-1 only \(aws-region is us-east-1\)/);
      assert.match(findings[1].message, /\(sam deploy command targets us-east-1\)/);
    });

    it('is silent once any pipeline names a second region: a matrix, or a second workflow', () => {
      assert.deepEqual(runRulesOn(rule, [ci('.github/workflows/deploy.yml', 17, 'aws-region', null, ['us-east-1', 'us-west-2'])]), []);
      assert.deepEqual(runRulesOn(rule, [ci('.github/workflows/east.yml', 17, 'aws-region', 'us-east-1'), ci('.github/workflows/west.yml', 17, 'aws-region', 'us-west-2')]), []);
      assert.deepEqual(runRulesOn(rule, [ci('.github/workflows/deploy.yml', 17, 'aws-region', null)]), []);
      assert.deepEqual(runRulesOn(rule, [dep({ kind: 'region-config', service: '*', name: 'AWS_REGION', origin: 'dotenv', file: '.env', line: 1, region: 'us-east-1', regionSource: 'env' })]), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports a GitHub Actions deploy to one literal region at aws-region', async () => {
      const map = await analyseFiles({ '.github/workflows/deploy.yml': deployWorkflow('us-east-1') });
      const findings = findingsOf(map, 'ci-single-region-deploy');
      assert.deepEqual(locations(findings), ['.github/workflows/deploy.yml:17:11']);
      assert.equal(findings[0].severity, 'low');
    });

    it('accepts a deploy over a region matrix', async () => {
      const map = await analyseFiles({
        '.github/workflows/deploy.yml': deployWorkflow('${{ matrix.region }}').replace('    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        region: [us-east-1, us-west-2]\n'),
      });
      assert.deepEqual(findingsOf(map, 'ci-single-region-deploy'), []);
    });
  });
});
