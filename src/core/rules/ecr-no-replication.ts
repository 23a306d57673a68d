/**
 * ecr-no-replication: ECR repositories in a workspace whose registry replication (an
 * `AWS::ECR::ReplicationConfiguration`, `aws_ecr_replication_configuration`) copies images to no
 * other region. Replication is a registry-wide setting, so any replication configuration of the
 * workspace counts for every repository; repository filters are not evaluated.
 */
import type { Dependency } from '../model';
import { deployRegions, iacResources, isEcrReplicationConfiguration, isEcrRepository, nameOf, regionWords, relatedAt } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'ecr-no-replication',
    title: 'Container images not replicated to another region',
    description: 'Tasks, pods and functions in the recovery region pull their images from ECR; if the images exist only in the failed region, nothing new can start there.',
    defaultSeverity: 'low',
    category: 'iac-data',
    scope: 'resources',
    source: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html',
  },
  check(context) {
    const configs = iacResources(context).filter(isEcrReplicationConfiguration);
    for (const repo of context.dependencies) {
      if (!isEcrRepository(repo)) continue;
      const own = new Set(deployRegions(repo));
      // A configuration whose destinations a scanner could not read may replicate anywhere: unknown, not absent.
      const destinations = configs.flatMap((c) => c.resource?.replicaRegions ?? [null]);
      const elsewhere = destinations.some((r) => r !== null && (!own.has(r) || own.size > 1));
      if (elsewhere) continue;
      const where = regionWords([...own]);
      const related = configs.map((c: Dependency) => relatedAt(c, `replication configuration ${nameOf(c)}`));
      if (destinations.some((r) => r === null)) {
        context.report({ dependency: repo, severity: 'info', related, message: `ECR repository ${nameOf(repo)}: the registry replicates to a region the workspace does not state; make sure it is outside ${where}.` });
        continue;
      }
      context.report({
        dependency: repo,
        related,
        message: `ECR repository ${nameOf(repo)} is not replicated outside ${where}: during an outage there, nothing in another region can pull its images, so no task or function can be started to take over. Add a registry replication rule to another region.`,
      });
    }
  },
};
