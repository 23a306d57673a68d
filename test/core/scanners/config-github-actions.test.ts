import { strict as assert } from 'node:assert';
import { scanFile } from '../../../src/core/scanners';
import { githubActionsScanner } from '../../../src/core/scanners/config/github-actions';
import { fixture, scanFixture, shape } from './config-fixture';

describe('github-actions scanner', () => {
  describe('accepts', () => {
    it('takes workflows and composite actions that mention AWS, deploys or regions', () => {
      const workflow = 'on: push\njobs:\n  deploy:\n    steps:\n      - run: sam deploy\n';
      assert.equal(githubActionsScanner.accepts('.github/workflows/deploy.yml', workflow), true);
      assert.equal(githubActionsScanner.accepts('services/api/.github/workflows/ci.yaml', workflow), true);
      assert.equal(githubActionsScanner.accepts('.github/actions/deploy-stack/action.yml', fixture('github-actions/action.yml')), true);
    });

    it('rejects other YAML by its path, and workflows with nothing about AWS', () => {
      assert.equal(githubActionsScanner.accepts('k8s/deployment.yaml', fixture('k8s/deployment.yaml')), false);
      assert.equal(githubActionsScanner.accepts('.github/dependabot.yml', 'version: 2\nupdates:\n  - package-ecosystem: npm\n    region: x\n'), false);
      assert.equal(githubActionsScanner.accepts('workflows/deploy.yml', fixture('github-actions/deploy-sam.yml')), false);
      assert.equal(githubActionsScanner.accepts('.github/workflows/lint.yml', 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run lint\n'), false);
    });
  });

  it('reads configure-aws-credentials over a region matrix, matrix env and the cdk deploy (deploy-matrix.yml)', () => {
    const file = '.github/workflows/deploy-matrix.yml';
    const out = scanFixture(githubActionsScanner, 'github-actions/deploy-matrix.yml', file);
    const matrixTrace = [{ file, line: 21, reason: 'strategy.matrix.region: us-east-1, us-west-2, eu-west-1' }];
    assert.deepEqual(out.shapes, [
      { at: 'AWS_STS_REGIONAL_ENDPOINTS: legacy', line: 12, column: 3, endLine: 12, endColumn: 37, kind: 'endpoint', service: 'sts', name: 'AWS_STS_REGIONAL_ENDPOINTS', text: 'sts.amazonaws.com', origin: 'github-actions', region: 'us-east-1', regionSource: 'global-service', global: true },
      { at: 'aws-region: ${{ matrix.region }}', line: 38, column: 11, endLine: 38, endColumn: 43, kind: 'region-config', service: '*', name: 'aws-region', text: '${{ matrix.region }}', origin: 'github-actions', region: null, regionSource: 'deploy-config', candidateRegions: ['us-east-1', 'us-west-2', 'eu-west-1'], regionTrace: matrixTrace, scope: { directory: 'infra', environment: 'deploy', appliesTo: 'both' } },
      { at: 'CDK_DEFAULT_REGION: ${{ matrix.region }}', line: 45, column: 11, endLine: 45, endColumn: 51, kind: 'region-config', service: '*', name: 'CDK_DEFAULT_REGION', text: '${{ matrix.region }}', origin: 'github-actions', region: null, regionSource: 'env', candidateRegions: ['us-east-1', 'us-west-2', 'eu-west-1'], regionTrace: matrixTrace, scope: { directory: 'infra', environment: 'deploy', appliesTo: 'both' }, setsEnv: 'CDK_DEFAULT_REGION' },
      { at: 'npx cdk deploy --all --require-approval never', line: 43, column: 11, endLine: 43, endColumn: 56, kind: 'region-config', service: '*', name: 'deploy command', text: 'npx cdk deploy --all --require-approval never', origin: 'github-actions', container: 'cdk', region: null, regionSource: 'env', candidateRegions: ['us-east-1', 'us-west-2', 'eu-west-1'], regionTrace: [{ file, line: 38, reason: 'AWS_REGION exported by configure-aws-credentials' }, { file, line: 21, reason: 'strategy.matrix.region: us-east-1, us-west-2, eu-west-1' }], scope: { directory: 'infra', environment: 'deploy', appliesTo: 'deploy' } },
      { at: 'arn:aws:iam::123456789012:role/github-deploy', line: 37, column: 27, endLine: 37, endColumn: 71, kind: 'arn', service: 'iam', text: 'arn:aws:iam::123456789012:role/github-deploy', origin: 'github-actions', region: null, regionSource: 'unresolved', name: 'role-to-assume' },
    ]);
    assert.deepEqual(out.problems, []);
  });

  it('reads one literal aws-region, a multi-line sam deploy --region and $AWS_REGION exported by the action (deploy-sam.yml)', () => {
    const file = '.github/workflows/deploy-sam.yml';
    const out = scanFixture(githubActionsScanner, 'github-actions/deploy-sam.yml', file);
    assert.deepEqual(out.shapes, [
      { at: 'aws-region: us-east-1', line: 24, column: 11, endLine: 24, endColumn: 32, kind: 'region-config', service: '*', name: 'aws-region', text: 'us-east-1', origin: 'github-actions', region: 'us-east-1', regionSource: 'deploy-config', scope: { directory: '', environment: 'build-and-deploy', appliesTo: 'both' } },
      { at: 'sam deploy \\\n            --stack-name orders-prod \\\n            --region us-east-1 \\\n            --no-confirm-changeset \\\n            --no-fail-on-empty-changeset', line: 30, column: 11, endLine: 34, endColumn: 41, kind: 'region-config', service: '*', name: 'deploy command', text: 'sam deploy --stack-name orders-prod --region us-east-1 --no-confirm-changeset --no-fail-on-empty-changeset', origin: 'github-actions', container: 'sam', region: 'us-east-1', regionSource: 'deploy-config', scope: { directory: 'services/orders', environment: 'build-and-deploy', appliesTo: 'deploy' } },
      { at: 'aws cloudformation describe-stacks --stack-name orders-prod --region $AWS_REGION', line: 38, column: 11, endLine: 38, endColumn: 91, kind: 'region-config', service: '*', name: 'deploy command', text: 'aws cloudformation describe-stacks --stack-name orders-prod --region $AWS_REGION', origin: 'github-actions', container: 'aws', region: 'us-east-1', regionSource: 'deploy-config', regionTrace: [{ file, line: 24, reason: 'AWS_REGION exported by configure-aws-credentials' }], scope: { directory: '', environment: 'build-and-deploy', appliesTo: 'runtime' } },
      { at: 'arn:aws:iam::123456789012:role/orders-deploy', line: 23, column: 27, endLine: 23, endColumn: 71, kind: 'arn', service: 'iam', text: 'arn:aws:iam::123456789012:role/orders-deploy', origin: 'github-actions', region: null, regionSource: 'unresolved', name: 'role-to-assume' },
      { at: 'abc123def4.execute-api.us-east-1.amazonaws.com', line: 39, column: 29, endLine: 39, endColumn: 75, kind: 'endpoint', service: 'execute-api', text: 'abc123def4.execute-api.us-east-1.amazonaws.com', origin: 'github-actions', region: 'us-east-1', regionSource: 'literal' },
    ]);
  });

  it('leaves ${{ vars.AWS_REGION }} unresolved (release-vars.yml)', () => {
    const out = scanFixture(githubActionsScanner, 'github-actions/release-vars.yml', '.github/workflows/release-vars.yml');
    assert.deepEqual(out.shapes, [
      { at: 'aws-region: ${{ vars.AWS_REGION }}', line: 15, column: 11, endLine: 15, endColumn: 45, kind: 'region-config', service: '*', name: 'aws-region', text: '${{ vars.AWS_REGION }}', origin: 'github-actions', region: null, regionSource: 'unresolved', scope: { directory: '', environment: 'release', appliesTo: 'both' } },
      { at: 'npx serverless deploy --stage prod', line: 16, column: 14, endLine: 16, endColumn: 48, kind: 'region-config', service: '*', name: 'deploy command', text: 'npx serverless deploy --stage prod', origin: 'github-actions', container: 'serverless', region: null, regionSource: 'unresolved', scope: { directory: '', environment: 'release', appliesTo: 'deploy' } },
    ]);
  });

  it('follows env from job to workflow to a choice input, shell loops, fallbacks and reusable workflow inputs (promote.yml)', () => {
    const file = '.github/workflows/promote.yml';
    const out = scanFixture(githubActionsScanner, 'github-actions/promote.yml', file);
    const input = { file, line: 5, reason: 'inputs.region: one of us-east-1, eu-west-1' };
    const workflowEnv = { file, line: 14, reason: 'AWS_REGION: ${{ inputs.region }} (workflow env)' };
    assert.deepEqual(out.shapes, [
      { at: 'AWS_REGION: ${{ inputs.region }}', line: 14, column: 3, endLine: 14, endColumn: 35, kind: 'region-config', service: '*', name: 'AWS_REGION', text: '${{ inputs.region }}', origin: 'github-actions', region: null, regionSource: 'env', candidateRegions: ['us-east-1', 'eu-west-1'], regionTrace: [input], scope: { directory: '', environment: 'default', appliesTo: 'both' }, setsEnv: 'AWS_REGION' },
      { at: 'AWS_DEFAULT_REGION: ${{ env.AWS_REGION }}', line: 21, column: 7, endLine: 21, endColumn: 48, kind: 'region-config', service: '*', name: 'AWS_DEFAULT_REGION', text: '${{ env.AWS_REGION }}', origin: 'github-actions', region: null, regionSource: 'env', candidateRegions: ['us-east-1', 'eu-west-1'], regionTrace: [workflowEnv, input], scope: { directory: '', environment: 'promote', appliesTo: 'both' }, setsEnv: 'AWS_DEFAULT_REGION' },
      { at: 'aws-region: ${{ env.AWS_DEFAULT_REGION }}', line: 28, column: 11, endLine: 28, endColumn: 52, kind: 'region-config', service: '*', name: 'aws-region', text: '${{ env.AWS_DEFAULT_REGION }}', origin: 'github-actions', region: null, regionSource: 'deploy-config', candidateRegions: ['us-east-1', 'eu-west-1'], regionTrace: [{ file, line: 21, reason: 'AWS_DEFAULT_REGION: ${{ env.AWS_REGION }} (job promote env)' }, workflowEnv, input], scope: { directory: '', environment: 'promote', appliesTo: 'both' } },
      { at: 'AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: legacy', line: 32, column: 11, endLine: 32, endColumn: 53, kind: 'endpoint', service: 's3', name: 'AWS_S3_US_EAST_1_REGIONAL_ENDPOINT', text: 's3.amazonaws.com', origin: 'github-actions', region: 'us-east-1', regionSource: 'global-service', global: true },
      { at: 'npx serverless deploy --stage prod -r "$r"', line: 35, column: 13, endLine: 35, endColumn: 55, kind: 'region-config', service: '*', name: 'deploy command', text: 'npx serverless deploy --stage prod -r "$r"', origin: 'github-actions', container: 'serverless', region: null, regionSource: 'deploy-config', candidateRegions: ['us-east-1', 'ap-southeast-2'], regionTrace: [{ file, line: 34, column: 11, reason: 'for r in us-east-1 ap-southeast-2' }], scope: { directory: 'services/edge', environment: 'promote', appliesTo: 'deploy' } },
      { at: "aws-region: ${{ vars.DR_REGION || 'us-west-2' }}", line: 44, column: 11, endLine: 44, endColumn: 59, kind: 'region-config', service: '*', name: 'aws-region', text: "${{ vars.DR_REGION || 'us-west-2' }}", origin: 'github-actions', region: null, regionSource: 'unresolved', candidateRegions: ['us-west-2'], scope: { directory: '', environment: 'dr-drill', appliesTo: 'both' } },
      { at: 'aws-region: eu-west-1', line: 49, column: 7, endLine: 49, endColumn: 28, kind: 'region-config', service: '*', name: 'aws-region', text: 'eu-west-1', origin: 'github-actions', region: 'eu-west-1', regionSource: 'deploy-config', scope: { directory: '', environment: 'shared', appliesTo: 'both' } },
    ]);
    // AWS_STS_REGIONAL_ENDPOINTS: regional (line 15) and the comment naming us-east-1 (line 24) yield nothing.
    assert.equal(out.dependencies.some((d) => d.line === 15 || d.line === 24), false);
    assert.deepEqual(out.suppressions, [
      { file, line: 44, column: 60, endColumn: 125, targetLine: 44, ruleIds: ['ci-single-region-deploy'], reason: 'drill account only' },
    ]);
  });

  it('reads a composite action, whose inputs default a region that callers may change (action.yml)', () => {
    const file = '.github/actions/deploy-stack/action.yml';
    const out = scanFixture(githubActionsScanner, 'github-actions/action.yml', file);
    const input = [{ file, line: 7, reason: 'inputs.aws-region defaults to us-east-1' }];
    assert.deepEqual(out.shapes, [
      { at: 'aws-region: ${{ inputs.aws-region }}', line: 17, column: 9, endLine: 17, endColumn: 45, kind: 'region-config', service: '*', name: 'aws-region', text: '${{ inputs.aws-region }}', origin: 'github-actions', region: null, regionSource: 'unresolved', candidateRegions: ['us-east-1'], regionTrace: input, scope: { directory: '', environment: 'default', appliesTo: 'both' } },
      { at: 'sam deploy --no-confirm-changeset --region ${{ inputs.aws-region }}', line: 20, column: 12, endLine: 20, endColumn: 79, kind: 'region-config', service: '*', name: 'deploy command', text: 'sam deploy --no-confirm-changeset --region ${{ inputs.aws-region }}', origin: 'github-actions', container: 'sam', region: null, regionSource: 'unresolved', candidateRegions: ['us-east-1'], regionTrace: input, scope: { directory: '', environment: 'default', appliesTo: 'deploy' } },
      { at: 'arn:aws:iam::123456789012:role/deployer', line: 16, column: 25, endLine: 16, endColumn: 64, kind: 'arn', service: 'iam', text: 'arn:aws:iam::123456789012:role/deployer', origin: 'github-actions', region: null, regionSource: 'unresolved', name: 'role-to-assume' },
    ]);
  });

  it('finds nothing in YAML under .github/workflows that has no jobs (labeler.yml)', () => {
    const out = scanFixture(githubActionsScanner, 'github-actions/labeler.yml', '.github/workflows/labeler.yml');
    assert.deepEqual(out.dependencies, []);
    assert.deepEqual(out.problems, []);
  });

  it('keeps what it could read of a broken workflow and reports the YAML error with its line (broken.yml)', () => {
    const file = '.github/workflows/broken.yml';
    const out = scanFixture(githubActionsScanner, 'github-actions/broken.yml', file);
    assert.deepEqual(out.shapes.map((s) => [s.at, s.region]), [['aws-region: us-west-2', 'us-west-2'], ['sam deploy --region us-west-2', 'us-west-2']]);
    assert.equal(out.problems.length, 1);
    assert.equal(out.problems[0].file, file);
    assert.equal(out.problems[0].severity, 'partial');
    assert.equal(out.problems[0].line, 11);
    assert.match(out.problems[0].reason, /invalid YAML/);
  });

  describe('edge cases', () => {
    const scan = (yaml: string) => {
      const file = '.github/workflows/edge.yml';
      assert.equal(githubActionsScanner.accepts(file, yaml), true);
      const out = githubActionsScanner.scan(file, yaml, { languages: {} });
      return out.dependencies.map((d) => shape(yaml, d));
    };

    it('navigates matrix objects (matrix.target.region) and leaves a fromJSON matrix unresolved', () => {
      const deps = scan([
        'on: push',
        'jobs:',
        '  fan-out:',
        '    strategy:',
        '      matrix:',
        '        target:',
        '          - { stage: prod, region: eu-west-1 }',
        '          - { stage: dr, region: eu-central-1 }',
        '    steps:',
        '      - uses: aws-actions/configure-aws-credentials@v4',
        '        with:',
        '          aws-region: ${{ matrix.target.region }}',
        '  dynamic:',
        '    strategy:',
        '      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}',
        '    steps:',
        '      - uses: aws-actions/configure-aws-credentials@main',
        '        with:',
        '          aws-region: ${{ matrix.region }}',
        '',
      ].join('\n'));
      assert.deepEqual(deps.map((d) => [d.line, d.region, d.regionSource, d.candidateRegions, d.scope?.environment]), [
        [12, null, 'deploy-config', ['eu-west-1', 'eu-central-1'], 'fan-out'],
        [19, null, 'unresolved', undefined, 'dynamic'],
      ]);
    });

    it('lets step env win over job env, and secrets stay unresolved', () => {
      const deps = scan([
        'on: push',
        'env:',
        '  AWS_REGION: us-east-1',
        'jobs:',
        '  deploy:',
        '    env:',
        '      AWS_REGION: us-west-2',
        '    steps:',
        '      - uses: aws-actions/configure-aws-credentials@v4',
        '        env:',
        '          AWS_REGION: eu-north-1',
        '        with:',
        '          aws-region: ${{ env.AWS_REGION }}',
        '      - uses: aws-actions/configure-aws-credentials@v4',
        '        with:',
        '          aws-region: ${{ secrets.AWS_REGION }}',
        '',
      ].join('\n'));
      assert.deepEqual(deps.map((d) => [d.line, d.name, d.region, d.regionSource, d.scope?.environment]), [
        [3, 'AWS_REGION', 'us-east-1', 'env', 'default'],
        [7, 'AWS_REGION', 'us-west-2', 'env', 'deploy'],
        [11, 'AWS_REGION', 'eu-north-1', 'env', 'deploy'],
        [13, 'aws-region', 'eu-north-1', 'deploy-config', 'deploy'],
        [16, 'aws-region', null, 'unresolved', 'deploy'],
      ]);
    });

    it('tells deploy commands from commands that only mention them, and follows cd and -chdir', () => {
      const deps = scan([
        'on: push',
        'jobs:',
        '  infra:',
        '    defaults:',
        '      run:',
        '        working-directory: ./deploy',
        '    steps:',
        '      - run: |',
        '          # sam deploy --region us-east-1',
        '          echo "sam deploy --region us-east-1"',
        '          aws s3 ls',
        '          cd ../stacks/network && terraform -chdir=prod apply -auto-approve',
        '          aws cloudformation deploy --template-file packaged.yaml --stack-name net',
        '          AWS_REGION=ap-south-1 sam deploy --region $AWS_REGION --template-file orders/template.yaml',
        '',
      ].join('\n'));
      assert.deepEqual(deps.map((d) => [d.line, d.column, d.container, d.region, d.regionSource, d.scope]), [
        [12, 35, 'terraform', null, 'unresolved', { directory: 'stacks/network/prod', environment: 'infra', appliesTo: 'deploy' }],
        [13, 11, 'aws', null, 'unresolved', { directory: 'stacks/network', environment: 'infra', appliesTo: 'deploy' }],
        [14, 33, 'sam', 'ap-south-1', 'deploy-config', { directory: 'stacks/network', environment: 'infra', appliesTo: 'deploy', stackFile: 'stacks/network/orders/template.yaml' }],
      ]);
    });
  });

  it('replaces env variables in the folders a script moves to and in working-directory', () => {
    const yaml = [
      'on: workflow_dispatch',
      'env:',
      '  TF_DIR: terraform/live',
      '  APP_DIR: services/orders',
      'jobs:',
      '  apply:',
      '    steps:',
      '      - run: |',
      '          cd $TF_DIR',
      '          terraform apply -auto-approve',
      '      - working-directory: ${{ env.APP_DIR }}',
      '        run: sam deploy --region eu-west-2',
      '      - run: cd "${{ env.UNKNOWN_DIR }}" && cdk deploy --all',
      '',
    ].join('\n');
    const out = githubActionsScanner.scan('.github/workflows/apply.yml', yaml, { languages: {} });
    assert.deepEqual(out.dependencies.map((d) => [d.line, d.container, d.scope?.directory]), [
      [10, 'terraform', 'terraform/live'],
      [12, 'sam', 'services/orders'],
      // An unknown folder leaves the step's own folder (the root) as the scope.
      [13, 'cdk', ''],
    ]);
  });

  it('recognises the tools however they are launched: package scripts, pinned versions, local binaries', () => {
    const yaml = [
      'on: push',
      'jobs:',
      '  deploy:',
      '    steps:',
      '      - run: |',
      '          npm run cdk -- deploy --all --require-approval never',
      '          npx --yes aws-cdk@2 deploy OrdersStack',
      '          ./node_modules/.bin/sls deploy --stage prod --region eu-south-1',
      '          pnpm exec serverless@3 deploy -r eu-south-2',
      '          npm run build',
      '',
    ].join('\n');
    const out = githubActionsScanner.scan('.github/workflows/deploy.yml', yaml, { languages: {} });
    assert.deepEqual(out.dependencies.map((d) => [d.line, d.column, d.container, d.region]), [
      [6, 11, 'cdk', null],
      [7, 11, 'cdk', null],
      [8, 11, 'serverless', 'eu-south-1'],
      [9, 11, 'serverless', 'eu-south-2'],
    ]);
  });

  it('is the scanner the registry runs for a workflow', () => {
    const text = fixture('github-actions/deploy-sam.yml');
    const result = scanFile('.github/workflows/deploy-sam.yml', text, { languages: {} });
    assert.ok(result.formats.includes('github-actions'));
    assert.ok(result.dependencies.some((d) => d.origin === 'github-actions' && d.name === 'aws-region' && d.region === 'us-east-1'));
  });
});
