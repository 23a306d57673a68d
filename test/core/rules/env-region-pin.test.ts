import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/env-region-pin';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';
import { traceStep } from '../../../src/core/trace';

describe('env-region-pin', () => {
  describe('over hand-built dependencies', () => {
    const dotenv = dep({ kind: 'region-config', service: '*', name: 'AWS_REGION', text: 'us-east-1', origin: 'dotenv', setsEnv: 'AWS_REGION', file: 'services/api/.env', line: 2, region: 'us-east-1', regionSource: 'env', scope: { directory: 'services/api', appliesTo: 'runtime' } });
    const reader = dep({ kind: 'sdk-client', service: 'dynamodb', name: 'DynamoDBClient', file: 'services/api/src/db.ts', line: 3, region: 'us-east-1', regionSource: 'env',
      regionTrace: [traceStep({ file: 'services/api/src/db.ts', line: 3, column: 1 }, { kind: 'runtime-env', variable: 'AWS_REGION' }), traceStep({ file: 'services/api/.env', line: 2, column: 1 }, { kind: 'env-assignment', variable: 'AWS_REGION', value: 'us-east-1', form: 'setting', region: 'us-east-1' })] });

    it('reports region variables set in env files, compose and Dockerfiles, with what they decide', () => {
      const findings = runRulesOn(rule, [
        dotenv,
        reader,
        dep({ kind: 'region-config', service: '*', name: 'AWS_DEFAULT_REGION', origin: 'dockerfile', setsEnv: 'AWS_DEFAULT_REGION', file: 'Dockerfile', line: 3, column: 5, region: 'eu-west-1', regionSource: 'env' }),
        dep({ kind: 'region-config', service: '*', name: 'CDK_DEFAULT_REGION', origin: 'docker-compose', setsEnv: 'CDK_DEFAULT_REGION', file: 'docker-compose.yml', line: 8, column: 7, region: 'us-west-2', regionSource: 'env' }),
      ]);
      assert.deepEqual(located(findings), ['Dockerfile:3:5 info', 'docker-compose.yml:8:7 info', 'services/api/.env:2:1 info']);
      assert.equal(findings[2].message, 'AWS_REGION=us-east-1 pins every process started with this environment to us-east-1; 1 dependency in code resolves to us-east-1 through it. Moving away from us-east-1 during an outage needs this setting changed and redeployed.');
      assert.deepEqual(findings[2].dependencyIds, [dotenv.id, reader.id]);
    });

    it('leaves placeholders, other variables, and CI or IaC settings to their own rules', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'region-config', service: '*', name: 'AWS_REGION', text: '${REGION}', origin: 'dotenv', setsEnv: 'AWS_REGION', file: '.env', line: 1, region: null, regionSource: 'unresolved' }),
        dep({ kind: 'region-config', service: '*', name: 'BACKUP_REGION', origin: 'dotenv', setsEnv: 'BACKUP_REGION', file: '.env', line: 2, region: 'us-west-2', regionSource: 'env' }),
        dep({ kind: 'region-config', service: '*', name: 'AWS_REGION', origin: 'github-actions', setsEnv: 'AWS_REGION', file: '.github/workflows/ci.yml', line: 5, region: 'us-east-1', regionSource: 'env' }),
        dep({ kind: 'region-config', service: '*', name: 'provider.region', origin: 'terraform', file: 'main.tf', line: 2, region: 'us-east-1', regionSource: 'literal' }),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports the .env, compose and Dockerfile settings at their keys', async () => {
      const map = await analyseFiles({
        '.env': 'NODE_ENV=production\nAWS_REGION=us-east-1\nTABLE_NAME=orders\n',
        'docker-compose.yml': [
          'services:',
          '  api:',
          '    build: .',
          '    ports:',
          '      - "3000:3000"',
          '    environment:',
          '      AWS_REGION: eu-west-1',
          '      LOG_LEVEL: info',
          '',
        ].join('\n'),
        'Dockerfile': 'FROM public.ecr.aws/lambda/nodejs:20\nENV AWS_DEFAULT_REGION=ap-southeast-2\nCOPY dist/ ${LAMBDA_TASK_ROOT}/\nCMD ["index.handler"]\n',
        '.env.example': 'AWS_REGION=\n',
      });
      const findings = findingsOf(map, 'env-region-pin');
      assert.deepEqual(locations(findings), ['.env:2:1', 'Dockerfile:2:5', 'docker-compose.yml:7:7']);
      assert.deepEqual(findings.map((f) => f.severity), ['info', 'info', 'info']);
    });
  });
});
