/**
 * search-no-zone-awareness: an OpenSearch Service (or Elasticsearch) domain without zone
 * awareness: its shards and their replicas may all sit in one availability zone.
 */
import { attributesOf, isSearchDomain, nameOf } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'search-no-zone-awareness',
    title: 'OpenSearch domain without zone awareness',
    description: 'Without zone awareness a domain\'s nodes and shard replicas can all be in one availability zone: an AZ outage makes the domain red and search unavailable.',
    defaultSeverity: 'medium',
    category: 'iac-data',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isSearchDomain(dep)) continue;
      // Multi-AZ with Standby implies zone awareness across three zones; undefined or null cannot be judged.
      if (attributesOf(dep).zoneAwareness !== false || dep.resource?.multiAz === true) continue;
      context.report({
        dependency: dep,
        message: `Search domain ${nameOf(dep)} has no zone awareness: an availability zone outage can take every copy of some shards, leaving the index incomplete or the domain unavailable. Enable zone awareness (two or three zones) with at least one replica per shard.`,
      });
    }
  },
};
