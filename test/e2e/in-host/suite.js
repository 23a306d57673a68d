// The in-host suite: VS Code's extension host (code-server's, E2E.md) require()s this file and
// calls run(); it checks the packaged extension through the real `vscode` API. What to expect
// comes from `.outage-radar-e2e.json` at the workspace root, written by the mocha side
// (test/e2e/vscode.test.ts): whether the workspace is trusted, and where to write the results.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const EXTENSION_ID = 'outage-radar.outage-radar';

async function eventually(what, probe, timeoutMs = 60000) {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function outageRadar(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Outage Radar');
}

function codeOf(d) {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code);
}

exports.run = async function run() {
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const expect = JSON.parse(fs.readFileSync(path.join(folder.fsPath, '.outage-radar-e2e.json'), 'utf8'));
  const results = [];
  const test = async (name, fn) => {
    try {
      await fn();
      results.push({ name, ok: true });
    } catch (e) {
      results.push({ name, ok: false, error: String((e && e.stack) || e) });
    }
  };
  const payments = vscode.Uri.joinPath(folder, 'shop-api', 'src', 'handlers', 'payments.ts');
  const template = vscode.Uri.joinPath(folder, 'shop-api', 'template.yaml');
  let api;

  await test('the extension is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found`);
    api = await ext.activate();
    assert.ok(ext.isActive);
    assert.strictEqual(api.trusted, expect.trusted);
    assert.strictEqual(vscode.workspace.isTrusted, expect.trusted);
  });

  await test('the palette commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['outageRadar.showReport', 'outageRadar.rescan', 'outageRadar.simulateOutage', 'outageRadar.exportReport', 'outageRadar.showOutput', 'outageRadar.enableHealth', 'outageRadar.refreshHealth', 'outageRadar.selectAwsProfile']) {
      assert.ok(commands.includes(id), `${id} missing`);
    }
  });

  await test('an opened file gets Outage Radar diagnostics that name the region and link the rule', async () => {
    const doc = await vscode.workspace.openTextDocument(payments);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await eventually('diagnostics on payments.ts', () => {
      const ds = outageRadar(payments).filter((d) => codeOf(d) === 'sdk-literal-region');
      return ds.length >= 2 ? ds : undefined;
    });
    const sts = diagnostics.find((d) => d.range.start.line === 8);
    assert.ok(sts, JSON.stringify(diagnostics.map((d) => [d.range.start.line, d.message])));
    assert.match(sts.message, /STSClient is pinned to us-east-1/);
    assert.strictEqual(sts.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(sts.code.target.toString(), /docs\/rules\/sdk-literal-region\.md$/);
  });

  await test('files never opened have diagnostics too (workspace diagnostics)', async () => {
    const ds = await eventually('diagnostics on template.yaml', () => {
      const found = outageRadar(template).filter((d) => codeOf(d) === 'dynamodb-table-not-global');
      return found.length ? found : undefined;
    });
    assert.strictEqual(ds[0].range.start.line, 63);
    assert.ok(vscode.workspace.textDocuments.every((d) => d.uri.toString() !== template.toString()), 'template.yaml was opened');
  });

  await test('the hover names the region and where it came from', async () => {
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', payments, new vscode.Position(9, 20));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Region:\*\* `us-east-1` — from a constant traced to its literal/);
    assert.match(text, /payments\.ts:5/);
  });

  await test('quick fixes include "Suppress … with a reason"', async () => {
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', payments, new vscode.Range(8, 15, 8, 15));
    assert.ok(actions.some((a) => a.title === 'Suppress sdk-literal-region with a reason…'), actions.map((a) => a.title).join(', '));
  });

  await test('code lenses show the region above resources', async () => {
    // Code lenses are computed for documents the editor has open.
    await vscode.workspace.openTextDocument(template);
    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', template);
    const table = lenses.find((l) => l.range.start.line === 63);
    assert.ok(table && table.command, JSON.stringify(lenses.map((l) => l.range.start.line)));
    assert.match(table.command.title, /^us-east-1 · not replicated · \d+ risks?$/);
    assert.strictEqual(table.command.command, 'outageRadar.showDependency');
  });

  await test('document symbols list the resources of a template', async () => {
    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', template);
    assert.ok(symbols.some((s) => s.name === 'OrdersTable'));
  });

  await test('the Outline of a TypeScript file has no Outage Radar entries', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(payments));
    // Every provider's symbols, as the Outline merges them; TypeScript's own ones may take a moment.
    const symbols = await eventually('the TypeScript outline', async () => {
      const found = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', payments);
      return found && found.length ? found : undefined;
    }, 90000).catch(() => []);
    const flat = [];
    const walk = (list) => {
      for (const s of list || []) {
        flat.push(s);
        walk(s.children);
      }
    };
    walk(symbols);
    // Outage Radar's symbols carried "service · region" details, ARNs and endpoint strings as names.
    const ours = flat.filter((s) => /^[a-z0-9*-]+ · /.test(s.detail || '') || /^arn:|amazonaws\.com|^region /.test(s.name));
    assert.deepStrictEqual(ours.map((s) => `${s.name} (${s.detail})`), []);
  });

  await test('a CDK construct finding underlines the construct head, not its props and comments', async () => {
    const edgeStack = vscode.Uri.joinPath(folder, 'cdk-edge', 'lib', 'edge-stack.ts');
    const doc = await vscode.workspace.openTextDocument(edgeStack);
    const failover = await eventually('cloudfront-no-origin-failover on the edge stack', () =>
      outageRadar(edgeStack).find((d) => codeOf(d) === 'cloudfront-no-origin-failover'));
    // `new cloudfront.Distribution(this, 'SiteDistribution'`: one line, from `new` to the id.
    const head = "new cloudfront.Distribution(this, 'SiteDistribution'";
    assert.strictEqual(failover.range.start.line, failover.range.end.line, JSON.stringify(failover.range));
    assert.strictEqual(doc.getText(failover.range), head);
  });

  await test('the status reports the top region', async () => {
    const status = await eventually('a ready status', () => {
      const s = api && api.status();
      return s && s.state === 'ready' && s.topRegion ? s : undefined;
    });
    assert.strictEqual(status.topRegion, 'us-east-1');
    assert.ok(status.findings > 0);
    assert.strictEqual(status.healthEvents, 0);
  });

  await test('Show Risk Report opens the report webview', async () => {
    await vscode.commands.executeCommand('outageRadar.showReport');
    const tab = await eventually('the report tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Outage Radar: Risk Report'),
    );
    assert.ok(tab);
  });

  if (!expect.trusted) {
    await test('restricted mode ignores the workspace values of network-related settings', async () => {
      const settings = vscode.workspace.getConfiguration('outageRadar');
      assert.strictEqual(settings.get('aws.profile'), '');
      assert.strictEqual(settings.get('health.source'), 'auto');
      // The workspace's own settings file does set them: VS Code holds them back until the workspace is trusted.
      const workspaceSettings = JSON.parse(fs.readFileSync(path.join(folder.fsPath, '.vscode', 'settings.json'), 'utf8'));
      assert.strictEqual(workspaceSettings['outageRadar.aws.profile'], 'attacker-profile');
    });

    await test('restricted mode: the status says AWS Health is off because the workspace is not trusted', async () => {
      const status = await eventually('a ready status', () => {
        const s = api && api.status();
        return s && s.state === 'ready' ? s : undefined;
      });
      assert.strictEqual(status.health, 'restricted');
    });
  }

  const summary = { vscodeVersion: vscode.version, uiKind: vscode.env.uiKind, trusted: vscode.workspace.isTrusted, results };
  fs.writeFileSync(expect.resultsFile, JSON.stringify(summary, null, 2));
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} in-host test(s) failed: ${failed.map((f) => f.name).join('; ')}`);
};
