/**
 * cloudfront-no-origin-failover: a CloudFront distribution with regional origins (an S3 bucket, a
 * load balancer, an API Gateway or Lambda URL — any origin in AWS, or one declared in the
 * workspace) and no origin group with failover criteria. During an outage of the origin's region,
 * every cache miss fails.
 *
 * Origins are read from `originDomains` when the scanner records them; a distribution whose
 * origins are all outside AWS (a literal hostname that is not an AWS endpoint) is not reported.
 * Without origin facts, the origins are assumed to be regional.
 */
import type { Dependency } from '../model';
import { attributesOf, isCloudFrontDistribution, nameOf, textListAttribute } from './iacPredicates';
import type { Rule } from './types';

function regionalOrigin(origin: string): boolean {
  const o = origin.trim().toLowerCase();
  if (/amazonaws\.com(\.cn)?\b|\.on\.aws\b|\.api\.aws\b/.test(o)) return true;
  // A reference to a resource (`${Bucket.RegionalDomainName}`, `aws_lb.web.dns_name`, a construct) is an AWS resource in one region.
  if (o.includes('${') || /^(aws_|module\.|data\.|var\.|local\.)/.test(o)) return true;
  // A plain hostname outside AWS (`origin.example.com`) is not judged; anything else is assumed to be in AWS.
  const dot = o.lastIndexOf('.');
  const hostname = dot > 0 && /^[a-z0-9.-]+$/.test(o) && /^[a-z]{2,}$/.test(o.slice(dot + 1));
  return !hostname;
}

function hasRegionalOrigin(dep: Dependency): boolean {
  const origins = textListAttribute(dep, 'originDomains');
  return origins.length === 0 || origins.some(regionalOrigin);
}

export const rule: Rule = {
  meta: {
    id: 'cloudfront-no-origin-failover',
    title: 'CloudFront distribution without origin failover',
    description: 'CloudFront is global, its origins are not: without an origin group that fails over to a second region, every cache miss fails while the origin\'s region is down.',
    defaultSeverity: 'medium',
    category: 'global',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isCloudFrontDistribution(dep)) continue;
      if (attributesOf(dep).originFailover !== false || !hasRegionalOrigin(dep)) continue;
      context.report({
        dependency: dep,
        message: `CloudFront distribution ${nameOf(dep)} has no origin failover: CloudFront keeps serving cached content, but during an outage of the origin's region every cache miss and every dynamic request fails. Add an origin group with a secondary origin in another region and failover status codes (500, 502, 503, 504).`,
      });
    }
  },
};
