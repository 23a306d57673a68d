/**
 * AWS Health service codes (`DYNAMODB`, `CLOUDWATCH`, `COGNITO`) and public-dashboard service
 * keys (`dynamodb-us-east-1`, `multipleservices-us-east-1`, `iam`) mapped to Outage Radar's
 * service ids (CONTRACTS.md "Service ids").
 *
 * Most Health codes are an SDK v2 class name or a boto3 client name in capitals, so the generated
 * catalogue answers them (`CLOUDWATCH` → the `CloudWatch` class → `monitoring`). A small table
 * covers the codes the catalogue cannot answer, and the Health services that stand for several
 * endpoints (an API Gateway event also concerns the `execute-api` invoke URLs).
 */
import { isKnownService, serviceOfBoto3Name, serviceOfV2Class } from '../catalogue/services';
import { isRegion } from '../regions';

/** A multi-service event without a list of services: it may concern any service in its region. */
export const ANY_SERVICE = '*';

/**
 * Health codes whose services the catalogue lookups do not give completely. Each entry lists
 * every service id the Health service stands for, primary first; it replaces the lookup.
 * Sources: the `service` values AWS Health reports (DescribeEventTypes) and the endpoint
 * prefixes in the AWS General Reference.
 */
const HEALTH_SERVICE_EXCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  // Amazon Cognito is one Health service; its endpoints are user pools, identity pools and sync.
  COGNITO: ['cognito-idp', 'cognito-identity', 'cognito-sync'],
  // API Gateway's control plane is `apigateway`; the APIs it serves are `execute-api` invoke URLs.
  APIGATEWAY: ['apigateway', 'execute-api'],
  // Bedrock's runtime and agents are separate endpoints of the same Health service.
  BEDROCK: ['bedrock', 'bedrock-runtime', 'bedrock-agent', 'bedrock-agent-runtime'],
  // EKS Pod Identity is served by `eks-auth`.
  EKS: ['eks', 'eks-auth'],
  // S3 Control (account-level S3 APIs) shares S3's Health events.
  S3: ['s3', 's3-control'],
  // Networking features that AWS Health reports on their own but that are all EC2 APIs.
  VPC: ['ec2'],
  VPN: ['ec2'],
  TRANSITGATEWAY: ['ec2'],
  NATGATEWAY: ['ec2'],
  EBS: ['ebs', 'ec2'],
  // Fargate runs ECS (and EKS) tasks; its events concern ECS.
  FARGATE: ['ecs'],
  // Aurora, DocumentDB and Neptune are served by the RDS API (endpoint prefix `rds`).
  AURORA: ['rds'],
  DOCUMENTDB: ['rds'],
  NEPTUNE: ['rds'],
  // Amazon MSK's endpoint prefix is `kafka`; Amazon MQ's is `mq`.
  MSK: ['kafka'],
  AMAZONMQ: ['mq'],
  // Elastic Load Balancing: the dashboard and older events say ELB.
  ELB: ['elasticloadbalancing'],
  // IAM Identity Center (formerly SSO): the portal, OIDC and identity-store endpoints.
  IDENTITYCENTER: ['sso', 'oidc', 'identitystore'],
  // A "Multiple services" event (the public dashboard's `multipleservices-<region>` key).
  MULTIPLE_SERVICES: [ANY_SERVICE],
  MULTIPLESERVICES: [ANY_SERVICE],
};

/**
 * Every Outage Radar service id an AWS Health service code stands for, primary first. Unknown
 * codes fall back to the lowercased code, so a new Health service still matches dependencies
 * whose service id happens to be that name.
 */
export function serviceIdsOfHealthService(code: string): string[] {
  const upper = code.trim().toUpperCase();
  if (Object.prototype.hasOwnProperty.call(HEALTH_SERVICE_EXCEPTIONS, upper)) return [...HEALTH_SERVICE_EXCEPTIONS[upper]];
  const lower = upper.toLowerCase();
  const found = serviceOfV2Class(lower) ?? serviceOfBoto3Name(lower) ?? (isKnownService(lower) ? lower : undefined);
  return [found ?? lower];
}

/** The primary Outage Radar service id of an AWS Health service code (`CLOUDWATCH` → `monitoring`). */
export function serviceIdOfHealthService(code: string): string {
  return serviceIdsOfHealthService(code)[0];
}

/**
 * Splits a public-dashboard service key into its service part and region: `dynamodb-us-east-1`
 * → `{ slug: 'dynamodb', region: 'us-east-1' }`; `iam` → `{ slug: 'iam', region: null }` (the
 * dashboard writes global services without a region).
 */
export function splitDashboardServiceKey(key: string): { slug: string; region: string | null } {
  const lower = key.trim().toLowerCase();
  // Region names have three or four dash-separated parts (`us-east-1`, `us-gov-west-1`); try the
  // longer suffix first so `us-gov-west-1` is not read as `gov-west-1`.
  const parts = lower.split('-');
  for (const take of [4, 3]) {
    if (parts.length <= take) continue;
    const region = parts.slice(parts.length - take).join('-');
    if (isRegion(region)) return { slug: parts.slice(0, parts.length - take).join('-'), region };
  }
  return { slug: lower, region: null };
}

/** The AWS Health service code a dashboard slug stands for: `dynamodb` → `DYNAMODB`, `multipleservices` → `MULTIPLE_SERVICES`. */
export function healthCodeOfDashboardSlug(slug: string): string {
  const upper = slug.toUpperCase().replace(/-/g, '_');
  return upper === 'MULTIPLESERVICES' ? 'MULTIPLE_SERVICES' : upper;
}
