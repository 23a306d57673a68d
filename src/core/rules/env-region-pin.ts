/**
 * env-region-pin: `AWS_REGION` / `AWS_DEFAULT_REGION` / `CDK_DEFAULT_REGION` set to a region in a
 * `.env` file, a compose service's `environment:` or a Dockerfile `ENV`. Information: a
 * concentration signal, and the setting region resolution uses for code that reads the environment.
 */
import type { Dependency } from '../model';
import { decidedBy, plural, REGION_ENV_VARIABLES, RUNTIME_ENV_ORIGINS } from './predicates';
import type { Rule } from './types';

function variableOf(dep: Dependency): string | undefined {
  if (dep.setsEnv && REGION_ENV_VARIABLES.has(dep.setsEnv)) return dep.setsEnv;
  if (dep.name && REGION_ENV_VARIABLES.has(dep.name)) return dep.name;
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'env-region-pin',
    title: 'Region pinned in an environment file',
    description: 'Every process started with this environment calls one region; moving it during an outage means editing and redeploying the environment.',
    defaultSeverity: 'info',
    category: 'config',
    scope: 'workspace',
    source: 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-region.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'region-config' || !dep.region || !dep.origin || !RUNTIME_ENV_ORIGINS.has(dep.origin)) continue;
      const variable = variableOf(dep);
      if (!variable) continue;
      const decided = decidedBy(dep, context.dependencies);
      const effect = decided.length ? `; ${plural(decided.length, 'dependency', 'dependencies')} in code resolve${decided.length === 1 ? 's' : ''} to ${dep.region} through it` : '';
      context.report({
        dependency: dep,
        message: `${variable}=${dep.region} pins every process started with this environment to ${dep.region}${effect}. Moving away from ${dep.region} during an outage needs this setting changed and redeployed.`,
        dependencyIds: decided.map((d) => d.id),
      });
    }
  },
};
