/**
 * The examples in the rule documentation are executable specifications (typescript-eslint's
 * habit): for every docs/rules/<id>.md page, each non-compliant example workspace must make the
 * rule report at least once, and each compliant one must not. The block convention is described
 * in docs/rules/README.md: a fenced block whose info string is
 * `<lang> noncompliant|compliant file=<workspace path> [group=<name>]`; blocks with the same label
 * and group form one workspace, and a `.outage-radar.yaml` block in it is that workspace's
 * configuration.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfigFile } from '../../../src/core/configFile';
import { analyseFiles, findingsOf } from '../../support/ruleTester';
import { exampleBlocks, exampleWorkspaces } from './docsExamples';

const DOCS_DIR = path.resolve(__dirname, '../../../docs/rules');
const CONFIG_FILE = '.outage-radar.yaml';

describe('rule documentation examples', () => {
  const pages = readdirSync(DOCS_DIR).filter((n) => n.endsWith('.md') && n !== 'README.md').sort();

  it('the block parser reads labels, files, groups and bodies', () => {
    const md = ['# x', '```ts noncompliant file=src/a.ts group=one', 'const a = 1;', '```', '', '```toml noncompliant file=samconfig.toml group=one', 'x = 1', '```', '```yaml compliant file=t.yaml', 'a: 1', '```', '```ts', 'ignored', '```'].join('\n');
    const workspaces = exampleWorkspaces(exampleBlocks(md));
    assert.deepEqual(workspaces.map((w) => [w.label, w.blocks.map((b) => `${b.file}:${b.line}`)]), [['noncompliant', ['src/a.ts:2', 'samconfig.toml:6']], ['compliant', ['t.yaml:9']]]);
    assert.equal(workspaces[0].blocks[0].text, 'const a = 1;\n');
  });

  for (const page of pages) {
    const id = page.slice(0, -3);
    const markdown = readFileSync(path.join(DOCS_DIR, page), 'utf8');
    const workspaces = exampleWorkspaces(exampleBlocks(markdown));
    describe(`docs/rules/${page}`, () => {
      it('has at least one non-compliant and one compliant example', () => {
        assert.ok(workspaces.some((w) => w.label === 'noncompliant'), 'no non-compliant example');
        assert.ok(workspaces.some((w) => w.label === 'compliant'), 'no compliant example');
      });
      for (const w of workspaces) {
        it(`${w.label} example (${w.name}) ${w.label === 'noncompliant' ? 'triggers' : 'does not trigger'} ${id}`, async () => {
          const files: Record<string, string> = {};
          let config;
          for (const b of w.blocks) {
            if (b.file === CONFIG_FILE) {
              const parsed = parseConfigFile(b.text, CONFIG_FILE);
              assert.deepEqual(parsed.problems, [], 'the example configuration is valid');
              config = parsed.config;
            } else {
              assert.ok(!(b.file in files), `two blocks for ${b.file} in one workspace`);
              files[b.file] = b.text;
            }
          }
          const map = await analyseFiles(files, config ? { config } : {});
          const findings = findingsOf(map, id);
          if (w.label === 'noncompliant') assert.ok(findings.length > 0, `expected ${id} to report on the example at line ${w.blocks[0].line}; dependencies: ${JSON.stringify(map.dependencies.map((d) => `${d.file}:${d.line} ${d.kind} ${d.service} ${d.region}`))}; problems: ${JSON.stringify(map.problems)}`);
          else assert.deepEqual(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`), [], `expected no ${id} finding on the compliant example at line ${w.blocks[0].line}`);
        });
      }
    });
  }
});
