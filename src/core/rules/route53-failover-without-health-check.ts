/**
 * route53-failover-without-health-check: a PRIMARY failover record with neither a health check
 * nor an alias that evaluates its target's health. Route 53 then always treats the primary as
 * healthy, and the failover never happens.
 */
import type { Dependency } from '../model';
import { attributesOf, isRoute53Record, nameOf } from './iacPredicates';
import type { Rule } from './types';

interface FailoverView {
  name?: string;
  primary: boolean;
  healthCheck: boolean;
}

function failoverRecords(dep: Dependency): FailoverView[] {
  const a = attributesOf(dep);
  if (Array.isArray(a.records) && a.records.length > 0) {
    return (a.records as unknown[]).map((m) => {
      const r = (m ?? {}) as Record<string, unknown>;
      return { name: typeof r.name === 'string' ? r.name : undefined, primary: r.failoverRole === 'PRIMARY', healthCheck: r.healthCheck === true };
    });
  }
  return [{ name: a.physicalNames?.[0], primary: a.routingPolicy === 'failover' && a.failoverRole === 'PRIMARY', healthCheck: a.healthCheck === true }];
}

export const rule: Rule = {
  meta: {
    id: 'route53-failover-without-health-check',
    title: 'Failover record without a health check',
    description: 'A PRIMARY failover record without a health check (or an alias evaluating target health) is always considered healthy: when its region fails, Route 53 keeps answering with it and never fails over.',
    defaultSeverity: 'high',
    category: 'iac-network',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-configuring.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isRoute53Record(dep)) continue;
      const unchecked = failoverRecords(dep).filter((r) => r.primary && !r.healthCheck);
      if (unchecked.length === 0) continue;
      const names = unchecked.map((r) => r.name).filter((n): n is string => !!n);
      context.report({
        dependency: dep,
        message: `Failover record ${nameOf(dep)}${names.length ? ` (${names.join(', ')})` : ''} is PRIMARY without a health check: Route 53 considers it always healthy, so during an outage of its region the SECONDARY is never used. Attach a health check (HealthCheckId) or, for an alias, set EvaluateTargetHealth: true.`,
      });
    }
  },
};
