import { strict as assert } from 'node:assert';
import { gitlabCiScanner } from '../../../src/core/scanners/config/gitlab-ci';
import { fixture, scanFixture, shape } from './config-fixture';

describe('gitlab-ci scanner', () => {
  it('accepts .gitlab-ci.yml and local includes under .gitlab/, by path first', () => {
    const text = fixture('gitlab-ci/.gitlab-ci.yml');
    assert.equal(gitlabCiScanner.accepts('.gitlab-ci.yml', text), true);
    assert.equal(gitlabCiScanner.accepts('.gitlab/ci/deploy.yml', text), true);
    assert.equal(gitlabCiScanner.accepts('templates/deploy.gitlab-ci.yml', text), true);
    assert.equal(gitlabCiScanner.accepts('ci/pipeline.yml', text), false);
    assert.equal(gitlabCiScanner.accepts('k8s/deployment.yaml', fixture('k8s/deployment.yaml')), false);
    assert.equal(gitlabCiScanner.accepts('.gitlab-ci.yml', 'test:\n  script:\n    - npm test\n'), false);
  });

  it('reads global and job variables, extends, a parallel matrix and deploy scripts (.gitlab-ci.yml)', () => {
    const file = '.gitlab-ci.yml';
    const out = scanFixture(gitlabCiScanner, 'gitlab-ci/.gitlab-ci.yml', file);
    const globalRegion = { file, line: 6, reason: 'AWS_DEFAULT_REGION: eu-central-1' };
    const matrix = [{ file, line: 38, reason: 'parallel.matrix AWS_REGION: us-east-1, us-west-2' }];
    assert.deepEqual(out.shapes, [
      { at: 'AWS_DEFAULT_REGION: eu-central-1', line: 6, column: 3, endLine: 6, endColumn: 35, kind: 'region-config', service: '*', name: 'AWS_DEFAULT_REGION', text: 'eu-central-1', origin: 'gitlab-ci', region: 'eu-central-1', regionSource: 'env', scope: { directory: '', environment: 'default', appliesTo: 'both' }, setsEnv: 'AWS_DEFAULT_REGION' },
      { at: 'AWS_REGION: $AWS_DEFAULT_REGION', line: 14, column: 5, endLine: 14, endColumn: 36, kind: 'region-config', service: '*', name: 'AWS_REGION', text: '$AWS_DEFAULT_REGION', origin: 'gitlab-ci', region: 'eu-central-1', regionSource: 'env', regionTrace: [globalRegion], scope: { directory: '', environment: '.aws-deploy', appliesTo: 'both' }, setsEnv: 'AWS_REGION' },
      { at: 'sam deploy --stack-name $STACK_NAME --region $AWS_REGION --no-confirm-changeset', line: 30, column: 7, endLine: 30, endColumn: 86, kind: 'region-config', service: '*', name: 'deploy command', text: 'sam deploy --stack-name $STACK_NAME --region $AWS_REGION --no-confirm-changeset', origin: 'gitlab-ci', container: 'sam', region: 'eu-central-1', regionSource: 'deploy-config', regionTrace: [{ file, line: 14, reason: 'AWS_REGION: $AWS_DEFAULT_REGION' }, globalRegion], scope: { directory: 'services/orders', environment: 'deploy-staging', appliesTo: 'deploy' } },
      { at: 'AWS_REGION: [us-east-1, us-west-2]', line: 38, column: 9, endLine: 38, endColumn: 43, kind: 'region-config', service: '*', name: 'AWS_REGION', text: 'us-east-1, us-west-2', origin: 'gitlab-ci', region: null, regionSource: 'env', candidateRegions: ['us-east-1', 'us-west-2'], scope: { directory: '', environment: 'deploy-production', appliesTo: 'both' }, setsEnv: 'AWS_REGION' },
      { at: 'sam deploy \\\n        --stack-name orders-prod \\\n        --region $AWS_REGION \\\n        --no-confirm-changeset', line: 41, column: 7, endLine: 44, endColumn: 31, kind: 'region-config', service: '*', name: 'deploy command', text: 'sam deploy --stack-name orders-prod --region $AWS_REGION --no-confirm-changeset', origin: 'gitlab-ci', container: 'sam', region: null, regionSource: 'deploy-config', candidateRegions: ['us-east-1', 'us-west-2'], regionTrace: matrix, scope: { directory: '', environment: 'deploy-production', appliesTo: 'deploy' } },
      { at: 'aws s3 sync ./static s3://orders-static-$AWS_REGION --region $AWS_REGION', line: 45, column: 7, endLine: 45, endColumn: 79, kind: 'region-config', service: '*', name: 'deploy command', text: 'aws s3 sync ./static s3://orders-static-$AWS_REGION --region $AWS_REGION', origin: 'gitlab-ci', container: 'aws', region: null, regionSource: 'deploy-config', candidateRegions: ['us-east-1', 'us-west-2'], regionTrace: matrix, scope: { directory: '', environment: 'deploy-production', appliesTo: 'runtime' } },
      { at: 'AWS_REGION:\n      value: ap-southeast-2', line: 53, column: 5, endLine: 54, endColumn: 28, kind: 'region-config', service: '*', name: 'AWS_REGION', text: 'ap-southeast-2', origin: 'gitlab-ci', region: 'ap-southeast-2', regionSource: 'env', scope: { directory: '', environment: 'terraform', appliesTo: 'both' }, setsEnv: 'AWS_REGION' },
      { at: 'terraform -chdir=infra/network apply -auto-approve', line: 58, column: 7, endLine: 58, endColumn: 57, kind: 'region-config', service: '*', name: 'deploy command', text: 'terraform -chdir=infra/network apply -auto-approve', origin: 'gitlab-ci', container: 'terraform', region: 'ap-southeast-2', regionSource: 'env', regionTrace: [{ file, line: 53, reason: 'AWS_REGION: ap-southeast-2' }], scope: { directory: 'infra/network', environment: 'terraform', appliesTo: 'deploy' } },
    ]);
    assert.deepEqual(out.problems, []);
  });

  describe('templates', () => {
    const scan = (yaml: string) => {
      const out = gitlabCiScanner.scan('.gitlab/ci/deploy.yml', yaml, { languages: {} });
      return { out, deps: out.dependencies.map((d) => shape(yaml, d)) };
    };

    it('runs a hidden job\'s script once per job that extends it, with that job\'s variables', () => {
      const { deps } = scan([
        '.serverless-deploy:',
        '  image: node:20',
        '  script:',
        '    - npx serverless deploy --stage $STAGE --region $REGION',
        '',
        'deploy-eu:',
        '  extends: .serverless-deploy',
        '  variables: { STAGE: prod, REGION: eu-west-1 }',
        '',
        'deploy-us:',
        '  extends: .serverless-deploy',
        '  variables:',
        '    STAGE: prod',
        '    REGION: us-east-2',
        '',
      ].join('\n'));
      assert.deepEqual(deps.map((d) => [d.line, d.name, d.region, d.regionSource, d.scope?.environment]), [
        [8, 'REGION', 'eu-west-1', 'env', 'deploy-eu'],
        [4, 'deploy command', 'eu-west-1', 'deploy-config', 'deploy-eu'],
        [14, 'REGION', 'us-east-2', 'env', 'deploy-us'],
        [4, 'deploy command', 'us-east-2', 'deploy-config', 'deploy-us'],
      ]);
    });

    it('follows !reference into another job\'s script and keeps per-combination matrix values', () => {
      const { deps, out } = scan([
        '.cdk:',
        '  script:',
        '    - aws cloudformation deploy --template-file cdk.out/Net.template.json --stack-name net --region $AWS_DEFAULT_REGION',
        '',
        'network:',
        '  parallel:',
        '    matrix:',
        '      - AWS_DEFAULT_REGION: us-east-1',
        '        TIER: primary',
        '      - AWS_DEFAULT_REGION: us-west-2',
        '        TIER: standby',
        '  script:',
        '    - !reference [.cdk, script]',
        '',
      ].join('\n'));
      assert.deepEqual(out.problems, []);
      assert.deepEqual(deps.map((d) => [d.at.slice(0, 30), d.line, d.region, d.regionSource, d.candidateRegions]), [
        ['AWS_DEFAULT_REGION: us-east-1', 8, null, 'env', ['us-east-1', 'us-west-2']],
        ['aws cloudformation deploy --te', 3, null, 'deploy-config', ['us-east-1', 'us-west-2']],
      ]);
    });

    it('moves into folders named by variables, as GitLab expands them', () => {
      const { deps } = scan([
        'variables:',
        '  TF_ROOT: infra/network',
        'apply:',
        '  script:',
        '    - cd ${TF_ROOT}',
        '    - terraform apply -auto-approve',
        '',
      ].join('\n'));
      assert.deepEqual(deps.map((d) => [d.line, d.container, d.scope]), [[6, 'terraform', { directory: 'infra/network', environment: 'apply', appliesTo: 'deploy' }]]);
    });

    it('reports broken YAML with its line and keeps what came before', () => {
      const { out, deps } = scan('variables:\n  AWS_REGION: eu-north-1\ndeploy:\n  script:\n    - "sam deploy --region eu-north-1\n');
      // The parser recovers the unterminated string up to the end of the file.
      assert.deepEqual(deps.map((d) => [d.line, d.name, d.region]), [[2, 'AWS_REGION', 'eu-north-1'], [5, 'deploy command', 'eu-north-1']]);
      assert.deepEqual(out.problems.map((p) => [p.line, p.severity]), [[5, 'partial']]);
      assert.match(out.problems[0].reason, /^GitLab CI pipeline: invalid YAML/);
    });
  });
});
