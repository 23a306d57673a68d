/**
 * backup-no-cross-region-copy: an AWS Backup plan none of whose rules copies recovery points to a
 * vault in another region. The copies are what a restore in another region starts from.
 */
import { attributesOf, deployRegions, isBackupPlan, nameOf, regionWords } from './iacPredicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'backup-no-cross-region-copy',
    title: 'Backup plan without a cross-region copy',
    description: 'Backups kept only in the region they protect share its blast radius: during a regional outage there is nothing to restore from in another region.',
    defaultSeverity: 'low',
    category: 'iac-data',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (!isBackupPlan(dep)) continue;
      const own = new Set(deployRegions(dep));
      const targets = attributesOf(dep).crossRegionCopyTargets ?? [];
      if (targets.some((r) => r !== null && (!own.has(r) || own.size > 1))) continue;
      const where = regionWords([...own]);
      if (targets.some((r) => r === null)) {
        context.report({ dependency: dep, severity: 'info', message: `Backup plan ${nameOf(dep)} copies to a vault whose region the workspace does not state: make sure it is outside ${where}.` });
        continue;
      }
      context.report({
        dependency: dep,
        message: `Backup plan ${nameOf(dep)} keeps every recovery point ${targets.length ? 'and copy ' : ''}in ${where}: a regional outage makes the backups unavailable together with the data they protect. Add a copy action to a backup vault in another region.`,
      });
    }
  },
};
