/**
 * SECURITY.md cites, in brackets, the test that checks each statement (`[network: "title…"]`,
 * `[path/to/file.test.ts: "title…", "title…"]`). This test keeps the citations honest: every
 * cited file exists and holds a test whose title starts with each cited title, and every
 * section that states a behaviour cites at least one test.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../support/cli';

const doc = readFileSync(path.join(REPO, 'SECURITY.md'), 'utf8');
const squash = (s: string) => s.replace(/\s+/g, ' ');

/** The test file a citation names: a short name under test/security, or a path. */
function citedFile(name: string): string {
  const clean = name.replace(/`/g, '');
  return clean.includes('/') ? path.join(REPO, clean) : path.join(REPO, 'test', 'security', `${clean}.test.ts`);
}

describe('SECURITY.md cites a real test for each statement', () => {
  const citations = [...squash(doc).matchAll(/\[([`\w/.-]+)(?::((?:\s*"[^"]+",?)+))?\]/g)]
    .filter((m) => /^`?(?:test\/|network$|trustAndConfig$|webview$|noEval$)/.test(m[1]));

  it('cites tests', () => {
    assert.ok(citations.length >= 12, `only ${citations.length} citations found`);
  });

  for (const [, file, titles] of citations) {
    it(`${file}${titles ? `: ${titles.trim().slice(0, 60)}` : ''}`, () => {
      const target = citedFile(file);
      assert.ok(existsSync(target), `${target} does not exist`);
      const source = squash(readFileSync(target, 'utf8'));
      for (const [, title] of (titles ?? '').matchAll(/"([^"]+)"/g)) {
        // "…" stands for words left out: every part around it must be in one test title.
        for (const part of title.split('…').map((p) => p.trim()).filter(Boolean)) {
          assert.ok(source.includes(part), `no test in ${path.relative(REPO, target)} has "${part}" in its title`);
        }
      }
    });
  }

  it('every section about behaviour cites a test', () => {
    const sections = doc.split(/\n## /).slice(1);
    const exempt = ['Reporting a vulnerability', 'Dependencies', 'Known limitations'];
    for (const section of sections) {
      const title = section.split('\n')[0];
      if (exempt.includes(title)) continue;
      assert.match(section, /\[(?:network|trustAndConfig|webview|noEval|`?test\/)/, `section "${title}" cites no test`);
    }
  });
});
