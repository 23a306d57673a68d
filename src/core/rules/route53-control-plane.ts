/**
 * route53-control-plane: any Route 53 resource (hosted zone, record, health check). DNS answers and
 * health checks are served by Route 53's global data plane, but creating or changing any of these
 * resources goes through its control plane, which runs in us-east-1.
 */
import { isRoute53Resource, nameOf } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'route53-control-plane',
    title: 'Route 53 changes depend on us-east-1',
    description: 'Route 53 keeps answering DNS queries during a us-east-1 outage, but every change to zones, records and health checks needs the control plane in us-east-1: a failover plan that edits records fails then.',
    defaultSeverity: 'info',
    category: 'iac-network',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isRoute53Resource(dep)) continue;
      context.report({
        dependency: dep,
        message: `${nameOf(dep)} (${dep.resource?.type}) is managed by the Route 53 control plane in us-east-1: DNS keeps answering during a us-east-1 outage, but deploying or editing this resource does not. Fail over with health checks or ARC routing controls (data plane), never by editing records.`,
      });
    }
  },
};
