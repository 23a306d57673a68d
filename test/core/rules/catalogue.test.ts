/**
 * The catalogue is complete: every rule in RULES has a module whose file name is its id, a
 * documentation page, a test file and complete metadata; every rule module is registered; the
 * docs index lists exactly the catalogue. The build fails when any of these is missing (ESLint's
 * habit), so a rule cannot ship without its documentation and tests.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SEVERITIES } from '../../../src/core/model';
import { RULES } from '../../../src/core/rules';
import type { Rule, RuleCategory } from '../../../src/core/rules/types';

const ROOT = path.resolve(__dirname, '../../..');
const RULES_DIR = path.join(ROOT, 'src/core/rules');
const DOCS_DIR = path.join(ROOT, 'docs/rules');
const TESTS_DIR = path.join(ROOT, 'test/core/rules');
const CATEGORIES: readonly RuleCategory[] = ['code', 'config', 'iac-data', 'iac-network', 'global', 'findings'];

function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && 'meta' in value && 'check' in value && typeof (value as Rule).check === 'function';
}

/** The rules a module exports, whatever their export names. */
function rulesExportedBy(file: string): Rule[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(file) as Record<string, unknown>;
  return Object.values(exports).filter(isRule);
}

describe('rule catalogue', () => {
  const ids = RULES.map((r) => r.meta.id);

  it('has unique kebab-case ids', () => {
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'duplicate rule ids');
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, `rule id ${id}`);
  });

  for (const rule of RULES) {
    const { id } = rule.meta;
    describe(id, () => {
      it('lives in src/core/rules/<id>.ts, which exports it', () => {
        const file = path.join(RULES_DIR, `${id}.ts`);
        assert.ok(existsSync(file), `missing module src/core/rules/${id}.ts`);
        assert.ok(rulesExportedBy(file).includes(rule), `src/core/rules/${id}.ts does not export the registered rule`);
      });

      it('has complete metadata', () => {
        const m = rule.meta;
        assert.ok(m.title.trim().length > 0 && m.title.length <= 80, 'title: a short title');
        assert.ok(m.description.trim().length >= 40, 'description: the risk during a regional outage, in a sentence or two');
        assert.ok((SEVERITIES as readonly string[]).includes(m.defaultSeverity), `defaultSeverity ${m.defaultSeverity}`);
        assert.ok(CATEGORIES.includes(m.category), `category ${m.category}`);
        if (m.category !== 'findings') assert.match(m.source ?? '', /^https:\/\/\S+$/, 'source: the URL the rule rests on');
      });

      it('has a documentation page docs/rules/<id>.md with the required sections', () => {
        const file = path.join(DOCS_DIR, `${id}.md`);
        assert.ok(existsSync(file), `missing docs/rules/${id}.md`);
        const text = readFileSync(file, 'utf8');
        assert.equal(text.split('\n')[0], `# ${id}`, 'the page starts with its id as title');
        assert.match(text, /^## Why it is a risk during an outage$/m);
        assert.match(text, /^## How to fix$/m);
        assert.match(text, /^```\S+ noncompliant file=/m, 'a non-compliant example');
        assert.match(text, /^```\S+ compliant file=/m, 'a compliant example');
        assert.match(text, /^## Severity/m);
        if (rule.meta.heuristic) assert.match(text, /false positive/i, 'heuristic rules list the false positives they accept');
        if (rule.meta.source) assert.ok(text.includes(rule.meta.source), 'the page cites the source');
      });

      it('has a test file test/core/rules/<id>.test.ts', () => {
        assert.ok(existsSync(path.join(TESTS_DIR, `${id}.test.ts`)), `missing test/core/rules/${id}.test.ts`);
      });
    });
  }

  it('registers every rule module in RULES', () => {
    const registered = new Set(RULES);
    const unregistered: string[] = [];
    for (const name of readdirSync(RULES_DIR).filter((n) => n.endsWith('.ts'))) {
      for (const r of rulesExportedBy(path.join(RULES_DIR, name))) {
        if (!registered.has(r)) unregistered.push(`${name} (${r.meta.id})`);
        else assert.equal(name, `${r.meta.id}.ts`, `rule ${r.meta.id} lives in ${name}`);
      }
    }
    assert.deepEqual(unregistered, [], 'rule modules missing from catalogue-app.ts / catalogue-iac.ts');
  });

  it('has no documentation page without a rule', () => {
    const pages = readdirSync(DOCS_DIR).filter((n) => n.endsWith('.md') && n !== 'README.md').map((n) => n.slice(0, -3));
    assert.deepEqual(pages.filter((p) => !ids.includes(p)), []);
  });

  it('lists exactly the catalogue in the docs index, each linking to its page', () => {
    const index = readFileSync(path.join(DOCS_DIR, 'README.md'), 'utf8');
    const listed = [...index.matchAll(/^\| \[([a-z0-9-]+)\]\(([^)]+)\) \|/gm)].map((m) => ({ id: m[1], link: m[2] }));
    assert.deepEqual(listed.map((l) => l.id).sort(), [...ids].sort());
    for (const l of listed) assert.equal(l.link, `${l.id}.md`);
  });
});
