/**
 * sts-global-endpoint: the legacy global STS endpoint `sts.amazonaws.com` (hosted in us-east-1),
 * written as an endpoint, chosen by `AWS_STS_REGIONAL_ENDPOINTS=legacy` / `sts_regional_endpoints
 * = legacy`, or used by default by an SDK v2 `new AWS.STS()` without `stsRegionalEndpoints: "regional"`.
 */
import type { Dependency } from '../model';
import type { Rule } from './types';

const LEGACY_SETTING = /^(?:AWS_STS_REGIONAL_ENDPOINTS|sts_regional_endpoints)$/i;

function why(dep: Dependency): string | undefined {
  // The config scanners emit `AWS_STS_REGIONAL_ENDPOINTS=legacy` as an endpoint named after the setting.
  if (dep.name && LEGACY_SETTING.test(dep.name) && (dep.kind === 'endpoint' || dep.text?.trim().toLowerCase() === 'legacy')) return `${dep.name} = legacy sends STS calls to sts.amazonaws.com, which`;
  if (dep.kind === 'endpoint' && dep.service === 'sts' && (dep.text === 'sts.amazonaws.com' || dep.global)) return `The global STS endpoint ${dep.text ?? 'sts.amazonaws.com'}`;
  if (dep.kind === 'sdk-client' && dep.service === 'sts' && dep.global) return `${dep.name ?? 'This STS client'} uses the global endpoint sts.amazonaws.com (the SDK v2 default without stsRegionalEndpoints: "regional"), which`;
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'sts-global-endpoint',
    title: 'Legacy global STS endpoint',
    description: 'The global STS endpoint is served from us-east-1 with no automatic failover: credentials cannot be obtained from it while us-east-1 is impaired.',
    defaultSeverity: 'medium',
    category: 'code',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-sts-regionalized-endpoints.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      const subject = why(dep);
      if (!subject) continue;
      context.report({
        dependency: dep,
        message: `${subject} is hosted in us-east-1 with no automatic failover: AssumeRole and GetCallerIdentity through it fail while us-east-1 is impaired. Use the regional endpoint (sts.<region>.amazonaws.com).`,
      });
    }
  },
};
