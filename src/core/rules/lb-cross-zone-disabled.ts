/**
 * lb-cross-zone-disabled: a load balancer or target group with cross-zone load balancing off
 * (network and gateway load balancers by default, classic ones created through CloudFormation).
 * Each zone's load balancer node then sends traffic only to targets in its own zone.
 */
import { attributesOf, nameOf } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'lb-cross-zone-disabled',
    title: 'Cross-zone load balancing disabled',
    description: 'Without cross-zone load balancing each zone\'s node serves only its own zone\'s targets: when a zone loses targets, its share of traffic is not spread over the healthy zones.',
    defaultSeverity: 'info',
    category: 'iac-network',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'iac-resource' || !dep.resource || attributesOf(dep).crossZone !== false) continue;
      context.report({
        dependency: dep,
        message: `${nameOf(dep)} has cross-zone load balancing off: during a partial AZ failure, traffic routed to the degraded zone's node only reaches that zone's remaining targets, so failover is uneven until DNS stops sending to the zone. Enable cross-zone load balancing (load_balancing.cross_zone.enabled = true).`,
      });
    }
  },
};
