import { strict as assert } from 'node:assert';
import { pythonScanner } from '../../../src/core/scanners/python';
import { parseTextWithin, syntaxErrors } from '../../../src/core/scanners/treeSitter';
import type { ScanContext } from '../../../src/core/scanners/types';
import { loadLanguages } from '../../../src/node/languages';

describe('tree-sitter syntax errors', () => {
  let context: ScanContext;
  before(async () => {
    context = { languages: await loadLanguages() };
  });

  // Found by comparing scanner outputs over fuzzed files: a line separator (U+2028) deep in a
  // generated attribute chain puts the error 12,000 levels down, and the recursive walk to it
  // overflowed the call stack, so the whole file was lost ("python scanner failed").
  const deepError = `import boto3\n\nx = boto3${'.b'.repeat(12000)}\u2028${'.b'.repeat(8000)}()\ns3 = boto3.client("s3", region_name="eu-west-1")\n`;

  it('finds an error nested thousands of levels deep without exhausting the call stack', () => {
    const { tree } = parseTextWithin(context.languages.python!, deepError, 5000);
    assert.ok(tree);
    try {
      const errors = syntaxErrors(tree.rootNode);
      assert.ok(errors.length >= 1, 'the damaged chain is reported');
      assert.ok(errors.every((e) => e.start > deepError.indexOf('x = ')), JSON.stringify(errors));
    } finally {
      tree.delete();
    }
  });

  it('still scans the rest of such a file: the client after the damaged line is found', () => {
    const out = pythonScanner.scan('w/generated.py', deepError, context);
    assert.deepEqual(out.dependencies.map((d) => `${d.kind} ${d.service} ${d.region}`), ['sdk-client s3 eu-west-1']);
    assert.ok(out.problems.some((p) => p.reason.startsWith('Python syntax error')), JSON.stringify(out.problems));
  });
});
