/**
 * arc-control-plane-in-failover (heuristic): Route 53 ARC's configuration API
 * (`route53-recovery-control-config`, us-west-2 only) used in failover code, where the highly
 * available data plane (`route53-recovery-cluster`, five regional endpoints) belongs.
 */
import type { Dependency } from '../model';
import { apiOperation, failoverEvidence } from './predicates';
import type { Rule } from './types';

const CONFIG_SERVICE = 'route53-recovery-control-config';

export const rule: Rule = {
  meta: {
    id: 'arc-control-plane-in-failover',
    title: 'ARC configuration API in failover code',
    description: 'Route 53 ARC\'s configuration API is served only from us-west-2; failover that goes through it fails with us-west-2, while the cluster endpoints of the data plane stay available.',
    defaultSeverity: 'medium',
    category: 'code',
    scope: 'file',
    heuristic: true,
    source: 'https://docs.aws.amazon.com/r53recovery/latest/dg/introduction-regions-routing.html',
  },
  check(context) {
    const inFailover = context.dependencies
      .filter((d) => d.service === CONFIG_SERVICE && (d.kind === 'sdk-call' || d.kind === 'sdk-client'))
      .map((d) => ({ dep: d, evidence: failoverEvidence(d) }))
      .filter((x): x is { dep: Dependency; evidence: string } => x.evidence !== undefined);
    // A call says more than its client; the client is reported only when no call of it is.
    const filesWithCalls = new Set(inFailover.filter((x) => x.dep.kind === 'sdk-call').map((x) => x.dep.file));
    for (const { dep, evidence } of inFailover) {
      if (dep.kind === 'sdk-client' && filesWithCalls.has(dep.file)) continue;
      const what = dep.kind === 'sdk-call' ? `${apiOperation(dep.operation) ?? dep.name ?? 'This call'} on the ARC configuration API` : `${dep.name ?? 'This client'} of the ARC configuration API`;
      context.report({
        dependency: dep,
        message: `${what} in what looks like failover code (${evidence}): route53-recovery-control-config is served only from us-west-2. Flip routing controls through route53-recovery-cluster (UpdateRoutingControlState) on one of the cluster's five regional endpoints, trying each in turn.`,
      });
    }
  },
};
