/**
 * The Serverless Framework scanner (`serverless.yml`/`.yaml`/`.json`, or any YAML/JSON with a
 * top-level `service:` and an AWS `provider:`):
 *
 * - `provider.region` → a `region-config` for the whole service (deploy and run time), with
 *   `${opt:region, …}` / `${env:…}` / `${self:…}` resolved within the file; without it, the
 *   framework's documented default us-east-1 (`regionSource: "default"`).
 * - each function → an `iac-resource` (lambda) and a deploy unit whose code is its handler's module;
 * - each event of an AWS service → an `iac-resource` of that service (`createOrder.http`);
 * - `resources.Resources` → the CloudFormation scanner's resource code;
 * - ARNs and endpoints anywhere in the file.
 *
 * `serverless.ts` (a TypeScript service file) is out of scope.
 */
import type { DeployUnit, Problem, ResourceAttributes, TraceStep } from '../model';
import { isRegion } from '../regions';
import { subnetForm } from '../resources/subnets';
import { DependencyBuilder, type DependencyDraft } from './builder';
import { looksLikeServerless } from './cloudformation';
import { handlerModule, joinWorkspacePath } from './cloudformation/deployUnits';
import { parseJsonTemplate } from './cloudformation/jsonTemplate';
import { scanResources } from './cloudformation/resources';
import { scanStringValues, type StringScanOptions } from './cloudformation/stringValues';
import { getPair, getValue, intrinsicOf, itemsOf, literalString, textList, textOf, type TemplateMap, type TemplateNode, type TemplatePair } from './cloudformation/templateTree';
import { parseYamlTemplate } from './cloudformation/yamlTemplate';
import { eventDependency } from './serverless/events';
import { ServerlessVariables, type ResolvedValue } from './serverless/variables';
import { findSuppressions } from './suppressions';
import type { ScanOutput, Scanner } from './types';
import { folderOf } from '../paths';
import { traceStep } from '../trace';
import { resourceIdentity } from '../resources/kinds';

/** The region the framework deploys to when `provider.region` is not set. Source: https://www.serverless.com/framework/docs/providers/aws/guide/serverless.yml ("region: us-east-1 # Default"). */
export const SERVERLESS_DEFAULT_REGION = 'us-east-1';
const ORIGIN = 'serverless';

/** Placeholders that stand for the region the service is deployed to. */
export function serverlessDeployRegion(inner: string): boolean {
  const s = inner.trim();
  return s === 'AWS::Region' || /^aws:region$/i.test(s) || /^self:provider\.region$/.test(s) || /^opt:region\b/.test(s) || /^sls:region$/.test(s);
}

