/**
 * terraform-provider-single-region: the workspace's Terraform configures the AWS provider for one
 * region only — one `provider "aws"` (or several, all in the same region) and no alias for a
 * second region. Information: a single-region module. Providers whose region is a variable with
 * no value in the workspace could be any region, so their presence means "not known to be single".
 */
import type { Dependency } from '../model';
import { possibleRegions } from './predicates';
import type { Rule } from './types';
import { folderOf } from '../paths';

export const rule: Rule = {
  meta: {
    id: 'terraform-provider-single-region',
    title: 'Terraform configures one AWS region',
    description: 'Every resource of the configuration lands in one region; there is no provider for a second region to deploy a standby with.',
    defaultSeverity: 'info',
    category: 'config',
    scope: 'workspace',
    source: 'https://developer.hashicorp.com/terraform/language/providers/configuration#alias-multiple-provider-configurations',
  },
  check(context) {
    // Aliased providers are named `provider.region (alias dr)` by the Terraform scanner.
    const providers = context.dependencies.filter((d) => d.kind === 'region-config' && d.origin === 'terraform' && (d.name === 'provider.region' || d.name?.startsWith('provider.region (') === true));
    if (providers.length === 0 || providers.some((p) => possibleRegions(p).length === 0)) return;
    const regions = [...new Set(providers.flatMap(possibleRegions))];
    if (regions.length !== 1) return;
    const [region] = regions;
    const byDirectory = new Map<string, Dependency>();
    for (const p of providers) if (!byDirectory.has(folderOf(p.file))) byDirectory.set(folderOf(p.file), p);
    for (const [directory, provider] of byDirectory) {
      context.report({
        dependency: provider,
        message: `The AWS provider is configured for ${region} only (${directory || 'the root module'}; no provider alias for a second region anywhere in the workspace): every resource lands in ${region}. Add a provider alias for a secondary region to deploy a standby.`,
        dependencyIds: providers.filter((p) => folderOf(p.file) === directory).map((p) => p.id),
      });
    }
  },
};
