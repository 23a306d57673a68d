/**
 * Services whose control plane or endpoint lives in one AWS region whatever region a caller is
 * in: the "global services" of AWS's whitepaper "AWS Fault Isolation Boundaries". A dependency on
 * one of them resolves to the hosting region with `regionSource: "global-service"`.
 */

export interface GlobalService {
  /** the region that hosts the control plane or the global endpoint */
  region: string;
  /** what is pinned: the whole API, or only its control plane (data plane is regional or global) */
  pinned: 'api' | 'control-plane';
  /** one sentence for hovers and reports */
  note: string;
  source: string;
}

const WHITEPAPER = 'https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html';
const PARTITIONAL = 'https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/appendix-a---partitional-service-guidance.html';

export const GLOBAL_SERVICES: Readonly<Record<string, GlobalService>> = {
  // Source: whitepaper, "Global services" and appendix A (IAM control plane in us-east-1; data plane in every region).
  iam: { region: 'us-east-1', pinned: 'control-plane', note: 'IAM changes (create, attach, update) are served only by us-east-1; authentication keeps working in every region.', source: PARTITIONAL },
  // Source: whitepaper appendix A.
  organizations: { region: 'us-east-1', pinned: 'api', note: 'The Organizations API is served from us-east-1.', source: PARTITIONAL },
  // Source: whitepaper appendix A (Account Management).
  account: { region: 'us-east-1', pinned: 'api', note: 'Account Management is served from us-east-1.', source: PARTITIONAL },
  // Source: whitepaper appendix A: Route 53 control plane in us-east-1, data plane (DNS answers, health checks) global.
  route53: { region: 'us-east-1', pinned: 'control-plane', note: 'Record and zone changes need the us-east-1 control plane; DNS answers and health checks keep working.', source: PARTITIONAL },
  // Source: whitepaper appendix A (Route 53 Domains).
  route53domains: { region: 'us-east-1', pinned: 'api', note: 'Domain registration is served from us-east-1.', source: PARTITIONAL },
  // Source: whitepaper appendix A: CloudFront control plane in us-east-1; edge data plane global.
  cloudfront: { region: 'us-east-1', pinned: 'control-plane', note: 'Distribution changes, ACM certificates for CloudFront, Lambda@Edge and WAF for CloudFront are managed in us-east-1.', source: PARTITIONAL },
  // Source: whitepaper appendix A (Shield Advanced) and https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html (WAF Classic global).
  shield: { region: 'us-east-1', pinned: 'api', note: 'Shield Advanced is managed in us-east-1.', source: PARTITIONAL },
  waf: { region: 'us-east-1', pinned: 'api', note: 'WAF Classic (global) for CloudFront is managed in us-east-1.', source: PARTITIONAL },
  // Source: https://docs.aws.amazon.com/cost-management/latest/userguide/ce-api.html (endpoint ce.us-east-1.amazonaws.com).
  ce: { region: 'us-east-1', pinned: 'api', note: 'Cost Explorer is served from us-east-1.', source: 'https://docs.aws.amazon.com/cost-management/latest/userguide/ce-api.html' },
  // Source: https://docs.aws.amazon.com/general/latest/gr/billing.html (Budgets endpoint in us-east-1).
  budgets: { region: 'us-east-1', pinned: 'api', note: 'AWS Budgets is served from us-east-1.', source: 'https://docs.aws.amazon.com/general/latest/gr/billing.html' },
  // Source: https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-the-aws-price-list-query-api.html
  pricing: { region: 'us-east-1', pinned: 'api', note: 'The Price List API is served from us-east-1 (and a few mirrors).', source: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html' },
  // Source: whitepaper appendix A (AWS Marketplace).
  marketplace: { region: 'us-east-1', pinned: 'api', note: 'AWS Marketplace APIs are served from us-east-1.', source: PARTITIONAL },
  // Source: https://docs.aws.amazon.com/awssupport/latest/user/about-support-api.html (endpoint support.us-east-1.amazonaws.com).
  support: { region: 'us-east-1', pinned: 'api', note: 'The AWS Support API is served from us-east-1.', source: 'https://docs.aws.amazon.com/awssupport/latest/user/about-support-api.html' },
  // Source: https://docs.aws.amazon.com/health/latest/ug/health-api.html (active/passive us-east-1 / us-east-2).
  health: { region: 'us-east-1', pinned: 'api', note: 'The AWS Health API is active/passive between us-east-1 and us-east-2, behind global.health.amazonaws.com.', source: 'https://docs.aws.amazon.com/health/latest/ug/health-api.html' },
  // Source: https://docs.aws.amazon.com/global-accelerator/latest/dg/preserve-client-ip-address.regions.html (control plane us-west-2).
  globalaccelerator: { region: 'us-west-2', pinned: 'control-plane', note: 'Global Accelerator configuration is served only from us-west-2; traffic keeps flowing.', source: 'https://docs.aws.amazon.com/global-accelerator/latest/dg/preserve-client-ip-address.regions.html' },
  // Source: https://docs.aws.amazon.com/r53recovery/latest/dg/introduction-regions-routing.html
  'route53-recovery-control-config': { region: 'us-west-2', pinned: 'api', note: 'ARC routing-control configuration is served only from us-west-2; use the five-region cluster endpoints to flip controls.', source: 'https://docs.aws.amazon.com/r53recovery/latest/dg/introduction-regions-routing.html' },
  // Source: whitepaper appendix A (Network Manager home region us-west-2).
  networkmanager: { region: 'us-west-2', pinned: 'control-plane', note: 'Network Manager (Cloud WAN) is managed from us-west-2.', source: PARTITIONAL },
};

/** The global STS endpoint `sts.amazonaws.com` (legacy), hosted in us-east-1. Source: https://docs.aws.amazon.com/sdkref/latest/guide/feature-sts-regionalized-endpoints.html */
export const LEGACY_STS_REGION = 'us-east-1';
/** The legacy global S3 endpoint `s3.amazonaws.com` maps to us-east-1. Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html */
export const LEGACY_S3_REGION = 'us-east-1';

export function globalServiceOf(service: string): GlobalService | undefined {
  return Object.prototype.hasOwnProperty.call(GLOBAL_SERVICES, service) ? GLOBAL_SERVICES[service] : undefined;
}

export { WHITEPAPER as FAULT_ISOLATION_WHITEPAPER };
