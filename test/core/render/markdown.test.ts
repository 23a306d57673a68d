import { strict as assert } from 'node:assert';
import type { DependencyMap, Finding } from '../../../src/core/model';
import { summariseMap } from '../../../src/core/summary';
import { renderMarkdown } from '../../../src/core/render/markdown';

const finding = (ruleId: string, severity: Finding['severity'], file: string, line: number): Finding => ({ ruleId, severity, message: `${ruleId} | at ${line}`, file, line, column: 1, endLine: line, endColumn: 2, dependencyIds: [], helpUri: `docs/rules/${ruleId}.md` });

describe('Markdown report', () => {
  it('lists the most severe risks first, whatever their files, and escapes table cells', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => finding('low-rule', 'low', 'a.ts', i + 1)),
      finding('med-rule', 'medium', 'b.ts', 3),
      finding('high-rule', 'high', 'z.ts', 9),
      finding('info-rule', 'info', 'a.ts', 1),
    ];
    const map: DependencyMap = { version: 1, root: '.', dependencies: [], findings, problems: [], summary: summariseMap([], findings, { scanned: 3, skipped: 0 }) };
    const md = renderMarkdown(map, { top: 3 });
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && l.includes('docs/rules/'));
    assert.deepEqual(rows.map((r) => /`(\S+)`\]/.exec(r)?.[1]), ['high-rule', 'med-rule', 'low-rule']);
    assert.match(rows[0], /high-rule \\\| at 9/);
    assert.match(md, /_…and 11 more\._/);
    assert.doesNotMatch(md, /info-rule`\]/);
  });
});
