/**
 * globalaccelerator-control-plane: Global Accelerator clients and resources. Its data plane
 * (traffic) is global, its control plane is in us-west-2 only.
 */
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'globalaccelerator-control-plane',
    title: 'Global Accelerator control plane in us-west-2',
    description: 'Accelerators keep routing traffic in an outage, but every configuration change (endpoint weights, traffic dials) is served by us-west-2 only.',
    defaultSeverity: 'info',
    category: 'code',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/global-accelerator/latest/dg/preserve-client-ip-address.regions.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.service !== 'globalaccelerator' || (dep.kind !== 'sdk-client' && dep.kind !== 'iac-resource')) continue;
      const what = dep.kind === 'iac-resource' ? `${dep.resource?.name ?? dep.name ?? 'This resource'} (${dep.resource?.type ?? 'Global Accelerator'})` : dep.name ?? 'This Global Accelerator client';
      context.report({
        dependency: dep,
        message: `control plane: us-west-2. ${what} is managed through the Global Accelerator control plane in us-west-2: traffic keeps flowing during an outage, but changing endpoint weights or traffic dials needs us-west-2. Plan failover that needs no configuration change.`,
      });
    }
  },
};
