/**
 * hardcoded-availability-zone: an availability zone name (`us-east-1a`) written into a resource.
 * Zone names are mapped to physical zones per account, so `us-east-1a` is not the same zone in two
 * accounts, and a template that names zones cannot move out of one during its outage without an
 * edit. Zone IDs (`use1-az4`) and zones chosen by expression (`!GetAZs`) are not reported.
 */
import { attributesOf, nameOf } from './iacPredicates';
import { isAvailabilityZone } from '../regions';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'hardcoded-availability-zone',
    title: 'Availability zone name written into a resource',
    description: 'A hard-coded zone name couples the resource to one zone (a different physical zone in each account): moving away from it during an AZ outage needs a template change and a deploy.',
    defaultSeverity: 'medium',
    category: 'iac-network',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'iac-resource' || !dep.resource) continue;
      const zones = [...new Set((attributesOf(dep).availabilityZones ?? []).filter((z) => typeof z === 'string' && isAvailabilityZone(z)))];
      if (zones.length === 0) continue;
      const list = zones.map((z) => `"${z}"`).join(', ');
      // On the attribute that writes the zone when the scanner recorded where it is.
      const at = attributesOf(dep).availabilityZoneAt;
      context.report({
        dependency: dep,
        ...(at && typeof at.line === 'number' ? { at: { file: dep.file, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn } } : {}),
        message: `${nameOf(dep)} names availability zone${zones.length > 1 ? 's' : ''} ${list}: zone names map to different physical zones in each account, and leaving ${zones.length > 1 ? 'them' : 'it'} during an AZ outage needs a template change and a deploy. Choose zones at deploy time (Fn::GetAZs, data.aws_availability_zones, a parameter) or by zone ID.`,
      });
    }
  },
};
