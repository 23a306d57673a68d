import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/serverless-default-region';
import { dep } from '../../support/deps';
import { located, ruleTester, runRulesOn } from '../../support/ruleTester';
import { traceStep } from '../../../src/core/trace';

const service = (provider: string) => `service: orders
frameworkVersion: '3'

provider:
  name: aws
  runtime: nodejs20.x
${provider}
functions:
  createOrder:
    handler: src/handlers/create.handler
    events:
      - httpApi:
          path: /orders
          method: post
`;

describe('serverless-default-region', () => {
  describe('over hand-built dependencies', () => {
    const defaulted = dep({ kind: 'region-config', service: '*', name: 'provider.region', origin: 'serverless', file: 'services/orders/serverless.yml', line: 4, region: 'us-east-1', regionSource: 'default', scope: { stackFile: 'services/orders/serverless.yml', appliesTo: 'both' } });
    const fn = dep({ kind: 'iac-resource', service: 'lambda', origin: 'serverless', file: 'services/orders/serverless.yml', line: 9, region: 'us-east-1', regionSource: 'default',
      regionTrace: [traceStep({ file: 'services/orders/serverless.yml', line: 4, column: 1 }, { kind: 'deploy-config', setting: 'provider.region', value: 'us-east-1' })] });

    it('reports a service that relies on the framework default, with what lands there', () => {
      const findings = runRulesOn(rule, [defaulted, fn]);
      assert.deepEqual(located(findings), ['services/orders/serverless.yml:4:1 medium']);
      assert.match(findings[0].message, /^services\/orders\/serverless\.yml sets no provider\.region, so the Serverless Framework deploys it to us-east-1 by default \(1 dependency resolves there\)/);
    });

    it('accepts an explicit region, and a CI deploy that passes --region for the service folder', () => {
      assert.deepEqual(runRulesOn(rule, [{ ...defaulted, regionSource: 'literal' }]), []);
      const ciDeploy = dep({ kind: 'region-config', service: '*', name: 'deploy command', container: 'serverless', origin: 'github-actions', file: '.github/workflows/deploy.yml', line: 20, region: 'eu-west-1', regionSource: 'deploy-config', scope: { directory: 'services/orders', appliesTo: 'deploy' } });
      assert.deepEqual(runRulesOn(rule, [defaulted, ciDeploy]), []);
      const elsewhere = { ...ciDeploy, scope: { directory: 'services/billing', appliesTo: 'deploy' as const } };
      assert.deepEqual(located(runRulesOn(rule, [defaulted, elsewhere])), ['services/orders/serverless.yml:4:1 medium']);
    });
  });

  ruleTester(rule).run({
    valid: [
      { name: 'provider.region written in serverless.yml', files: { 'serverless.yml': service('  region: eu-west-1\n') } },
      { name: 'provider.region from the CLI option with a default', files: { 'serverless.yml': service("  region: ${opt:region, 'eu-central-1'}\n") } },
    ],
    invalid: [
      {
        name: 'serverless.yml without provider.region, reported at its provider key',
        files: { 'serverless.yml': service('') },
        errors: [{ message: /^serverless\.yml sets no provider\.region, so the Serverless Framework deploys it to us-east-1 by default/, line: 4, column: 1, severity: 'medium' }],
      },
    ],
  });
});
