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

  /** The facts, without the quick-fix insertion point and the zone's location (asserted on their own). */
  const facts = (name: string) => {
    const r = byName.get(name)?.resource;
    if (!r?.attributes?.propertyInsertion && !r?.attributes?.availabilityZoneAt) return r;
    const { propertyInsertion: _insertion, availabilityZoneAt: _zone, ...attributes } = r.attributes;
    return { ...r, attributes };
  };
  const where = (name: string) => {
    const d = byName.get(name);
    return d && { file: d.file, line: d.line, region: d.region, regionSource: d.regionSource };
  };

  it('gives a table the region of each aws_dynamodb_table_replica that points at it', () => {
    assert.deepEqual(where('aws_dynamodb_table.sessions'), { file: 'data.tf', line: 1, region: 'us-east-1', regionSource: 'provider' });
    assert.deepEqual(facts('aws_dynamodb_table.sessions'), {
      type: 'aws_dynamodb_table',
      kind: 'AWS::DynamoDB::Table',
      name: 'sessions',
      replicaRegions: ['us-west-2'],
      attributes: { physicalNames: ['sessions'], kmsKeys: [], pointInTimeRecovery: false },
    });
    assert.deepEqual(where('aws_dynamodb_table_replica.sessions_dr'), { file: 'data.tf', line: 12, region: 'us-west-2', regionSource: 'provider' });
  });

  it('marks the 2017 global tables as legacy', () => {
    assert.deepEqual(facts('aws_dynamodb_global_table.legacy_carts'), {
      type: 'aws_dynamodb_global_table',
      kind: 'AWS::DynamoDB::GlobalTable@2017.11.29',
      name: 'legacy_carts',
      replicaRegions: ['us-east-1', 'eu-west-1'],
      attributes: { physicalNames: ['carts'], legacyGlobalTable: true },
    });
  });

  it('reads KMS multi-Region keys and their replicas', () => {
    assert.deepEqual(facts('aws_kms_key.primary'), { type: 'aws_kms_key', kind: 'AWS::KMS::Key', name: 'primary', attributes: { multiRegion: true }, replicaRegions: ['us-west-2'] });
    assert.deepEqual(facts('aws_kms_replica_key.dr')?.attributes, { multiRegion: true, replicaOf: ['aws_kms_key.primary.arn'] });
  });

  it('reads Secrets Manager replicas and ECR replication destinations', () => {
    assert.deepEqual(facts('aws_secretsmanager_secret.db_credentials')?.replicaRegions, ['us-west-2']);
    assert.deepEqual(facts('aws_secretsmanager_secret.db_credentials')?.attributes?.kmsKeys, [], 'the AWS managed key aws/secretsmanager');
    assert.deepEqual(facts('aws_ecr_replication_configuration.images')?.replicaRegions, ['us-west-2']);
  });

  it('reads Aurora global clusters, cluster membership and RDS read replicas in another region', () => {
    assert.deepEqual(facts('aws_rds_global_cluster.catalog')?.attributes, { globalCluster: true });
    assert.deepEqual(facts('aws_rds_cluster.catalog_primary')?.attributes, {
      physicalNames: ['catalog-primary'],
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      kmsKeys: [],
      globalCluster: true,
    });
    assert.deepEqual(facts('aws_rds_cluster_instance.catalog_primary')?.attributes, { physicalNames: ['catalog-primary-1'], inCluster: true });
    assert.deepEqual(facts('aws_db_instance.billing'), {
      type: 'aws_db_instance',
      kind: 'AWS::RDS::DBInstance',
      name: 'billing',
      multiAz: true,
      attributes: { physicalNames: ['billing'], kmsKeys: [], crossRegionCopy: true },
      replicaRegions: ['us-west-2'],
    });
    assert.equal(facts('aws_db_instance.billing_replica')?.attributes?.replicaSource, 'aws_db_instance.billing.arn');
  });

  it('gives a backup copy action the region of its destination vault', () => {
    assert.deepEqual(facts('aws_backup_plan.daily')?.attributes, { physicalNames: ['daily'], crossRegionCopyTargets: ['us-west-2'] });
  });

  it('reads single-AZ storage: EFS One Zone and ONEZONE_IA transitions', () => {
    assert.deepEqual(facts('aws_efs_file_system.scratch')?.attributes, { availabilityZones: ['us-east-1b'], kmsKeys: [], singleAzStorage: true });
    assert.deepEqual(facts('aws_s3_bucket_lifecycle_configuration.archive')?.attributes, { physicalNames: ['acme-archive'], singleAzStorage: true });
  });

  it('reads ElastiCache failover and OpenSearch zone awareness', () => {
    assert.deepEqual(facts('aws_elasticache_replication_group.cache'), {
      type: 'aws_elasticache_replication_group',
      kind: 'AWS::ElastiCache::ReplicationGroup',
      name: 'cache',
      multiAz: false,
      attributes: { physicalNames: ['cache'], kmsKeys: [], automaticFailover: true },
    });
    assert.deepEqual(facts('aws_opensearch_domain.search')?.attributes, { physicalNames: ['search'], kmsKeys: [], zoneAwareness: true });
  });

  it('reads load balancer cross-zone settings, subnets, AZ names and NAT gateway counts', () => {
    assert.deepEqual(facts('aws_lb.api')?.attributes, {
      physicalNames: ['api'],
      subnets: ['aws_subnet.public_a.id', 'aws_subnet.public_b.id'],
      subnetForms: ['reference', 'reference'],
      loadBalancerType: 'network',
      crossZone: false,
    });
    assert.deepEqual(facts('aws_subnet.public_a')?.attributes, { availabilityZones: ['us-east-1a'] });
    assert.deepEqual(facts('aws_nat_gateway.egress')?.attributes, { subnets: ['aws_subnet.public_a.id'], subnetForms: ['reference'], natGateways: 1 });
  });

  it('reads a Lambda function\'s VPC subnets and environment', () => {
    assert.deepEqual(facts('aws_lambda_function.worker')?.attributes, {
      physicalNames: ['orders-worker'],
      subnets: ['aws_subnet.public_a.id'],
      subnetForms: ['reference'],
      kmsKeys: [],
      environment: { TABLE_NAME: 'aws_dynamodb_table.sessions.name', STAGE: 'prod' },
    });
  });

  it('reads the event sources of an EventBridge rule', () => {
    assert.deepEqual(facts('aws_cloudwatch_event_rule.health')?.attributes?.eventSources, ['aws.health']);
  });

  it('reads Route 53 routing policies and health checks', () => {
    assert.deepEqual(facts('aws_route53_record.api_primary')?.attributes, {
      physicalNames: ['api.example.com'],
      recordType: 'A',
      routingPolicy: 'failover',
      failoverRole: 'PRIMARY',
      healthCheck: false,
      aliasTarget: 'api-use1.elb.us-east-1.amazonaws.com',
      aliasHostedZoneId: 'Z35SXDOTRQ7X7K',
    });
    assert.deepEqual(facts('aws_route53_record.www')?.attributes, { physicalNames: ['www.example.com'], recordType: 'CNAME', routingPolicy: 'simple', healthCheck: false });
  });

  it('reads CloudFront failover, its certificate and Lambda@Edge, API Gateway endpoint types and WAF scope', () => {
    assert.deepEqual(facts('aws_cloudfront_distribution.site')?.attributes, {
      originDomains: ['acme-site.s3.us-east-1.amazonaws.com'],
      originFailover: false,
      viewerCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
      lambdaEdge: true,
    });
    assert.deepEqual(facts('aws_api_gateway_rest_api.public')?.attributes, { physicalNames: ['public-api'], endpointType: 'REGIONAL' });
    assert.deepEqual(facts('aws_wafv2_web_acl.edge')?.attributes, { physicalNames: ['edge'], scope: 'CLOUDFRONT' });
  });

  it('records S3 replication destinations as written, and the bucket a replication configuration replicates', () => {
    assert.deepEqual(facts('aws_s3_bucket_replication_configuration.media'), {
      type: 'aws_s3_bucket_replication_configuration',
      kind: 'AWS::S3::Bucket/ReplicationConfiguration',
      name: 'media',
      // The destination bucket is declared with provider aws.dr: the pass gives the slot its region.
      replicaRegions: ['us-west-2'],
      attributes: {
        kmsKeys: ['arn:aws:kms:us-west-2:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab'],
        replicationDestinations: ['aws_s3_bucket.media_dr.arn'],
        replicaOf: ['aws_s3_bucket.media.id'],
      },
    });
    assert.deepEqual(facts('aws_s3_bucket.media')?.replicaRegions, ['us-west-2']);
    assert.deepEqual(where('aws_s3_bucket.media_dr'), { file: 'references.tf', line: 52, region: 'us-west-2', regionSource: 'provider' });
  });

  it('gives a replication destination written as an ARN the region of the workspace bucket of that name', () => {
    assert.deepEqual(facts('aws_s3_bucket_replication_configuration.logs'), {
      type: 'aws_s3_bucket_replication_configuration',
      kind: 'AWS::S3::Bucket/ReplicationConfiguration',
      name: 'logs',
      // The second destination is no bucket of the workspace: its region stays unknown.
      replicaRegions: ['us-west-2', null],
      attributes: {
        kmsKeys: [],
        replicationDestinations: ['arn:aws:s3:::acme-logs-dr', 'arn:aws:s3:::acme-archive-elsewhere'],
        replicaOf: ['aws_s3_bucket.logs.id'],
      },
    });
    assert.deepEqual(facts('aws_s3_bucket.logs')?.replicaRegions, ['us-west-2', null]);
  });

  it('records the KMS keys a resource names: nested blocks, conditionals, AWS managed aliases, and [] when it names none', () => {
    assert.deepEqual(facts('aws_dynamodb_table.carts')?.attributes?.kmsKeys, ['aws_kms_key.orders.arn', 'var.replica_key_arn']);
    // `cond ? key : null`: the key, not the null branch.
    assert.deepEqual(facts('aws_cloudwatch_log_group.audit')?.attributes?.kmsKeys, ['aws_kms_key.orders.arn']);
    assert.deepEqual(facts('aws_sns_topic.alerts')?.attributes?.kmsKeys, ['alias/aws/sns']);
    assert.deepEqual(facts('aws_s3_bucket.media_dr')?.attributes?.kmsKeys, [], 'a bucket without a customer key (SSE-S3)');
    // Types that cannot name a key say nothing.
    assert.equal(facts('aws_kms_key.orders')?.attributes?.kmsKeys, undefined);
    assert.equal(facts('aws_route53_record.apex')?.attributes?.kmsKeys, undefined);
  });

  it('gives a bucket the keys of its aws_s3_bucket_server_side_encryption_configuration', () => {
    assert.deepEqual(facts('aws_s3_bucket_server_side_encryption_configuration.media')?.attributes, { kmsKeys: ['aws_kms_key.orders.arn'] });
    assert.deepEqual(facts('aws_s3_bucket.media')?.attributes, { physicalNames: ['acme-media'], kmsKeys: ['aws_kms_key.orders.arn'] });
  });

  it('adds the key an aws_kms_alias targets to the keys of a resource that names the alias', () => {
    assert.deepEqual(facts('aws_sqs_queue.orders')?.attributes?.kmsKeys, ['aws_kms_alias.orders.name', 'aws_kms_key.orders']);
  });

  it('records zones chosen by data.aws_availability_zones, variables and locals, but not per-instance choices', () => {
    assert.deepEqual(facts('aws_subnet.private_a')?.attributes, { availabilityZoneRefs: ['data.aws_availability_zones.available.names[0]'] });
    // element(list, 1) is list[1]: the same zone whichever way it is written.
    assert.deepEqual(facts('aws_subnet.private_b')?.attributes, { availabilityZoneRefs: ['data.aws_availability_zones.available.names[1]'] });
    assert.deepEqual(facts('aws_subnet.app')?.attributes, { availabilityZoneRefs: ['var.app_az'] });
    assert.deepEqual(facts('aws_autoscaling_group.workers')?.attributes, { physicalNames: ['workers'], availabilityZoneRefs: ['local.azs[0]', 'local.azs[1]'] });
    // names[count.index] is a different zone for each instance.
    assert.deepEqual(facts('aws_subnet.per_zone')?.attributes, {});
  });

  it('records Route 53 record types and alias targets, and CloudFront origins', () => {
    assert.deepEqual(facts('aws_route53_record.apex')?.attributes, {
      physicalNames: ['example.com'],
      recordType: 'A',
      routingPolicy: 'simple',
      healthCheck: false,
      aliasTarget: 'aws_cloudfront_distribution.media.domain_name',
      aliasTargetKind: 'AWS::CloudFront::Distribution',
      aliasHostedZoneId: 'aws_cloudfront_distribution.media.hosted_zone_id',
    });
    assert.deepEqual(facts('aws_route53_record.verification')?.attributes, { physicalNames: ['_acme-verify.example.com'], recordType: 'TXT', routingPolicy: 'simple', healthCheck: false });
    assert.deepEqual(facts('aws_cloudfront_distribution.media')?.attributes, {
      originDomains: ['aws_s3_bucket.media.bucket_regional_domain_name', '${aws_s3_bucket.media_dr.id}.s3.us-west-2.amazonaws.com'],
      originFailover: true,
      lambdaEdge: false,
    });
  });

  it('records where a quick fix may add an argument: after the resource line, at the body\'s indentation', () => {
    assert.deepEqual(byName.get('aws_kms_key.orders')?.resource?.attributes?.propertyInsertion, {
      line: 25, indent: '  ', syntax: 'hcl', keys: ['description', 'deletion_window_in_days', 'enable_key_rotation'],
    });
    // Nested blocks are keys too (a fix never adds an argument that is written as a block).
    assert.deepEqual(byName.get('aws_dynamodb_table.carts')?.resource?.attributes?.propertyInsertion, {
      line: 92, indent: '  ', syntax: 'hcl', keys: ['name', 'billing_mode', 'hash_key', 'attribute', 'server_side_encryption', 'replica'],
    });
  });

  it('pins global services after the provider region (Route 53, CloudFront)', () => {
    assert.deepEqual(where('aws_route53_record.www'), { file: 'edge.tf', line: 18, region: 'us-east-1', regionSource: 'global-service' });
    assert.deepEqual(where('aws_wafv2_web_acl.edge'), { file: 'edge.tf', line: 66, region: 'us-east-1', regionSource: 'provider' });
  });
});
