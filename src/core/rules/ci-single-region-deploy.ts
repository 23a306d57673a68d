/**
 * ci-single-region-deploy: the workspace's CI pipelines name one region only — a literal
 * `aws-region` of `aws-actions/configure-aws-credentials` with no region matrix, `sam/cdk/sls
 * deploy --region` to one region, `AWS_REGION` in the pipeline's environment. One finding per
 * pipeline file; none as soon as any pipeline of the workspace names a second region (a
 * `deploy-east.yml` and a `deploy-west.yml` together are a multi-region setup).
 */
import type { Dependency } from '../model';
import { CI_ORIGINS, possibleRegions } from './predicates';
import type { Rule } from './types';

/** Settings that say where a pipeline deploys, best anchor first. */
const ANCHOR_PREFERENCE = ['aws-region', 'deploy command', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'CDK_DEFAULT_REGION', 'region'];

function rank(dep: Dependency): number {
  const i = ANCHOR_PREFERENCE.indexOf(dep.name ?? '');
  return i < 0 ? ANCHOR_PREFERENCE.length : i;
}

export const rule: Rule = {
  meta: {
    id: 'ci-single-region-deploy',
    title: 'CI deploys to one region only',
    description: 'The pipelines can only deploy to one region, so no warm standby exists in another region and none can be deployed quickly during an outage.',
    defaultSeverity: 'low',
    category: 'config',
    scope: 'workspace',
    source: 'https://github.com/aws-actions/configure-aws-credentials',
  },
  check(context) {
    const ci = context.dependencies.filter((d) => d.kind === 'region-config' && d.origin !== undefined && CI_ORIGINS.has(d.origin) && d.name !== 'sso_region');
    const regions = [...new Set(ci.flatMap(possibleRegions))];
    if (regions.length !== 1) return;
    const [region] = regions;
    const byFile = new Map<string, Dependency[]>();
    for (const d of ci) if (possibleRegions(d).includes(region)) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    for (const [, configs] of byFile) {
      const anchor = [...configs].sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column)[0];
      const how = anchor.name === 'deploy command' ? `${anchor.container ?? 'the'} deploy command targets ${region}` : `${anchor.name ?? 'the region'} is ${region}`;
      context.report({
        dependency: anchor,
        message: `This pipeline deploys to ${region} only (${how}) and no pipeline in the workspace names a second region: no warm standby exists elsewhere, and standing one up during an outage of ${region} means writing the deployment then. Deploy over a matrix of the primary and a secondary region.`,
        dependencyIds: configs.map((c) => c.id),
        fingerprintText: `${anchor.file}\u0000${region}`,
      });
    }
  },
};
