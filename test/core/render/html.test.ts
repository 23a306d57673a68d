/**
 * The exported HTML report without a browser: one self-contained file (nothing loaded from
 * anywhere), a strict Content-Security-Policy whose hashes admit exactly the inlined script and
 * stylesheet, and report data embedded so that no text in it can end its `<script>` element.
 * (test/browser/report.test.ts renders the same file in Chromium.)
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { DependencyMap } from '../../../src/core/model';
import { renderHtml, REPORT_CSP, scriptSafeJson } from '../../../src/core/render/html';
import { REPORT_DATA_ELEMENT_ID, readReportData } from '../../../src/core/render/reportData';
import { summariseMap } from '../../../src/core/summary';

function sampleMap(message: string): DependencyMap {
  const map: Omit<DependencyMap, 'summary'> = {
    version: 1,
    root: '/home/dev/shop',
    dependencies: [
      { id: 'sdk-client:0123456789ab', provider: 'aws', service: 'dynamodb', kind: 'sdk-client', file: 'src/orders.ts', line: 4, column: 16, endLine: 4, endColumn: 58, region: 'us-east-1', regionSource: 'literal', name: 'DynamoDBClient' },
    ],
    findings: [
      { ruleId: 'sdk-literal-region', severity: 'high', message, file: 'src/orders.ts', line: 4, column: 16, endLine: 4, endColumn: 58, dependencyIds: ['sdk-client:0123456789ab'], helpUri: 'https://example.com/rules/sdk-literal-region.md' },
    ],
    problems: [],
  };
  return { ...map, summary: summariseMap(map.dependencies, map.findings, { scanned: 1, skipped: 0 }) };
}

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

/** The text between `<tag …>` and `</tag>` of every such element. */
function elements(html: string, tag: string): { attributes: string; text: string }[] {
  const out: { attributes: string; text: string }[] = [];
  const re = new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'gi');
  for (let m = re.exec(html); m; m = re.exec(html)) out.push({ attributes: m[1] ?? '', text: m[2] ?? '' });
  return out;
}

