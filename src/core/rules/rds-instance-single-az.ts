/**
 * rds-instance-single-az: an RDS DB instance that is not Multi-AZ (`MultiAZ` / `multi_az` false or
 * absent; RDS's default is a single instance). Instances that belong to a cluster (Aurora) are the
 * cluster's business and are skipped.
 */
import { addPropertyFix, attributesOf, isRdsInstance, nameOf } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'rds-instance-single-az',
    title: 'RDS instance without Multi-AZ',
    description: 'A Single-AZ RDS instance lives in one availability zone: an AZ outage takes the database down until the zone recovers or the instance is restored elsewhere from a backup.',
    defaultSeverity: 'medium',
    category: 'iac-data',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isRdsInstance(dep) || attributesOf(dep).inCluster === true) continue;
      // Scanners state RDS's default (single-AZ) when the declaration is silent; undefined or null cannot be judged.
      if (dep.resource?.multiAz !== false) continue;
      context.report({
        dependency: dep,
        message: `RDS instance ${nameOf(dep)} is Single-AZ: if its availability zone fails, the database is down until the zone recovers or a restore finishes, minutes to hours of lost writes. Enable Multi-AZ so RDS fails over to a standby in another zone in one to two minutes.`,
        fix: addPropertyFix(dep, 'Enable Multi-AZ (a standby in another availability zone; applied without downtime)', { yaml: ['MultiAZ', 'true'], hcl: ['multi_az', 'true'] }),
      });
    }
  },
};
