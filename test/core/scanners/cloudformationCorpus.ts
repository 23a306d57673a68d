/**
 * The CloudFormation scanner over a folder of AWS's public templates
 * (aws-cloudformation/aws-cloudformation-templates): it never throws, finds exactly one resource per
 * entry of each template's Resources mapping (as the yaml and JSON parsers read it, independently of
 * the scanner), names every dependency's service with a lowercase id, and keeps every position
 * inside its file. `npm test` runs it on the subset in test/fixtures/corpus, the slow suite on the
 * whole repository in ../shared/corpus.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseJson } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { cloudFormationScanner } from '../../../src/core/scanners/cloudformation';

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(ya?ml|json|template)$/i.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/** The template as plain data, read by the yaml / JSON packages directly (unknown tags kept as values). */
function plainTemplate(file: string, text: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = /\.json$/i.test(file) ? parseJson(text) : parseYaml(text, { logLevel: 'silent', uniqueKeys: false });
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Resources a template declares: one per key, a literal Fn::ForEach counting once per item and template entry. */
function expectedResourceCount(resources: Record<string, unknown>): number {
  let n = 0;
  for (const [key, value] of Object.entries(resources)) {
    if (key.startsWith('Fn::ForEach::') && Array.isArray(value)) {
      const items = Array.isArray(value[1]) ? value[1].length : 1;
      n += items * Object.keys((value[2] ?? {}) as object).length;
    } else n++;
  }
  return n;
}

function isTemplateData(data: Record<string, unknown> | undefined): data is Record<string, unknown> {
  if (!data || data.AWSTemplateFormatVersion !== undefined) return !!data;
  const resources = data.Resources;
  return !!resources && typeof resources === 'object' && Object.values(resources).some((r) => typeof (r as { Type?: unknown })?.Type === 'string');
}

/**
 * The checks, over the templates under the folder `corpus()` names (a function, so that a missing
 * corpus fails the tests instead of the file's loading), expecting at least `minTemplates` of them.
 */
export function describeTemplateCorpus(title: string, corpus: () => string, minTemplates: number): void {
  describe(title, function () {
    this.timeout(120000);
    let root = '';
    let files: string[] = [];
    before(() => {
      root = corpus();
      files = walk(root);
    });

    it('accepts every template and nothing that is not one', () => {
      const missed: string[] = [];
      const wrong: string[] = [];
      for (const path of files) {
        const file = relative(root, path).split('\\').join('/');
        const text = readFileSync(path, 'utf8');
        const template = isTemplateData(plainTemplate(file, text));
        const accepted = cloudFormationScanner.accepts(file, text);
        if (template && !accepted) missed.push(file);
        if (!template && accepted && cloudFormationScanner.scan(file, text, { languages: {} }).dependencies.length > 0) wrong.push(file);
      }
      assert.deepEqual(missed, []);
      assert.deepEqual(wrong, []);
      assert.ok(files.length > minTemplates, `only ${files.length} files`);
    });

    it('finds one resource per Resources entry, lowercase services, and positions inside each file, without throwing', () => {
      let templates = 0;
      const mismatches: string[] = [];
      const badServices: string[] = [];
      const badPositions: string[] = [];
      for (const path of files) {
        const file = relative(root, path).split('\\').join('/');
        const text = readFileSync(path, 'utf8');
        if (!cloudFormationScanner.accepts(file, text)) continue;
        const data = plainTemplate(file, text);
        if (!isTemplateData(data)) continue;
        templates++;
        const out = cloudFormationScanner.scan(file, text, { languages: {} });
        const resources = (data.Resources ?? {}) as Record<string, unknown>;
        const found = out.dependencies.filter((d) => d.kind === 'iac-resource').length;
        const expected = expectedResourceCount(resources);
        if (found !== expected) mismatches.push(`${file}: ${found} found, ${expected} declared`);
        const lines = text.split(/\r\n|\r|\n/);
        for (const d of out.dependencies) {
          if (!/^[a-z][a-z0-9-]*$/.test(d.service)) badServices.push(`${file}:${d.line} ${d.service}`);
          const endLineLength = (lines[d.endLine - 1] ?? '').length;
          const inside =
            d.line >= 1 && d.line <= lines.length && d.endLine >= d.line && d.endLine <= lines.length &&
            d.column >= 1 && d.column <= (lines[d.line - 1] ?? '').length + 1 && d.endColumn >= 1 && d.endColumn <= endLineLength + 1 &&
            (d.endLine > d.line || d.endColumn > d.column);
          if (!inside || d.file !== file) badPositions.push(`${file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.kind}`);
        }
        for (const p of out.problems) {
          if (p.line !== undefined && (p.line < 1 || p.line > lines.length)) badPositions.push(`${file}: problem at line ${p.line}`);
        }
      }
      assert.deepEqual(mismatches, []);
      assert.deepEqual(badServices, []);
      assert.deepEqual(badPositions, []);
      assert.ok(templates >= minTemplates, `only ${templates} templates`);
    });
  });
}
