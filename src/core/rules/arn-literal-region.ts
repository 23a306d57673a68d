/**
 * arn-literal-region: an ARN literal with a region in it, in code or IaC. The resource it names
 * is pinned to that region; code in another region keeps calling it there.
 */
import { isApplicationCode } from './predicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'arn-literal-region',
    title: 'ARN with a hard-coded region',
    description: 'The ARN names a resource in one region: a deployment in another region keeps calling that region, and fails with it.',
    defaultSeverity: 'medium',
    category: 'code',
    scope: 'file',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'arn' || !dep.region) continue;
      const inCode = isApplicationCode(dep, context.dependencies);
      const build = inCode ? 'build it from the runtime region (AWS_REGION) or configuration' : 'build it from the stack or provider region (AWS::Region, ${AWS::Region}, data.aws_region)';
      context.report({
        dependency: dep,
        message: `${dep.text ? `ARN ${dep.text}` : 'This ARN'} names a resource in ${dep.region} (${dep.service}): a copy of this ${inCode ? 'code' : 'stack'} in another region still depends on ${dep.region}; ${build}.`,
        severity: inCode ? undefined : 'low',
      });
    }
  },
};
