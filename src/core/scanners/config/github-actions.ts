/**
 * GitHub Actions workflows (`.github/workflows/*.yml`) and composite actions (`action.yml`):
 * where CI deploys and with which region.
 *
 * - `aws-actions/configure-aws-credentials` (any version) `aws-region` → a `region-config`
 *   (`deploy-config`) scoped to the job; `${{ matrix.region }}` over a literal matrix gives the
 *   candidate regions, `${{ env.X }}` follows step → job → workflow `env`, `${{ inputs.x }}`
 *   follows the `workflow_dispatch` choices and defaults, `vars`/`secrets` stay unresolved.
 * - `env:` entries at workflow, job and step level for AWS region variables → `region-config`
 *   with `setsEnv`; legacy STS/S3 endpoint settings → `endpoint`.
 * - deploy commands in `run:` scripts (see deployCommands.ts), anchored on their own line of the
 *   block scalar, with `container` naming the tool.
 * - endpoints and ARNs in any value.
 *
 * Scope: `directory` is the step's `working-directory`, else the job's (or workflow's)
 * `defaults.run.working-directory`, else the root; `environment` is the job id ('default' for
 * workflow-level settings and composite actions). A YAML file without `jobs:` is not a workflow
 * and yields nothing.
 */
import { isMap, isScalar, type Document, type Node } from 'yaml';
import type { RegionScope } from '../../model';
import { DependencyBuilder } from '../builder';
import { findSuppressions } from '../suppressions';
import { emptyOutput, type Scanner, type ScanOutput } from '../types';
import { deployCommandRegion, findDeployCommands } from './deployCommands';
import {
  emitEnvAssignment,
  joinFolder,
  literalSet,
  OPEN_SET,
  regionFields,
  unionSets,
  withStep,
  type RegionSet,
} from './envAssignments';
import { emitYamlStrings, entries, entry, entryRange, items, nodeRange, parseYaml, scalarSourceLines, scalarText, valueAt, valueOf, type MapEntry } from './yamlPositions';
import { traceStep } from '../../trace';

const ID = 'github-actions';
const WORKFLOW_PATH = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION_PATH = /(?:^|\/)action\.ya?ml$/;
const CREDENTIALS_ACTION = /^aws-actions\/configure-aws-credentials(?:@|$)/;
/** Inputs of reusable workflows that conventionally carry the deploy region. */
const REGION_INPUT = /^(?:aws[-_])?region$/i;
const MAX_DEPTH = 6;

/** One env variable as written at one level (workflow, job, step), or as set by an action. */
interface EnvValue {
  raw?: string;
  set?: RegionSet;
  line: number;
  label: string;
}

type EnvLevel = Map<string, EnvValue>;

interface Context {
  file: string;
  doc: Document;
  builder: DependencyBuilder;
  /** most specific first: step, configure-aws-credentials, job, workflow */
  levels: EnvLevel[];
  matrix: Node | null;
  /** input definitions: `on.workflow_dispatch.inputs`, `on.workflow_call.inputs`, or an action's `inputs` */
  inputs: Node[];
}

export const githubActionsScanner: Scanner = {
  id: ID,
  accepts(file: string, text: string): boolean {
    if (!WORKFLOW_PATH.test(file) && !ACTION_PATH.test(file)) return false;
    return /aws|region|deploy|terraform|tofu/i.test(text);
  },
  scan(file: string, text: string): ScanOutput {
    const out = emptyOutput();
    const builder = new DependencyBuilder(file, text);
    const yaml = parseYaml(file, text, 'GitHub Actions workflow', builder.lines);
    out.problems.push(...yaml.problems);
    for (const doc of yaml.documents) {
      const root = doc.contents;
      if (!isMap(root)) continue;
      const consumed = new Set<Node>();
      if (isMap(valueOf(root, doc, 'jobs'))) scanWorkflow(root, doc, builder, consumed);
      else if (isMap(valueOf(root, doc, 'runs'))) scanCompositeAction(root, doc, builder, consumed);
      else continue;
      emitYamlStrings(builder, doc, consumed, ID);
    }
    out.dependencies = builder.dependencies;
    out.suppressions = findSuppressions(file, text, 'hash');
    return out;
  },
};

function lineOf(ctx: Context, node: { range?: [number, number, number] | null } | null | undefined): number {
  return ctx.builder.lines.position(node?.range?.[0] ?? 0).line;
}

function envLevel(ctx: Context, node: Node | null, label: string): EnvLevel {
  const level: EnvLevel = new Map();
  for (const e of entries(node, ctx.doc)) {
    const raw = scalarText(e.value);
    if (raw !== undefined) level.set(e.key, { raw, line: lineOf(ctx, e.keyNode), label });
  }
  return level;
}

