import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dependency } from '../../../src/core/model';
import { resolveRegions } from '../../../src/core/resolve';
import { scanFile } from '../../../src/core/scanners';
import { loadLanguages } from '../../../src/node/languages';

const DIR = path.join(__dirname, '../../fixtures/terraform/resilience');

/**
 * Resilience facts of the resources in test/fixtures/terraform/resilience, after the Terraform pass
 * (which completes the facts that name other resources: replicas, replication destinations, copies).
 */
describe('terraform resource facts', () => {
  let byName: Map<string, Dependency>;

  before(async () => {
    const languages = await loadLanguages();
    const results = readdirSync(DIR).sort().map((f) => scanFile(f, readFileSync(path.join(DIR, f), 'utf8'), { languages }));
    const workspace = resolveRegions(results);
    byName = new Map(workspace.dependencies.filter((d) => d.kind === 'iac-resource').map((d) => [d.name as string, d]));
  });

  const facts = (name: string) => byName.get(name)?.resource;
  const where = (name: string) => {
    const d = byName.get(name);
    return d && { file: d.file, line: d.line, region: d.region, regionSource: d.regionSource };
  };

  it('gives a table the region of each aws_dynamodb_table_replica that points at it', () => {
    assert.deepEqual(where('aws_dynamodb_table.sessions'), { file: 'data.tf', line: 1, region: 'us-east-1', regionSource: 'provider' });
    assert.deepEqual(facts('aws_dynamodb_table.sessions'), {
      type: 'aws_dynamodb_table',
      name: 'sessions',
      replicaRegions: ['us-west-2'],
      attributes: { physicalNames: ['sessions'], pointInTimeRecovery: false },
    });
    assert.deepEqual(where('aws_dynamodb_table_replica.sessions_dr'), { file: 'data.tf', line: 12, region: 'us-west-2', regionSource: 'provider' });
  });

  it('marks the 2017 global tables as legacy', () => {
    assert.deepEqual(facts('aws_dynamodb_global_table.legacy_carts'), {
      type: 'aws_dynamodb_global_table',
      name: 'legacy_carts',
      replicaRegions: ['us-east-1', 'eu-west-1'],
      attributes: { physicalNames: ['carts'], legacyGlobalTable: true },
    });
  });

  it('reads KMS multi-Region keys and their replicas', () => {
    assert.deepEqual(facts('aws_kms_key.primary'), { type: 'aws_kms_key', name: 'primary', attributes: { multiRegion: true }, replicaRegions: ['us-west-2'] });
    assert.deepEqual(facts('aws_kms_replica_key.dr')?.attributes, { multiRegion: true });
  });

  it('reads Secrets Manager replicas and ECR replication destinations', () => {
    assert.deepEqual(facts('aws_secretsmanager_secret.db_credentials')?.replicaRegions, ['us-west-2']);
    assert.deepEqual(facts('aws_ecr_replication_configuration.images')?.replicaRegions, ['us-west-2']);
  });

  it('reads Aurora global clusters, cluster membership and RDS read replicas in another region', () => {
    assert.deepEqual(facts('aws_rds_global_cluster.catalog')?.attributes, { globalCluster: true });
    assert.deepEqual(facts('aws_rds_cluster.catalog_primary')?.attributes, {
      physicalNames: ['catalog-primary'],
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      globalCluster: true,
    });
    assert.deepEqual(facts('aws_rds_cluster_instance.catalog_primary')?.attributes, { physicalNames: ['catalog-primary-1'], inCluster: true });
    assert.deepEqual(facts('aws_db_instance.billing'), {
      type: 'aws_db_instance',
      name: 'billing',
      multiAz: true,
      attributes: { physicalNames: ['billing'], crossRegionCopy: true },
      replicaRegions: ['us-west-2'],
    });
    assert.equal(facts('aws_db_instance.billing_replica')?.attributes?.replicaSource, 'aws_db_instance.billing.arn');
  });

  it('gives a backup copy action the region of its destination vault', () => {
    assert.deepEqual(facts('aws_backup_plan.daily')?.attributes, { physicalNames: ['daily'], crossRegionCopyTargets: ['us-west-2'] });
  });

  it('reads single-AZ storage: EFS One Zone and ONEZONE_IA transitions', () => {
    assert.deepEqual(facts('aws_efs_file_system.scratch')?.attributes, { availabilityZones: ['us-east-1b'], singleAzStorage: true });
    assert.deepEqual(facts('aws_s3_bucket_lifecycle_configuration.archive')?.attributes, { physicalNames: ['acme-archive'], singleAzStorage: true });
  });

  it('reads ElastiCache failover and OpenSearch zone awareness', () => {
    assert.deepEqual(facts('aws_elasticache_replication_group.cache'), {
      type: 'aws_elasticache_replication_group',
      name: 'cache',
      multiAz: false,
      attributes: { physicalNames: ['cache'], automaticFailover: true },
    });
    assert.deepEqual(facts('aws_opensearch_domain.search')?.attributes, { physicalNames: ['search'], zoneAwareness: true });
  });

  it('reads load balancer cross-zone settings, subnets, AZ names and NAT gateway counts', () => {
    assert.deepEqual(facts('aws_lb.api')?.attributes, {
      physicalNames: ['api'],
      subnets: ['aws_subnet.public_a.id', 'aws_subnet.public_b.id'],
      loadBalancerType: 'network',
      crossZone: false,
    });
    assert.deepEqual(facts('aws_subnet.public_a')?.attributes, { availabilityZones: ['us-east-1a'] });
    assert.deepEqual(facts('aws_nat_gateway.egress')?.attributes, { subnets: ['aws_subnet.public_a.id'], natGateways: 1 });
  });

  it('reads a Lambda function\'s VPC subnets and environment', () => {
    assert.deepEqual(facts('aws_lambda_function.worker')?.attributes, {
      physicalNames: ['orders-worker'],
      subnets: ['aws_subnet.public_a.id'],
      environment: { TABLE_NAME: 'aws_dynamodb_table.sessions.name', STAGE: 'prod' },
    });
  });

  it('reads the event sources of an EventBridge rule', () => {
    assert.deepEqual(facts('aws_cloudwatch_event_rule.health')?.attributes?.eventSources, ['aws.health']);
  });

  it('reads Route 53 routing policies and health checks', () => {
    assert.deepEqual(facts('aws_route53_record.api_primary')?.attributes, {
      physicalNames: ['api.example.com'],
      routingPolicy: 'failover',
      failoverRole: 'PRIMARY',
      healthCheck: false,
    });
    assert.deepEqual(facts('aws_route53_record.www')?.attributes, { physicalNames: ['www.example.com'], routingPolicy: 'simple', healthCheck: false });
  });

  it('reads CloudFront failover, its certificate and Lambda@Edge, API Gateway endpoint types and WAF scope', () => {
    assert.deepEqual(facts('aws_cloudfront_distribution.site')?.attributes, {
      originFailover: false,
      viewerCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
      lambdaEdge: true,
    });
    assert.deepEqual(facts('aws_api_gateway_rest_api.public')?.attributes, { physicalNames: ['public-api'], endpointType: 'REGIONAL' });
    assert.deepEqual(facts('aws_wafv2_web_acl.edge')?.attributes, { physicalNames: ['edge'], scope: 'CLOUDFRONT' });
  });

  it('pins global services after the provider region (Route 53, CloudFront)', () => {
    assert.deepEqual(where('aws_route53_record.www'), { file: 'edge.tf', line: 18, region: 'us-east-1', regionSource: 'global-service' });
    assert.deepEqual(where('aws_wafv2_web_acl.edge'), { file: 'edge.tf', line: 66, region: 'us-east-1', regionSource: 'provider' });
  });
});
