/**
 * s3-legacy-global-endpoint: the legacy global S3 hosts (`s3.amazonaws.com`,
 * `<bucket>.s3.amazonaws.com`, `s3-external-1.amazonaws.com`) or the setting that makes an SDK use
 * them (`AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=legacy`). They map to us-east-1.
 */
import type { Dependency } from '../model';
import { isApplicationCode } from './predicates';
import type { Rule } from './types';

const LEGACY_HOST = /(?:^|\.)s3(?:-external-1)?\.amazonaws\.com$/;
const LEGACY_SETTING = /^(?:AWS_S3_US_EAST_1_REGIONAL_ENDPOINT|(?:s3_)?us_east_1_regional_endpoint)$/i;

function subject(dep: Dependency): string | undefined {
  // The config scanners emit `AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=legacy` as an endpoint named after the setting.
  if (dep.name && LEGACY_SETTING.test(dep.name) && (dep.kind === 'endpoint' || dep.text?.trim().toLowerCase() === 'legacy')) return `${dep.name} = legacy sends us-east-1 requests to the global host s3.amazonaws.com`;
  if (dep.kind === 'endpoint' && dep.service === 's3' && dep.text && LEGACY_HOST.test(dep.text)) return `${dep.text} is a legacy global S3 host`;
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 's3-legacy-global-endpoint',
    title: 'Legacy global S3 endpoint',
    description: 'The legacy global S3 endpoint maps to us-east-1: requests through it fail with us-east-1 whatever region the bucket is in, and buckets elsewhere pay a redirect.',
    defaultSeverity: 'low',
    category: 'code',
    scope: 'file',
    source: 'https://github.com/aws/aws-sdk-js-v3/issues/1552',
  },
  check(context) {
    for (const dep of context.dependencies) {
      const what = subject(dep);
      if (!what) continue;
      // The us-east-1 entry of a table keyed by region (an S3 `Mappings` column): chosen only in us-east-1.
      if (dep.region === null && dep.candidateRegions?.length) continue;
      // Application code puts the host on the request path; in IaC or configuration it is a reference.
      const dataPath = isApplicationCode(dep, context.dependencies);
      context.report({
        dependency: dep,
        message: `${what}, which maps to us-east-1: ${dataPath ? 'reads and writes through it' : 'whatever uses it'} fail${dataPath ? '' : 's'} while us-east-1 is impaired. Use the regional host (<bucket>.s3.<region>.amazonaws.com) or a Multi-Region Access Point.`,
        severity: dataPath ? 'medium' : undefined,
      });
    }
  },
};
