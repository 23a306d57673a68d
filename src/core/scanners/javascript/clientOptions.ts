/**
 * The options object given to an SDK client's constructor, read the same way for SDK v3 and v2:
 * its `region` (traced through the file, or the SDK's default chain when it is not stated), its
 * and its `endpoint` (linked to the endpoint dependency the string scan found). Global services
 * (IAM, Route 53 …) are pinned to their home region by the global-service resolution pass, not here.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Dependency } from '../../model';
import { isLocalEndpoint } from '../literals';
import { staticString, unwrap, type Node } from './parse';
import type { RegionOutcome } from './regionValues';
import type { ScanState } from './scanState';
import type { Scope, Site } from './sourceIndex';

/** The SDK's default chain (AWS_REGION, AWS_DEFAULT_REGION, the profile): decided by the environment. */
export const DEFAULT_CHAIN: RegionOutcome = { region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' } };

export type OptionLookup =
  | { state: 'absent' }
  | { state: 'unknown' }
  | { state: 'present'; value: Node; scope: Scope; property: TSESTree.Property };

/** Whether an options expression states a property, and where. */
export function optionOf(state: ScanState, options: Node | undefined, name: string, scope: Scope): OptionLookup {
  if (!options) return { state: 'absent' };
  const v = state.values.resolve(options, scope);
  if (v.kind === 'expr') {
    const n = unwrap(v.node);
    if (n.type === 'ObjectExpression') {
      const found = state.values.findProperty(n, name, v.scope);
      if (found === 'unknown') return { state: 'unknown' };
      if (!found) return { state: 'absent' };
      return { state: 'present', value: found.property.value, scope: found.scope, property: found.property };
    }
    if (n.type === 'Identifier' && n.name === 'undefined') return { state: 'absent' };
  }
  return { state: 'unknown' };
}

/**
 * The region of a client from its options. `whenAbsent` is what applies without a `region`
 * option: the SDK's default chain, or (SDK v2) a preceding `AWS.config.update`.
 */
export function regionOfOptions(state: ScanState, options: Node | undefined, scope: Scope, whenAbsent: RegionOutcome = DEFAULT_CHAIN): RegionOutcome {
  const lookup = optionOf(state, options, 'region', scope);
  if (lookup.state === 'absent') return whenAbsent;
  if (lookup.state === 'present') return traceOption(state, options as Node, scope, lookup, 'region');
  // Options the file cannot see (a parameter, an import): a parameter's call sites may still tell.
  const v = state.values.resolve(options as Node, scope);
  if (v.kind === 'param') return state.tracer.traceValue(state.values.member(v, 'region'));
  return { region: null, regionSource: 'unresolved' };
}

/**
 * The outcome of a stated option. Written in place (`new X({ region: 'eu-west-1' })`) the value
 * is traced as is; reached through declarations (`const config = { region }; new X(config)`)
 * each declaration passed becomes a step of the trace.
 */
export function traceOption(state: ScanState, options: Node, scope: Scope, lookup: Extract<OptionLookup, { state: 'present' }>, name: string): RegionOutcome {
  const inline = unwrap(options);
  if (inline.type === 'ObjectExpression' && (inline.properties as Node[]).includes(lookup.property)) return state.tracer.trace(lookup.value, lookup.scope);
  return state.tracer.traceValue(state.values.member(state.values.resolve(options, scope), name));
}

/** Endpoint dependencies of an `endpoint` option written as a string (directly or through a const). */
export function endpointLinks(state: ScanState, options: Node | undefined, scope: Scope): Dependency[] {
  const lookup = optionOf(state, options, 'endpoint', scope);
  if (lookup.state !== 'present') return [];
  const v = state.values.resolve(lookup.value, lookup.scope);
  if (v.kind !== 'expr') return [];
  const n = unwrap(v.node);
  if (staticString(n) !== undefined || n.type === 'TemplateLiteral') return state.literalDeps.get(n) ?? [];
  // `endpoint: new AWS.Endpoint('…')`
  if (n.type === 'NewExpression' && n.arguments[0]) {
    const inner = state.values.resolve(n.arguments[0], v.scope);
    if (inner.kind === 'expr') return state.literalDeps.get(unwrap(inner.node)) ?? [];
  }
  return [];
}

/**
 * The `endpoint` option when it is written as a string (directly or through a const) naming a
 * local emulator (`http://localhost:8000`, LocalStack): such a client is not an AWS dependency.
 */
export function localEndpointOf(state: ScanState, options: Node | undefined, scope: Scope): string | undefined {
  const lookup = optionOf(state, options, 'endpoint', scope);
  if (lookup.state !== 'present') return undefined;
  const v = state.values.resolve(lookup.value, lookup.scope);
  if (v.kind !== 'expr') return undefined;
  const text = staticString(unwrap(v.node));
  return text !== undefined && isLocalEndpoint(text) ? text : undefined;
}

/**
 * A client with no region of its own inside a function of a Pulumi program: such functions are
 * deployed as Lambda functions of the stack (`aws.lambda.CallbackFunction`, awsx routes), whose
 * AWS_REGION is the stack's region.
 */
export function inDeployedCallback(state: ScanState, site: Site, outcome: RegionOutcome, at: Node): RegionOutcome {
  if (!state.callbackRegion || !site.fn || outcome.regionRef?.kind !== 'runtime-env' || outcome.regionRef.variable) return outcome;
  return { region: null, regionSource: 'unresolved', regionRef: { ...state.callbackRegion }, regionTrace: [state.step(at, { kind: 'pulumi-function' })] };
}
