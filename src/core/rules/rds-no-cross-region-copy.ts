/**
 * rds-no-cross-region-copy: a relational database with no copy in another region — an Aurora (or
 * Multi-AZ DB) cluster that is not part of a global database and has no cross-region replica, or a
 * DB instance with neither a cross-region read replica nor cross-region automated backup
 * replication. Multi-AZ protects against a zone, not a region.
 *
 * Copies are found in three ways: the resource's own facts (`globalCluster`, `crossRegionCopy`),
 * a resource that names it as its source (`replicaOf` / `readReplicaOf`: a read replica, an
 * `aws_db_instance_automated_backups_replication`, a global cluster) placed in another region, and
 * — when a global cluster does not say which cluster it wraps — a global cluster declared in the
 * same stack. A database that is itself a replica of another database is the copy and is skipped.
 */
import type { Dependency } from '../model';
import {
  attributesOf, copiesOf, deployRegions, iacResources, isRdsBackupReplication, isRdsCluster, isRdsGlobalCluster, isRdsInstance,
  nameOf, regionWords, relatedAt, replicationOf, stackOf, statesReplicaSource,
} from './iacPredicates';
import type { Rule, RuleContext } from './types';

const isRdsCopy = (d: Dependency) => isRdsInstance(d) || isRdsCluster(d) || isRdsBackupReplication(d) || isRdsGlobalCluster(d);

function check(context: RuleContext): void {
  const globalClusters = iacResources(context).filter(isRdsGlobalCluster);
  for (const dep of context.dependencies) {
    const cluster = isRdsCluster(dep);
    if (!cluster && !isRdsInstance(dep)) continue;
    const a = attributesOf(dep);
    if (!cluster && a.inCluster === true) continue;
    // A replica of another database is the copy, not the original.
    if (statesReplicaSource(dep)) continue;
    // Copies are facts a declaration states: not stated means none (like replica regions); an expression (null) cannot be judged.
    if (cluster && (a.globalCluster === true || a.globalCluster === null)) continue;
    if (!cluster && (a.crossRegionCopy === true || a.crossRegionCopy === null)) continue;
    const copies = copiesOf(dep, context).filter(isRdsCopy);
    if (cluster && copies.some(isRdsGlobalCluster)) continue;
    if (cluster && globalClusters.some((g) => stackOf(g) === stackOf(dep) && !statesReplicaSource(g))) continue;
    const replication = replicationOf(dep, context, copies.filter((c) => !isRdsGlobalCluster(c)));
    if (replication.kind === 'other-region') continue;
    const where = regionWords(deployRegions(dep));
    const related = copies.map((c) => relatedAt(c, `copy ${nameOf(c)}`));
    if (replication.kind === 'unknown-region') {
      context.report({ dependency: dep, severity: 'info', related, message: `${label(dep, cluster)} has a copy whose region the workspace does not state: make sure it is outside ${where}.` });
      continue;
    }
    const fix = cluster
      ? 'Add it to an Aurora global database with a secondary cluster in another region'
      : 'Add a cross-region read replica, or replicate automated backups to another region';
    context.report({
      dependency: dep,
      related,
      message: `${label(dep, cluster)} has no copy outside ${where}: a regional outage takes the database and its backups down together, and recovery waits for the region. ${fix}.`,
    });
  }
}

function label(dep: Dependency, cluster: boolean): string {
  return `${cluster ? 'Database cluster' : 'RDS instance'} ${nameOf(dep)}`;
}

export const rule: Rule = {
  meta: {
    id: 'rds-no-cross-region-copy',
    title: 'Database without a copy in another region',
    description: 'Multi-AZ survives a zone, not a region: without a global database, a cross-region read replica or cross-region backups, a regional outage leaves nothing to fail over to.',
    defaultSeverity: 'low',
    tierAware: true,
    category: 'iac-data',
    scope: 'resources',
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html',
  },
  check,
};