/** The literal value of `env.X` seen from `ctx.levels[0]` outwards, when it is written as text. */
function envText(ctx: Context, name: string): string | undefined {
  for (const level of ctx.levels) {
    const v = level.get(name);
    if (v) return v.raw !== undefined && !v.raw.includes('$') ? v.raw : undefined;
  }
  return undefined;
}

/** A `working-directory` setting as a workspace folder; `${{ env.X }}` is replaced by X's literal value. */
function folderSetting(ctx: Context, node: Node | null, path: string[]): string | undefined {
  const raw = scalarText(valueAt(node, ctx.doc, path));
  if (raw === undefined) return undefined;
  let unknown = false;
  const expanded = raw.replace(/\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g, (_m, name: string) => {
    const value = envText(ctx, name);
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : joinFolder('', expanded);
}

function scanWorkflow(root: Node, doc: Document, builder: DependencyBuilder, consumed: Set<Node>): void {
  const file = builder.file;
  const trigger = valueOf(root, doc, 'on');
  const inputs = [valueAt(trigger, doc, ['workflow_dispatch', 'inputs']), valueAt(trigger, doc, ['workflow_call', 'inputs'])].filter((n): n is Node => n !== null);
  const base: Context = { file, doc, builder, levels: [], matrix: null, inputs };
  const workflowEnvNode = valueOf(root, doc, 'env');
  const workflowEnv = envLevel(base, workflowEnvNode, 'workflow env');
  const workflowDir = folderSetting({ ...base, levels: [workflowEnv] }, root, ['defaults', 'run', 'working-directory']) ?? '';
  emitEnvBlock({ ...base, levels: [workflowEnv] }, workflowEnvNode, 1, { directory: workflowDir, environment: 'default', appliesTo: 'both' }, consumed);

  for (const job of entries(valueOf(root, doc, 'jobs'), doc)) {
    if (job.merged || !isMap(job.value)) continue;
    const jobNode = job.value;
    const jobEnvNode = valueOf(jobNode, doc, 'env');
    const jobCtx: Context = { ...base, matrix: valueAt(jobNode, doc, ['strategy', 'matrix']) };
    const jobEnv = envLevel(jobCtx, jobEnvNode, `job ${job.key} env`);
    const jobDir = folderSetting({ ...jobCtx, levels: [jobEnv, workflowEnv] }, jobNode, ['defaults', 'run', 'working-directory']) ?? workflowDir;
    emitEnvBlock({ ...jobCtx, levels: [jobEnv, workflowEnv] }, jobEnvNode, 1, { directory: jobDir, environment: job.key, appliesTo: 'both' }, consumed);

    // A call of a reusable workflow passes the region as an input.
    if (scalarText(valueOf(jobNode, doc, 'uses')) !== undefined) {
      for (const input of entries(valueOf(jobNode, doc, 'with'), doc)) {
        if (input.merged || !REGION_INPUT.test(input.key)) continue;
        emitRegionInput({ ...jobCtx, levels: [jobEnv, workflowEnv] }, input, { directory: jobDir, environment: job.key, appliesTo: 'both' }, consumed);
      }
    }
    scanSteps({ ...jobCtx, levels: [jobEnv, workflowEnv] }, valueOf(jobNode, doc, 'steps'), jobDir, job.key, consumed);
  }
}

function scanCompositeAction(root: Node, doc: Document, builder: DependencyBuilder, consumed: Set<Node>): void {
  const inputs = valueOf(root, doc, 'inputs');
  const ctx: Context = { file: builder.file, doc, builder, levels: [], matrix: null, inputs: inputs ? [inputs] : [] };
  scanSteps(ctx, valueAt(root, doc, ['runs', 'steps']), '', 'default', consumed);
}

/** Steps of one job (or composite action); `ctx.levels` holds the job's and the workflow's env. */
function scanSteps(jobCtx: Context, stepsNode: Node | null, jobDir: string, environment: string, consumed: Set<Node>): void {
  const doc = jobCtx.doc;
  let credentials: EnvLevel | undefined;
  for (const stepNode of items(stepsNode, doc)) {
    if (!isMap(stepNode)) continue;
    const stepEnvNode = valueOf(stepNode, doc, 'env');
    const stepEnv = envLevel(jobCtx, stepEnvNode, 'step env');
    const levels = [stepEnv, ...(credentials ? [credentials] : []), ...jobCtx.levels];
    const ctx: Context = { ...jobCtx, levels };
    const stepDir = folderSetting(ctx, stepNode, ['working-directory']) ?? jobDir;
    const scope: RegionScope = { directory: stepDir, environment, appliesTo: 'both' };
    emitEnvBlock(ctx, stepEnvNode, 1, scope, consumed);

    const uses = scalarText(valueOf(stepNode, doc, 'uses'));
    const region = uses !== undefined ? entry(valueOf(stepNode, doc, 'with'), doc, 'aws-region') : undefined;
    if (region && !region.merged) {
      const set = emitRegionInput(ctx, region, scope, consumed);
      // The action exports AWS_REGION and AWS_DEFAULT_REGION to the steps after it.
      if (uses !== undefined && CREDENTIALS_ACTION.test(uses)) {
        const line = lineOf(ctx, region.keyNode);
        const exported: EnvValue = { set, line, label: 'configure-aws-credentials' };
        credentials = new Map([['AWS_REGION', exported], ['AWS_DEFAULT_REGION', exported]]);
      }
    }

    const run = valueOf(stepNode, doc, 'run');
    if (isScalar(run) && typeof run.value === 'string') {
      const commands = findDeployCommands(scalarSourceLines(run, ctx.builder.text), {
        file: ctx.file,
        lines: ctx.builder.lines,
        baseFolder: stepDir,
        outerVariable: (name) => lookupEnv(ctx, name, 0, 0),
        resolveExpression: (raw) => resolveValue(ctx, raw, 0, 0),
        outerText: (name) => envText(ctx, name),
      });
      for (const c of commands) {
        if (c.tool === 'script' && !c.environmentRegion) continue;
        const { appliesTo, ...region } = deployCommandRegion(c);
        const commandScope: RegionScope = c.script !== undefined ? { file: c.script, environment, appliesTo } : { directory: c.directory ?? stepDir, environment, appliesTo };
        if (c.templateFile) commandScope.stackFile = c.templateFile;
        ctx.builder.add({
          kind: 'region-config',
          service: '*',
          name: c.script !== undefined ? 'run command' : 'deploy command',
          ...(c.script !== undefined ? { setsEnv: 'AWS_REGION' } : {}),
          text: c.text,
          origin: ID,
          container: c.tool,
          ...region,
          scope: commandScope,
        }, c.start, c.end);
      }
    }
  }
}

/** An `aws-region:` (or reusable-workflow region) input: a deploy-config region-config. */
function emitRegionInput(ctx: Context, input: MapEntry, scope: RegionScope, consumed: Set<Node>): RegionSet {
  const raw = scalarText(input.value) ?? '';
  const set = resolveValue(ctx, raw, 0, 0);
  const [start, end] = entryRange(input);
  ctx.builder.add({
    kind: 'region-config',
    service: '*',
    name: input.key,
    text: raw,
    origin: ID,
    ...regionFields(set, 'deploy-config'),
    scope,
  }, start, end);
  if (input.value) consumed.add(input.value);
  return set;
}

/** The entries of an `env:` map written at `ctx.levels[0]`; their values resolve from `from` on. */
function emitEnvBlock(ctx: Context, node: Node | null, from: number, scope: RegionScope, consumed: Set<Node>): void {
  for (const e of entries(node, ctx.doc)) {
    if (e.merged || !e.value) continue;
    const value = scalarText(e.value);
    if (value === undefined) continue;
    const [start, end] = entryRange(e);
    const [valueStart, valueEnd] = nodeRange(e.value);
    const before = ctx.builder.dependencies.length;
    emitEnvAssignment(ctx.builder, { name: e.key, value, start, end, valueStart, valueEnd }, {
      origin: ID,
      scope,
      resolve: (raw) => resolveValue(ctx, raw, from, 0),
    });
    if (ctx.builder.dependencies.length > before) consumed.add(e.value);
  }
}

// ---------------------------------------------------------------------------------------------
// Expressions

const WHOLE_EXPRESSION = /^\s*\$\{\{([^]*?)\}\}\s*$/;
const REFERENCE = /\b(matrix|env|inputs|github\.event\.inputs|vars|secrets|needs|steps|github|runner|job|strategy)((?:\.[A-Za-z0-9_-]+)+)/;

/**
 * The regions a workflow value can take. Values without `${{ }}` are literals (GitHub does not
 * expand `$X` in `with`/`env`); one `${{ … }}` expression is read operand by operand of its
 * `||` chain, where `cond && 'x'` contributes `'x'`. Any other mix is open.
 */
function resolveValue(ctx: Context, raw: string, from: number, depth: number): RegionSet {
  if (!raw.includes('${{')) return literalSet(raw);
  const m = WHOLE_EXPRESSION.exec(raw);
  if (!m || depth > MAX_DEPTH) return OPEN_SET;
  const operands = splitTopLevel(m[1], '||');
  const sets: RegionSet[] = [];
  for (const operand of operands) {
    const parts = splitTopLevel(operand, '&&');
    const conditional = parts.length > 1;
    const set = resolveOperand(ctx, parts[parts.length - 1].trim(), from, depth);
    sets.push(set);
    // A closed, non-empty set is truthy: the operands after it are never used.
    if (!conditional && !set.open && set.regions.length > 0) break;
  }
  return unionSets(sets);
}

function resolveOperand(ctx: Context, operand: string, from: number, depth: number): RegionSet {
  const literal = /^'((?:[^']|'')*)'$/.exec(operand);
  if (literal) return literalSet(literal[1].replace(/''/g, "'"));
  if (operand.startsWith('(') && operand.endsWith(')')) return resolveValue(ctx, `\${{ ${operand.slice(1, -1)} }}`, from, depth + 1);
  const ref = REFERENCE.exec(operand);
  if (!ref || ref.index !== 0 || ref[0].length !== operand.length) return OPEN_SET;
  const path = ref[2].slice(1).split('.');
  switch (ref[1]) {
    case 'matrix':
      return matrixSet(ctx, path);
    case 'env':
      return path.length === 1 ? lookupEnv(ctx, path[0], from, depth + 1) ?? OPEN_SET : OPEN_SET;
    case 'inputs':
    case 'github.event.inputs':
      return path.length === 1 ? inputSet(ctx, path[0]) : OPEN_SET;
    default:
      return OPEN_SET;
  }
}

