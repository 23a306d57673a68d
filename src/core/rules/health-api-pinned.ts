/**
 * health-api-pinned: an AWS Health client pinned to one region in code, or a regional Health
 * endpoint (`health.us-east-1.amazonaws.com`). The Health API is active/passive between us-east-1
 * and us-east-2; only `global.health.amazonaws.com` follows the active region.
 */
import type { Dependency } from '../model';
import { regionWrittenInCode } from './predicates';
import type { Rule } from './types';

const REGIONAL_HEALTH_HOST = /^health\.([a-z0-9-]+)\.amazonaws\.com$/;

function pinnedRegion(dep: Dependency): string | undefined {
  if (dep.service !== 'health') return undefined;
  if (dep.kind === 'endpoint') return dep.text ? REGIONAL_HEALTH_HOST.exec(dep.text)?.[1] : undefined;
  if (dep.kind === 'sdk-client') return regionWrittenInCode(dep)?.region;
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'health-api-pinned',
    title: 'AWS Health API pinned to one region',
    description: 'The Health API is active in us-east-1 with us-east-2 as passive standby: a client pinned to one of them stops seeing events exactly when AWS fails the API over.',
    defaultSeverity: 'low',
    category: 'code',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/health/latest/ug/health-api.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      const region = pinnedRegion(dep);
      if (!region) continue;
      const what = dep.kind === 'endpoint' ? `Endpoint ${dep.text}` : `${dep.name ?? 'This Health client'} (region ${region})`;
      context.report({
        dependency: dep,
        message: `${what} pins the AWS Health API to ${region}, but the API is active/passive between us-east-1 and us-east-2: during a us-east-1 failover the pinned client gets errors instead of the events that explain the outage. Resolve global.health.amazonaws.com to find the active region.`,
      });
    }
  },
};
