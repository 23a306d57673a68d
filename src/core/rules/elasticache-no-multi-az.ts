/**
 * elasticache-no-multi-az: an ElastiCache replication group without automatic failover and
 * Multi-AZ, or a stand-alone cache cluster whose nodes sit in one zone. An AZ outage then takes
 * the cache (often the session store or the rate limiter) down with it.
 */
import { attributesOf, isElastiCacheCluster, isElastiCacheReplicationGroup, nameOf } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'elasticache-no-multi-az',
    title: 'ElastiCache without Multi-AZ automatic failover',
    description: 'Without Multi-AZ and automatic failover, losing the primary node\'s availability zone makes the cache unavailable until someone promotes a replica or recreates it.',
    defaultSeverity: 'medium',
    category: 'iac-data',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      const group = isElastiCacheReplicationGroup(dep);
      if (!group && !isElastiCacheCluster(dep)) continue;
      const a = attributesOf(dep);
      // A cache cluster that is a member of a replication group is the group's business.
      if (!group && a.inCluster === true) continue;
      const multiAz = dep.resource?.multiAz;
      const failover = a.automaticFailover;
      // Scanners state ElastiCache's defaults (off) when the declaration is silent; undefined or null cannot be judged.
      if (group ? !(multiAz === false && failover === false) : multiAz !== false) continue;
      context.report({
        dependency: dep,
        message: group
          ? `ElastiCache replication group ${nameOf(dep)} has neither Multi-AZ nor automatic failover: if the primary's availability zone fails, writes stop until a replica is promoted by hand. Enable MultiAZEnabled and AutomaticFailoverEnabled with a replica in another zone.`
          : `ElastiCache cluster ${nameOf(dep)} keeps its nodes in one availability zone: an outage of that zone takes the whole cache down. Use a replication group with Multi-AZ, or spread Memcached nodes with AZMode cross-az.`,
      });
    }
  },
};
