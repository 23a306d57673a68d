/**
 * wafv2-cloudfront-scope: a WAFv2 web ACL with `Scope: CLOUDFRONT`. Such ACLs (and their IP sets
 * and rule groups) can only be created and changed in us-east-1: a change of rules during an
 * incident — blocking an attack, allowing a failover origin — depends on us-east-1 (info). A
 * CLOUDFRONT-scoped ACL in a stack deployed to any other region fails to deploy (high).
 *
 * The stack's region is the ACL's region as resolved before any global-service pinning
 * ({@link stackRegionsOf}); unknown keeps the finding at info.
 */
import { attributesOf, isWafWebAcl, nameOf, stackRegionsOf } from './iacPredicates';
import type { Rule } from './types';

const CLOUDFRONT_SCOPE_REGION = 'us-east-1';

export const rule: Rule = {
  meta: {
    id: 'wafv2-cloudfront-scope',
    title: 'CloudFront-scoped WAF managed in us-east-1',
    description: 'Web ACLs for CloudFront exist only in us-east-1: rule changes during an incident depend on that region, and declaring one in a stack of another region fails.',
    defaultSeverity: 'info',
    category: 'global',
    scope: 'resources',
    source: 'https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isWafWebAcl(dep)) continue;
      const scope = attributesOf(dep).scope;
      if (typeof scope !== 'string' || scope.toUpperCase() !== 'CLOUDFRONT') continue;
      const wrong = stackRegionsOf(dep, context).filter((r) => r !== CLOUDFRONT_SCOPE_REGION);
      if (wrong.length > 0) {
        context.report({
          dependency: dep,
          severity: 'high',
          message: `Web ACL ${nameOf(dep)} has Scope CLOUDFRONT but is deployed to ${wrong.join(' or ')}: CloudFront web ACLs can only be created in us-east-1, so the deployment fails. Move it to a stack or provider in us-east-1.`,
        });
        continue;
      }
      context.report({
        dependency: dep,
        message: `Web ACL ${nameOf(dep)} has Scope CLOUDFRONT: it exists only in us-east-1, so changing its rules during an incident (blocking a flood, allowing a failover origin) needs us-east-1. Keep the rules ready in advance; traffic filtering itself keeps working at the edge.`,
      });
    }
  },
};
