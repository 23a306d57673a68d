/**
 * Turns a `Resources` mapping into dependencies: one `iac-resource` per resource, anchored at its
 * logical id, with its service and normalised resilience facts; a deploy unit per function whose
 * code is in the workspace; and the ARNs and endpoints written in its properties. The CloudFormation
 * scanner and the Serverless scanner (its `resources.Resources` section) share this code.
 */
import type { DeployUnit, Problem, ResourceAttributes } from '../../model';
import type { DependencyBuilder, DependencyDraft } from '../builder';
import { functionDeployUnit } from './deployUnits';
import { ResourceProperties, resourceFacts, serviceOfResourceType, type FactsContext } from './resourceFacts';
import { scanStringValues, type StringScanOptions } from './stringValues';
import { getValue, intrinsicOf, isSeq, literalString, textOf, type TemplateMap, type TemplateNode, type TemplatePair } from './templateTree';

export interface ResourceScanContext {
  builder: DependencyBuilder;
  /** the file being scanned */
  file: string;
  /** the stack the resources are deployed with (regionRef) */
  stackFile: string;
  /** `serverless` for a serverless.yml; otherwise `cloudformation`, or `sam` for `AWS::Serverless::*` */
  origin?: string;
  /** SAM `Globals` */
  globals?: TemplateNode;
  /** the template's `Parameters` section */
  parameters?: TemplateNode;
  problems: Problem[];
  deployUnits: DeployUnit[];
  /** how region placeholders in strings are recognised (Serverless adds `${aws:region}`, …) */
  isDeployRegion?: StringScanOptions['isDeployRegion'];
  /** resolves a format's variables in physical names (Serverless) */
  resolveName?: FactsContext['resolveName'];
}

const FOR_EACH = 'Fn::ForEach::';

/** What every resource of one template may consult. */
interface TemplateFacts {
  logicalIds: Set<string>;
  parameterDefaults: ReadonlyMap<string, string>;
}

/** Scans a `Resources` mapping. A value that is not a mapping is a problem, not a crash. */
export function scanResources(resources: TemplateNode | undefined, context: ResourceScanContext): void {
  if (!resources) return;
  if (resources.kind !== 'map' || intrinsicOf(resources)) {
    problem(context, resources.start, 'Resources is not a mapping of logical ids to resources; no resource was read');
    return;
  }
  const logicalIds = new Set<string>();
  collectLogicalIds(resources, logicalIds);
  const parameterDefaults = new Map<string, string>();
  if (context.parameters?.kind === 'map') {
    for (const p of context.parameters.pairs) {
      const d = literalString(getValue(p.value, 'Default'));
      if (d !== undefined) parameterDefaults.set(p.key, d);
    }
  }
  for (const pair of resources.pairs) {
    if (pair.merged) continue;
    if (pair.key.startsWith(FOR_EACH)) scanForEach(pair, { logicalIds, parameterDefaults }, context, 0);
    else scanResource(pair, pair.key, { logicalIds, parameterDefaults }, context);
  }
}

function collectLogicalIds(resources: TemplateMap, out: Set<string>): void {
  for (const p of resources.pairs) if (!p.key.startsWith(FOR_EACH)) out.add(p.key);
}

/**
 * `Fn::ForEach::Name: [Identifier, [A, B], { Template${Identifier}: {…} }]` (language extensions):
 * with a literal collection, one resource per item, each anchored at the template key; with a
 * collection known only at deploy time, one resource named by the template key as written.
 */
function scanForEach(pair: TemplatePair, template: TemplateFacts, context: ResourceScanContext, depth: number): void {
  const spec = pair.value;
  if (!isSeq(spec) || spec.items.length < 3 || depth > 4) {
    problem(context, pair.keyStart, `${pair.key} is not [identifier, collection, template]; its resources were not read`);
    return;
  }
  const identifier = literalString(spec.items[0]);
  const collection = spec.items[1];
  const body = spec.items[2];
  if (!identifier || body.kind !== 'map') {
    problem(context, pair.keyStart, `${pair.key} has no identifier or template mapping; its resources were not read`);
    return;
  }
  const values = collection.kind === 'seq' && !intrinsicOf(collection) ? collection.items.map((i) => literalString(i)) : [undefined];
  const known = values.every((v): v is string => v !== undefined);
  for (const entry of body.pairs) {
    if (entry.key.startsWith(FOR_EACH)) {
      scanForEach(entry, template, context, depth + 1);
      continue;
    }
    if (!known) {
      scanResource(entry, entry.key, template, context);
      continue;
    }
    values.forEach((v, i) => {
      const name = entry.key.split(`\${${identifier}}`).join(v).split(`&{${identifier}}`).join(v.replace(/[^A-Za-z0-9]/g, ''));
      template.logicalIds.add(name);
      // The copies share one text: its ARNs are reported once.
      scanResource(entry, name, template, context, i === 0);
    });
  }
}

