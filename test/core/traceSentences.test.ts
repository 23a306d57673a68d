/**
 * Trace sentences are for people: every consumer reads a step's `kind` and fields. This test
 * fails when code under src/ (other than the renderer, src/core/trace.ts) matches on a trace
 * sentence, in any of the ways that code did before the trace was typed:
 *
 * 1. `.reason` used as the subject of a text match: `RE.test(step.reason)`, `RE.exec(s.reason)`,
 *    `s.reason.startsWith(…)`, `findRegionsInText(s.reason)`, `s.reason === '…'`;
 * 2. a regular expression literal whose text has two words in a row (`written here`,
 *    `configured for`, `is\s+unset`) and that matches a sentence the renderer writes;
 * 3. a string literal passed to a text-matching method that is a piece of such a sentence.
 *
 * The samples below give one step of every kind (TypeScript checks the list is complete), so a
 * new kind's sentence is covered as soon as it exists.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import type { TraceEvidence, TraceKind } from '../../src/core/model';
import { renderTraceReason, TRACE_KINDS } from '../../src/core/trace';

const ROOT = join(__dirname, '../..');
const RENDERER = 'src/core/trace.ts';

const SAMPLES: { [K in TraceKind]: Extract<TraceEvidence, { kind: K }>[] } = {
  literal: [{ kind: 'literal', region: 'us-east-1' }],
  'table-entry': [{ kind: 'table-entry', region: 'eu-west-1', text: 'arn:aws:lambda:eu-west-1:123456789012:layer:Insights:38' }],
  fallback: [{ kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION' }, { kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION', applied: true }],
  'env-read': [{ kind: 'env-read', variable: 'AWS_REGION' }],
  'runtime-env': [{ kind: 'runtime-env', variable: 'AWS_REGION' }, { kind: 'runtime-env' }],
  value: [{ kind: 'value', via: 'const REGION' }],
  assignment: [{ kind: 'assignment', name: 'REGION', expression: '"eu-west-1"' }],
  'call-argument': [{ kind: 'call-argument', function: 'makeClient(…)' }],
  'parameter-default': [{ kind: 'parameter-default', parameter: 'region' }],
  'caller-parameter': [{ kind: 'caller-parameter', parameter: 'deployRegion', function: 'makeClient' }, { kind: 'caller-parameter', parameter: 'region', function: 'make', default: '"us-east-1"' }],
  loop: [{ kind: 'loop', variable: 'region', several: true }, { kind: 'loop', variable: 'region', several: false }],
  'cdk-context': [{ kind: 'cdk-context', key: 'region' }],
  'pulumi-config': [{ kind: 'pulumi-config' }],
  'pulumi-function': [{ kind: 'pulumi-function' }],
  'edge-function': [{ kind: 'edge-function', region: 'us-east-1' }],
  'sdk-global-config': [{ kind: 'sdk-global-config' }],
  'global-endpoint': [{ kind: 'global-endpoint', service: 'sts', region: 'us-east-1', host: 'sts.amazonaws.com' }],
  'default-session': [{ kind: 'default-session', call: 'boto3.setup_default_session(region_name="eu-west-1")' }],
  'imported-client': [{ kind: 'imported-client', name: 's3Client', from: 'libs/s3Client.js' }],
  'deploy-config': [{ kind: 'deploy-config', setting: 'region', value: 'eu-west-1', environment: 'prod' }, { kind: 'deploy-config', setting: 'provider.region', value: 'eu-west-1', overridable: true }],
  'deployed-function': (['stack', 'function', 'own', 'deploy-time'] as const).map((regionOf) => ({ kind: 'deployed-function' as const, unit: 'OrdersFunction', regionOf, codePath: 'src' })),
  'unit-env': [{ kind: 'unit-env', unit: 'OrdersFunction', variable: 'TABLE_REGION', value: 'eu-west-1' }],
  'stack-instantiation': [{ kind: 'stack-instantiation', className: 'OrdersStack', id: 'Orders' }],
  'stack-env': [{ kind: 'stack-env', region: 'eu-west-1' }, { kind: 'stack-env', regions: ['eu-west-1', 'us-east-1'] }, { kind: 'stack-env', variable: 'CDK_DEFAULT_REGION' }, { kind: 'stack-env', contextKey: 'region' }, { kind: 'stack-env' }],
  provider: (['region', 'proxy', 'no-region', 'pulumi'] as const).map((state) => ({ kind: 'provider' as const, provider: 'provider "aws"', state, value: '"eu-west-1"' })),
  'module-provider': [{ kind: 'module-provider', module: 'dr', provider: 'aws', passed: 'aws.west' }, { kind: 'module-provider', module: 'dr', provider: 'aws', inheritsFrom: '' }, { kind: 'module-provider', module: 'dr', provider: 'aws.west', missing: true }],
  'module-input': [{ kind: 'module-input', module: 'dr', variable: 'region', value: '"eu-west-1"' }],
  'terraform-variable': [{ kind: 'terraform-variable', variable: 'region', value: '"eu-west-1"' }, { kind: 'terraform-variable', variable: 'region', nullDefault: true }],
  'terraform-local': [{ kind: 'terraform-local', name: 'region', value: '"eu-west-1"' }],
  tfvars: [{ kind: 'tfvars', variable: 'region', value: '"eu-west-1"', varFile: 'prod.tfvars' }],
  'resource-provider': [{ kind: 'resource-provider', resource: 'aws_s3_bucket.logs', provider: 'aws.west', folder: 'infra' }],
  'resource-region': [{ kind: 'resource-region', resource: 'aws_s3_bucket.logs', value: 'var.region' }],
  'global-control-plane': [{ kind: 'global-control-plane', service: 'iam', region: 'us-east-1', note: 'IAM changes are served only by us-east-1', configuredRegion: 'eu-west-1' }],
  'deploy-time': (['stack', 'variable', 'cdk-context', 'profile', 'pulumi-stack', 's3-backend', 'terraform-variable'] as const).map((subject) => ({ kind: 'deploy-time' as const, subject, name: 'region' })),
  'ci-env': [{ kind: 'ci-env', variable: 'AWS_REGION', label: 'configure-aws-credentials', exported: true }, { kind: 'ci-env', variable: 'AWS_REGION', value: 'eu-west-1', label: 'job deploy env' }, { kind: 'ci-env', variable: 'aws-region', value: 'eu-west-1', form: 'setting', job: 'deploy' }],
  'ci-matrix': [{ kind: 'ci-matrix', path: 'region', regions: ['eu-west-1'] }, { kind: 'ci-matrix', path: 'REGION', regions: ['eu-west-1'], form: 'gitlab' }],
  'ci-input': [{ kind: 'ci-input', input: 'region', options: ['eu-west-1'] }, { kind: 'ci-input', input: 'region', default: 'eu-west-1' }],
  'ci-deploy': [{ kind: 'ci-deploy', tool: 'sam', command: 'sam deploy', job: 'deploy', region: 'us-west-2' }],
  'ci-run': [{ kind: 'ci-run', command: 'python scripts/stats.py', job: 'stats', region: 'eu-west-1' }],
  'env-assignment': [{ kind: 'env-assignment', variable: 'AWS_REGION', value: 'eu-west-1', keyword: 'ENV' }, { kind: 'env-assignment', variable: 'AWS_REGION', value: 'eu-west-1', form: 'setting' }],
  'shell-loop': [{ kind: 'shell-loop', variable: 'r', values: 'us-east-1 us-west-2' }],
  'framework-default': [{ kind: 'framework-default', framework: 'serverless', region: 'us-east-1' }],
  'stage-dependent': [{ kind: 'stage-dependent', expression: '${self:custom.region.${sls:stage}}', regions: ['eu-west-1', 'us-east-1'] }],
  unresolved: (['no-instantiation', 'imported', 'computed', 'expression', 'budget'] as const).map((subject) => ({ kind: 'unresolved' as const, subject, name: 'LibraryStack' })),
};

const SENTENCES = Object.values(SAMPLES).flat().map((e) => renderTraceReason(e as TraceEvidence));

/** Methods and functions that match text. */
const MATCHERS = new Set(['test', 'exec', 'match', 'matchAll', 'search', 'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'replace', 'replaceAll', 'split', 'localeCompare', 'findRegionsInText']);

/**
 * `.reason` uses that are not trace steps, each with its file and the text of the use: a
 * simulation entry's reason and a Health match's are closed sets of codes (`'control-plane'`,
 * `'entity'`); the CLI sorts read errors (a `Problem`'s reason) it wrote itself.
 */
const NOT_TRACE_REASONS: ReadonlyArray<[string, string]> = [
  ['src/server/hover.ts', "fails.reason === 'control-plane'"],
  ['src/core/health/match.ts', "detail.reason !== 'entity'"],
  ['src/cli/main.ts', "p.reason.startsWith('not found')"],
  ['src/cli/main.ts', "p.reason === 'not a regular file'"],
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts') && !name.includes('.generated.')) out.push(path);
  }
  return out;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const e = call.expression;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isIdentifier(e)) return e.text;
  return undefined;
}

