import { strict as assert } from 'node:assert';
import { simulateOutage, simulationJson } from '../../src/core/simulate';
import { dep } from '../support/deps';
import { traceStep } from '../../src/core/trace';

describe('outage simulation', () => {
  const units = [{ name: 'OrdersFunction', stackFile: 'template.yaml', codePaths: ['src/orders'], line: 10 }];
  const dependencies = [
    dep({ kind: 'sdk-client', service: 'dynamodb', file: 'src/orders.ts', line: 8, region: 'us-east-1', regionSource: 'variable', regionTrace: [traceStep({ file: 'src/orders.ts', line: 3 }, { kind: 'value', via: 'const REGION' })] }),
    dep({ kind: 'iac-resource', service: 'dynamodb', file: 'template.yaml', line: 27, region: 'us-east-1', regionSource: 'deploy-config', resource: { type: 'AWS::DynamoDB::GlobalTable', name: 'SessionsTable', replicaRegions: ['us-east-1', 'us-west-2'] } }),
    dep({ kind: 'sdk-client', service: 'iam', file: 'src/admin.ts', line: 4, region: 'us-east-1', regionSource: 'global-service', global: true }),
    dep({ kind: 'sdk-client', service: 'dynamodb', file: 'app/worker.py', line: 5, region: null, regionSource: 'unresolved' }),
    dep({ kind: 'sdk-client', service: 'sqs', file: 'app/eu.py', line: 5, region: 'eu-west-1', regionSource: 'literal' }),
    dep({ kind: 'iac-resource', service: 'sqs', file: 'multi.yaml', line: 5, region: null, regionSource: 'deploy-config', candidateRegions: ['eu-west-1', 'eu-central-1'] }),
    dep({ kind: 'region-config', service: '*', file: 'samconfig.toml', line: 5, region: 'us-east-1', regionSource: 'deploy-config' }),
  ];

  it('lists what fails, survives and is unknown, by component', () => {
    const r = simulateOutage({ dependencies, deployUnits: units }, 'us-east-1');
    assert.deepEqual(JSON.parse(simulationJson(r)), {
      region: 'us-east-1',
      az: null,
      failing: [
        { file: 'src/admin.ts', line: 4, service: 'iam', component: 'src/admin.ts', reason: 'control-plane', detail: 'IAM changes (create, attach, update) are served only by us-east-1; authentication keeps working in every region.' },
        { file: 'src/orders.ts', line: 8, service: 'dynamodb', component: 'OrdersFunction (template.yaml)', reason: 'pinned', detail: 'region from const REGION' },
      ],
      surviving: [{ file: 'template.yaml', line: 27, service: 'dynamodb', component: 'SessionsTable', reason: 'replicated', detail: 'replica in us-west-2' }],
      unknown: [{ file: 'app/worker.py', line: 5, service: 'dynamodb', component: 'app/worker.py', reason: 'unresolved-region', detail: 'region from the environment' }],
    });
  });

  it('leaves other regions out, and lists candidates that include the failed region as unknown', () => {
    const r = simulateOutage({ dependencies }, 'eu-west-1');
    assert.deepEqual(r.failing.map((f) => f.file), ['app/eu.py']);
    assert.deepEqual(r.unknown.map((f) => `${f.file}:${f.detail}`), ['app/worker.py:region from the environment', 'multi.yaml:deployed to eu-west-1 or eu-central-1']);
  });

  it('simulates an availability zone: single-AZ resources fail, Multi-AZ ones survive', () => {
    const zonal = [
      dep({ kind: 'iac-resource', service: 'rds', file: 'main.tf', line: 3, region: 'us-east-1', regionSource: 'provider', resource: { type: 'aws_db_instance', name: 'a', multiAz: false, attributes: { availabilityZones: ['us-east-1a'] } } }),
      dep({ kind: 'iac-resource', service: 'rds', file: 'main.tf', line: 9, region: 'us-east-1', regionSource: 'provider', resource: { type: 'aws_db_instance', name: 'b', multiAz: true } }),
    ];
    const r = simulateOutage({ dependencies: zonal }, 'us-east-1', 'us-east-1a');
    assert.deepEqual(r.failing.map((f) => `${f.line}:${f.reason}`), ['3:pinned']);
    assert.deepEqual(r.surviving.map((f) => `${f.line}:${f.detail}`), ['9:Multi-AZ']);
  });
});
