/**
 * serverless-default-region: a Serverless Framework service (`provider.name: aws`) with no
 * `provider.region`. The framework then deploys to us-east-1, silently, unless the deploy command
 * passes `--region`.
 */
import type { Dependency } from '../model';
import { CI_ORIGINS, decidedBy, plural } from './predicates';
import type { Rule } from './types';
import { folderOf, isInFolder } from '../paths';

/** A CI `serverless deploy --region X` / `sls deploy --region X` that covers this service's folder. */
function deployedWithRegion(config: Dependency, dependencies: readonly Dependency[]): boolean {
  const folder = folderOf(config.file);
  return dependencies.some(
    (d) =>
      d.kind === 'region-config' &&
      d.name === 'deploy command' &&
      (d.container === 'serverless' || d.container === 'sls') &&
      d.origin !== undefined &&
      CI_ORIGINS.has(d.origin) &&
      (d.region !== null || (d.candidateRegions?.length ?? 0) > 0) &&
      (d.scope?.stackFile === config.file || isInFolder(folder, d.scope?.directory ?? '')),
  );
}

export const rule: Rule = {
  meta: {
    id: 'serverless-default-region',
    title: 'Serverless service without a region',
    description: 'Without provider.region the Serverless Framework deploys to us-east-1: the whole service sits in us-east-1 without anyone having chosen it.',
    defaultSeverity: 'medium',
    category: 'config',
    scope: 'workspace',
    source: 'https://www.serverless.com/framework/docs/providers/aws/guide/serverless.yml',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'region-config' || dep.origin !== 'serverless' || dep.regionSource !== 'default') continue;
      if (deployedWithRegion(dep, context.dependencies)) continue;
      const region = dep.region ?? 'us-east-1';
      const decided = decidedBy(dep, context.dependencies);
      context.report({
        dependency: dep,
        message: `${dep.file} sets no provider.region, so the Serverless Framework deploys it to ${region} by default${decided.length ? ` (${plural(decided.length, 'dependency', 'dependencies')} ${decided.length === 1 ? 'resolves' : 'resolve'} there)` : ''}: the service silently shares ${region}'s blast radius. Set provider.region per stage, e.g. \${opt:region, 'eu-west-1'}.`,
        dependencyIds: decided.map((d) => d.id),
      });
    }
  },
};
