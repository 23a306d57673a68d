/**
 * Rules for infrastructure as code (RULES.md sections C, D, E): data and state, network and
 * availability zones, global and edge services pinned to one control-plane region. Rule id = module
 * file name = docs page; the order here is the order of RULES.md.
 */
import { rule as dynamodbTableNotGlobal } from './dynamodb-table-not-global';
import { rule as dynamodbLegacyGlobalTable } from './dynamodb-legacy-global-table';
import { rule as dynamodbPitrDisabled } from './dynamodb-pitr-disabled';
import { rule as s3BucketNoCrossRegionReplication } from './s3-bucket-no-cross-region-replication';
import { rule as singleAzStorage } from './single-az-storage';
import { rule as rdsInstanceSingleAz } from './rds-instance-single-az';
import { rule as rdsNoCrossRegionCopy } from './rds-no-cross-region-copy';
import { rule as kmsKeySingleRegion } from './kms-key-single-region';
import { rule as secretNotReplicated } from './secret-not-replicated';
import { rule as ecrNoReplication } from './ecr-no-replication';
import { rule as backupNoCrossRegionCopy } from './backup-no-cross-region-copy';
import { rule as elasticacheNoMultiAz } from './elasticache-no-multi-az';
import { rule as searchNoZoneAwareness } from './search-no-zone-awareness';
import { rule as cognitoPoolNoReplica } from './cognito-pool-no-replica';
import { rule as eventbusNoGlobalEndpoint } from './eventbus-no-global-endpoint';
import { rule as hardcodedAvailabilityZone } from './hardcoded-availability-zone';
import { rule as subnetsSingleAz } from './subnets-single-az';
import { rule as natGatewaySingleAz } from './nat-gateway-single-az';
import { rule as lbCrossZoneDisabled } from './lb-cross-zone-disabled';
import { rule as route53NoFailover } from './route53-no-failover';
import { rule as route53FailoverWithoutHealthCheck } from './route53-failover-without-health-check';
import { rule as route53ControlPlane } from './route53-control-plane';
import { rule as acmCloudfrontCertificateRegion } from './acm-cloudfront-certificate-region';
import { rule as apigwEdgeOptimized } from './apigw-edge-optimized';
import { rule as lambdaAtEdge } from './lambda-at-edge';
import { rule as wafv2CloudfrontScope } from './wafv2-cloudfront-scope';
import { rule as cloudfrontNoOriginFailover } from './cloudfront-no-origin-failover';
import { rule as iamInAppStack } from './iam-in-app-stack';
import { rule as healthRuleSingleRegion } from './health-rule-single-region';
import type { Rule } from './types';

export const IAC_RULES: readonly Rule[] = [
  // C. Data and state
  dynamodbTableNotGlobal,
  dynamodbLegacyGlobalTable,
  dynamodbPitrDisabled,
  s3BucketNoCrossRegionReplication,
  singleAzStorage,
  rdsInstanceSingleAz,
  rdsNoCrossRegionCopy,
  kmsKeySingleRegion,
  secretNotReplicated,
  ecrNoReplication,
  backupNoCrossRegionCopy,
  elasticacheNoMultiAz,
  searchNoZoneAwareness,
  cognitoPoolNoReplica,
  eventbusNoGlobalEndpoint,
  // D. Network and availability zones
  hardcodedAvailabilityZone,
  subnetsSingleAz,
  natGatewaySingleAz,
  lbCrossZoneDisabled,
  route53NoFailover,
  route53FailoverWithoutHealthCheck,
  route53ControlPlane,
  // E. Global and edge services
  acmCloudfrontCertificateRegion,
  apigwEdgeOptimized,
  lambdaAtEdge,
  wafv2CloudfrontScope,
  cloudfrontNoOriginFailover,
  iamInAppStack,
  healthRuleSingleRegion,
];
