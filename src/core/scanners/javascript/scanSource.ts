/**
 * Scans one JavaScript/TypeScript file: one parse, one walk (the source index), then the steps
 * over what the walk recorded, in the order their links need — strings first (a client's
 * `endpoint` links to its endpoint), SDK v2 `AWS.config` settings (clients after them take their
 * region), every construction (SDK clients, CDK constructs and stacks, Pulumi resources), the
 * document clients made `from` other clients, and finally the operation calls, which link to
 * all of those.
 */
import type { Problem, TraceStep } from '../../model';
import type { ScanContext, ScanOutput } from '../types';
import { findSuppressions } from '../suppressions';
import { CdkScan, importsCdk } from './cdk';
import { looksMinified, parseSource, unwrap } from './parse';
import { resolveRelativeImport } from './modulePaths';
import { importsPulumi, PulumiScan } from './pulumi';
import { ScanState } from './scanState';
import { addUpload, importedClientKey, resolveClients, scanCalls } from './sdkCalls';
import { classifyV2, configAssignmentTarget, readConfigAssignment, readConfigUpdate, addV2Client, V2Config } from './sdkV2';
import { addDocumentClientFrom, addV3Client, classifyV3, isFromCall } from './sdkV3';
import { indexSource, type Site } from './sourceIndex';
import { scanStrings, scanStringsInText } from './strings';
import { DependencyBuilder } from '../builder';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** Facts the CDK pass reads from this scanner's `formatFacts` (key `javascript`). */
export interface JavaScriptFormatFacts {
  cdk?: import('./cdk').CdkFacts;
  /** SDK clients the module exports: export name → dependency id (for calls in modules that import them) */
  exports?: Record<string, string>;
  /**
   * Regions this module passes to functions it imports from the workspace
   * (`bucketClient('eu-west-1')`): `key` is `<module path without extension>#<export>#<argument index>`.
   */
  callerArguments?: CallerArgument[];
}

export interface CallerArgument {
  key: string;
  region: string | null;
  candidateRegions?: string[];
  /** the call, then how the argument's region was decided */
  trace: TraceStep[];
}

const MAX_CALLER_ARGUMENTS = 200;

/** The regions passed to imported functions of the workspace, argument by argument. */
function callerArguments(state: ScanState): CallerArgument[] | undefined {
  let out: CallerArgument[] | undefined;
  for (const { node, site } of state.index.calls) {
    if (node.callee.type !== 'Identifier' || node.arguments.length === 0) continue;
    const target = state.values.resolve(node.callee, site.scope);
    if (target.kind !== 'module' || !target.module.startsWith('.') || target.path.length > 1) continue;
    const file = resolveRelativeImport(state.file, target.module);
    if (!file) continue;
    const fn = `${file.replace(/\.[cm]?[jt]sx?$/, '')}#${target.path[0] ?? 'default'}`;
    node.arguments.forEach((arg, i) => {
      if (arg.type === 'SpreadElement' || (out?.length ?? 0) >= MAX_CALLER_ARGUMENTS) return;
      const o = state.tracer.trace(arg, site.scope);
      if (!o.region && !o.candidateRegions?.length) return;
      const at = state.step(node, { kind: 'call-argument', function: `${node.callee.type === 'Identifier' ? node.callee.name : 'function'}(…)` });
      (out ??= []).push({ key: `${fn}#${i}`, region: o.region, ...(o.candidateRegions?.length ? { candidateRegions: [...o.candidateRegions] } : {}), trace: [at, ...(o.regionTrace ?? [])] });
    });
  }
  return out;
}

/** The SDK clients this module exports, by export name. */
function exportedClients(state: ScanState): Record<string, string> | undefined {
  if (state.clients.size === 0) return undefined;
  let out: Record<string, string> | undefined;
  for (const e of state.index.exported) {
    const v = state.values.resolve(e.node, e.scope);
    const client = v.kind === 'expr' ? state.clients.get(unwrap(v.node)) : undefined;
    if (client) (out ??= {})[e.name] = client.dep.id;
  }
  return out;
}

/**
 * Substrings whose presence anywhere in the text (comments included) changes what the scanner
 * does: the trivia barrier (`src/core/incremental/trivia.ts`) lets an edit through only when none
 * of them appears or disappears.
 */
export const TEXT_SWITCHES: readonly string[] = ['AWS.config'];

