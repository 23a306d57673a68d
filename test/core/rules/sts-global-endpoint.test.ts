import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/sts-global-endpoint';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('sts-global-endpoint', () => {
  describe('over hand-built dependencies', () => {
    it('reports the global host, SDK v2 STS clients on it, and the legacy setting', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'endpoint', service: 'sts', text: 'sts.amazonaws.com', origin: 'js-v3', file: 'src/auth.ts', line: 4, column: 41, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'sdk-client', service: 'sts', name: 'STS', text: 'sts.amazonaws.com', origin: 'js-v2', file: 'src/legacy.js', line: 3, column: 13, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'endpoint', service: 'sts', name: 'AWS_STS_REGIONAL_ENDPOINTS', text: 'sts.amazonaws.com', origin: 'dotenv', file: '.env', line: 2, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'endpoint', service: 'sts', name: 'sts_regional_endpoints', text: 'sts.amazonaws.com', origin: 'aws-config', file: '.aws/config', line: 5, region: 'us-east-1', regionSource: 'global-service', global: true }),
      ]);
      assert.deepEqual(located(findings), ['.aws/config:5:1 medium', '.env:2:1 medium', 'src/auth.ts:4:41 medium', 'src/legacy.js:3:13 medium']);
      assert.match(findings[1].message, /^AWS_STS_REGIONAL_ENDPOINTS = legacy sends STS calls to sts\.amazonaws\.com/);
      assert.match(findings[2].message, /^The global STS endpoint sts\.amazonaws\.com is hosted in us-east-1/);
      assert.match(findings[3].message, /^STS uses the global endpoint sts\.amazonaws\.com \(the SDK v2 default/);
    });

    it('leaves regional STS alone', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'endpoint', service: 'sts', text: 'sts.eu-west-1.amazonaws.com', file: 'src/a.ts', line: 1, region: 'eu-west-1', regionSource: 'literal' }),
        dep({ kind: 'sdk-client', service: 'sts', name: 'STSClient', origin: 'js-v3', file: 'src/a.ts', line: 2, region: 'eu-west-1', regionSource: 'literal' }),
        dep({ kind: 'sdk-client', service: 'sts', name: 'STS', origin: 'js-v2', file: 'src/a.js', line: 2, region: null, regionSource: 'unresolved' }),
        dep({ kind: 'region-config', service: '*', name: 'AWS_REGION', text: 'us-east-1', file: '.env', line: 1, region: 'us-east-1', regionSource: 'env' }),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports SDK v2 STS clients on the global endpoint and explicit global endpoints', async () => {
      const map = await analyseFiles({
        'src/legacy.js': [
          'const AWS = require("aws-sdk");',
          '',
          'const sts = new AWS.STS();',
          'const regionalSts = new AWS.STS({ stsRegionalEndpoints: "regional" });',
          '',
          'module.exports = { sts, regionalSts };',
          '',
        ].join('\n'),
        'src/identity.ts': [
          'import { STSClient } from "@aws-sdk/client-sts";',
          '',
          'export const sts = new STSClient({ endpoint: "https://sts.amazonaws.com" });',
          'export const regional = new STSClient({});',
          '',
        ].join('\n'),
        '.env': 'AWS_STS_REGIONAL_ENDPOINTS=legacy\n',
      });
      assert.deepEqual(locations(findingsOf(map, 'sts-global-endpoint')), ['.env:1:1', 'src/identity.ts:3:46', 'src/legacy.js:3:13']);
    });
  });
});
