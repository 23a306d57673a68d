import { strict as assert } from 'node:assert';
import { isKnownService } from '../../../src/core/catalogue/services';
import {
  healthCodeOfDashboardSlug,
  serviceIdOfHealthService,
  serviceIdsOfHealthService,
  splitDashboardServiceKey,
} from '../../../src/core/health/services';

describe('AWS Health service codes', () => {
  it('maps the common Health codes to endpoint-prefix service ids through the catalogue', () => {
    const expected: Record<string, string> = {
      DYNAMODB: 'dynamodb', EC2: 'ec2', LAMBDA: 'lambda', CLOUDFRONT: 'cloudfront', IAM: 'iam', S3: 's3',
      ELASTICLOADBALANCING: 'elasticloadbalancing', COGNITO: 'cognito-idp', APIGATEWAY: 'apigateway', SQS: 'sqs',
      SNS: 'sns', STATES: 'states', EVENTS: 'events', CLOUDWATCH: 'monitoring', LOGS: 'logs', KMS: 'kms',
      SECRETSMANAGER: 'secretsmanager', RDS: 'rds', ROUTE53: 'route53', STS: 'sts', ECR: 'ecr', ECS: 'ecs', EKS: 'eks',
      ELASTICACHE: 'elasticache', KINESIS: 'kinesis', EMR: 'elasticmapreduce', EFS: 'elasticfilesystem', MSK: 'kafka',
      VPC: 'ec2', FARGATE: 'ecs',
    };
    const actual = Object.fromEntries(Object.keys(expected).map((code) => [code, serviceIdOfHealthService(code)]));
    assert.deepEqual(actual, expected);
  });

  it('lists every service id a Health service stands for', () => {
    assert.deepEqual(serviceIdsOfHealthService('APIGATEWAY'), ['apigateway', 'execute-api']);
    assert.deepEqual(serviceIdsOfHealthService('COGNITO'), ['cognito-idp', 'cognito-identity', 'cognito-sync']);
    assert.deepEqual(serviceIdsOfHealthService('dynamodb'), ['dynamodb']);
    assert.deepEqual(serviceIdsOfHealthService('MULTIPLE_SERVICES'), ['*']);
  });

  it('names only catalogue services in its exceptions table', () => {
    for (const code of ['COGNITO', 'APIGATEWAY', 'BEDROCK', 'EKS', 'S3', 'EBS', 'AURORA', 'MSK', 'AMAZONMQ', 'ELB', 'IDENTITYCENTER']) {
      for (const id of serviceIdsOfHealthService(code)) assert.ok(isKnownService(id), `${code} → ${id} is not in the catalogue`);
    }
  });

  it('falls back to the lowercased code for a Health service it does not know', () => {
    assert.deepEqual(serviceIdsOfHealthService('QUANTUMLEDGER'), ['quantumledger']);
  });

  it('splits public-dashboard service keys into slug and region', () => {
    assert.deepEqual(splitDashboardServiceKey('dynamodb-us-east-1'), { slug: 'dynamodb', region: 'us-east-1' });
    assert.deepEqual(splitDashboardServiceKey('multipleservices-ap-southeast-2'), { slug: 'multipleservices', region: 'ap-southeast-2' });
    assert.deepEqual(splitDashboardServiceKey('ec2-us-gov-west-1'), { slug: 'ec2', region: 'us-gov-west-1' });
    assert.deepEqual(splitDashboardServiceKey('iam'), { slug: 'iam', region: null });
    assert.deepEqual(splitDashboardServiceKey('route53-private-dns'), { slug: 'route53-private-dns', region: null });
    assert.equal(healthCodeOfDashboardSlug('multipleservices'), 'MULTIPLE_SERVICES');
    assert.equal(healthCodeOfDashboardSlug('dynamodb'), 'DYNAMODB');
  });
});
