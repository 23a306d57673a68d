import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/s3-legacy-global-endpoint';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('s3-legacy-global-endpoint', () => {
  describe('over hand-built dependencies', () => {
    it('reports legacy global hosts (medium in application code) and the legacy setting', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'endpoint', service: 's3', text: 'assets.s3.amazonaws.com', origin: 'js-v3', file: 'src/upload.ts', line: 12, column: 22, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'endpoint', service: 's3', text: 's3.amazonaws.com', origin: 'cloudformation', file: 'template.yaml', line: 40, column: 15, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'endpoint', service: 's3', text: 's3-external-1.amazonaws.com', origin: 'boto3', file: 'jobs/export.py', line: 3, column: 20, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'endpoint', service: 's3', name: 'AWS_S3_US_EAST_1_REGIONAL_ENDPOINT', text: 's3.amazonaws.com', origin: 'docker-compose', file: 'docker-compose.yml', line: 9, column: 7, region: 'us-east-1', regionSource: 'global-service', global: true }),
      ]);
      assert.deepEqual(located(findings), ['docker-compose.yml:9:7 low', 'jobs/export.py:3:20 medium', 'src/upload.ts:12:22 medium', 'template.yaml:40:15 low']);
      assert.match(findings[0].message, /^AWS_S3_US_EAST_1_REGIONAL_ENDPOINT = legacy sends us-east-1 requests to the global host/);
      assert.match(findings[2].message, /^assets\.s3\.amazonaws\.com is a legacy global S3 host, which maps to us-east-1: reads and writes through it fail/);
    });

    it('leaves regional S3 hosts alone', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'endpoint', service: 's3', text: 'assets.s3.eu-west-1.amazonaws.com', file: 'src/a.ts', line: 1, region: 'eu-west-1', regionSource: 'literal' }),
        dep({ kind: 'endpoint', service: 's3', text: 's3.us-east-1.amazonaws.com', file: 'src/a.ts', line: 2, region: 'us-east-1', regionSource: 'literal' }),
        dep({ kind: 'endpoint', service: 's3', text: 's3-us-west-2.amazonaws.com', file: 'src/a.ts', line: 3, region: 'us-west-2', regionSource: 'literal' }),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports legacy global S3 hosts in code and the legacy setting in compose, not regional hosts', async () => {
      const map = await analyseFiles({
        'src/assets.js': [
          'const AWS = require("aws-sdk");',
          '',
          'const s3 = new AWS.S3({ endpoint: "https://s3.amazonaws.com" });',
          'const imageUrl = (key) => `https://product-images.s3.amazonaws.com/${key}`;',
          'const regionalUrl = (key) => `https://product-images.s3.eu-west-1.amazonaws.com/${key}`;',
          '',
          'module.exports = { s3, imageUrl, regionalUrl };',
          '',
        ].join('\n'),
        'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: legacy\n',
      });
      const findings = findingsOf(map, 's3-legacy-global-endpoint');
      assert.deepEqual(locations(findings), ['docker-compose.yml:5:7', 'src/assets.js:3:35', 'src/assets.js:4:27']);
      assert.deepEqual(findings.map((f) => f.severity), ['low', 'medium', 'medium']);
    });
  });
});
