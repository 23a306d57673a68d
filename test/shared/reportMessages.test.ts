/**
 * The messages between the extension and the report webview: each side accepts exactly the
 * documented shapes and nothing that could open a file outside the workspace or write arbitrary
 * data where the user saves an image.
 */
import assert from 'node:assert/strict';
import { isWorkspaceRelativePath, parseExtensionMessage, parseWebviewMessage } from '../../src/shared/reportMessages';

describe('report webview messages', () => {
  it('the extension accepts ready, openLocation, exportMap and openLink in their documented shapes', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'openLocation', file: 'shop-api/template.yaml', line: 16, column: 5, extra: true }), { type: 'openLocation', file: 'shop-api/template.yaml', line: 16, column: 5 });
    assert.deepEqual(parseWebviewMessage({ type: 'openLocation', file: 'a.ts', line: 3 }), { type: 'openLocation', file: 'a.ts', line: 3, column: 1 });
    assert.deepEqual(parseWebviewMessage({ type: 'exportMap', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }), { type: 'exportMap', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' });
    assert.deepEqual(parseWebviewMessage({ type: 'exportMap', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' }), { type: 'exportMap', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' });
    assert.deepEqual(parseWebviewMessage({ type: 'openLink', href: 'https://docs.aws.amazon.com/x' }), { type: 'openLink', href: 'https://docs.aws.amazon.com/x' });
    assert.deepEqual(parseWebviewMessage({ type: 'openLink', href: 'file:///ext/docs/rules/sdk-literal-region.md' }), { type: 'openLink', href: 'file:///ext/docs/rules/sdk-literal-region.md' });
  });

  it('the extension rejects everything else', () => {
    const rejected: unknown[] = [
      null,
      'ready',
      [],
      { type: 'openLocation', file: '../../etc/passwd', line: 1 },
      { type: 'openLocation', file: '/etc/passwd', line: 1 },
      { type: 'openLocation', file: 'C:/Windows/win.ini', line: 1 },
      { type: 'openLocation', file: 'a\\..\\b', line: 1 },
      { type: 'openLocation', file: 'a.ts', line: 0 },
      { type: 'openLocation', file: 'a.ts', line: 1.5 },
      { type: 'openLocation', file: 'a.ts', line: '3' },
      { type: 'exportMap', format: 'gif', data: 'x' },
      { type: 'exportMap', format: 'svg', data: '<script>alert(1)</script>' },
      { type: 'exportMap', format: 'png', data: 'data:text/html;base64,PHNjcmlwdD4=' },
      { type: 'exportMap', format: 'png', data: 'data:image/png;base64,iVBOR w0K' },
      { type: 'openLink', href: 'javascript:alert(1)' },
      { type: 'openLink', href: 'http://example.com' },
      { type: 'openLink', href: 'command:workbench.action.terminal.new' },
      { type: 'update' },
    ];
    for (const message of rejected) assert.equal(parseWebviewMessage(message), null, JSON.stringify(message));
  });

  it('workspace-relative paths stay inside the workspace', () => {
    for (const ok of ['a.ts', 'src/a.ts', '.github/workflows/deploy.yml', 'dir/..x/file']) assert.equal(isWorkspaceRelativePath(ok), true, ok);
    for (const bad of ['', '/a', '../a', 'a/../../b', 'a//b', 'file:///a', 'vscode://x', 'a\u0000b']) assert.equal(isWorkspaceRelativePath(bad), false, bad);
  });

  it('the webview accepts an update whose data is a dependency map, and nothing else', () => {
    const map = { version: 1, root: '/w', dependencies: [], findings: [], problems: [], summary: {} };
    assert.equal(parseExtensionMessage({ type: 'update', data: { map } })?.data.map.version, 1);
    assert.equal(parseExtensionMessage({ type: 'update', data: map })?.data.map.root, '/w');
    assert.equal(parseExtensionMessage({ type: 'update', data: { map: { version: 2 } } }), null);
    assert.equal(parseExtensionMessage({ type: 'openLocation', file: 'a', line: 1 }), null);
    assert.equal(parseExtensionMessage('update'), null);
  });
});