function scanResource(pair: TemplatePair, logicalId: string, template: TemplateFacts, context: ResourceScanContext, scanStrings = true): void {
  const { builder } = context;
  const resource = pair.value;
  if (!resource || resource.kind !== 'map' || intrinsicOf(resource)) {
    problem(context, pair.keyStart, `resource ${logicalId} is not a mapping; it was not read`);
    return;
  }
  const typeNode = getValue(resource, 'Type');
  if (!typeNode) {
    problem(context, pair.keyStart, `resource ${logicalId} has no Type; it was not read`);
    return;
  }
  let type = literalString(typeNode);
  if (type === undefined) {
    // A macro's tag (`Type: !Rain::Module ./vpc.yml`) or an expression: still a resource of the
    // stack, run by CloudFormation; its type is kept as written.
    type = typeNode.kind === 'scalar' && typeof typeNode.value === 'string' ? `${typeNode.tag ?? ''} ${typeNode.value}`.trim() : textOf(typeNode) ?? 'unknown';
  }
  const service = serviceOfResourceType(type);
  const origin = context.origin ?? (type.startsWith('AWS::Serverless::') ? 'sam' : 'cloudformation');
  const facts = resourceFacts(type, logicalId, resource, { logicalIds: template.logicalIds, parameterDefaults: template.parameterDefaults, globals: context.globals, resolveName: context.resolveName });
  const draft: DependencyDraft = {
    kind: 'iac-resource',
    service,
    name: logicalId,
    origin,
    container: logicalId,
    resource: facts,
  };
  // Every resource is where its stack is deployed; the cross-file pass decides that region (and
  // pins global services such as IAM or CloudFront to their control plane's region).
  draft.region = null;
  draft.regionSource = 'unresolved';
  draft.regionRef = { kind: 'deploy-region', stackFile: context.stackFile };
  const insertion = propertyInsertion(resource, builder);
  if (insertion) (facts.attributes ??= {}).propertyInsertion = insertion;
  const zone = facts.attributes?.availabilityZones ? availabilityZonePair(resource) : undefined;
  if (zone && facts.attributes) facts.attributes.availabilityZoneAt = builder.lines.span(zone.keyStart, zone.value?.end ?? zone.keyEnd);
  const dep = builder.add(draft, pair.keyStart, pair.keyEnd, logicalId);

  if (type === 'AWS::Serverless::Function' || type === 'AWS::Lambda::Function') {
    const props = ResourceProperties.of(type, resource, context.globals);
    const unit = functionDeployUnit({
      logicalId,
      type,
      resource,
      props,
      file: context.file,
      line: dep.line,
      dependencyId: dep.id,
      environment: facts.attributes?.environment,
    });
    if (unit) {
      context.deployUnits.push(unit);
      (facts.attributes ??= {}).codePaths = unit.codePaths;
    }
  }

  if (!scanStrings) return;
  for (const p of resource.pairs) {
    if (p.key === 'Type' || p.merged) continue;
    scanStringValues(p.value, p.key, logicalId, { builder, stackFile: context.stackFile, origin: context.origin ?? 'cloudformation', isDeployRegion: context.isDeployRegion });
  }
}

/**
 * Where a quick fix may add a property: after the `Properties:` line of a block-style YAML
 * mapping, at the indentation of its existing keys. Flow mappings and JSON get none.
 */
/** The `AvailabilityZone…: us-east-1a` property that names a zone, for findings about it. */
function availabilityZonePair(resource: TemplateMap): TemplatePair | undefined {
  const props = resource.pairs.find((p) => p.key === 'Properties')?.value;
  if (props?.kind !== 'map') return undefined;
  return props.pairs.find((p) => /^(?:Preferred)?AvailabilityZones?(?:Name)?$|^PreferredCacheClusterAZs$/.test(p.key) && p.value !== undefined && JSON.stringify(scalarsOf(p.value)).match(/"[a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}[a-z]"/) !== null);
}

function scalarsOf(node: TemplateNode): unknown[] {
  if (node.kind === 'scalar') return [node.value];
  if (node.kind === 'seq') return node.items.flatMap(scalarsOf);
  return [];
}

function propertyInsertion(resource: TemplateMap, builder: DependencyBuilder): ResourceAttributes['propertyInsertion'] {
  const pair = resource.pairs.find((p) => p.key === 'Properties' && !p.merged);
  const props = pair?.value;
  if (!pair || props?.kind !== 'map' || props.aliased || props.tag || props.pairs.length === 0) return undefined;
  const text = builder.text;
  if (text[props.start] === '{' || text[props.start] === '[') return undefined;
  const first = props.pairs[0];
  const at = builder.lines.position(first.keyStart);
  const indent = builder.lines.lineText(at.line).slice(0, at.column - 1);
  if (!/^[ \t]+$/.test(indent)) return undefined;
  return { line: builder.lines.position(pair.keyStart).line, indent, syntax: 'yaml', keys: props.pairs.filter((p) => !p.merged).map((p) => p.key) };
}

function problem(context: ResourceScanContext, offset: number, reason: string): void {
  context.problems.push({ file: context.file, line: context.builder.lines.position(offset).line, reason, severity: 'partial' });
}
