/**
 * dynamodb-legacy-global-table: a DynamoDB global table of version 2017.11.29 (Terraform
 * `aws_dynamodb_global_table`). The legacy version replicates, but it is managed through a separate
 * API with fewer features and AWS recommends upgrading to the current version (2019.11.21).
 */
import { deployRegions, isLegacyDynamoDbGlobalTable, nameOf, regionWords } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'dynamodb-legacy-global-table',
    title: 'Legacy DynamoDB global table (version 2017.11.29)',
    description: 'Legacy global tables replicate, but need every replica table created by hand with streams enabled, cannot be changed in place, and lack the current version\'s features; AWS recommends the 2019.11.21 version.',
    defaultSeverity: 'info',
    category: 'iac-data',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables.V1.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isLegacyDynamoDbGlobalTable(dep)) continue;
      context.report({
        dependency: dep,
        message: `${nameOf(dep)} is a legacy (2017.11.29) DynamoDB global table managed from ${regionWords(deployRegions(dep))}: upgrade to the current version (a \`replica\` block on aws_dynamodb_table) so replicas are managed with the table and can be added or removed during an incident.`,
      });
    }
  },
};
