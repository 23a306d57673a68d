/**
 * The safety net of the cached queries (issue 12, item 3): after every edit that changes a fact —
 * a region literal (in code, a template, samconfig.toml, a provider block, a workflow), a resource
 * property, a dependency added or removed, a file created or deleted — the map the incremental
 * analysis returns is exactly the map a cold `analyseWorkspace` of the new files returns
 * (dependencies, findings, problems, summary, risk). Each edit is then undone, and the map must be
 * the cold map of the original files again: the cache walks both ways.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyseWorkspace, IncrementalAnalysis } from '../../src/core/analysis';
import type { FileScanResult } from '../../src/core/model';
import { scanFile } from '../../src/core/scanners';
import { loadLanguages } from '../../src/node/languages';
import { fixtureFilesUnder } from '../support/fixtureFiles';

const REPO = path.resolve(__dirname, '..', '..');
const FOLDERS = ['examples', 'test/fixtures/sam', 'test/fixtures/cdk', 'test/fixtures/terraform', 'test/fixtures/serverless', 'test/fixtures/pulumi', 'test/fixtures/javascript', 'test/fixtures/python', 'test/fixtures/lsp', 'test/fixtures/cloudformation', 'test/fixtures/region-evidence', 'test/fixtures/config'];


const REGION = /\b(?:us|eu|ap|sa|ca|me|af)-(?:east|west|north|south|central|northeast|southeast)-\d\b/;

/** Edits that change a fact of a file, as a developer makes them; undefined where the file offers none. */
const EDITS: Array<{ name: string; apply: (file: string, text: string) => string | undefined }> = [
  { name: 'a region literal changed', apply: (_f, t) => (REGION.test(t) ? t.replace(REGION, (r) => (r === 'ap-southeast-2' ? 'sa-east-1' : 'ap-southeast-2')) : undefined) },
  {
    name: 'a resource property flipped',
    apply: (f, t) => {
      if (!/\.(ya?ml|tf|json|toml)$/.test(f)) return undefined;
      const m = /\b(true|false)\b/.exec(t);
      return m ? t.slice(0, m.index) + (m[1] === 'true' ? 'false' : 'true') + t.slice(m.index + m[1].length) : undefined;
    },
  },
  {
    name: 'a dependency added',
    apply: (f, t) => {
      if (/\.[cm]?[jt]sx?$/.test(f)) return `${t}\nimport { SQSClient as ExtraQueueClient } from "@aws-sdk/client-sqs";\nexport const extraQueue = new ExtraQueueClient({ region: "us-west-1" });\n`;
      if (f.endsWith('.py')) return `${t}\nimport boto3\nextra_queue = boto3.client("sqs", region_name="us-west-1")\n`;
      return undefined;
    },
  },
];

describe('incremental analysis: the cached queries give the cold map', () => {
  for (const folder of FOLDERS) {
    it(`after fact-changing edits, removals and additions in ${folder}`, async function () {
      this.timeout(600_000);
      const languages = await loadLanguages();
      const root = path.join(REPO, folder);
      const texts = new Map(fixtureFilesUnder(root).map((f) => [f, readFileSync(path.join(root, f), 'utf8')] as const));
      const original = [...texts].map(([f, t]) => scanFile(f, t, { languages }));
      const withFile = (file: string, result: FileScanResult | undefined) => {
        const out = original.filter((r) => r.file !== file);
        if (result) out.push(result);
        return out.sort((a, b) => (a.file < b.file ? -1 : 1));
      };
      const analysis = new IncrementalAnalysis();
      const coldOriginal = analyseWorkspace(original, { root: '.' });
      assert.deepEqual(analysis.analyse(original, { root: '.' }), coldOriginal);
      let checked = 0;
      let incremental = 0;
      const check = (results: FileScanResult[], what: string) => {
        const before = analysis.resolutionCounters.incremental;
        assert.deepEqual(analysis.analyse(results, { root: '.' }), analyseWorkspace(results, { root: '.' }), what);
        incremental += analysis.resolutionCounters.incremental - before;
        // Undone: the original files, the original map.
        assert.deepEqual(analysis.analyse(original, { root: '.' }), coldOriginal, `${what}, undone`);
        checked++;
      };
      for (const [file, text] of texts) {
        const old = original.find((r) => r.file === file);
        for (const edit of EDITS) {
          const next = edit.apply(file, text);
          if (next !== undefined && next !== text) check(withFile(file, scanFile(file, next, { languages })), `${file}: ${edit.name}`);
        }
        if (old && old.dependencies.length > 0) {
          // The line of its first dependency removed, and the whole file deleted.
          const lines = text.split('\n');
          const line = old.dependencies[0].line;
          check(withFile(file, scanFile(file, [...lines.slice(0, line - 1), ...lines.slice(line)].join('\n'), { languages })), `${file}: line ${line} removed`);
          check(withFile(file, undefined), `${file}: deleted`);
        }
      }
      // A new handler beside the first code file.
      const code = [...texts.keys()].find((f) => /\.(ts|js|py)$/.test(f));
      if (code) {
        const added = code.replace(/[^/]+$/, 'added-handler.ts');
        check(withFile(added, scanFile(added, 'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\nexport const db = new DynamoDBClient({});\n', { languages })), `${added}: created`);
      }
      assert.ok(checked > 0, 'edits were made');
      assert.ok(incremental > 0, `the cache answered incrementally (${incremental} of ${checked * 2} analyses)`);
    });
  }
});
