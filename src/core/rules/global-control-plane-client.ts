/**
 * global-control-plane-client: a client of a global service (IAM, Organizations, Route 53,
 * CloudFront, Cost Explorer, Account, Marketplace …) whose control plane or endpoint AWS hosts in
 * one region whatever region the caller is in. Information: the hidden us-east-1 dependency.
 */
import { FAULT_ISOLATION_WHITEPAPER, globalServiceOf } from '../catalogue/globalServices';
import type { Rule } from './types';

/** Services with a rule of their own: the Health API (health-api-pinned), Global Accelerator, STS. */
const OWN_RULE = new Set(['health', 'globalaccelerator', 'sts']);

export const rule: Rule = {
  meta: {
    id: 'global-control-plane-client',
    title: 'Client of a global service hosted in one region',
    description: 'The service\'s control plane lives in one region (us-east-1 for most): its changes fail during that region\'s outage, whatever region the application runs in.',
    defaultSeverity: 'info',
    category: 'code',
    scope: 'dependency',
    source: FAULT_ISOLATION_WHITEPAPER,
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'sdk-client' || !dep.global || dep.regionSource !== 'global-service' || OWN_RULE.has(dep.service)) continue;
      const g = globalServiceOf(dep.service);
      const region = dep.region ?? g?.region;
      if (!region) continue;
      context.report({
        dependency: dep,
        message: `control plane: ${region}. ${dep.name ?? dep.service} depends on ${dep.service}, ${g?.pinned === 'control-plane' ? 'whose control plane' : 'which'} is served from ${region} whatever region this code runs in${g ? `: ${g.note}` : '.'} Keep these calls off the request path and out of failover, and cache what they return.`,
      });
    }
  },
};
