import { strict as assert } from 'node:assert';
import type { DependencyMap, Finding } from '../../../src/core/model';
import { summariseMap } from '../../../src/core/summary';
import { markdownCode, renderMarkdown } from '../../../src/core/render/markdown';

// The renderer GitHub's is closest to among the packages at hand (CommonMark with GFM tables; raw HTML on, as on GitHub).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: { html: boolean }) => { render(src: string): string };
const toHtml = (src: string) => new MarkdownIt({ html: true }).render(src);

const finding = (ruleId: string, severity: Finding['severity'], file: string, line: number): Finding => ({ ruleId, severity, message: `${ruleId} | at ${line}`, file, line, column: 1, endLine: line, endColumn: 2, dependencyIds: [], helpUri: `https://github.com/outage-radar/outage-radar/blob/main/docs/rules/${ruleId}.md` });

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

  it('lets no repository string become markup: no HTML, links, images, mentions, closed code spans or extra table cells', () => {
    // A folder name with backticks and a pipe, a literal with HTML, an image, a link and mentions.
    const dir = 'svc`</code><img src=x onerror=alert(1)>`` | extra';
    const message = 'Table ![x](https://evil.example/pixel.png) [click](https://evil.example) <img src="https://evil.example/t.gif"> cc @octocat @org/security-team &#64;admin **bold** $x$\n::error::forged';
    const findings = [{ ...finding('sdk-literal-region', 'high', `${dir}/handler.ts`, 4), message }];
    const map: DependencyMap = {
      version: 1,
      root: '.',
      dependencies: [],
      findings,
      summary: summariseMap([], findings, { scanned: 1, skipped: 0 }),
      problems: [{ file: `${dir}/x.yaml`, reason: `YAML syntax: <b>bad</b> near "@here" ${'a'.repeat(5000)}`, severity: 'partial' }],
    };
    const md = renderMarkdown(map);
    const html = toHtml(md);
    assert.doesNotMatch(html, /<img|<b>|evil\.example"|href="https:\/\/evil/);
    assert.doesNotMatch(html, /<strong>bold|<em>/);
    assert.doesNotMatch(md, /@(?!&#8203;)/, 'every @ is broken by a zero-width space');
    const row = /<tr>\s*<td>🔴<\/td>([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? '';
    assert.equal((row.match(/<td>/g) ?? []).length, 3, row);
    // The whole path stays inside one code span, pipe and backticks included.
    assert.match(row, /<td><code>svc`&lt;\/code&gt;&lt;img src=x onerror=alert\(1\)&gt;`` \| extra\/handler\.ts:4<\/code><\/td>/);
    assert.match(row, /\\n::error::forged/);
    // A reason is cut short: a problem cannot fill the comment with a quoted file.
    assert.ok(md.length < 3000, `${md.length} characters`);
  });

  it('links rules to their documentation only at an https URL, never to a file on the machine', () => {
    const local = { ...finding('sdk-literal-region', 'high', 'a.ts', 1), helpUri: 'file:///home/runner/work/app/node_modules/outage-radar/docs/rules/sdk-literal-region.md' };
    const map: DependencyMap = { version: 1, root: '.', dependencies: [], findings: [local], problems: [], summary: summariseMap([], [local], { scanned: 1, skipped: 0 }) };
    const md = renderMarkdown(map);
    assert.doesNotMatch(md, /file:/);
    assert.match(md, /\| 🔴 \| `sdk-literal-region` \|/);
    const linked = renderMarkdown({ ...map, findings: [finding('sdk-literal-region', 'high', 'a.ts', 1)] });
    assert.match(linked, /\[`sdk-literal-region`\]\(https:\/\/github\.com\/outage-radar\/outage-radar\/blob\/main\/docs\/rules\/sdk-literal-region\.md\)/);
  });

  it('fences a code span with more backticks than any run inside it', () => {
    assert.equal(markdownCode('src/a.ts:3'), '`src/a.ts:3`');
    assert.equal(markdownCode('a``b'), '```a``b```');
    assert.equal(markdownCode('`lead'), '`` `lead ``');
    assert.equal(markdownCode('a|b'), '`a\\|b`');
  });
});
