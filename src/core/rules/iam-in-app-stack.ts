/**
 * iam-in-app-stack: IAM resources (roles, policies, users, instance profiles) declared in a stack
 * that also declares application resources. IAM's control plane is in us-east-1: when us-east-1 is
 * down, deploying that stack — to any region, for example to stand up the recovery region — fails
 * on its IAM resources. AWS advises never creating IAM resources as part of failover.
 */
import type { Dependency } from '../model';
import { iacResources, isIamResource, nameOf, stackOf } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'iam-in-app-stack',
    title: 'IAM resources in an application stack',
    description: 'IAM changes are served only by us-east-1: a stack that creates roles or policies beside the application cannot be deployed anywhere during a us-east-1 outage.',
    defaultSeverity: 'info',
    category: 'global',
    scope: 'resources',
    source: 'https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html',
  },
  check(context) {
    const appStacks = new Map<string, Dependency>();
    for (const r of iacResources(context)) if (!isIamResource(r) && !appStacks.has(stackOf(r))) appStacks.set(stackOf(r), r);
    for (const dep of context.dependencies) {
      if (!isIamResource(dep)) continue;
      const app = appStacks.get(stackOf(dep));
      if (!app) continue;
      context.report({
        dependency: dep,
        message: `IAM resource ${nameOf(dep)} is created by the same stack as the application (${nameOf(app)} …): IAM changes need us-east-1, so during a us-east-1 outage this stack cannot be deployed in any region, including the one you fail over to. Create IAM resources in a separate, pre-deployed stack and reference them.`,
      });
    }
  },
};
