/**
 * AWS SDK for JavaScript v2: `new AWS.S3({...})`, `new AWS.DynamoDB.DocumentClient()`,
 * `aws-sdk/clients/*` imports, the browser's global `AWS`, and the process-wide
 * `AWS.config.update({ region })` / `AWS.config.region = …` settings.
 *
 * `AWS.config` is process-wide and applies to every client constructed after it runs. A file
 * cannot see the process, so the scanner approximates: a setting applies to the clients
 * constructed later in the same file (by source position) that state no region of their own.
 * The setting itself is a `region-config` dependency scoped to the file, so other passes can
 * offer it as a candidate for the package's other files.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { serviceOfV2Class } from '../../catalogue/services';
import catalogue from '../../catalogue/services.generated.json';
import { LEGACY_STS_REGION } from '../../catalogue/globalServices';
import { DEFAULT_CHAIN, endpointLinks, inDeployedCallback, localEndpointOf, optionOf, regionOfOptions, traceOption } from './clientOptions';
import { propertyKeyName, staticString, unwrap, type Node } from './parse';
import type { RegionOutcome } from './regionValues';
import { outcomeOf, regionFields, type ScanState } from './scanState';
import type { Site } from './sourceIndex';
import type { Value } from './values';

export type V2Export =
  | { kind: 'client'; service: string; name: string; documentClient: boolean }
  /** `AWS.config` and what hangs below it (`update`, `region`) */
  | { kind: 'config'; path: string[] }
  /** `new AWS.S3.ManagedUpload({ params, service })`: an S3 upload */
  | { kind: 'managed-upload' };

const v2Classes = Object.keys(catalogue.v2Class as Record<string, string>);

/** The SDK v2 class a `aws-sdk/clients/<name>` module exports (`s3` → `S3`, `dynamodb` → `DynamoDB`). */
function v2ClassName(moduleName: string): string {
  const lower = moduleName.toLowerCase();
  return v2Classes.find((c) => c.toLowerCase() === lower) ?? moduleName;
}

/** What a resolved value names in SDK v2, or undefined. */
export function classifyV2(value: Value): V2Export | undefined {
  let base: string;
  let path: string[];
  if (value.kind === 'module') {
    const m = value.module;
    if (m === 'aws-sdk' || m === 'aws-sdk/global' || m === 'aws-sdk/dist/aws-sdk' || m === 'aws-sdk/lib/core') {
      base = 'AWS';
      path = value.path[0] === 'default' ? value.path.slice(1) : value.path;
    } else if (m.startsWith('aws-sdk/clients/')) {
      const cls = m.slice('aws-sdk/clients/'.length);
      base = value.importedAs && value.importedAs !== 'DocumentClient' ? value.importedAs : v2ClassName(cls);
      path = [cls, ...(value.path[0] === 'default' ? value.path.slice(1) : value.path)];
      const service = serviceOfV2Class(cls);
      if (!service) return undefined;
      if (path.length === 1) return { kind: 'client', service, name: base, documentClient: false };
      // `new DynamoDB.DocumentClient()`, or `const { DocumentClient } = require('aws-sdk/clients/dynamodb')`
      if (path.length === 2 && path[1] === 'DocumentClient' && service === 'dynamodb') return { kind: 'client', service, name: 'DynamoDB.DocumentClient', documentClient: true };
      return undefined;
    } else if (m === '@pulumi/aws' && value.path[0] === 'sdk') {
      // Pulumi re-exports SDK v2 as `aws.sdk` for code in callback functions.
      base = 'aws.sdk';
      path = value.path.slice(1);
    } else if (m === 'aws-sdk/lib/dynamodb/document_client') {
      return { kind: 'client', service: 'dynamodb', name: 'DynamoDB.DocumentClient', documentClient: true };
    } else return undefined;
  } else if (value.kind === 'global' && value.name === 'AWS') {
    base = 'AWS';
    path = value.path;
  } else return undefined;
  if (path.length === 0) return undefined;
  if (path[0] === 'config') return { kind: 'config', path: path.slice(1) };
  const service = serviceOfV2Class(path[0]);
  if (!service || !/^[A-Z]/.test(path[0])) return undefined;
  if (path.length === 1) return { kind: 'client', service, name: `${base}.${path[0]}`, documentClient: false };
  if (path.length === 2 && path[1] === 'DocumentClient' && service === 'dynamodb') return { kind: 'client', service, name: `${base}.DynamoDB.DocumentClient`, documentClient: true };
  if (path.length === 2 && path[1] === 'ManagedUpload' && service === 's3') return { kind: 'managed-upload' };
  return undefined;
}

interface ConfigSetting {
  offset: number;
  outcome: RegionOutcome;
  node: Node;
}

/** The `AWS.config` settings of one file, in source order. */
export class V2Config {
  readonly regions: ConfigSetting[] = [];
  /** offsets of `stsRegionalEndpoints: 'regional'` settings */
  readonly regionalSts: number[] = [];

  /** The outcome for a client constructed at `offset` without its own region. */
  regionAt(state: ScanState, offset: number): RegionOutcome {
    let last: ConfigSetting | undefined;
    for (const s of this.regions) if (s.offset < offset) last = s;
    if (!last) return DEFAULT_CHAIN;
    return { ...last.outcome, regionTrace: [state.step(last.node, { kind: 'sdk-global-config' }), ...(last.outcome.regionTrace ?? [])] };
  }