export const serverlessScanner: Scanner = {
  id: 'serverless',
  accepts(file: string, text: string): boolean {
    if (!/\.(ya?ml|json)$/i.test(file)) return false;
    if (/(^|\/)serverless\.(ya?ml|json)$/i.test(file)) return true;
    // Any other name: a top-level `service:` and a `provider:` whose `name` is aws.
    return looksLikeServerless(file, text) && /["']?name["']?\s*:\s*["']?aws["']?\s*(?:,|#|\r?\n|$)/.test(text);
  },
  scan(file: string, text: string): ScanOutput {
    return scanServerless(file, text);
  },
};

interface ServerlessContext {
  file: string;
  builder: DependencyBuilder;
  variables: ServerlessVariables;
  problems: Problem[];
  deployUnits: DeployUnit[];
  strings: StringScanOptions;
}

export function scanServerless(file: string, text: string): ScanOutput {
  const json = /\.json$/i.test(file);
  const parsed = json ? parseJsonTemplate(text) : parseYamlTemplate(text);
  const builder = new DependencyBuilder(file, text);
  const problems: Problem[] = parsed.problems.map((p) => ({ file, ...builder.lines.position(p.offset), reason: p.message, severity: 'partial' as const }));
  const suppressions = json ? [] : findSuppressions(file, text, 'hash');
  const root = parsed.root;
  if (root?.kind !== 'map') return { dependencies: [], problems, suppressions };
  const providerName = literalString(getValue(getValue(root, 'provider'), 'name')) ?? literalString(getValue(root, 'provider'));
  // Another cloud's service (`provider: { name: azure }`) is not ours.
  if (providerName !== undefined && providerName.toLowerCase() !== 'aws') return { dependencies: [], problems, suppressions };

  const context: ServerlessContext = {
    file,
    builder,
    variables: new ServerlessVariables(root, { file, position: (offset) => builder.lines.position(offset) }),
    problems,
    deployUnits: [],
    strings: { builder, stackFile: file, origin: ORIGIN, isDeployRegion: serverlessDeployRegion },
  };
  providerRegion(root, context);
  functions(root, context);
  const resources = getValue(root, 'resources');
  // `resources` is a CloudFormation fragment, or a list of fragments (often `${file(…)}` includes).
  for (const fragment of resources?.kind === 'seq' ? resources.items : resources ? [resources] : []) {
    scanResources(getValue(fragment, 'Resources'), {
      builder,
      file,
      stackFile: file,
      origin: ORIGIN,
      problems,
      deployUnits: context.deployUnits,
      isDeployRegion: serverlessDeployRegion,
      resolveName: (text) => {
        const v = context.variables.resolveText(text).value;
        return v !== undefined && !v.includes('${') ? v : undefined;
      },
    });
    if (fragment.kind === 'map') for (const p of fragment.pairs) if (p.key !== 'Resources' && p.key !== 'Description') scanStringValues(p.value, p.key, undefined, context.strings);
  }
  for (const section of root.pairs) {
    // Functions and resources were walked with their container; the rest (provider IAM statements, custom) here.
    if (section.key === 'functions' || section.key === 'resources' || section.merged) continue;
    scanStringValues(section.value, section.key, undefined, context.strings);
  }
  const stop = context.variables.budget.stoppedAt;
  if (stop) {
    problems.push({ file, line: stop.line, column: stop.column, reason: `Serverless variable resolution stopped at ${stop.what}: the file's step budget was spent (its variables reference each other too often to follow); the values left are unresolved`, severity: 'partial' });
  }
  const out: ScanOutput = { dependencies: builder.dependencies, problems, suppressions };
  if (context.deployUnits.length) out.deployUnits = context.deployUnits;
  return out;
}

// ---------------------------------------------------------------------------------------------
// provider.region

function providerRegion(root: TemplateMap, context: ServerlessContext): void {
  const { builder, file } = context;
  const providerPair = getPair(root, 'provider');
  const regionPair = getPair(providerPair?.value, 'region');
  const scope = { stackFile: file, appliesTo: 'both' as const };
  if (!regionPair?.value) {
    const anchor = providerPair ?? getPair(root, 'service') ?? root.pairs[0];
    // A file with no key at all (empty, or too broken to read one) declares no service to deploy.
    if (!anchor) return;
    builder.add(
      {
        kind: 'region-config',
        service: '*',
        name: 'provider.region',
        text: `${SERVERLESS_DEFAULT_REGION} (provider.region is not set: the Serverless Framework default)`,
        region: SERVERLESS_DEFAULT_REGION,
        regionSource: 'default',
        origin: ORIGIN,
        scope,
        regionTrace: [traceStep({ file, line: builder.lines.position(anchor.keyStart).line }, { kind: 'framework-default', framework: 'serverless', region: SERVERLESS_DEFAULT_REGION })],
      },
      anchor.keyStart,
      anchor.keyEnd,
    );
    return;
  }
  const valueNode = regionPair.value;
  const raw = literalString(valueNode) ?? textOf(valueNode) ?? '';
  const resolved: ResolvedValue = intrinsicOf(valueNode) ? { overridable: true, steps: [] } : context.variables.resolveNode(valueNode);
  const draft: DependencyDraft = { kind: 'region-config', service: '*', name: 'provider.region', text: raw, origin: ORIGIN, scope };
  const trace: TraceStep[] = [];
  const value = resolved.value?.trim();
  const candidates = [...new Set((resolved.candidates ?? []).map((c) => c.trim()).filter((c) => isRegion(c)))];
  if (value && isRegion(value)) {
    draft.region = value;
    draft.regionSource = 'provider';
    if (raw !== value) {
      const at = resolved.offset !== undefined ? builder.lines.position(resolved.offset).line : builder.lines.position(valueNode.start).line;
      const how = resolved.steps.length ? resolved.steps.join(' → ') : raw;
      trace.push(traceStep({ file, line: at }, { kind: 'deploy-config', setting: how, value, region: value, ...(resolved.overridable ? { overridable: true } : {}) }));
    }
  } else if (candidates.length === 1) {
    draft.region = candidates[0];
    draft.regionSource = 'provider';
  } else if (candidates.length > 1) {
    draft.region = null;
    draft.regionSource = 'provider';
    draft.candidateRegions = candidates;
    trace.push(traceStep({ file, line: builder.lines.position(valueNode.start).line }, { kind: 'stage-dependent', expression: raw, regions: candidates }));
  } else {
    // `${opt:region}` with no fallback, `${ssm:…}`, `${file(…)}`: decided outside this file.
    draft.region = null;
    draft.regionSource = 'unresolved';
  }
  if (trace.length) draft.regionTrace = trace;
  builder.add(draft, regionPair.keyStart, valueNode.end);
}

// ---------------------------------------------------------------------------------------------
// functions and their events

function functions(root: TemplateMap, context: ServerlessContext): void {
  const { builder, file, variables } = context;
  const provider = getValue(root, 'provider');
  const fns = getValue(root, 'functions');
  // `functions` may also be a list of mappings (several files merged with `${file(…)}`).
  const pairs: TemplatePair[] = fns?.kind === 'map' ? fns.pairs : fns?.kind === 'seq' ? fns.items.flatMap((i) => (i.kind === 'map' ? i.pairs : [])) : [];
  const service = variables.resolveNode(getValue(root, 'service')).value ?? literalString(getValue(getValue(root, 'service'), 'name'));
  const stage = variables.resolveNode(getValue(provider, 'stage')).value ?? 'dev';
  const dir = folderOf(file);
  for (const pair of pairs) {
    if (pair.merged) continue;
    const fn = pair.value;
    if (fn?.kind !== 'map') {
      if (fn) context.problems.push({ file, line: builder.lines.position(pair.keyStart).line, reason: `function ${pair.key} is not a mapping; it was not read`, severity: 'partial' });
      continue;
    }
    const name = pair.key;
    const attributes: ResourceAttributes = {};
    const environment = { ...environmentOf(getValue(provider, 'environment'), variables), ...environmentOf(getValue(fn, 'environment'), variables) };
    if (Object.keys(environment).length) attributes.environment = environment;
    const explicitName = variables.resolveNode(getValue(fn, 'name')).value;
    // The framework names functions `<service>-<stage>-<function>` unless `name` is given.
    const physical = explicitName ?? (service && !service.includes('${') ? `${service}-${stage}-${name}` : undefined);
    if (physical && !physical.includes('${')) attributes.physicalNames = [physical];
    const subnets = textList(getValue(getValue(fn, 'vpc') ?? getValue(provider, 'vpc'), 'subnetIds'));
    if (subnets.length) {
      attributes.subnets = subnets;
      attributes.subnetForms = subnets.map(subnetForm);
    }
    const events = itemsOf(getValue(fn, 'events'));
    const eventTypes = events.flatMap((e) => (e.kind === 'map' ? e.pairs.map((p) => p.key) : []));
    if (eventTypes.length) attributes.eventTypes = eventTypes;

    const handler = variables.resolveNode(getValue(fn, 'handler')).value;
    const module = handlerModule(handler);
    const codePath = module ? joinWorkspacePath(dir, module) : null;
    if (codePath !== null) attributes.codePaths = [codePath];

    const dep = builder.add(
      {
        kind: 'iac-resource',
        service: 'lambda',
        name,
        origin: ORIGIN,
        container: name,
        region: null,
        regionSource: 'unresolved',
        regionRef: { kind: 'deploy-region', stackFile: file },
        resource: { ...resourceIdentity('AWS::Lambda::Function', name), attributes },
      },
      pair.keyStart,
      pair.keyEnd,
      name,
    );
    if (codePath !== null) {
      const unit: DeployUnit = { name, stackFile: file, codePaths: [codePath], line: dep.line, dependencyId: dep.id };
      if (Object.keys(environment).length) unit.environment = environment;
      context.deployUnits.push(unit);
    }

    for (const event of events) {
      if (event.kind !== 'map' || event.aliased) continue;
      for (const e of event.pairs) eventResource(name, e, context);
    }
    for (const p of fn.pairs) if (!p.merged) scanStringValues(p.value, p.key, name, context.strings);
  }
}

function eventResource(fnName: string, event: TemplatePair, context: ServerlessContext): void {
  const resolve = (text: string): string | undefined => context.variables.resolveText(text).value;
  const found = eventDependency(event.key, event.value, resolve);
  if (!found) return;
  const name = `${fnName}.${event.key}`;
  const attributes: ResourceAttributes = {};
  if (found.physicalNames.length) attributes.physicalNames = found.physicalNames;
  if (found.eventSources.length) attributes.eventSources = found.eventSources;
  if (event.key === 'httpApi' || event.key === 'websocket') attributes.endpointType = 'REGIONAL';
  const draft: DependencyDraft = {
    kind: 'iac-resource',
    service: found.service,
    name,
    origin: ORIGIN,
    container: fnName,
    region: null,
    regionSource: 'unresolved',
    regionRef: { kind: 'deploy-region', stackFile: context.file },
    resource: { type: `serverless-event:${event.key}`, name },
  };
  if (Object.keys(attributes).length) draft.resource = { ...draft.resource!, attributes };
  context.builder.add(draft, event.keyStart, event.keyEnd, name);
}

/** Environment variables as text: variables resolved where the file decides them, intrinsics as `${Ref}`. */
function environmentOf(node: TemplateNode | undefined, variables: ServerlessVariables): Record<string, string> {
  const out: Record<string, string> = {};
  if (node?.kind !== 'map' || intrinsicOf(node)) return out;
  for (const p of node.pairs) {
    const literal = literalString(p.value);
    if (literal !== undefined) {
      const r = variables.resolveText(literal);
      out[p.key] = r.value ?? literal;
      continue;
    }
    const t = textOf(p.value);
    if (t !== undefined) out[p.key] = t;
  }
  return out;
}