export function scanJavaScript(file: string, text: string, onSyntax?: ScanContext['javascriptSyntax']): ScanOutput {
  const suppressions = findSuppressions(file, text, 'slash');
  if (looksMinified(text)) return { dependencies: [], problems: [{ file, reason: 'skipped: minified', severity: 'skipped' }], suppressions };
  const parsed = parseSource(file, text);
  if (!parsed.ok) {
    const tooDeep = /call stack/i.test(parsed.error.message);
    const what = tooDeep ? 'the code is nested too deeply to parse' : `JavaScript/TypeScript syntax error: ${parsed.error.message}`;
    return stringsOnly(file, text, suppressions, { file, ...(tooDeep ? {} : { line: parsed.error.line, column: parsed.error.column }), reason: `${what}; only endpoint and ARN strings were read`, severity: 'partial' });
  }
  let index: ReturnType<typeof indexSource>;
  try {
    index = indexSource(parsed.program);
  } catch (error) {
    return stringsOnly(file, text, suppressions, { file, reason: `the syntax tree could not be walked (${error instanceof Error ? error.message : String(error)}); only endpoint and ARN strings were read`, severity: 'partial' });
  }
  const state = new ScanState(file, text, index);
  let cdk: CdkScan | null = null;
  try {
    scanStrings(state);
    const config = new V2Config();
    if (index.modules.has('aws-sdk') || text.includes(TEXT_SWITCHES[0])) readV2Config(state, config);
    cdk = importsCdk(index.modules) ? new CdkScan(state) : null;
    cdk?.scanClasses();
    const pulumi = importsPulumi(index.modules) ? new PulumiScan(state) : null;
    if (pulumi) state.callbackRegion = { kind: 'format', format: 'pulumi', key: 'stack' };
    const uploads: Array<{ node: TSESTree.NewExpression; site: Site; name: 'Upload' | 'ManagedUpload' }> = [];
    for (const { node, site } of index.news) {
      const callee = state.values.resolve(node.callee, site.scope);
      const v3 = classifyV3(callee);
      if (v3?.kind === 'client') {
        addV3Client(state, node, site, v3);
        continue;
      }
      if (v3?.kind === 'upload') {
        uploads.push({ node, site, name: 'Upload' });
        continue;
      }
      const v2 = classifyV2(callee);
      if (v2?.kind === 'client') {
        addV2Client(state, node, site, v2, config);
        continue;
      }
      if (v2?.kind === 'managed-upload') {
        uploads.push({ node, site, name: 'ManagedUpload' });
        continue;
      }
      if (cdk?.scanNew(node, site, callee)) continue;
      pulumi?.scanNew(node, site, callee);
    }
    cdk?.finish();
    for (const { node, site } of index.calls) {
      const from = isFromCall(node);
      if (!from || !node.arguments[0]) continue;
      const found = classifyV3(state.values.resolve(from.object, site.scope));
      if (found?.kind === 'document-client') addDocumentClientFrom(state, node, site, found, resolveClients(state, node.arguments[0], site.scope), importedClientKey(state, node.arguments[0], site.scope));
    }
    for (const { node, site, name } of uploads) addUpload(state, node, site, name);
    scanCalls(state);
  } catch (error) {
    state.problems.push({ file, reason: `JavaScript scanner stopped early: ${error instanceof Error ? error.message : String(error)}`, severity: 'partial' });
  }
  const stop = state.tracer.budget.stoppedAt;
  if (stop) state.problems.push({ file, line: stop.line, column: stop.column, reason: `region tracing stopped at ${stop.what}: the file's step budget was spent (its values branch on every path); the regions left are unresolved`, severity: 'partial' });
  const out: ScanOutput = { dependencies: state.builder.dependencies, problems: state.problems, suppressions };
  if (state.deployUnits.length) out.deployUnits = state.deployUnits;
  const facts: JavaScriptFormatFacts = {};
  if (cdk?.hasFacts()) facts.cdk = cdk.facts;
  const exports = exportedClients(state);
  if (exports) facts.exports = exports;
  let passed: CallerArgument[] | undefined;
  try {
    passed = callerArguments(state);
  } catch (error) {
    state.problems.push({ file, reason: `JavaScript scanner could not read the arguments of imported calls: ${error instanceof Error ? error.message : String(error)}`, severity: 'partial' });
  }
  if (passed) facts.callerArguments = passed;
  if (facts.cdk || facts.exports || facts.callerArguments) out.formatFacts = facts;
  onSyntax?.(parsed.program, state.reads);
  return out;
}

/** The fallback for a file the scanner cannot read as a tree: quoted strings only, and the problem that says so. */
function stringsOnly(file: string, text: string, suppressions: ScanOutput['suppressions'], problem: Problem): ScanOutput {
  const builder = new DependencyBuilder(file, text);
  scanStringsInText(builder, text);
  return { dependencies: builder.dependencies, problems: [problem], suppressions };
}

function readV2Config(state: ScanState, config: V2Config): void {
  for (const { node, site } of state.index.calls) {
    const callee = node.callee;
    if (callee.type !== 'MemberExpression') continue;
    const target = classifyV2(state.values.resolve(callee, site.scope));
    if (target?.kind === 'config' && target.path.length === 1 && target.path[0] === 'update') readConfigUpdate(state, node, site, config);
  }
  for (const { node, site } of state.index.assignments) {
    const setting = configAssignmentTarget(state, node, site);
    if (setting) readConfigAssignment(state, node, site, setting, config);
  }
}
