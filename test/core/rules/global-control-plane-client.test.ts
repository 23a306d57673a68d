import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/global-control-plane-client';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('global-control-plane-client', () => {
  describe('over hand-built dependencies', () => {
    it('reports clients of global services with the region that hosts their control plane', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'sdk-client', service: 'iam', name: 'IAMClient', origin: 'js-v3', file: 'src/admin.ts', line: 4, column: 13, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'sdk-client', service: 'route53', name: 'boto3.client("route53")', origin: 'boto3', file: 'ops/dns.py', line: 3, column: 7, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'sdk-client', service: 'route53-recovery-control-config', name: 'Route53RecoveryControlConfigClient', origin: 'js-v3', file: 'src/arc.ts', line: 2, column: 16, region: 'us-west-2', regionSource: 'global-service', global: true }),
      ]);
      assert.deepEqual(located(findings), ['ops/dns.py:3:7 info', 'src/admin.ts:4:13 info', 'src/arc.ts:2:16 info']);
      assert.match(findings[1].message, /^control plane: us-east-1\. IAMClient depends on iam, whose control plane is served from us-east-1 whatever region this code runs in: IAM changes/);
      assert.match(findings[2].message, /^control plane: us-west-2\./);
    });

    it('leaves regional services, IaC and the services that have a rule of their own', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'sdk-client', service: 'dynamodb', file: 'src/a.ts', line: 1, region: 'us-east-1', regionSource: 'literal' }),
        dep({ kind: 'sdk-client', service: 'health', file: 'src/a.ts', line: 2, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'sdk-client', service: 'globalaccelerator', file: 'src/a.ts', line: 3, region: 'us-west-2', regionSource: 'global-service', global: true }),
        dep({ kind: 'sdk-client', service: 'sts', file: 'src/a.js', line: 4, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'iac-resource', service: 'iam', file: 'template.yaml', line: 5, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'sdk-call', service: 'iam', file: 'src/a.ts', line: 6, region: 'us-east-1', regionSource: 'global-service', global: true }),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports clients of IAM and Route 53 (SDK v3 and v2), and not regional or dedicated-rule clients', async () => {
      const map = await analyseFiles({
        'src/admin.ts': [
          'import { IAMClient } from "@aws-sdk/client-iam";',
          'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
          'import { HealthClient } from "@aws-sdk/client-health";',
          '',
          'export const iam = new IAMClient({ region: "eu-west-1" });',
          'export const ddb = new DynamoDBClient({});',
          'export const health = new HealthClient({});',
          '',
        ].join('\n'),
        'src/dns.js': 'const AWS = require("aws-sdk");\n\nconst route53 = new AWS.Route53();\n\nmodule.exports = { route53 };\n',
      });
      const findings = findingsOf(map, 'global-control-plane-client');
      assert.deepEqual(locations(findings), ['src/admin.ts:5:20', 'src/dns.js:3:17']);
      assert.ok(findings.every((f) => f.severity === 'info' && f.message.startsWith('control plane: us-east-1.')));
    });
  });
});