/** Literal words of a regular expression source: runs of letters joined by a space or `\s`. */
function hasTwoWords(pattern: string): boolean {
  return /[A-Za-z]{2,}(?: |\\s[+*?]?)+[A-Za-z]{2,}/.test(pattern);
}

/** Every use of trace sentences as data in one file. */
export function sentenceMatches(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, why: string): void => {
    const snippet = node.getText(source).replace(/\s+/g, ' ');
    if (NOT_TRACE_REASONS.some(([f, t]) => f === file && snippet.includes(t))) return;
    found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${why}: ${snippet.slice(0, 120)}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'reason') {
      const parent = node.parent;
      if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && MATCHERS.has(calleeName(parent) ?? '')) report(parent, 'matches .reason');
      if (ts.isPropertyAccessExpression(parent) && parent.expression === node && MATCHERS.has(parent.name.text) && ts.isCallExpression(parent.parent)) report(parent.parent, 'matches .reason');
      if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(parent.operatorToken.kind)) {
        const other = parent.left === node ? parent.right : parent.left;
        if (ts.isStringLiteralLike(other) || ts.isTemplateExpression(other)) report(parent, 'compares .reason');
      }
    }
    if (ts.isRegularExpressionLiteral(node)) {
      const literal = node.text;
      const body = literal.slice(1, literal.lastIndexOf('/'));
      const flags = literal.slice(literal.lastIndexOf('/') + 1).replace(/[gy]/g, '');
      if (hasTwoWords(body)) {
        let re: RegExp | undefined;
        try {
          re = new RegExp(body, flags);
        } catch {
          re = undefined;
        }
        if (re && SENTENCES.some((s) => re.test(s))) report(node, 'regular expression matches a trace sentence');
      }
    }
    if (ts.isCallExpression(node) && MATCHERS.has(calleeName(node) ?? '')) {
      for (const arg of node.arguments) {
        if (!ts.isStringLiteralLike(arg)) continue;
        const piece = arg.text.toLowerCase();
        if (piece.length >= 8 && /[a-z]{2,} [a-z]{2,}/.test(piece) && SENTENCES.some((s) => s.toLowerCase().includes(piece))) report(node, 'string is a piece of a trace sentence');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('trace sentences', () => {
  it('renders a sentence for every kind, and the samples cover every kind', () => {
    assert.deepEqual(Object.keys(SAMPLES).sort(), [...TRACE_KINDS].sort());
    for (const s of SENTENCES) assert.ok(s.length > 0 && !s.includes('undefined'), s);
  });

  it('lists every kind in the schema', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/dependency-map.schema.json'), 'utf8'));
    const items = schema.$defs?.dependency?.properties?.regionTrace?.items ?? findTraceItems(schema);
    assert.deepEqual([...items.properties.kind.enum].sort(), [...TRACE_KINDS].sort());
  });

  it('finds the ways code used to read facts back out of the sentences', () => {
    // The shapes removed from predicates.ts, iacPredicates.ts and scanners/javascript/cdk.ts.
    const old = [
      'const FALLBACK = /\\bfall(?:s)?\\s?back\\b/i; export const f = (step) => FALLBACK.test(step.reason);',
      'export const g = (s) => /\\bwhen\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+is\\s+unset/i.exec(s);',
      'export const h = (t) => !/^region ".*" written here$/.test(t);',
      'export const i = (step) => /configured for ([a-z0-9-]+)/.exec(x);',
      'export const j = (s) => findRegionsInText(s.reason);',
      "export const k = (s) => s.reason.startsWith('deployed as ');",
      "export const l = (s) => s.text.includes('written here');",
    ];
    for (const code of old) assert.ok(sentenceMatches('src/x.ts', code).length >= 1, code);
    assert.deepEqual(sentenceMatches('src/x.ts', "export const ok = (s) => s.kind === 'literal' && s.region; const keep = /aws|region|deploy/i; const d = `${s.reason}`;"), []);
  });

  it('no file under src/ other than the renderer matches on trace sentences', () => {
    const offenders = sourceFiles(join(ROOT, 'src'))
      .map((path) => relative(ROOT, path).split('\\').join('/'))
      .filter((file) => file !== RENDERER)
      .flatMap((file) => sentenceMatches(file, readFileSync(join(ROOT, file), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function findTraceItems(node: any): any {
  if (!node || typeof node !== 'object') return undefined;
  if (node.regionTrace?.items) return node.regionTrace.items;
  for (const v of Object.values(node)) {
    const found = findTraceItems(v);
    if (found) return found;
  }
  return undefined;
}
