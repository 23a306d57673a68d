import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/globalaccelerator-control-plane';
import { dep } from '../../support/deps';
import { placed, runRule } from './appRuleHarness';

describe('globalaccelerator-control-plane', () => {
  describe('over hand-built dependencies', () => {
    it('reports Global Accelerator clients and resources as information', () => {
      const findings = runRule(rule, [
        dep({ kind: 'sdk-client', service: 'globalaccelerator', name: 'GlobalAcceleratorClient', origin: 'js-v3', file: 'src/traffic.ts', line: 5, column: 14, region: 'us-west-2', regionSource: 'global-service', global: true }),
        dep({ kind: 'iac-resource', service: 'globalaccelerator', origin: 'cloudformation', file: 'template.yaml', line: 12, column: 3, region: 'us-west-2', regionSource: 'global-service', global: true, resource: { type: 'AWS::GlobalAccelerator::Accelerator', name: 'Accelerator' } }),
        dep({ kind: 'iac-resource', service: 'globalaccelerator', origin: 'terraform', file: 'main.tf', line: 1, region: 'us-west-2', regionSource: 'global-service', global: true, resource: { type: 'aws_globalaccelerator_endpoint_group', name: 'west' } }),
      ]);
      assert.deepEqual(placed(findings), ['main.tf:1:1 info', 'src/traffic.ts:5:14 info', 'template.yaml:12:3 info']);
      assert.match(findings[2].message, /^control plane: us-west-2\. Accelerator \(AWS::GlobalAccelerator::Accelerator\) is managed/);
    });

    it('leaves calls and other services alone (the client or resource is reported once)', () => {
      const findings = runRule(rule, [
        dep({ kind: 'sdk-call', service: 'globalaccelerator', operation: 'UpdateEndpointGroup', file: 'src/a.ts', line: 1 }),
        dep({ kind: 'sdk-client', service: 'route53', file: 'src/a.ts', line: 2, region: 'us-east-1', regionSource: 'global-service', global: true }),
      ]);
      assert.deepEqual(placed(findings), []);
    });
  });
});
