/**
 * dynamodb-pitr-disabled: a DynamoDB table without point-in-time recovery. Replication copies
 * every write, including the bad ones an incident can cause (a runaway retry loop, a half-applied
 * failover script); only point-in-time recovery restores the table as it was before.
 */
import { attributesOf, isDynamoDbGlobalTable, isDynamoDbTable, nameOf } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'dynamodb-pitr-disabled',
    title: 'DynamoDB table without point-in-time recovery',
    description: 'Without point-in-time recovery a table corrupted during an outage or a failover (duplicate writes, partial migrations) cannot be restored to a moment before it.',
    defaultSeverity: 'low',
    category: 'iac-data',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isDynamoDbTable(dep)) continue;
      // Scanners state DynamoDB's default (off) when the declaration is silent; undefined means the
      // scanner does not know, and an expression (null) cannot be judged.
      if (attributesOf(dep).pointInTimeRecovery !== false) continue;
      context.report({
        dependency: dep,
        message: `DynamoDB table ${nameOf(dep)} has no point-in-time recovery: writes made wrongly during an outage or a failover (retries, replays, partial scripts) cannot be rolled back. Enable point-in-time recovery${isDynamoDbGlobalTable(dep) ? ' on every replica' : ''}.`,
      });
    }
  },
};
