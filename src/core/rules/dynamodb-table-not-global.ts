/**
 * dynamodb-table-not-global: a DynamoDB table with no replica in another region. DynamoDB in
 * us-east-1 was the epicentre of the 20 October 2025 outage; global tables kept serving reads and
 * writes from their other replicas while single-region tables were unreachable.
 */
import type { Dependency } from '../model';
import { isDynamoDbTable, isDynamoDbTableReplica, nameOf, regionWords, relatedAt, replicationOf, copiesOf, deployRegions, whereDeployed } from './iacPredicates';
import type { Rule, RuleContext } from './types';

function check(context: RuleContext): void {
  for (const dep of context.dependencies) {
    if (!isDynamoDbTable(dep)) continue;
    const copies = copiesOf(dep, context).filter(isDynamoDbTableReplica);
    const replication = replicationOf(dep, context, copies);
    const related = copies.map((c) => relatedAt(c, `replica ${nameOf(c)} of this table`));
    switch (replication.kind) {
      case 'other-region':
        break;
      case 'unknown-region':
        context.report({
          dependency: dep,
          severity: 'info',
          message: `DynamoDB table ${nameOf(dep)} has replicas whose region the workspace does not state: make sure at least one is outside ${regionWords(deployRegions(dep))}, or the table goes down with its region.`,
          related,
        });
        break;
      default:
        context.report({
          dependency: dep,
          message: `${describeTable(dep, replication.kind === 'same-region')}: if ${regionWords(deployRegions(dep))} has an outage, every read and write fails until it recovers. Make it a global table with a replica in another region.`,
          related,
        });
    }
  }
}

function describeTable(dep: Dependency, sameRegion: boolean): string {
  if (sameRegion) return `DynamoDB table ${nameOf(dep)} lists replicas only in its own region (${regionWords(deployRegions(dep))})`;
  return `DynamoDB table ${nameOf(dep)} exists only ${whereDeployed(dep)}`;
}

export const rule: Rule = {
  meta: {
    id: 'dynamodb-table-not-global',
    title: 'DynamoDB table without a replica in another region',
    description: 'A single-region DynamoDB table is unreachable for the whole of a regional outage; a global table keeps serving from its other replicas.',
    defaultSeverity: 'medium',
    tierAware: true,
    category: 'iac-data',
    scope: 'resources',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html',
  },
  check,
};
