/**
 * The server's editor features as pure functions over a hand-built dependency map: diagnostics
 * (severity mapping, rule links, related locations), the publisher's bookkeeping, suppression
 * comments per format, hover content and targeting, code lens titles and document symbols.
 */
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { Dependency, DependencyMap, Finding, Severity } from '../../src/core/model';
import { summariseMap } from '../../src/core/summary';
import { codeActionsFor, commentMarkerFor } from '../../src/server/codeActions';
import { lensTitle } from '../../src/server/codeLenses';
import { DiagnosticsPublisher, diagnosticsByFile, findingToDiagnostic, healthDiagnostics } from '../../src/server/diagnostics';
import { documentSymbolsFor } from '../../src/server/documentSymbols';
import { dependencyAt, escapeMarkdown, hoverAt } from '../../src/server/hover';
import { MapView } from '../../src/server/mapView';
import { traceStep } from '../../src/core/trace';

const folder = { root: '/work/shop' };

function dep(overrides: Partial<Dependency> & Pick<Dependency, 'id' | 'file' | 'line' | 'kind' | 'service'>): Dependency {
  return { provider: 'aws', column: 1, endLine: overrides.line, endColumn: 40, region: null, regionSource: 'unresolved', ...overrides };
}

const client = dep({
  id: 'c1', file: 'src/orders.ts', line: 4, column: 16, endLine: 4, endColumn: 59, kind: 'sdk-client', service: 'dynamodb', name: 'DynamoDBClient',
  region: 'us-east-1', regionSource: 'literal', origin: 'js-v3',
  regionTrace: [traceStep({ file: 'src/orders.ts', line: 4, column: 43 }, { kind: 'literal', region: 'us-east-1' })],
});
const call = dep({ id: 'k1', file: 'src/orders.ts', line: 9, column: 9, endLine: 9, endColumn: 90, kind: 'sdk-call', service: 'dynamodb', name: 'PutCommand', operation: 'PutItem', region: 'us-east-1', regionSource: 'literal', links: ['c1'] });
const table = dep({
  id: 't1', file: 'template.yaml', line: 29, column: 3, endLine: 29, endColumn: 14, kind: 'iac-resource', service: 'dynamodb', name: 'OrdersTable',
  region: 'us-east-1', regionSource: 'deploy-config', resource: { type: 'AWS::DynamoDB::Table', name: 'OrdersTable', replicaRegions: [] },
  regionTrace: [traceStep({ file: 'samconfig.toml', line: 7, column: 1 }, { kind: 'deploy-config', setting: 'region', value: '"us-east-1" [default]' })],
});
const replicated = dep({
  id: 't2', file: 'template.yaml', line: 40, column: 3, endLine: 40, endColumn: 16, kind: 'iac-resource', service: 'dynamodb', name: 'SessionsTable',
  region: 'us-east-1', regionSource: 'deploy-config', resource: { type: 'AWS::DynamoDB::GlobalTable', name: 'SessionsTable', replicaRegions: ['us-west-2'] },
});

function finding(ruleId: string, severity: Severity, on: Dependency, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId, severity, message: `${ruleId} on ${on.name} in ${on.region}`, file: on.file, line: on.line, column: on.column, endLine: on.endLine, endColumn: on.endColumn,
    dependencyIds: [on.id], helpUri: `file:///ext/docs/rules/${ruleId}.md`, fingerprint: `fp-${ruleId}`, ...extra,
  };
}

const literal = finding('sdk-literal-region', 'high', client, {
  fix: { description: 'Read the region from AWS_REGION instead of "us-east-1"', edits: [{ file: 'src/orders.ts', line: 4, column: 43, endLine: 4, endColumn: 54, newText: 'process.env.AWS_REGION' }] },
});
const notGlobal = finding('dynamodb-table-not-global', 'medium', table, { related: [{ file: 'src/orders.ts', line: 9, message: 'written by PutItem here' }] });
const pitr = finding('dynamodb-pitr-disabled', 'low', table);
const note = finding('global-control-plane-client', 'info', client);
const critical = finding('route53-failover-without-health-check', 'critical', table);

