/**
 * nat-gateway-single-az: one NAT gateway serving subnets in several availability zones (a stack
 * that declares exactly one NAT gateway and subnets in two or more zones), or a CDK `Vpc` with
 * `natGateways: 1`. A NAT gateway is a zonal resource: when its zone fails, the private subnets of
 * every other zone lose their route to the internet and to public AWS endpoints.
 */
import type { Dependency } from '../model';
import { isAvailabilityZone } from '../regions';
import { attributesOf, iacResources, isCdkVpc, isNatGateway, isSubnet, isTerraform, nameOf, stackOf, textListAttribute } from './iacPredicates';
import type { Rule, RuleContext } from './types';

/** Distinct zones of a stack's subnets, when every subnet states its zone in the same way (names, or expressions). */
function subnetZones(subnets: Dependency[]): string[] {
  const names = new Set<string>();
  const exprs = new Set<string>();
  for (const s of subnets) {
    const name = attributesOf(s).availabilityZones?.find((z) => isAvailabilityZone(z));
    const expr = textListAttribute(s, 'availabilityZoneRefs')[0];
    if (name) names.add(name);
    else if (expr) exprs.add(expr);
    else return [];
  }
  if (names.size > 0 && exprs.size > 0) return [];
  return [...names, ...exprs];
}

const MESSAGE_TAIL = 'when its availability zone fails, private subnets in the other zones lose outbound access (internet, third-party APIs and public AWS endpoints). Use one NAT gateway per availability zone, each subnet routed to the gateway of its own zone.';

function check(context: RuleContext): void {
  for (const vpc of context.dependencies) {
    if (!isCdkVpc(vpc) || attributesOf(vpc).natGateways !== 1) continue;
    const zones = attributesOf(vpc).availabilityZones ?? [];
    if (zones.length === 1) continue;
    context.report({ dependency: vpc, message: `VPC ${nameOf(vpc)} has natGateways: 1 for subnets in several availability zones: ${MESSAGE_TAIL}` });
  }
  const byStack = new Map<string, { nats: Dependency[]; subnets: Dependency[] }>();
  for (const r of iacResources(context)) {
    if (!isNatGateway(r) && !isSubnet(r)) continue;
    const entry = byStack.get(stackOf(r)) ?? { nats: [], subnets: [] };
    (isNatGateway(r) ? entry.nats : entry.subnets).push(r);
    byStack.set(stackOf(r), entry);
  }
  for (const { nats, subnets } of byStack.values()) {
    // A declaration may stand for several gateways (Terraform `count`): `natGateways` says how many; unknown counts are not judged.
    const counts = nats.map((n) => attributesOf(n).natGateways ?? (isTerraform(n) ? undefined : 1));
    if (counts.some((c) => c === undefined) || counts.reduce((a: number, c) => a + (c ?? 0), 0) !== 1) continue;
    const zones = subnetZones(subnets);
    if (zones.length < 2) continue;
    const nat = nats[counts.indexOf(1)];
    context.report({
      dependency: nat,
      message: `NAT gateway ${nameOf(nat)} is the only one for subnets in ${zones.length} availability zones: ${MESSAGE_TAIL}`,
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'nat-gateway-single-az',
    title: 'One NAT gateway for several availability zones',
    description: 'A NAT gateway lives in one availability zone: if it is shared by subnets in other zones, an outage of its zone cuts their outbound traffic too.',
    defaultSeverity: 'medium',
    category: 'iac-network',
    scope: 'resources',
    source: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html',
  },
  check,
};
