/**
 * sso-single-region: `sso_region` in a committed AWS config file. IAM Identity Center runs in the
 * one region it was enabled in; workforce sign-in through it fails with that region.
 */
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'sso-single-region',
    title: 'IAM Identity Center sign-in in one region',
    description: 'IAM Identity Center lives in the one region it was enabled in: while that region is down, people cannot sign in through it to fix anything.',
    defaultSeverity: 'info',
    category: 'config',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/regions.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'region-config' || dep.name !== 'sso_region') continue;
      const region = dep.region ?? dep.text ?? 'its region';
      context.report({
        dependency: dep,
        message: `sso_region = ${region}: sign-in through IAM Identity Center depends on ${region}; during an outage there engineers cannot get credentials this way. Keep break-glass access that does not depend on Identity Center.`,
      });
    }
  },
};