function mapOf(dependencies: Dependency[], findings: Finding[]): DependencyMap {
  const byRegion: Record<string, number> = {};
  for (const d of dependencies) byRegion[d.region ?? 'unresolved'] = (byRegion[d.region ?? 'unresolved'] ?? 0) + 1;
  return {
    version: 1, root: folder.root, dependencies, findings, problems: [],
    summary: { ...summariseMap(dependencies, findings, { scanned: 3, skipped: 0 }), byRegion, byService: {} },
  };
}

const view = new MapView(mapOf([client, call, table, replicated], [literal, notGlobal, pitr, note]));

describe('server features', () => {
  describe('diagnostics', () => {
    it('maps severities as CONTRACTS.md says: critical Error, high/medium Warning, low Information, info Hint', () => {
      const severities = [critical, literal, notGlobal, pitr, note].map((f) => findingToDiagnostic(f, view, folder).severity);
      assert.deepEqual(severities, [1, 2, 2, 3, 4]);
    });

    it('carries the rule id, its documentation, the range and the source', () => {
      const d = findingToDiagnostic(literal, view, folder);
      assert.equal(d.source, 'Outage Radar');
      assert.equal(d.code, 'sdk-literal-region');
      assert.deepEqual(d.codeDescription, { href: 'file:///ext/docs/rules/sdk-literal-region.md' });
      assert.deepEqual(d.range, { start: { line: 3, character: 15 }, end: { line: 3, character: 58 } });
      assert.equal(d.message, 'sdk-literal-region on DynamoDBClient in us-east-1');
    });

    it("links the rule's related places, then the region trace, as absolute file URIs (never the finding's own line)", () => {
      const d = findingToDiagnostic(notGlobal, view, folder);
      assert.deepEqual(d.relatedInformation, [
        { location: { uri: 'file:///work/shop/src/orders.ts', range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } } }, message: 'written by PutItem here' },
        { location: { uri: 'file:///work/shop/samconfig.toml', range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } } }, message: 'region: region = "us-east-1" [default]' },
      ]);
      // The client's trace step is on its own line: nothing to link.
      assert.equal(findingToDiagnostic(literal, view, folder).relatedInformation, undefined);
    });

    it('groups diagnostics by file, with AWS Health events on the lines they affect', () => {
      const events = [{ arn: 'arn:aws:health:us-east-1::event/DYNAMODB/1', service: 'dynamodb', region: 'us-east-1', eventTypeCode: 'AWS_DYNAMODB_OPERATIONAL_ISSUE', category: 'issue', statusCode: 'open', startTime: '2025-10-20T07:11:00Z', description: 'Increased error rates. We are investigating.', affected: [{ file: 'src/orders.ts', line: 4, service: 'dynamodb', region: 'us-east-1' }] }];
      const byFile = diagnosticsByFile(view, folder, events);
      assert.deepEqual([...byFile.keys()].sort(), ['src/orders.ts', 'template.yaml']);
      const health = byFile.get('src/orders.ts')!.filter((d) => d.source === 'AWS Health');
      assert.equal(health.length, 1);
      assert.equal(health[0].severity, 2);
      assert.equal(health[0].code, 'AWS_DYNAMODB_OPERATIONAL_ISSUE');
      assert.deepEqual(health[0].range.start, { line: 3, character: 15 });
      assert.equal(health[0].message, 'Open issue: dynamodb in us-east-1 since 2025-10-20 07:11 UTC — Increased error rates.');
      assert.deepEqual(healthDiagnostics(events, 'template.yaml', view), []);
    });

    it('publishes changed files only, the open file first, and clears files whose findings disappeared', () => {
      const sent: [string, Diagnostic[]][] = [];
      const publisher = new DiagnosticsPublisher({ publish: (uri, ds) => sent.push([uri, ds]) });
      const a: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'a' };
      const b: Diagnostic = { ...a, message: 'b' };
      const all = () => true;
      publisher.publish(new Map([['file:///a', [a]], ['file:///b', [b]]]), all, ['file:///b']);
      assert.deepEqual(sent.map(([u]) => u), ['file:///b', 'file:///a']);
      sent.length = 0;
      publisher.publish(new Map([['file:///a', [a]], ['file:///b', [b]]]), all);
      assert.deepEqual(sent, [], 'nothing changed, nothing sent');
      publisher.publish(new Map([['file:///a', [b]]]), all);
      assert.deepEqual(sent, [['file:///a', [b]], ['file:///b', []]]);
      sent.length = 0;
      publisher.publish(new Map(), (u) => u !== 'file:///a');
      assert.deepEqual(sent, [], 'files outside the scope are left alone');
    });
  });

  describe('code actions', () => {
    it('decides the comment marker from the file name and content, never the language id', () => {
      const cases: [string, string, string | undefined][] = [
        ['src/a.ts', '', '//'], ['web/b.jsx', '', '//'], ['lib/c.mjs', '', '//'], ['app/worker.py', '', '#'], ['template.yaml', '', '#'],
        ['infra/main.tf', '', '#'], ['prod.tfvars', '', '#'], ['samconfig.toml', '', '#'], ['Dockerfile', '', '#'], ['Dockerfile.prod', '', '#'],
        ['.env.production', '', '#'], ['.aws/config', '', '#'], ['stack.template', 'Resources:\n', '#'], ['stack.template', '{"Resources":{}}', undefined],
        ['template.json', '{}', undefined], ['cdk.json', '{}', undefined],
      ];
      assert.deepEqual(cases.map(([f, t]) => commentMarkerFor(f, t)), cases.map(([, , m]) => m));
    });

    it('offers the rule fix first, then a suppression with the line indentation', () => {
      const text = ['import { DynamoDBClient } from "@aws-sdk/client-dynamodb";', '', '', 'const client = new DynamoDBClient({ region: "us-east-1" });'].join('\n');
      const actions = codeActionsFor({ view, folder, file: 'src/orders.ts', uri: 'file:///work/shop/src/orders.ts', text, range: { start: { line: 3, character: 20 }, end: { line: 3, character: 20 } } });
      assert.deepEqual(actions.map((a) => a.title), ['Read the region from AWS_REGION instead of "us-east-1"', 'Suppress sdk-literal-region with a reason…', 'Suppress global-control-plane-client with a reason…']);
      assert.deepEqual(actions[0].edit, { changes: { 'file:///work/shop/src/orders.ts': [{ range: { start: { line: 3, character: 42 }, end: { line: 3, character: 53 } }, newText: 'process.env.AWS_REGION' }] } });
      assert.equal(actions[0].isPreferred, true);
      assert.equal(actions[1].command, undefined, 'no client command unless the client implements it');
    });

    it('writes YAML suppressions with # and the key indentation, and selects the reason in VS Code', () => {
      const lines = Array.from({ length: 28 }, () => '');
      lines.push('  OrdersTable:', '    Type: AWS::DynamoDB::Table');
      const text = lines.join('\r\n');
      const actions = codeActionsFor({
        view, folder, file: 'template.yaml', uri: 'file:///work/shop/template.yaml', text,
        range: { start: { line: 28, character: 2 }, end: { line: 28, character: 2 } }, clientCommands: new Set(['outageRadar.selectSuppressionReason']),
      });
      const suppress = actions.find((a) => a.title === 'Suppress dynamodb-table-not-global with a reason…')!;
      assert.deepEqual(suppress.edit!.changes!['file:///work/shop/template.yaml'], [{ range: { start: { line: 28, character: 0 }, end: { line: 28, character: 0 } }, newText: '  # outage-radar-ignore dynamodb-table-not-global: TODO: reason\r\n' }]);
      assert.deepEqual(suppress.command, { title: 'Select the reason', command: 'outageRadar.selectSuppressionReason', arguments: ['file:///work/shop/template.yaml', 28] });
    });

    it('offers no suppression comment in JSON, which cannot hold comments', () => {
      const jsonTable = { ...table, file: 'template.json' };
      const jsonView = new MapView(mapOf([jsonTable], [finding('dynamodb-table-not-global', 'medium', jsonTable)]));
      const actions = codeActionsFor({ view: jsonView, folder, file: 'template.json', uri: 'file:///work/shop/template.json', text: '{}', range: { start: { line: 28, character: 3 }, end: { line: 28, character: 3 } } });
      assert.deepEqual(actions, []);
    });
  });

  describe('hover', () => {
    it('picks the most specific dependency under the caret', () => {
      const outer = dep({ id: 'o', file: 'src/orders.ts', line: 3, column: 1, endLine: 12, endColumn: 2, kind: 'iac-resource', service: 'lambda' });
      const nested = new MapView(mapOf([outer, client], []));
      assert.equal(dependencyAt(nested, 'src/orders.ts', { line: 3, character: 20 })?.id, 'c1');
      assert.equal(dependencyAt(nested, 'src/orders.ts', { line: 5, character: 0 })?.id, 'o');
      assert.equal(dependencyAt(nested, 'src/orders.ts', { line: 20, character: 0 }), undefined);
    });

    it('names the service, the region, how it was decided (as links), resilience, findings and the outage impact', () => {
      const hover = hoverAt(view, folder, 'template.yaml', { line: 28, character: 5 });
      const text = (hover!.contents as { value: string }).value;
      assert.ok(text.startsWith('**Amazon DynamoDB (`dynamodb`)** · resource `OrdersTable`'), text);
      assert.ok(text.includes('**Region:** `us-east-1` — from the deploy configuration'));
      assert.ok(text.includes('1. [samconfig.toml:7](file:///work/shop/samconfig.toml#L7) — region = "us-east-1" \\[default\\]'));
      assert.ok(text.includes('**Resilience:** no replica in another region'));
      assert.ok(text.includes('- medium · [`dynamodb-table-not-global`](file:///ext/docs/rules/dynamodb-table-not-global.md)'));
      assert.ok(text.indexOf('dynamodb-table-not-global') < text.indexOf('dynamodb-pitr-disabled'), 'worst findings first');
      assert.ok(text.includes('**If `us-east-1` goes down:** this resource is unavailable'), text);
      assert.deepEqual(hover!.range, { start: { line: 28, character: 2 }, end: { line: 28, character: 13 } });
    });

    it('says what survives an outage of its region', () => {
      const text = (hoverAt(view, folder, 'template.yaml', { line: 39, character: 4 })!.contents as { value: string }).value;
      assert.ok(text.includes('**Resilience:** replicated to `us-west-2`'), text);
      assert.ok(text.includes('**If `us-east-1` goes down:** it keeps serving — replica in us-west-2.'), text);
    });

    it('returns nothing away from dependencies and findings', () => {
      assert.equal(hoverAt(view, folder, 'src/orders.ts', { line: 0, character: 0 }), null);
      assert.equal(hoverAt(view, folder, 'README.md', { line: 0, character: 0 }), null);
    });

    it('escapes workspace text so it cannot become markup or links', () => {
      assert.equal(escapeMarkdown('a *b* [c](http://x) <img> `d` us-east-1'), 'a \\*b\\* \\[c\\](http://x) \\<img\\> \\`d\\` us-east-1');
    });
  });

  describe('code lenses and symbols', () => {
    it('titles a lens with region, replication and risks (info findings are not risks)', () => {
      assert.equal(lensTitle(table, view), 'us-east-1 · not replicated · 2 risks');
      assert.equal(lensTitle(replicated, view), 'us-east-1 · replicated to us-west-2 · no risks');
      assert.equal(lensTitle(client, view), 'us-east-1 · 1 risk');
      // (elsewhere in the file: the client's own diagnostics are not on these lines)
      assert.equal(lensTitle({ ...client, id: 'x', line: 20, endLine: 20, region: null, candidateRegions: ['eu-west-1', 'eu-central-1'] }, view), 'eu-west-1 | eu-central-1 · no risks');
      assert.equal(lensTitle({ ...client, id: 'y', line: 21, endLine: 21, region: null, regionSource: 'parameter' }, view), 'region set at deploy · no risks');
    });

    it("counts the diagnostics on the construct's lines, not findings elsewhere that name it; replication only from the resource's facts", () => {
      // A finding in another file that names the table is not a diagnostic on the table.
      const elsewhere = finding('dynamodb-table-not-global', 'medium', call, { dependencyIds: [table.id] });
      const v = new MapView(mapOf([client, call, table, replicated], [elsewhere]));
      assert.equal(lensTitle(table, v), 'us-east-1 · not replicated · no risks');
      // Unknown replication facts say nothing, whatever rule ids the findings carry.
      const unknown = { ...table, id: 't3', resource: { type: 'AWS::DynamoDB::Table', name: 'OrdersTable' } };
      const w = new MapView(mapOf([unknown], [finding('dynamodb-table-not-global', 'medium', unknown)]));
      assert.equal(lensTitle(unknown, w), 'us-east-1 · 1 risk');
    });

    it('names an open AWS Health event that affects the construct', () => {
      const event = { arn: 'arn:aws:health:us-east-1::event/DYNAMODB/x', service: 'dynamodb', region: 'us-east-1', eventTypeCode: 'AWS_DYNAMODB_OPERATIONAL_ISSUE', category: 'issue', statusCode: 'open', affected: [{ file: 'template.yaml', line: 29, service: 'dynamodb', region: 'us-east-1' }] };
      assert.equal(lensTitle(table, view, [event]), 'us-east-1 · not replicated · AWS Health: open issue (AWS_DYNAMODB_OPERATIONAL_ISSUE) · 2 risks');
      assert.equal(lensTitle(replicated, view, [event]), 'us-east-1 · replicated to us-west-2 · no risks');
    });

    it("lists a template's resources as symbols; a code file's outline stays the language's own", () => {
      assert.deepEqual(documentSymbolsFor(view, 'template.yaml').map((s) => [s.name, s.detail, s.kind]), [
        ['OrdersTable', 'dynamodb · us-east-1', 23],
        ['SessionsTable', 'dynamodb · us-east-1', 23],
      ]);
      // The client, the call, and the ARNs, endpoints and region settings of code are not outline entries.
      const endpoint = dep({ id: 'e1', file: 'src/orders.ts', line: 12, column: 1, endLine: 12, endColumn: 40, kind: 'endpoint', service: 'sts', text: 'https://sts.amazonaws.com', region: 'us-east-1', regionSource: 'global-service' });
      const arn = dep({ id: 'a1', file: 'src/orders.ts', line: 13, column: 1, endLine: 13, endColumn: 60, kind: 'arn', service: 'sns', text: 'arn:aws:sns:us-east-1:123456789012:orders', region: 'us-east-1', regionSource: 'literal' });
      const setting = dep({ id: 'r1', file: 'template.yaml', line: 2, column: 1, endLine: 2, endColumn: 20, kind: 'region-config', service: '*', name: 'region', region: 'us-east-1', regionSource: 'literal' });
      const withCode = new MapView(mapOf([client, call, endpoint, arn, table, setting], []));
      assert.deepEqual(documentSymbolsFor(withCode, 'src/orders.ts'), []);
      assert.deepEqual(documentSymbolsFor(withCode, 'template.yaml').map((s) => s.name), ['OrdersTable']);
    });
  });
});