describe('renderHtml: the self-contained report', () => {
  const hostile = 'Pinned to us-east-1 </script><script>alert(1)</script> <!-- <script> \u2028 & "quotes"';
  const html = renderHtml(sampleMap(hostile));

  it('loads nothing from anywhere: no src/href attribute, no url(), no http(s) resource', () => {
    assert.doesNotMatch(html, /\s(src|href|srcset|action|poster|data)\s*=\s*["']?[a-z]+:/i);
    assert.doesNotMatch(html, /<(link|iframe|object|embed|img|base)\b/i);
    assert.doesNotMatch(html, /@import|url\(\s*["']?(https?:)?\/\//i);
    // The only http(s) text outside the data is in licence comments and XML namespaces, never as a resource.
    const scripts = elements(html, 'script');
    const code = scripts.find((s) => !/type=/.test(s.attributes));
    assert.ok(code, 'an inline script');
    assert.doesNotMatch(code.text, /\bfetch\(|XMLHttpRequest|importScripts|new WebSocket|EventSource/);
  });

  it('declares a strict Content-Security-Policy whose hashes match the inlined script and stylesheet', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(meta, 'a CSP meta element');
    const csp = meta[1] as string;
    assert.equal(csp, REPORT_CSP);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['img-src'], ['data:', 'blob:']);
    assert.deepEqual(directives['base-uri'], ["'none'"]);
    const code = elements(html, 'script').filter((s) => !/type=/.test(s.attributes));
    assert.equal(code.length, 1, 'exactly one executable script');
    assert.deepEqual(directives['script-src'], [`'${sha256(code[0]?.text ?? '')}'`]);
    const styles = elements(html, 'style');
    assert.equal(styles.length, 1);
    assert.deepEqual(directives['style-src'], [`'${sha256(styles[0]?.text ?? '')}'`]);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.doesNotMatch(html, /\sstyle=|\son[a-z]+=/i, 'no inline style or event-handler attributes');
  });

  it('embeds the data as JSON that no message can break out of, and reads it back intact', () => {
    const data = elements(html, 'script').filter((s) => /type="application\/json"/.test(s.attributes));
    assert.equal(data.length, 1);
    assert.match(data[0]?.attributes ?? '', new RegExp(`id="${REPORT_DATA_ELEMENT_ID}"`));
    const json = data[0]?.text ?? '';
    assert.doesNotMatch(json, /</, 'no "<" at all inside the data element');
    assert.doesNotMatch(json, /\u2028|\u2029/);
    // Exactly two </script> end tags in the page: the data element's and the script's.
    assert.equal(html.match(/<\/script/gi)?.length, 2);
    const read = readReportData(JSON.parse(json));
    assert.equal(read?.map.findings[0]?.message, hostile);
    assert.equal(read?.map.dependencies[0]?.name, 'DynamoDBClient');
  });

  it('carries AWS Health events when given, and escapes the title', () => {
    const health = [{ region: 'us-east-1', service: 'dynamodb', eventTypeCode: 'AWS_DYNAMODB_OPERATIONAL_ISSUE', statusCode: 'open' as const, startTime: '2025-10-20T07:11:00Z', description: 'Increased error rates' }];
    const page = renderHtml(sampleMap('m'), { health, title: 'Report <b>x</b>' });
    assert.match(page, /<title>Report &lt;b&gt;x&lt;\/b&gt;<\/title>/);
    const json = elements(page, 'script').find((s) => /application\/json/.test(s.attributes))?.text ?? '';
    assert.deepEqual(readReportData(JSON.parse(json))?.health, health);
    assert.equal(readReportData(JSON.parse(elements(renderHtml(sampleMap('m')), 'script').find((s) => /application\/json/.test(s.attributes))?.text ?? ''))?.health, undefined);
  });

  it('scriptSafeJson escapes "<" and the JavaScript line separators', () => {
    assert.equal(scriptSafeJson({ a: '</script>\u2028' }), '{"a":"\\u003c/script>\\u2028"}');
    assert.deepEqual(JSON.parse(scriptSafeJson({ a: '</script>\u2028' })), { a: '</script>\u2028' });
  });
});

describe('readReportData: untrusted report data', () => {
  it('accepts a bare map or { map, health } and rejects anything that is not a version-1 map', () => {
    const map = sampleMap('m');
    assert.equal(readReportData(map)?.map.dependencies.length, 1);
    assert.equal(readReportData({ map })?.map.findings.length, 1);
    for (const bad of [null, 'x', 42, [], {}, { version: 2, dependencies: [], findings: [] }, { version: 1, dependencies: 'x', findings: [] }, { map: { version: 1, findings: [] } }]) {
      assert.equal(readReportData(bad), null, JSON.stringify(bad));
    }
  });

  it('drops entries without their required fields and keeps only the documented fields', () => {
    const raw = {
      version: 1,
      root: 7,
      dependencies: [
        { id: 'a', provider: 'aws', service: 's3', kind: 'sdk-client', file: 'a.ts', line: 2, column: 3, endLine: 2, endColumn: 9, region: 'eu-west-1', regionSource: 'literal', evil: '<script>' },
        { id: 'b', service: 's3', kind: 'not-a-kind', file: 'b.ts' },
        { id: 'c', service: 's3', kind: 'arn', file: 'c.ts', line: -4, region: 5 },
        'string',
      ],
      findings: [
        { ruleId: 'r', severity: 'catastrophic', message: 'm', file: 'a.ts' },
        { ruleId: 'r', severity: 'low', message: 'm', file: 'a.ts', line: 2, dependencyIds: ['a', 3] },
      ],
      summary: { filesScanned: 'many' },
      risk: { concentration: 'x' },
    };
    const read = readReportData(raw);
    assert.ok(read);
    assert.equal(read.map.root, '');
    assert.deepEqual(
      read.map.dependencies.map((d) => [d.id, d.kind, d.line, d.region]),
      [
        ['a', 'sdk-client', 2, 'eu-west-1'],
        ['c', 'arn', 1, null],
      ],
    );
    assert.equal((read.map.dependencies[0] as unknown as Record<string, unknown>).evil, undefined);
    assert.deepEqual(read.map.findings.map((f) => [f.severity, f.dependencyIds]), [['low', ['a']]]);
    assert.equal(read.map.summary.filesScanned, 0);
    assert.deepEqual(read.map.summary.byRegion, { 'eu-west-1': 1, unresolved: 1 });
    assert.equal(read.map.risk, undefined);
  });

  it('keeps only health events with the documented fields', () => {
    const map = sampleMap('m');
    const read = readReportData({
      map,
      health: [
        { region: 'us-east-1', service: 'ec2', eventTypeCode: 'AWS_EC2_OPERATIONAL_ISSUE', statusCode: 'open', startTime: null, description: 'd', availabilityZone: 'us-east-1a', extra: 1 },
        { region: 'us-east-1', service: 'ec2', eventTypeCode: 'X', statusCode: 'burning' },
        { region: 5 },
      ],
    });
    assert.deepEqual(read?.health, [{ region: 'us-east-1', service: 'ec2', eventTypeCode: 'AWS_EC2_OPERATIONAL_ISSUE', statusCode: 'open', startTime: null, description: 'd', availabilityZone: 'us-east-1a' }]);
  });
});
