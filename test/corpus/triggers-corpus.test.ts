/**
 * Slow suite: the narrowed JavaScript and Python triggers lose no dependency over the whole public
 * corpus (../shared/corpus: AWS's CloudFormation templates, a serverless monorepo with Python and
 * Node Lambdas, two Terraform module repositories) and over the JavaScript of the packages the
 * bench's real-code corpus copies (the AWS SDKs among them), read in place from node_modules.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEPENDENCY_PACKAGES } from '../../bench/corpus/real';
import type { ScanContext } from '../../src/core/scanners/types';
import { loadLanguages } from '../../src/node/languages';
import { assertNoDependencyLost } from '../core/scanners/triggerEquivalence';

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');

describe('per-format triggers over the public corpus and the dependencies (slow)', function () {
  this.timeout(10 * 60 * 1000);
  let context: ScanContext;
  before(async () => {
    context = { languages: await loadLanguages() };
  });

  it('lose no dependency over ../shared/corpus', () => {
    assert.ok(existsSync(CORPUS), `the public corpus is missing: ${CORPUS}`);
    const counts = assertNoDependencyLost([CORPUS], context);
    // The serverless monorepo alone holds dozens of boto3 and SDK files.
    assert.ok((counts.current.javascript ?? 0) > 20 && (counts.current.python ?? 0) > 40, JSON.stringify(counts));
  });

  it("lose no dependency over the JavaScript of the bench's real-code corpus (the SDKs' own packages)", () => {
    const roots = DEPENDENCY_PACKAGES.map((p) => path.join(ROOT, 'node_modules', p)).filter(existsSync);
    const counts = assertNoDependencyLost(roots, context);
    assert.ok((counts.current.javascript ?? 0) > 100, JSON.stringify(counts));
  });
});
