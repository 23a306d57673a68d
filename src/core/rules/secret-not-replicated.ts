/**
 * secret-not-replicated: a Secrets Manager secret without replica regions (`ReplicaRegions`,
 * Terraform `replica`, CDK `replicaRegions`). Whatever boots in the recovery region — functions,
 * containers, database clients — reads its credentials there; a secret that exists only in the
 * failed region stops the recovery region from starting.
 */
import { copiesOf, deployRegions, isSecret, nameOf, regionWords, relatedAt, replicationOf } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'secret-not-replicated',
    title: 'Secret without a replica in another region',
    description: 'During a regional outage the recovery region cannot read a secret that exists only in the failed region, so nothing that needs it can start there.',
    defaultSeverity: 'medium',
    tierAware: true,
    category: 'iac-data',
    scope: 'resources',
    source: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/create-manage-multi-region-secrets.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isSecret(dep)) continue;
      const copies = copiesOf(dep, context);
      const replication = replicationOf(dep, context, copies);
      if (replication.kind === 'other-region') continue;
      const where = regionWords(deployRegions(dep));
      const related = copies.map((c) => relatedAt(c, `replica ${nameOf(c)}`));
      if (replication.kind === 'unknown-region') {
        context.report({ dependency: dep, severity: 'info', related, message: `Secret ${nameOf(dep)} has replicas whose region the workspace does not state: make sure one is outside ${where}.` });
        continue;
      }
      context.report({
        dependency: dep,
        related,
        message: `Secret ${nameOf(dep)} has no replica outside ${where}: during an outage there, nothing started in another region can read it. Add a replica region (the replica keeps the same name and is readable even while the primary region is down).`,
      });
    }
  },
};
