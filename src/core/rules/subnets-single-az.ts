/**
 * subnets-single-az: an Auto Scaling group, Lambda VPC configuration, ECS service, load balancer or
 * DB/cache subnet group whose subnets all sit in one availability zone. Such a resource can only
 * place capacity in that zone, so an AZ outage takes all of it.
 *
 * The zone of a subnet is read from the subnet resource the reference names (its zone name, or the
 * expression that chooses it: `!Select [0, !GetAZs ""]` twice is one zone). One subnet is one zone
 * whatever its zone is. References the workspace cannot follow (parameters, module outputs,
 * splat expressions over counted subnets) are not judged.
 */
import type { Dependency } from '../model';
import { isAvailabilityZone } from '../regions';
import { attributesOf, isMultiSubnetResource, linkedFrom, nameOf, relatedAt, textListAttribute } from './iacPredicates';
import type { Rule, RuleContext } from './types';

/** A zone key: `name:us-east-1a` or `expr:GetAZs[0]`; undefined when the subnet's zone is not stated. */
function zoneOf(subnet: Dependency): string | undefined {
  const a = attributesOf(subnet);
  const name = a.availabilityZones?.find((z) => isAvailabilityZone(z));
  if (name) return `name:${name}`;
  const expr = textListAttribute(subnet, 'availabilityZoneRefs')[0];
  return expr ? `expr:${expr}` : undefined;
}

interface SubnetFacts {
  /** every reference resolved to one subnet (a declared subnet or a literal subnet id) */
  resolved: boolean;
  count: number;
  zones: Set<string>;
  /** every resolved subnet has a stated zone */
  zonesKnown: boolean;
  related: Dependency[];
}

function subnetFacts(dep: Dependency, context: RuleContext): SubnetFacts {
  const refs = textListAttribute(dep, 'subnets');
  const forms = attributesOf(dep).subnetForms ?? [];
  const facts: SubnetFacts = { resolved: refs.length > 0, count: 0, zones: new Set(), zonesKnown: true, related: [] };
  for (const i of refs.keys()) {
    // A splat or a for expression stands for many subnets; the workspace cannot say how many.
    if (forms[i] === 'many') {
      facts.resolved = false;
      continue;
    }
    if (forms[i] === 'id') {
      facts.count++;
      facts.zonesKnown = false;
      continue;
    }
    const [subnet] = linkedFrom(dep, 'in-subnet', context, i);
    if (!subnet) {
      facts.resolved = false;
      continue;
    }
    facts.count++;
    facts.related.push(subnet);
    const zone = zoneOf(subnet);
    if (zone) facts.zones.add(zone);
    else facts.zonesKnown = false;
  }
  return facts;
}

export const rule: Rule = {
  meta: {
    id: 'subnets-single-az',
    title: 'Subnets all in one availability zone',
    description: 'A resource placed in subnets of one availability zone cannot run anywhere else: an AZ outage takes all of its capacity.',
    defaultSeverity: 'medium',
    category: 'iac-network',
    scope: 'resources',
    source: 'https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/availability-zones.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isMultiSubnetResource(dep)) continue;
      const facts = subnetFacts(dep, context);
      const zoneNames = [...new Set((attributesOf(dep).availabilityZones ?? []).filter((z) => isAvailabilityZone(z)))];
      let why: string | undefined;
      if (facts.resolved && facts.count === 1) why = 'is given a single subnet, which lives in one availability zone';
      else if (facts.resolved && facts.zonesKnown && facts.zones.size === 1 && facts.count > 1) {
        const [zone] = [...facts.zones];
        why = `is given ${facts.count} subnets, all in the same availability zone${zone.startsWith('name:') ? ` (${zone.slice(5)})` : ''}`;
      } else if (textListAttribute(dep, 'subnets').length === 0 && zoneNames.length === 1) why = `is limited to one availability zone (${zoneNames[0]})`;
      if (!why) continue;
      context.report({
        dependency: dep,
        related: facts.related.map((s) => relatedAt(s, `subnet ${nameOf(s)}`)),
        message: `${nameOf(dep)} ${why}: an outage of that zone takes all of it down. Give it subnets in at least two availability zones.`,
      });
    }
  },
};
