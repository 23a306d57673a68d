/**
 * route53-no-failover: an application-facing DNS record (A, AAAA or CNAME; alias or not) with
 * simple routing only. Simple routing answers with one target whatever its health, so moving users
 * to another region during an outage means editing the record — a Route 53 control-plane change
 * that depends on us-east-1 — and waiting for caches to expire.
 *
 * Records whose name starts with `_` (certificate validation, DKIM, service discovery) and
 * non-address types (MX, TXT, NS …) are not application-facing. When a scanner cannot tell a
 * record's type, the record is judged as application-facing. An alias to a global front door
 * (a CloudFront distribution, a Global Accelerator) is not a regional target: its failover happens
 * behind it (origin groups, endpoint groups), so the record is not reported.
 */
import type { Dependency } from '../model';
import { attributesOf, isRoute53Record, nameOf } from './iacPredicates';
import type { Rule } from './types';

const APP_FACING_TYPES = new Set(['A', 'AAAA', 'CNAME']);

interface RecordView {
  name?: string;
  type?: string;
  routingPolicy?: string;
  aliasTarget?: string;
  aliasHostedZoneId?: string;
  aliasTargetKind?: string;
}

/**
 * The fixed hosted zones of AWS's global front doors, for aliases written as references
 * (`!GetAtt Cdn.DomainName`) whose DNS name is not known statically. Sources:
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_AliasTarget.html (CloudFront
 * Z2FDTNDATAQYW2) and https://docs.aws.amazon.com/general/latest/gr/global_accelerator.html
 * (Global Accelerator Z2BJ6XQ5FK7U4H).
 */
const GLOBAL_FRONT_DOOR_ZONES = new Set(['Z2FDTNDATAQYW2', 'Z2BJ6XQ5FK7U4H']);

/** CloudFront distributions and Global Accelerator accelerators: global front doors, by DNS name … */
const GLOBAL_FRONT_DOOR = /\.cloudfront\.net\.?$|\.awsglobalaccelerator\.com\.?$/i;
/** … or by the kind of the resource the alias refers to. */
const GLOBAL_FRONT_DOOR_KINDS = new Set(['AWS::CloudFront::Distribution', 'AWS::GlobalAccelerator::Accelerator']);

/** The records a resource declares: one, or the members of a record set group. */
function recordsOf(dep: Dependency): RecordView[] {
  const a = attributesOf(dep);
  const members = Array.isArray(a.records) ? (a.records as unknown[]) : undefined;
  if (members && members.length > 0) {
    return members.map((m) => {
      const r = (m ?? {}) as Record<string, unknown>;
      return {
        name: typeof r.name === 'string' ? r.name : undefined,
        type: typeof r.recordType === 'string' ? r.recordType : typeof r.type === 'string' ? r.type : undefined,
        routingPolicy: typeof r.routingPolicy === 'string' ? r.routingPolicy : undefined,
        aliasTarget: typeof r.aliasTarget === 'string' ? r.aliasTarget : undefined,
        aliasHostedZoneId: typeof r.aliasHostedZoneId === 'string' ? r.aliasHostedZoneId : undefined,
      };
    });
  }
  return [{
    name: a.physicalNames?.[0], type: a.recordType, routingPolicy: a.routingPolicy, aliasTarget: a.aliasTarget,
    aliasHostedZoneId: typeof a.aliasHostedZoneId === 'string' ? a.aliasHostedZoneId : undefined, aliasTargetKind: a.aliasTargetKind,
  }];
}

function appFacing(r: RecordView): boolean {
  if (r.name && /^_|\._/.test(r.name.trim())) return false;
  if (r.aliasTarget && GLOBAL_FRONT_DOOR.test(r.aliasTarget.trim())) return false;
  if (r.aliasTargetKind && GLOBAL_FRONT_DOOR_KINDS.has(r.aliasTargetKind)) return false;
  if (r.aliasHostedZoneId && GLOBAL_FRONT_DOOR_ZONES.has(r.aliasHostedZoneId.trim())) return false;
  return r.type === undefined || APP_FACING_TYPES.has(r.type.toUpperCase());
}

export const rule: Rule = {
  meta: {
    id: 'route53-no-failover',
    title: 'Application DNS record with simple routing only',
    description: 'A simple-routing record always answers with the same target: during a regional outage users keep being sent to the failed region until someone edits the record through the us-east-1 control plane.',
    defaultSeverity: 'low',
    tierAware: true,
    category: 'iac-network',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isRoute53Record(dep)) continue;
      const simple = recordsOf(dep).filter((r) => appFacing(r) && (r.routingPolicy === undefined || r.routingPolicy === 'simple'));
      if (simple.length === 0) continue;
      const names = simple.map((r) => r.name).filter((n): n is string => !!n);
      const label = names.length ? `${nameOf(dep)} (${names.join(', ')})` : nameOf(dep);
      context.report({
        dependency: dep,
        message: `DNS record ${label} uses simple routing: it keeps sending users to one target during a regional outage, and changing it then needs the Route 53 control plane in us-east-1. Use failover (with health checks), latency or weighted records over endpoints in two regions.`,
      });
    }
  },
};
