/**
 * control-plane-in-failover-path (heuristic): a control-plane change of a global service — Route 53
 * record changes, IAM create/attach, CloudFront distribution updates, Global Accelerator traffic
 * dials — in code that looks like a failover or disaster-recovery path (its function or file is
 * named failover, failback, switchover, recover…, disaster…, DR). AWS advises recovering with data
 * plane actions only: those control planes live in one region and are the first to fail.
 */
import { globalServiceOf } from '../catalogue/globalServices';
import { apiOperation, failoverEvidence } from './predicates';
import type { Rule } from './types';

/** Operation prefixes that change control-plane state (reads stay out: they are cached or avoidable). */
const MUTATION = /^(?:Create|Update|Delete|Put|Attach|Detach|Change|Associate|Disassociate|Add|Remove|Enable|Disable|Set|Tag|Untag|Allow|Deny|Provision|Deprovision|Advertise|Withdraw)/;

/** The global control planes this rule watches; ARC's configuration API has its own rule (arc-control-plane-in-failover). */
const SERVICES = new Set(['route53', 'iam', 'cloudfront', 'globalaccelerator', 'organizations', 'route53domains', 'shield', 'waf']);

export const rule: Rule = {
  meta: {
    id: 'control-plane-in-failover-path',
    title: 'Control-plane action in failover code',
    description: 'Failover that changes DNS records, IAM, CloudFront or Global Accelerator through their control planes depends on us-east-1 (or us-west-2) being healthy — exactly when it may not be.',
    defaultSeverity: 'high',
    category: 'code',
    scope: 'dependency',
    heuristic: true,
    source: 'https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/appendix-a---partitional-service-guidance.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'sdk-call' || !SERVICES.has(dep.service)) continue;
      const operation = apiOperation(dep.operation);
      if (!operation || !MUTATION.test(operation)) continue;
      const evidence = failoverEvidence(dep);
      if (!evidence) continue;
      const g = globalServiceOf(dep.service);
      context.report({
        dependency: dep,
        message: `${dep.service} ${operation} in what looks like failover code (${evidence}): it needs the ${dep.service} control plane in ${g?.region ?? 'us-east-1'}, which AWS advises not to depend on during recovery. Fail over with data-plane mechanisms: Route 53 health-check failover, ARC routing controls, pre-provisioned resources.`,
      });
    }
  },
};
