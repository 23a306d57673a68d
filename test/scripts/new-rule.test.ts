import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exampleBlocks } from '../core/rules/docsExamples';

const SCRIPT = path.resolve(__dirname, '../../scripts/new-rule.mjs');

function run(args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
}

describe('scripts/new-rule.mjs', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'new-rule-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the module, its test and its page, and prints how to register the rule', () => {
    const r = run(['lambda-single-region-alias', '--category', 'iac-data', '--root', root]);
    assert.equal(r.status, 0, r.stderr);
    const module = readFileSync(path.join(root, 'src/core/rules/lambda-single-region-alias.ts'), 'utf8');
    assert.match(module, /id: 'lambda-single-region-alias'/);
    assert.match(module, /category: 'iac-data'/);
    assert.match(module, /^export const rule: Rule = \{/m);
    const test = readFileSync(path.join(root, 'test/core/rules/lambda-single-region-alias.test.ts'), 'utf8');
    assert.match(test, /from '\.\.\/\.\.\/\.\.\/src\/core\/rules\/lambda-single-region-alias'/);
    // The one rule-test harness: valid/invalid workspaces and hand-built dependencies, nothing else.
    assert.match(test, /^import \{ located, ruleTester, runRulesOn \} from '\.\.\/\.\.\/support\/ruleTester';$/m);
    assert.match(test, /ruleTester\(rule\)\.run\(\{\n    valid: \[/);
    assert.doesNotMatch(test, /appRuleHarness|support\/iacRules|support\/workspace/);
    const doc = readFileSync(path.join(root, 'docs/rules/lambda-single-region-alias.md'), 'utf8');
    assert.equal(doc.split('\n')[0], '# lambda-single-region-alias');
    assert.deepEqual(exampleBlocks(doc).map((b) => `${b.label} ${b.file}`), ['noncompliant src/orders.ts', 'compliant src/orders.ts']);
    assert.match(r.stdout, /src\/core\/rules\/catalogue-iac\.ts \(IAC_RULES\)/);
    assert.match(r.stdout, /import \{ rule as lambdaSingleRegionAlias \} from '\.\/lambda-single-region-alias';/);
    assert.match(r.stdout, /\| \[lambda-single-region-alias\]\(lambda-single-region-alias\.md\) \|/);
    assert.match(r.stdout, /definitions\.ruleId\.enum/);
  });

  it('points code, config and findings rules at the application catalogue', () => {
    const r = run(['sdk-new-check', '--root', root]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /catalogue-app\.ts \(APP_RULES\)/);
    assert.match(readFileSync(path.join(root, 'src/core/rules/sdk-new-check.ts'), 'utf8'), /category: 'code'/);
  });

  it('never overwrites, and rejects ids and categories that are not valid', () => {
    const doc = path.join(root, 'docs/rules/sdk-new-check.md');
    run(['sdk-new-check', '--root', root]);
    writeFileSync(doc, 'edited\n');
    const again = run(['sdk-new-check', '--root', root]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /not overwriting: src\/core\/rules\/sdk-new-check\.ts, test\/core\/rules\/sdk-new-check\.test\.ts, docs\/rules\/sdk-new-check\.md already exist/);
    assert.equal(readFileSync(doc, 'utf8'), 'edited\n');
    for (const args of [['SdkCheck'], ['single'], [], ['good-id', '--category', 'misc'], ['good-id', '--force']]) {
      const r = run([...args, '--root', root]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /usage: npm run new-rule -- <id>/);
    }
    assert.equal(existsSync(path.join(root, 'src/core/rules/good-id.ts')), false);
  });
});
