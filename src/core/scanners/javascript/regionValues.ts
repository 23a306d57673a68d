/**
 * Where a `region` value comes from, as far as one file can tell: a literal (directly or through
 * `const`s and object properties), an environment variable (with its `??`/`||` fallback), a
 * function parameter (resolved from the literal arguments at the file's call sites), a loop over
 * a region list (candidates), CDK context (`tryGetContext`), Pulumi stack config, or nothing the
 * file can decide. The outcome is written straight into a dependency's region fields.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { RegionRef, RegionSource, TraceEvidence, TraceStep } from '../../model';
import type { LineIndex } from '../../positions';
import { isRegion } from '../../regions';
import { StepBudget } from '../../stepBudget';
import { propertyKeyName, staticString, unwrap, type Node } from './parse';
import type { FunctionInfo, Scope, SourceIndex } from './sourceIndex';
import { ValueResolver, type LoopBinding, type ParamBinding, type Value, type ViaStep } from './values';
import { traceKey, traceStep } from '../../trace';

export interface RegionOutcome {
  region: string | null;
  regionSource: RegionSource;
  candidateRegions?: string[];
  regionTrace?: TraceStep[];
  regionRef?: RegionRef;
}

export interface RegionContext {
  file: string;
  text: string;
  /** the text of [start, end), recorded as read (see `ScanState.reads`) */
  read(start: number, end: number): string;
  lines: LineIndex;
  index: SourceIndex;
  values: ValueResolver;
}

const MAX_CALL_SITES = 20;
const MAX_DEPTH = 32;
/** Steps kept in one trace: enough to follow, bounded however many call sites a region passes through. */
const MAX_TRACE = 12;
/**
 * Expressions one file may trace. Traced expressions are memoised, so a real file spends a few
 * steps per region it holds; `const r2 = x ? r1 : r1` chains fan out on every branch and would
 * otherwise take exponential time.
 */
export const JS_REGION_STEPS = 50_000;

/** Drops repeated steps and keeps the first {@link MAX_TRACE}, in place. */
function limitTrace(trace: TraceStep[]): void {
  const seen = new Set<string>();
  let w = 0;
  for (const t of trace) {
    const k = traceKey(t);
    if (seen.has(k) || w >= MAX_TRACE) continue;
    seen.add(k);
    trace[w++] = t;
  }
  trace.length = w;
}

/** Pulumi's `aws.Region.USEast1` enum member → `us-east-1`. */
export function regionOfPulumiEnum(member: string): string | null {
  const m = /^([A-Z]{2})(Gov|ISO|ISOB)?((?:[A-Z][a-z]+)+)(\d{1,2})$/.exec(member);
  if (!m) return null;
  const region = [m[1].toLowerCase(), m[2]?.toLowerCase(), m[3].toLowerCase(), m[4]].filter(Boolean).join('-');
  return isRegion(region) ? region : null;
}

const unresolved = (): RegionOutcome => ({ region: null, regionSource: 'unresolved' });

export class RegionTracer {
  /**
   * Outcomes of parameters already traced (by binding and property path). Call sites lead to other
   * parameters, so without it a chain of helpers passing a region along would be traced once per
   * path through the call graph; an entry in progress (a recursion) reads as unresolved.
   */
  private readonly params = new Map<ParamBinding, Map<string, RegionOutcome | 'pending'>>();
  /** expression and scope → its outcome, for outcomes no cut (depth, recursion, budget) touched */
  private readonly traced = new Map<Node, Map<Scope, RegionOutcome>>();
  /** Counts traces cut short: an outcome computed while it stayed the same is exact and memoised. */
  private cuts = 0;
  /** steps the budget refused */
  private refused = 0;
  /** One budget for the file; once spent, every region left to trace is unresolved. */
  readonly budget = new StepBudget(JS_REGION_STEPS);

  constructor(private readonly ctx: RegionContext) {}

  /** A trace asked for from outside (depth 0) whose work ran out of budget is unresolved as a whole. */
  private whole(depth: number, run: () => RegionOutcome): RegionOutcome {
    if (depth > 0) return run();
    const refusedBefore = this.refused;
    const outcome = run();
    return this.refused === refusedBefore ? outcome : unresolved();
  }

  step(node: Node, evidence: TraceEvidence): TraceStep {
    const p = this.ctx.lines.position(node.range[0]);
    return traceStep({ file: this.ctx.file, line: p.line, column: p.column }, evidence);
  }

  private viaSteps(via: ViaStep[]): TraceStep[] {
    return via.map((v) => this.step(v.node, { kind: 'value', via: v.label }));
  }