/** Splits at an operator outside quotes and parentheses. */
function splitTopLevel(expr: string, op: '||' | '&&'): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let last = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && expr.startsWith(op, i)) {
      out.push(expr.slice(last, i).trim());
      i += op.length - 1;
      last = i + 1;
    }
  }
  out.push(expr.slice(last).trim());
  return out;
}

/** `env.X` / `$X` seen from `ctx.levels[from]` outwards. */
function lookupEnv(ctx: Context, name: string, from: number, depth: number): RegionSet | undefined {
  for (let i = from; i < ctx.levels.length; i++) {
    const v = ctx.levels[i].get(name);
    if (!v) continue;
    const step = traceStep({ file: ctx.file, line: v.line }, v.set ? { kind: 'ci-env', variable: name, label: v.label, exported: true } : { kind: 'ci-env', variable: name, value: v.raw ?? '', label: v.label });
    const set = v.set ?? (depth > MAX_DEPTH ? OPEN_SET : resolveValue(ctx, v.raw ?? '', i + 1, depth + 1));
    return withStep(set, step);
  }
  return undefined;
}

/** `matrix.a.b`: the values listed under `strategy.matrix.a` (items navigated by `b`) and in `include`. */
function matrixSet(ctx: Context, path: string[]): RegionSet {
  const doc = ctx.doc;
  if (!isMap(ctx.matrix)) return OPEN_SET;
  const values: string[] = [];
  let open = false;
  const take = (node: Node | null): void => {
    const v = scalarText(node);
    if (v === undefined) return;
    const set = literalSet(v);
    if (set.open) open = true;
    values.push(...set.regions);
  };
  const listed = entry(ctx.matrix, doc, path[0]);
  let found = false;
  if (listed) {
    found = true;
    const list = items(listed.value, doc);
    if (list.length === 0) open = true;
    for (const item of list) take(path.length > 1 ? valueAt(item, doc, path.slice(1)) : item);
  }
  for (const include of items(valueOf(ctx.matrix, doc, 'include'), doc)) {
    const v = valueAt(include, doc, path);
    if (v) {
      found = true;
      take(v);
    }
  }
  if (!found) return OPEN_SET;
  const regions = [...new Set(values)];
  const line = lineOf(ctx, listed?.keyNode ?? ctx.matrix);
  return { regions, open, trace: [traceStep({ file: ctx.file, line }, { kind: 'ci-matrix', path: path.join('.'), regions })] };
}

/** `inputs.x`: a choice input's options are the closed set; a default alone is one candidate. */
function inputSet(ctx: Context, name: string): RegionSet {
  const sets: RegionSet[] = [];
  for (const defs of ctx.inputs) {
    const def = entry(defs, ctx.doc, name);
    if (!def) continue;
    const options = items(valueOf(def.value, ctx.doc, 'options'), ctx.doc).map((o) => scalarText(o)).filter((o): o is string => o !== undefined);
    const fallback = scalarText(valueOf(def.value, ctx.doc, 'default'));
    const line = lineOf(ctx, def.keyNode);
    if (options.length) {
      sets.push({ ...unionSets(options.map((o) => literalSet(o))), trace: [traceStep({ file: ctx.file, line }, { kind: 'ci-input', input: name, options })] });
    } else if (fallback !== undefined) {
      sets.push({ regions: literalSet(fallback).regions, open: true, trace: [traceStep({ file: ctx.file, line }, { kind: 'ci-input', input: name, default: fallback })] });
    } else sets.push(OPEN_SET);
  }
  return sets.length ? unionSets(sets) : OPEN_SET;
}
