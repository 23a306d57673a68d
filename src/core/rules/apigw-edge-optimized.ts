/**
 * apigw-edge-optimized: a REST API (API Gateway v1) or custom domain that is edge-optimized —
 * explicitly, or by default when no endpoint type is given. An edge-optimized API is fronted by a
 * CloudFront distribution that API Gateway manages, its custom domain's certificate must live in
 * us-east-1, and one hostname cannot point at APIs in two regions for active-active or failover.
 */
import { attributesOf, isRestApi, isRestApiDomainName, nameOf } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'apigw-edge-optimized',
    title: 'Edge-optimized API Gateway endpoint',
    description: 'Edge-optimized REST APIs and domains tie their certificate and CloudFront front door to us-east-1 and cannot share a hostname across regions, which blocks DNS failover to a second region.',
    defaultSeverity: 'info',
    category: 'global',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      const domain = isRestApiDomainName(dep);
      if (!domain && !isRestApi(dep)) continue;
      const type = attributesOf(dep).endpointType;
      if (type !== undefined && type.toUpperCase() !== 'EDGE') continue;
      const how = type === undefined ? 'edge-optimized by default (no endpoint type given)' : 'edge-optimized';
      context.report({
        dependency: dep,
        message: domain
          ? `Custom domain ${nameOf(dep)} is ${how}: its certificate must be in ACM us-east-1, and the same hostname cannot be served by APIs in two regions. Use a REGIONAL domain with a certificate in each region and Route 53 failover or latency records.`
          : `REST API ${nameOf(dep)} is ${how}: API Gateway fronts it with a CloudFront distribution whose custom-domain certificate lives in us-east-1, and the same hostname cannot point at a copy in another region. Use a REGIONAL endpoint (add CloudFront yourself if you need the edge).`,
      });
    }
  },
};
