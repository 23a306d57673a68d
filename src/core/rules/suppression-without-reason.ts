/**
 * suppression-without-reason: an `outage-radar-ignore` comment or a `suppress:` entry of the
 * configuration file that gives no reason. The suppression still applies; the finding asks for
 * the reason, so that the next reader knows why a regional risk was accepted.
 */
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'suppression-without-reason',
    title: 'Suppression without a reason',
    description: 'An accepted regional risk without a written reason cannot be reviewed: nobody can tell whether it still holds before the next outage.',
    defaultSeverity: 'low',
    category: 'findings',
    scope: 'workspace',
  },
  check(context) {
    for (const s of context.suppressions) {
      if (s.reason) continue;
      context.report({
        at: { file: s.file, line: s.line, column: s.column, endLine: s.line, endColumn: s.endColumn },
        message: `outage-radar-ignore ${s.ruleIds.join(', ')} gives no reason: write why the risk is accepted after a colon (\`outage-radar-ignore ${s.ruleIds[0]}: <reason>\`).`,
        fingerprintText: `inline\u0000${s.ruleIds.join(',')}\u0000${s.targetLine - s.line}`,
      });
    }
    for (const s of context.config.suppress) {
      if (s.reason) continue;
      const file = s.at?.file ?? context.config.file ?? '.outage-radar.yaml';
      const line = s.at?.line ?? 1;
      const column = s.at?.column ?? 1;
      context.report({
        at: { file, line, column, endLine: line, endColumn: column + 1 },
        message: `The suppression of ${s.rule} in ${s.file}${s.resource ? ` (${s.resource})` : ''} gives no reason: add \`reason:\` saying why the risk is accepted.`,
        fingerprintText: `config\u0000${s.rule}\u0000${s.file}\u0000${s.resource ?? ''}\u0000${s.line ?? ''}`,
      });
    }
  },
};
