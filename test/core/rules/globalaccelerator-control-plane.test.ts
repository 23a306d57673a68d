import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/globalaccelerator-control-plane';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('globalaccelerator-control-plane', () => {
  describe('over hand-built dependencies', () => {
    it('reports Global Accelerator clients and resources as information', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'sdk-client', service: 'globalaccelerator', name: 'GlobalAcceleratorClient', origin: 'js-v3', file: 'src/traffic.ts', line: 5, column: 14, region: 'us-west-2', regionSource: 'global-service', global: true }),
        dep({ kind: 'iac-resource', service: 'globalaccelerator', origin: 'cloudformation', file: 'template.yaml', line: 12, column: 3, region: 'us-west-2', regionSource: 'global-service', global: true, resource: { type: 'AWS::GlobalAccelerator::Accelerator', name: 'Accelerator' } }),
        dep({ kind: 'iac-resource', service: 'globalaccelerator', origin: 'terraform', file: 'main.tf', line: 1, region: 'us-west-2', regionSource: 'global-service', global: true, resource: { type: 'aws_globalaccelerator_endpoint_group', name: 'west' } }),
      ]);
      assert.deepEqual(located(findings), ['main.tf:1:1 info', 'src/traffic.ts:5:14 info', 'template.yaml:12:3 info']);
      assert.match(findings[2].message, /^control plane: us-west-2\. Accelerator \(AWS::GlobalAccelerator::Accelerator\) is managed/);
    });

    it('leaves calls and other services alone (the client or resource is reported once)', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'sdk-call', service: 'globalaccelerator', operation: 'UpdateEndpointGroup', file: 'src/a.ts', line: 1 }),
        dep({ kind: 'sdk-client', service: 'route53', file: 'src/a.ts', line: 2, region: 'us-east-1', regionSource: 'global-service', global: true }),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports the SDK client and the CloudFormation accelerator', async () => {
      const map = await analyseFiles({
        'src/traffic.ts': 'import { GlobalAcceleratorClient } from "@aws-sdk/client-global-accelerator";\n\nexport const ga = new GlobalAcceleratorClient({ region: "us-west-2" });\n',
        'template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Accelerator:\n    Type: AWS::GlobalAccelerator::Accelerator\n    Properties:\n      Name: orders-api\n      Enabled: true\n  OrdersQueue:\n    Type: AWS::SQS::Queue\n',
      });
      assert.deepEqual(locations(findingsOf(map, 'globalaccelerator-control-plane')), ['src/traffic.ts:3:19', 'template.yaml:3:3']);
    });
  });
});
