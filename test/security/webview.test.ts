/**
 * SECURITY.md "The report webview and the HTML report": the pages carry a Content-Security-Policy
 * that loads nothing from anywhere, runs only Outage Radar's own script (a per-page nonce in the
 * editor, the script's SHA-256 in the exported file) and never allows `eval` or inline code;
 * workspace text cannot break out of the embedded data; and every message between the webview
 * and the extension is validated on arrival.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseExtensionMessage, parseWebviewMessage } from '../../src/shared/reportMessages';
import { ensureBuilt, REPO, runCli } from '../support/cli';

const DIST = path.join(REPO, 'dist');

/** The directives of a policy, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values];
  }));
}

function assertStrictPolicy(csp: string, where: string): void {
  const policy = directives(csp);
  assert.deepEqual(policy.get('default-src'), ["'none'"], `${where}: default-src must be 'none' (${csp})`);
  assert.ok(!/unsafe-eval|unsafe-inline|unsafe-hashes|wasm-unsafe-eval/.test(csp), `${where}: an unsafe source is allowed (${csp})`);
  for (const source of policy.get('script-src') ?? []) {
    assert.match(source, /^'(?:nonce-\$\{nonce\}|nonce-[A-Za-z0-9+/=]+|sha256-[A-Za-z0-9+/=]+|\$\{REPORT_SCRIPT_HASH\})'$/, `${where}: script source ${source} is neither a nonce nor a hash`);
  }
  for (const name of ['connect-src', 'frame-src', 'object-src', 'child-src', 'worker-src']) assert.equal(policy.get(name), undefined, `${where}: ${name} opens a way out`);
}

describe('webview and HTML report pages (SECURITY.md)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it('the editor webview page: strict policy in the shipped extension, no unsafe source anywhere in its bundles', () => {
    const extension = readFileSync(path.join(DIST, 'extension.js'), 'utf8');
    const webview = readFileSync(path.join(DIST, 'webview.js'), 'utf8');
    const policies = extension.match(/default-src 'none';[^`"]*/g) ?? [];
    assert.ok(policies.length >= 1, 'no Content-Security-Policy in dist/extension.js');
    for (const csp of policies) assertStrictPolicy(csp, 'dist/extension.js');
    for (const [name, text] of [['extension.js', extension], ['webview.js', webview]]) {
      assert.equal(/'unsafe-(?:eval|inline|hashes)'/.test(text), false, `${name} mentions an unsafe CSP source`);
    }
    // Only the extension's media/ and dist/ folders are visible to the page.
    assert.match(extension, /localResourceRoots:\s*\[[^\]]*"media"[^\]]*"dist"[^\]]*\]/);
  });

  it('the exported HTML report: hashed script and style only, and workspace text cannot close the data element', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-html-'));
    try {
      // Workspace text (an ARN, which the report shows) that tries to end the embedded JSON and start a script of its own.
      const hostile = 'arn:aws:sns:us-east-1:123456789012:x</script><script>alert</script><!--';
      writeFileSync(path.join(root, 'template.yaml'), `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Subscription:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: "${hostile}"\n      Protocol: email\n`);
      const run = runCli(['scan', '.', '--no-cache', '--format', 'html'], root);
      assert.equal(run.code, 0, run.stderr);
      const html = run.stdout;
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
      assert.ok(csp, 'no Content-Security-Policy meta element');
      assertStrictPolicy(csp, 'HTML report');
      const policy = directives(csp);
      const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
      const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
      assert.deepEqual(policy.get('script-src'), scripts.map(sha), 'the policy admits exactly the inline script');
      assert.deepEqual(policy.get('style-src'), styles.map(sha), 'the policy admits exactly the inline stylesheet');
      assert.equal(scripts.length, 1);
      assert.equal(html.includes('<script>alert'), false, 'the hostile text broke out of the data element');
      const data = /<script type="application\/json" id="[^"]+">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
      assert.ok(JSON.stringify(JSON.parse(data)).includes(hostile), 'the ARN is in the data, intact');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the extension accepts only well-formed messages from the webview', () => {
    const rejected: unknown[] = [
      null, 'ready', [], { type: 'eval', code: '1' },
      { type: 'openLocation', file: '../../etc/passwd', line: 1 },
      { type: 'openLocation', file: '/etc/passwd', line: 1 },
      { type: 'openLocation', file: 'src/../../x.ts', line: 1 },
      { type: 'openLocation', file: 'file:///etc/passwd', line: 1 },
      { type: 'openLocation', file: 'C:\\Windows\\win.ini', line: 1 },
      { type: 'openLocation', file: 'src/a.ts\u0000.png', line: 1 },
      { type: 'openLocation', file: 'src/a.ts', line: 0 },
      { type: 'openLocation', file: 'src/a.ts', line: '1' },
      { type: 'openLink', href: 'javascript:alert(1)' },
      { type: 'openLink', href: 'command:workbench.action.terminal.new' },
      { type: 'openLink', href: 'http://example.com/' },
      { type: 'openLink', href: 'vscode://file/etc/passwd' },
      { type: 'exportMap', format: 'svg', data: '<html><script>alert(1)</script>' },
      { type: 'exportMap', format: 'png', data: 'data:text/html;base64,PHNjcmlwdD4=' },
      { type: 'exportMap', format: 'exe', data: '<svg></svg>' },
    ];
    for (const message of rejected) assert.equal(parseWebviewMessage(message), null, `accepted ${JSON.stringify(message)}`);
    assert.deepEqual(parseWebviewMessage({ type: 'openLocation', file: 'src/orders.ts', line: 8, column: 3, extra: 'ignored' }), { type: 'openLocation', file: 'src/orders.ts', line: 8, column: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'openLink', href: 'https://docs.aws.amazon.com/health/' }), { type: 'openLink', href: 'https://docs.aws.amazon.com/health/' });
  });

  it('the webview accepts only a well-formed update from the extension', () => {
    for (const message of [null, { type: 'update' }, { type: 'update', data: { version: 2 } }, { type: 'run', code: 'alert(1)' }]) {
      assert.equal(parseExtensionMessage(message), null, `accepted ${JSON.stringify(message)}`);
    }
  });
});
