/**
 * lambda-at-edge: a CloudFront distribution with Lambda@Edge associations, or a CDK
 * `EdgeFunction`. Lambda@Edge functions are authored, versioned and deployed only in us-east-1,
 * then replicated to the edge: they keep running during a us-east-1 outage, but cannot be changed.
 */
import { attributesOf, isCloudFrontDistribution, isEdgeFunction, nameOf } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'lambda-at-edge',
    title: 'Lambda@Edge function (authored only in us-east-1)',
    description: 'Lambda@Edge functions can only be created and updated in us-east-1: during a us-east-1 outage a fix or a change of edge behaviour cannot be deployed.',
    defaultSeverity: 'info',
    category: 'global',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-restrictions.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      const edgeFunction = isEdgeFunction(dep);
      if (!edgeFunction && !(isCloudFrontDistribution(dep) && attributesOf(dep).lambdaEdge === true)) continue;
      context.report({
        dependency: dep,
        message: edgeFunction
          ? `EdgeFunction ${nameOf(dep)} is a Lambda@Edge function, created in us-east-1 whatever the stack's region: it keeps running at the edge during a us-east-1 outage, but cannot be updated or redeployed until us-east-1 recovers.`
          : `CloudFront distribution ${nameOf(dep)} runs Lambda@Edge functions, which are authored and deployed only in us-east-1: during a us-east-1 outage their code and associations cannot change. Prefer CloudFront Functions for simple logic, and keep edge code off the failover path.`,
      });
    }
  },
};