  /** The region an expression evaluates to. `undefined` (no such option) is the SDK's default chain. */
  trace(node: Node | undefined, scope: Scope, depth = 0): RegionOutcome {
    if (!node) return { region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' } };
    return this.whole(depth, () => this.traceMemoised(node, scope, depth));
  }

  private traceMemoised(node: Node, scope: Scope, depth: number): RegionOutcome {
    const where = () => {
      const p = this.ctx.lines.position(node.range[0]);
      const text = this.ctx.read(node.range[0], node.range[1]).replace(/\s+/g, ' ');
      return { file: this.ctx.file, line: p.line, column: p.column, what: text.length > 60 ? `${text.slice(0, 57)}...` : text };
    };
    if (!this.budget.step(where)) {
      this.cuts++;
      this.refused++;
      return unresolved();
    }
    const known = this.traced.get(node)?.get(scope);
    if (known) return known;
    const before = this.cuts;
    const outcome = this.traceValueOnce(this.ctx.values.resolve(node, scope), depth);
    if (this.cuts === before) {
      let byScope = this.traced.get(node);
      if (!byScope) this.traced.set(node, (byScope = new Map()));
      byScope.set(scope, outcome);
    }
    return outcome;
  }

  traceValue(value: Value, depth = 0): RegionOutcome {
    return this.whole(depth, () => this.traceValueOnce(value, depth));
  }

  private traceValueOnce(value: Value, depth: number): RegionOutcome {
    if (depth > MAX_DEPTH) {
      this.cuts++;
      return unresolved();
    }
    const steps = this.viaSteps(value.via);
    const withSteps = (o: RegionOutcome): RegionOutcome => {
      const trace = [...steps, ...(o.regionTrace ?? [])];
      limitTrace(trace);
      const out: RegionOutcome = { ...o };
      if (trace.length) out.regionTrace = trace;
      else delete out.regionTrace;
      // A literal reached through declarations is a traced variable, not a literal at the use.
      if (o.regionSource === 'literal' && steps.length > 0) out.regionSource = 'variable';
      return out;
    };
    switch (value.kind) {
      case 'env':
        return withSteps({ region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env', variable: value.variable }, regionTrace: [this.step(value.node, { kind: 'env-read', variable: value.variable })] });
      case 'param':
        return withSteps(this.traceParam(value.binding, value.path, depth));
      case 'loop':
        return withSteps(this.traceLoop(value.binding, value.path, depth));
      case 'module': {
        // Pulumi's region enum: `aws.Region.USEast1`.
        if (value.module === '@pulumi/aws' && value.path.length === 2 && value.path[0] === 'Region') {
          const region = regionOfPulumiEnum(value.path[1]);
          return withSteps(region ? { region, regionSource: 'literal' } : unresolved());
        }
        // `aws.config.region`: the program's stack configuration.
        if (value.module === '@pulumi/aws' && value.path.join('.') === 'config.region') return withSteps({ region: null, regionSource: 'unresolved', regionRef: { kind: 'format', format: 'pulumi', key: 'stack' } });
        return withSteps(unresolved());
      }
      case 'expr':
        return withSteps(this.traceExpression(value.node, value.scope, depth));
      default:
        return withSteps(unresolved());
    }
  }

  private traceExpression(node: Node, scope: Scope, depth: number): RegionOutcome {
    const n = unwrap(node);
    const s = staticString(n);
    // The step at the literal token (its opening quote) lets a quick fix rewrite it in place.
    if (s !== undefined) return isRegion(s.trim()) ? { region: s.trim(), regionSource: 'literal', regionTrace: [this.step(n, { kind: 'literal', region: s.trim() })] } : unresolved();
    switch (n.type) {
      case 'LogicalExpression': {
        if (n.operator === '&&') return unresolved();
        const left = this.trace(n.left, scope, depth + 1);
        if (left.region) return left;
        const right = this.trace(n.right, scope, depth + 1);
        if (left.regionRef?.kind === 'runtime-env' && left.regionRef.variable) {
          if (right.region) {
            // The step names the region, so that a rule reading the trace can say which region the code falls back to
            // even when the workspace sets the variable and the resolution never uses the fallback.
            const fallback = this.step(this.fallbackNode(n.right), { kind: 'fallback', region: right.region, variable: left.regionRef.variable });
            // The fallback step replaces the literal's own step at the same place.
            const through = (right.regionTrace ?? []).filter((t) => t.line !== fallback.line || t.column !== fallback.column);
            return {
              region: null,
              regionSource: 'unresolved',
              regionRef: { kind: 'runtime-env', variable: left.regionRef.variable, fallback: right.region },
              regionTrace: [...(left.regionTrace ?? []), ...through, fallback],
            };
          }
          return left;
        }
        if (left.candidateRegions || right.candidateRegions) return mergeOutcomes([left, right]);
        return right.region ? { region: null, regionSource: 'unresolved', candidateRegions: [right.region], regionTrace: right.regionTrace } : left.regionRef ? left : right;
      }
      case 'ConditionalExpression':
        return mergeOutcomes([this.trace(n.consequent, scope, depth + 1), this.trace(n.alternate, scope, depth + 1)]);
      case 'TemplateLiteral':
        if (n.expressions.length === 1 && n.quasis.every((q) => (q.value.cooked ?? '') === '')) return this.trace(n.expressions[0], scope, depth + 1);
        return unresolved();
      case 'CallExpression':
        return this.traceCall(n, scope);
      default:
        return unresolved();
    }
  }

  /** The literal a fallback ends in (the right side may be a const): where the trace points. */
  private fallbackNode(node: Node): Node {
    return unwrap(node);
  }

  private traceCall(call: TSESTree.CallExpression, scope: Scope): RegionOutcome {
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression') return unresolved();
    const method = propertyKeyName(callee);
    const key = staticString(call.arguments[0]);
    // CDK: `app.node.tryGetContext('region')` reads cdk.json (or `--context`).
    if (method === 'tryGetContext' && key !== undefined) {
      return { region: null, regionSource: 'unresolved', regionRef: { kind: 'format', format: 'cdk', key: `context:${key}` }, regionTrace: [this.step(call, { kind: 'cdk-context', key })] };
    }
    // Pulumi: `new pulumi.Config('aws').require('region')` reads the stack's `aws:region`.
    if ((method === 'require' || method === 'get') && key === 'region') {
      const config = this.ctx.values.resolve(callee.object, scope);
      if (config.kind === 'expr') {
        const c = unwrap(config.node);
        if (c.type === 'NewExpression' && staticString(c.arguments[0]) === 'aws') {
          const cls = this.ctx.values.resolve(c.callee, config.scope);
          if (cls.kind === 'module' && cls.module === '@pulumi/pulumi') return { region: null, regionSource: 'unresolved', regionRef: { kind: 'format', format: 'pulumi', key: 'stack' }, regionTrace: [this.step(call, { kind: 'pulumi-config' })] };
        }
      }
    }
    return unresolved();
  }

  /** A parameter: the arguments at the file's call sites of its function (memoised). */
  private traceParam(binding: ParamBinding, extraPath: string[], depth: number): RegionOutcome {
    let byPath = this.params.get(binding);
    if (!byPath) this.params.set(binding, (byPath = new Map()));
    const key = extraPath.join('.');
    const known = byPath.get(key);
    if (known === 'pending') {
      this.cuts++;
      return unresolved();
    }
    if (known) return known;
    byPath.set(key, 'pending');
    const before = this.refused;
    const outcome = this.traceParamSites(binding, extraPath, depth);
    // An outcome the budget cut short is not the parameter's: forget it rather than keep it.
    if (this.refused === before) byPath.set(key, outcome);
    else byPath.delete(key);
    return outcome;
  }

  private traceParamSites(binding: ParamBinding, extraPath: string[], depth: number): RegionOutcome {
    const fn = binding.fn;
    const key = fn.isConstructor ? (fn.cls ? `new:${fn.cls.name}` : null) : fn.name;
    const sites = key ? (this.ctx.index.callSites.get(key) ?? []).slice(0, MAX_CALL_SITES) : [];
    const path = [...binding.path, ...extraPath];
    const fnLabel = fn.isConstructor ? `new ${fn.cls?.name ?? 'class'}(…)` : `${fn.name ?? 'function'}(…)`;
    const outcomes: RegionOutcome[] = [];
    for (const site of sites) {
      // A call that is the function's own declaration site (recursion) says nothing new.
      if (site.node.range[0] >= fn.node.range[0] && site.node.range[1] <= fn.node.range[1]) continue;
      const arg = site.node.arguments[binding.index];
      let value: Value;
      if (!arg) {
        if (!binding.defaultValue) continue;
        value = this.ctx.values.resolve(binding.defaultValue, binding.scope);
        for (const k of extraPath) value = this.ctx.values.member(value, k);
      } else if (arg.type === 'SpreadElement') {
        value = { kind: 'unknown', via: [] };
      } else {
        value = this.ctx.values.resolve(arg, site.site.scope);
        for (const k of path) value = this.ctx.values.member(value, k);
      }
      const o = this.traceValue(value, depth + 1);
      outcomes.push({ ...o, regionTrace: [this.step(site.node, { kind: 'call-argument', function: fnLabel }), ...(o.regionTrace ?? [])] });
    }
    if (outcomes.length === 0) {
      if (binding.defaultValue) {
        const o = this.trace(binding.defaultValue, binding.scope, depth + 1);
        if (o.region) return { ...o, regionSource: 'variable', regionTrace: [this.step(binding.defaultValue, { kind: 'parameter-default', parameter: binding.name }), ...(o.regionTrace ?? [])] };
      }
      // No call in this file passes it: the caller decides, and that is not the process environment.
      const fnName = fn.isConstructor ? `new ${fn.cls?.name ?? 'class'}` : fn.name ?? 'function';
      const step = this.step(binding.id, { kind: 'caller-parameter', parameter: [binding.name, ...extraPath].join('.'), function: fnName });
      // An exported function's callers may be in other modules: the js-callers pass looks there.
      const exported = path.length === 0 && !fn.isConstructor ? this.exportedName(fn) : undefined;
      const regionRef: RegionRef | undefined = exported ? { kind: 'format', format: 'js-caller', key: `${this.ctx.file.replace(/\.[cm]?[jt]sx?$/, '')}#${exported}#${binding.index}` } : undefined;
      return { region: null, regionSource: 'unresolved', ...(regionRef ? { regionRef } : {}), regionTrace: [step] };
    }
    const merged = mergeOutcomes(outcomes);
    if (merged.region && merged.regionSource === 'literal') merged.regionSource = 'variable';
    if (!merged.region && !merged.candidateRegions && !merged.regionRef) merged.regionRef = { kind: 'runtime-env' };
    return merged;
  }

  /** The name a module exports a function under (`export function f`, `export const f = () => …`, `export { f }`), if it does. */
  private exportedName(fn: FunctionInfo): string | undefined {
    for (const stmt of this.ctx.index.program.body) {
      if (stmt.type === 'ExportNamedDeclaration' && stmt.declaration === fn.node && fn.name) return fn.name;
      if (stmt.type === 'ExportDefaultDeclaration' && stmt.declaration === fn.node) return 'default';
    }
    for (const e of this.ctx.index.exported) {
      if (e.node === fn.node) return e.name;
      if (e.node.type === 'Identifier' && fn.name && e.node.name === fn.name && !fn.cls) return e.name;
    }
    return undefined;
  }

  /** A loop variable: every element of the iterated array (`for (const region of REGIONS)`). */
  private traceLoop(binding: LoopBinding, extraPath: string[], depth: number): RegionOutcome {
    const iterable = this.ctx.values.resolve(binding.iterable, binding.scope);
    if (iterable.kind !== 'expr') return unresolved();
    const arr = unwrap(iterable.node);
    if (arr.type !== 'ArrayExpression') return unresolved();
    const path = [...binding.path, ...extraPath];
    const outcomes: RegionOutcome[] = [];
    for (const el of arr.elements) {
      if (!el || el.type === 'SpreadElement') return unresolved();
      let v = this.ctx.values.resolve(el, iterable.scope);
      for (const k of path) v = this.ctx.values.member(v, k);
      outcomes.push(this.traceValue(v, depth + 1));
    }
    const merged = mergeOutcomes(outcomes);
    const steps = this.viaSteps(iterable.via);
    if (merged.region && merged.regionSource === 'literal') merged.regionSource = 'variable';
    if (merged.candidateRegions) merged.regionTrace = [this.step(binding.id, { kind: 'loop', variable: binding.name, several: true }), ...steps, ...(merged.regionTrace ?? [])];
    else if (merged.region) merged.regionTrace = [this.step(binding.id, { kind: 'loop', variable: binding.name, several: false }), ...steps, ...(merged.regionTrace ?? [])];
    return merged;
  }
}

/**
 * Several possible values (branches, call sites, loop elements): one region when they agree,
 * else `region: null` with the candidates; an environment reference survives when every value
 * is the same reference.
 */
export function mergeOutcomes(outcomes: RegionOutcome[]): RegionOutcome {
  if (outcomes.length === 1) return outcomes[0];
  const regions: string[] = [];
  let unknown = false;
  const trace: TraceStep[] = [];
  for (const o of outcomes) {
    if (o.region) {
      if (!regions.includes(o.region)) regions.push(o.region);
    } else if (o.candidateRegions) {
      for (const r of o.candidateRegions) if (!regions.includes(r)) regions.push(r);
    } else unknown = true;
    for (const t of o.regionTrace ?? []) if (trace.length < MAX_TRACE * 4) trace.push(t);
  }
  limitTrace(trace);
  const refs = outcomes.map((o) => (o.regionRef ? JSON.stringify(o.regionRef) : ''));
  if (regions.length === 0) {
    if (refs[0] && refs.every((r) => r === refs[0])) return { ...outcomes[0], regionTrace: trace.length ? trace : undefined };
    return unresolved();
  }
  if (regions.length === 1 && !unknown) {
    const sources = new Set(outcomes.map((o) => o.regionSource));
    return { region: regions[0], regionSource: sources.size === 1 ? outcomes[0].regionSource : 'variable', regionTrace: trace.length ? trace : undefined };
  }
  return { region: null, regionSource: unknown ? 'unresolved' : 'variable', candidateRegions: regions, regionTrace: trace.length ? trace : undefined };
}
