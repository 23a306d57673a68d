/**
 * parse-problem: a file that was skipped or only partly understood (the map's `problems`). The
 * dependencies in the part that was not understood are missing from the map, so the report may
 * understate the workspace's exposure. One info finding per problem, at its line (line 1 when the
 * problem has none), spanning to the end of that line.
 */
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'parse-problem',
    title: 'File not fully understood',
    description: 'Dependencies in a file that could not be parsed are missing from the map: the regions it depends on are unknown.',
    defaultSeverity: 'info',
    category: 'findings',
    scope: 'workspace',
  },
  check(context) {
    for (const p of context.problems) {
      const line = p.line ?? 1;
      const column = p.column ?? 1;
      context.report({
        at: { file: p.file, line, column, endLine: line + 1, endColumn: 1 },
        message: p.reason,
        fingerprintText: `${p.severity ?? 'partial'}\u0000${p.reason}`,
      });
    }
  },
};
