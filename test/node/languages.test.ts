import assert from 'node:assert/strict';
import { Parser } from 'web-tree-sitter';
import { defaultLanguageFiles, loadLanguages, loadLanguagesFrom } from '../../src/node/languages';

describe('loadLanguages', () => {
  it('loads the Terraform and Python grammars, and parses with them', async () => {
    const languages = await loadLanguages();
    assert.ok(languages.hcl, 'the HCL grammar is loaded');
    assert.ok(languages.python, 'the Python grammar is loaded');
    const parser = new Parser();
    try {
      parser.setLanguage(languages.hcl);
      const hcl = parser.parse('provider "aws" {\n  region = "eu-west-1"\n}\n');
      assert.equal(hcl?.rootNode.child(0)?.type, 'body');
      assert.equal(hcl?.rootNode.hasError, false);
      hcl?.delete();
      parser.setLanguage(languages.python);
      const py = parser.parse('import boto3\nboto3.client("s3")\n');
      assert.equal(py?.rootNode.type, 'module');
      assert.equal(py?.rootNode.hasError, false);
      py?.delete();
    } finally {
      parser.delete();
    }
  });

  it('loads once per process', async () => {
    const a = await loadLanguages();
    const b = await loadLanguages();
    assert.equal(a, b);
    assert.equal(a.hcl, b.hcl);
  });

  it('prefers the Terraform dialect of the HCL grammar', () => {
    const files = defaultLanguageFiles();
    assert.match(files.hcl[0], /tree-sitter-terraform\.wasm$/);
    assert.ok(files.hcl.some((f) => f.endsWith('tree-sitter-hcl.wasm')), 'plain HCL is the fallback');
  });

  it('falls back to the next candidate when a grammar file is missing', async () => {
    const files = defaultLanguageFiles();
    const languages = await loadLanguagesFrom({ ...files, hcl: ['/nonexistent/tree-sitter-terraform.wasm', ...files.hcl.filter((f) => f.endsWith('tree-sitter-hcl.wasm'))] });
    assert.ok(languages.hcl, 'the plain HCL grammar is used');
  });

  it('leaves a language undefined, without throwing, when no grammar can be loaded', async () => {
    const files = defaultLanguageFiles();
    const languages = await loadLanguagesFrom({ ...files, hcl: ['/nonexistent/tree-sitter-terraform.wasm'], python: [__filename] });
    assert.equal(languages.hcl, undefined);
    assert.equal(languages.python, undefined, 'a file that is not WebAssembly is not a grammar');
  });
});
