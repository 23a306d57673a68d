/**
 * unused-suppression: an inline `outage-radar-ignore` comment or a configuration `suppress:` entry
 * that suppressed no finding in this run, or that names a rule id the catalogue does not know.
 * Unknown ids are reported here (with their own message) rather than by a separate rule, because
 * a suppression naming an unknown id suppresses nothing either. Suppressions of rules switched off
 * in the configuration are not reported: they would suppress something once the rule is back on.
 * The rules about findings themselves (this one, suppression-without-reason, parse-problem) cannot
 * be suppressed; a suppression naming only them is reported as such.
 */
import type { OutageRadarConfig } from '../config';
import type { RuleContext, Rule } from './types';

/** Rules whose findings are never suppressed (category 'findings' runs after suppression). */
const UNSUPPRESSIBLE = new Set(['suppression-without-reason', 'unused-suppression', 'parse-problem']);

function isOff(config: OutageRadarConfig, id: string): boolean {
  const setting = config.rules[id];
  return setting === 'off' || (typeof setting === 'object' && setting.enabled === false);
}

/** Why a suppression of these ids that matched `uses` findings deserves a finding, or undefined. */
function problemWith(ids: readonly string[], uses: number, context: RuleContext): string | undefined {
  const unknown = ids.filter((id) => !context.knownRuleIds.has(id));
  if (unknown.length) {
    return `names ${unknown.length === 1 ? 'an unknown rule id' : 'unknown rule ids'} ${unknown.map((id) => `"${id}"`).join(', ')}${uses === 0 ? ' and suppresses nothing' : ''}: check the spelling against docs/rules/README.md.`;
  }
  if (uses > 0) return undefined;
  const active = ids.filter((id) => !isOff(context.config, id));
  if (active.length === 0) return undefined;
  if (active.every((id) => UNSUPPRESSIBLE.has(id))) return `cannot suppress ${active.join(', ')}: findings about suppressions and parse problems are never suppressed (switch the rule off or ignore the path in .outage-radar.yaml instead).`;
  return `suppresses nothing: no ${active.join(' or ')} finding is reported here any more. Remove it, so that it cannot hide a future finding.`;
}

export const rule: Rule = {
  meta: {
    id: 'unused-suppression',
    title: 'Suppression that suppresses nothing',
    description: 'A stale suppression hides nothing today but will silently hide the next regional risk written at that place.',
    defaultSeverity: 'low',
    category: 'findings',
    scope: 'workspace',
    source: 'https://eslint.org/docs/latest/use/command-line-interface#--report-unused-disable-directives',
  },
  check(context) {
    for (const s of context.suppressions) {
      const problem = problemWith(s.ruleIds, context.suppressionUse?.get(s) ?? 0, context);
      if (!problem) continue;
      context.report({
        at: { file: s.file, line: s.line, column: s.column, endLine: s.line, endColumn: s.endColumn },
        message: `outage-radar-ignore ${s.ruleIds.join(', ')} ${problem}`,
        fingerprintText: `inline\u0000${s.ruleIds.join(',')}\u0000${s.targetLine - s.line}`,
      });
    }
    for (const s of context.config.suppress) {
      const problem = problemWith([s.rule], context.configSuppressionUse?.get(s) ?? 0, context);
      if (!problem) continue;
      const file = s.at?.file ?? context.config.file ?? '.outage-radar.yaml';
      const line = s.at?.line ?? 1;
      const column = s.at?.column ?? 1;
      context.report({
        at: { file, line, column, endLine: line, endColumn: column + 1 },
        message: `The suppression of ${s.rule} in ${s.file}${s.resource ? ` (${s.resource})` : ''}${s.line !== undefined ? ` at line ${s.line}` : ''} ${problem}`,
        fingerprintText: `config\u0000${s.rule}\u0000${s.file}\u0000${s.resource ?? ''}\u0000${s.line ?? ''}`,
      });
    }
  },
};