  regionalStsAt(offset: number): boolean {
    return this.regionalSts.some((o) => o < offset);
  }
}

function addRegionConfig(state: ScanState, anchor: Node, valueNode: Node, outcome: RegionOutcome): void {
  state.add({
    kind: 'region-config',
    service: '*',
    name: 'AWS.config.region',
    origin: 'js-v2',
    text: staticString(valueNode) ?? state.source(valueNode),
    scope: { file: state.file, appliesTo: 'runtime' },
    ...regionFields(outcome),
  }, anchor);
}

/** `AWS.config.update({ region, stsRegionalEndpoints })` */
export function readConfigUpdate(state: ScanState, node: TSESTree.CallExpression, site: Site, config: V2Config): void {
  const options = node.arguments[0];
  const region = optionOf(state, options, 'region', site.scope);
  if (region.state === 'present') {
    const outcome = traceOption(state, options as Node, site.scope, region, 'region');
    addRegionConfig(state, region.property, region.value, outcome);
    config.regions.push({ offset: node.range[0], outcome, node: region.property });
  }
  const sts = optionOf(state, options, 'stsRegionalEndpoints', site.scope);
  if (sts.state === 'present' && staticString(sts.value) === 'regional') config.regionalSts.push(node.range[0]);
}

/** `AWS.config.region = …` / `AWS.config.stsRegionalEndpoints = 'regional'` */
export function readConfigAssignment(state: ScanState, node: TSESTree.AssignmentExpression, site: Site, setting: string, config: V2Config): void {
  if (setting === 'region') {
    const outcome = state.tracer.trace(node.right, site.scope);
    addRegionConfig(state, node, node.right, outcome);
    config.regions.push({ offset: node.range[0], outcome, node });
  } else if (setting === 'stsRegionalEndpoints' && staticString(node.right) === 'regional') {
    config.regionalSts.push(node.range[0]);
  }
}

/** `new AWS.S3(options)`, `new AWS.DynamoDB.DocumentClient(options)`: one sdk-client dependency. */
export function addV2Client(state: ScanState, node: TSESTree.NewExpression, site: Site, found: Extract<V2Export, { kind: 'client' }>, config: V2Config): void {
  const options = node.arguments[0];
  // A client of a local emulator (DynamoDB Local, LocalStack) is not an AWS dependency.
  if (localEndpointOf(state, options, site.scope)) return;
  const links: string[] = [];
  let outcome: RegionOutcome;
  // A document client may wrap a service object: `{ service: dynamodb }` talks through it.
  const wrapped = found.documentClient ? optionOf(state, options, 'service', site.scope) : undefined;
  const wrappedClient = wrapped?.state === 'present' ? state.clients.get(unwrapResolved(state, wrapped.value, wrapped.scope)) : undefined;
  if (wrappedClient && optionOf(state, options, 'region', site.scope).state === 'absent') {
    outcome = outcomeOf(wrappedClient.dep);
    links.push(wrappedClient.dep.id);
  } else {
    outcome = inDeployedCallback(state, site, regionOfOptions(state, options, site.scope, config.regionAt(state, node.range[0])), node);
  }
  let global: boolean | undefined;
  let text: string | undefined;
  if (found.service === 'sts') {
    const sts = optionOf(state, options, 'stsRegionalEndpoints', site.scope);
    const regional = (sts.state === 'present' && staticString(sts.value) === 'regional') || (sts.state === 'absent' && config.regionalStsAt(node.range[0]));
    if (!regional) {
      // SDK v2 defaults to the legacy global endpoint, hosted in us-east-1.
      outcome = { region: LEGACY_STS_REGION, regionSource: 'global-service', regionTrace: [state.step(node, { kind: 'global-endpoint', service: 'sts', region: LEGACY_STS_REGION, host: 'sts.amazonaws.com' })] };
      global = true;
      text = 'sts.amazonaws.com';
    }
  }
  for (const e of endpointLinks(state, options, site.scope)) links.push(e.id);
  const dep = state.add({
    kind: 'sdk-client',
    service: found.service,
    name: found.name,
    origin: 'js-v2',
    container: site.container,
    ...regionFields(outcome),
    ...(global ? { global: true } : {}),
    ...(text ? { text } : {}),
    ...(links.length ? { links } : {}),
  }, node);
  state.clients.set(node, { dep, origin: 'js-v2', className: found.name, methodCalls: true, documentClient: found.documentClient });
}

function unwrapResolved(state: ScanState, node: Node, scope: import('./sourceIndex').Scope): Node {
  const v = state.values.resolve(node, scope);
  return v.kind === 'expr' ? unwrap(v.node) : node;
}

/** The setting an assignment to `AWS.config.<x>` writes, or undefined. */
export function configAssignmentTarget(state: ScanState, node: TSESTree.AssignmentExpression, site: Site): string | undefined {
  if (node.operator !== '=' || node.left.type !== 'MemberExpression') return undefined;
  const setting = propertyKeyName(node.left);
  if (!setting) return undefined;
  const target = classifyV2(state.values.resolve(node.left.object, site.scope));
  return target?.kind === 'config' && target.path.length === 0 ? setting : undefined;
}
