/**
 * single-region-workspace: every resolved dependency of the workspace is in one region (the report
 * headline). Global control planes (IAM, Route 53 …) are left out of the count — they have a rule
 * of their own and would otherwise make every workspace "two-region" — and so are region settings,
 * which are not dependencies. A dependency with candidate regions counts with all of them.
 *
 * Anchored, as CONTRACTS.md "Severities" asks, at the region-config that decides the most
 * dependencies, else at the first dependency in the region.
 */
import type { Dependency } from '../model';
import { decidedBy, isGlobalService, isUsage, possibleRegions } from './predicates';
import type { Rule } from './types';

function byPosition(a: Dependency, b: Dependency): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

export const rule: Rule = {
  meta: {
    id: 'single-region-workspace',
    title: 'Everything in one region',
    description: 'Every dependency the workspace resolves is in one region: an outage of that region takes down the whole system at once.',
    defaultSeverity: 'high',
    category: 'config',
    scope: 'workspace',
    source: 'https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/regional-services.html',
  },
  check(context) {
    const usage = context.dependencies.filter((d) => isUsage(d) && !d.global && !isGlobalService(d.service));
    const regions = [...new Set(usage.flatMap(possibleRegions))];
    if (regions.length !== 1) return;
    const [region] = regions;
    // Data replicated to another region (a global table, replicated buckets and secrets, replicas
    // the code computes) keeps serving elsewhere: the workspace is not confined to one region.
    if (usage.some((d) => d.resource?.replicated === true || (d.resource?.replicaRegions ?? []).some((r) => r !== null && r !== region))) return;
    const inRegion = usage.filter((d) => d.region === region).sort(byPosition);
    if (inRegion.length === 0) return;
    const unresolved = usage.filter((d) => possibleRegions(d).length === 0).length;
    // A dependency whose region is only a candidate (a Terraform module that the repository's own
    // examples call with one region, a stack whose deploy region is a parameter) is not placed
    // either: the workspace does not say it is deployed there.
    const unplaced = usage.filter((d) => d.region === null).length;
    // As many unplaced dependencies as placed ones: the headline would be a guess. Say so at info,
    // with what would decide it.
    const undecided = unplaced >= inRegion.length;

    let anchor = inRegion[0];
    let best = 0;
    const settings = context.dependencies.filter((d) => d.kind === 'region-config' && d.region === region).sort(byPosition);
    for (const config of settings) {
      const n = decidedBy(config, inRegion).length;
      if (n > best) [anchor, best] = [config, n];
    }
    const share = inRegion.length === 1 ? `the only resolved dependency is in ${region}` : `all ${inRegion.length} resolved dependencies are in ${region}`;
    const decided = best === 0 ? '' : inRegion.length === 1 ? `; ${anchor.name ?? 'this setting'} decides it` : `; ${anchor.name ?? 'this setting'} decides ${best} of them`;
    context.report({
      dependency: anchor,
      ...(undecided ? { severity: 'info' as const } : {}),
      message: undecided
        ? `Possibly a single-region workspace: ${share}${decided}, but ${unplaced} more have no region the workspace states. Record where the stacks and functions are deployed (a samconfig.toml, a provider region, a CDK env, a CI deploy step) to decide whether an outage of ${region} takes down the whole system.`
        : `Single-region workspace: ${share}${unresolved ? ` (${unresolved} more unresolved)` : ''}${decided}. An outage of ${region} takes down the whole system at once; nothing here runs anywhere else.`,
      dependencyIds: inRegion.map((d) => d.id),
      fingerprintText: `single-region\u0000${region}`,
    });
  },
};
