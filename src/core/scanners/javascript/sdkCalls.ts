/**
 * SDK operations: `client.send(new PutItemCommand(...))` (v3), method calls on aggregated v3
 * clients and on every v2 client (`s3.getObject(...).promise()`), v3 paginators and waiters,
 * lib-storage's `Upload` and the S3 presigner. Each becomes an `sdk-call` anchored at the call,
 * linked to the client it goes through when the file shows which one (a variable, a class
 * member, a module-level const, a parameter whose call sites pass a client), and carrying that
 * client's region. The table, bucket, queue, topic or function named in the input goes in `text`
 * (a literal, or `env:NAME` for `process.env.NAME`) so that a later pass can link the call to the
 * resource it uses.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { resolveRelativeImport } from './modulePaths';
import { propertyKeyName, staticString, unwrap, type Node } from './parse';
import { mergeOutcomes, type RegionOutcome } from './regionValues';
import { outcomeOf, regionFields, type ClientRecord, type ScanState } from './scanState';
import { classifyV3, documentOperation } from './sdkV3';
import type { Scope, Site } from './sourceIndex';
import type { ParamBinding, Value } from './values';

const MAX_DEPTH = 40;
const MAX_CALL_SITES = 20;

/** Methods of SDK client objects that are not service operations. */
const NOT_OPERATIONS = new Set([
  'send', 'destroy', 'middlewareStack', 'config', 'promise', 'on', 'once', 'makeRequest', 'makeUnauthenticatedRequest',
  'waitFor', 'setupRequestListeners', 'defineService', 'api', 'endpoint', 'customizeRequests', 'createSet',
  'createPresignedPost', 'then', 'catch', 'finally', 'bind', 'call', 'apply', 'toString', 'constructor', 'addListener',
  'removeListener', 'emit', 'setEndpoint', 'getCredentials', 'resolveCredentials',
]);

/** Input keys that name the resource an operation uses. */
const RESOURCE_NAME_KEYS = ['TableName', 'Bucket', 'QueueUrl', 'TopicArn', 'FunctionName', 'StateMachineArn', 'StreamName', 'SecretId', 'EventBusName', 'DeliveryStreamName'];

/** The clients an expression may hold, as far as the file shows. */
export function resolveClients(state: ScanState, node: Node, scope: Scope): ClientRecord[] {
  return clientsOfValue(state, state.values.resolve(node, scope), 0);
}

function clientsOfValue(state: ScanState, v: Value, depth: number): ClientRecord[] {
  if (depth > MAX_DEPTH) return [];
  switch (v.kind) {
    case 'expr': {
      const n = unwrap(v.node);
      const direct = state.clients.get(n);
      if (direct) return [direct];
      if (n.type === 'ConditionalExpression') return dedupe([...resolveClientsAt(state, n.consequent, v.scope, depth), ...resolveClientsAt(state, n.alternate, v.scope, depth)]);
      if (n.type === 'LogicalExpression') return dedupe([...resolveClientsAt(state, n.left, v.scope, depth), ...resolveClientsAt(state, n.right, v.scope, depth)]);
      return [];
    }
    case 'param': {
      if (v.path.length > 0 || v.binding.path.length > 0) return [];
      // Each parameter once: helpers that pass a client along would otherwise be walked per call path.
      const known = state.paramClients.get(v.binding);
      if (known) return known;
      state.paramClients.set(v.binding, []);
      const found = clientsOfParam(state, v.binding, depth);
      state.paramClients.set(v.binding, found);
      return found;
    }
    case 'typed':
      return clientsOfType(state, v.typeName, v.scope);
    case 'loop': {
      // `for (const client of clients)`: the clients the iterated array holds.
      if (v.path.length > 0 || v.binding.path.length > 0) return [];
      const iterable = state.values.resolve(v.binding.iterable, v.binding.scope);
      if (iterable.kind !== 'expr') return [];
      const n = unwrap(iterable.node);
      if (n.type === 'ArrayExpression') {
        return dedupe(n.elements.flatMap((el) => (el && el.type !== 'SpreadElement' ? resolveClientsAt(state, el, iterable.scope, depth) : [])));
      }
      // `regions.map((region) => new XClient({ region }))`
      if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && propertyKeyName(n.callee) === 'map' && n.arguments[0]) {
        const fn = state.index.functions.get(unwrap(n.arguments[0]));
        if (fn) return dedupe(fn.returns.flatMap((r) => resolveClientsAt(state, r, fn.scope, depth)));
      }
      return [];
    }
    default:
      return [];
  }
}

/** The clients a parameter receives at the file's call sites, else the one client of its declared type. */
function clientsOfParam(state: ScanState, binding: ParamBinding, depth: number): ClientRecord[] {
  const fn = binding.fn;
  const key = fn.isConstructor ? (fn.cls ? `new:${fn.cls.name}` : null) : fn.name;
  const sites = key ? (state.index.callSites.get(key) ?? []).slice(0, MAX_CALL_SITES) : [];
  const out: ClientRecord[] = [];
  for (const s of sites) {
    const arg = s.node.arguments[binding.index];
    if (arg && arg.type !== 'SpreadElement') out.push(...resolveClientsAt(state, arg, s.site.scope, depth));
  }
  if (out.length) return dedupe(out);
  return binding.typeName ? clientsOfType(state, binding.typeName, binding.scope) : [];
}

function resolveClientsAt(state: ScanState, node: Node, scope: Scope, depth: number): ClientRecord[] {
  return clientsOfValue(state, state.values.resolve(node, scope), depth + 1);
}

function dedupe(list: ClientRecord[]): ClientRecord[] {
  return [...new Set(list)];
}

/**
 * A client known only by its declared type (`constructor(private client: DynamoDBClient)`): the
 * one client of that class the file constructs, if there is exactly one.
 */
function clientsOfType(state: ScanState, typeName: TSESTree.EntityName, scope: Scope): ClientRecord[] {
  if (typeName.type !== 'Identifier') return [];
  const found = classifyV3(state.values.resolve(typeName, scope));
  const className = found?.kind === 'client' ? found.className : found?.kind === 'document-client' ? found.className : undefined;
  if (!className) return [];
  const matches = [...state.clients.values()].filter((c) => c.className === className);
  return matches.length === 1 ? matches : [];
}

/** The resource an operation's input names: a literal, or `env:NAME`. */
export function resourceNameHint(state: ScanState, input: Node | undefined, scope: Scope): string | undefined {
  if (!input) return undefined;
  const object = state.values.objectOf(input, scope);
  if (!object) return undefined;
  for (const key of RESOURCE_NAME_KEYS) {
    const found = state.values.findProperty(object.object, key, object.scope);
    if (!found || found === 'unknown') continue;
    const hint = hintOfValue(state, state.values.resolve(found.property.value, found.scope));
    if (hint) return hint;
  }
  return undefined;
}

function hintOfValue(state: ScanState, v: Value): string | undefined {
  if (v.kind === 'env') return `env:${v.variable}`;
  if (v.kind !== 'expr') return undefined;
  const n = unwrap(v.node);
  const s = staticString(n);
  if (s !== undefined) return s;
  // `process.env.TABLE_NAME ?? 'orders'`, `process.env.TABLE_NAME || ''`
  if (n.type === 'LogicalExpression') return hintOfValue(state, state.values.resolve(n.left, v.scope)) ?? hintOfValue(state, state.values.resolve(n.right, v.scope));
  return undefined;
}

interface CallDraft {
  service: string;
  operation?: string;
  name: string;
  clients: ClientRecord[];
  hint?: string;
  /** the client expression, for a client imported from another module of the workspace */
  via?: { node: Node; scope: Scope };
}

/**
 * A client imported from another module of the workspace (`import { s3Client } from './libs/s3Client.js'`):
 * the key `<module path without extension>#<export name>` that the cross-file pass
 * ({@link importedClientPass}) looks up in that module's exported clients.
 */
export function importedClientKey(state: ScanState, node: Node, scope: Scope): string | undefined {
  return importedKeyOfValue(state, state.values.resolve(node, scope));
}

function importedKeyOfValue(state: ScanState, v: Value): string | undefined {
  if (v.kind !== 'module' || !v.module.startsWith('.') || v.path.length > 1) return undefined;
  const file = resolveRelativeImport(state.file, v.module);
  if (!file) return undefined;
  return `${file.replace(/\.[cm]?[jt]sx?$/, '')}#${v.path[0] ?? 'default'}`;
}

function addCall(state: ScanState, anchor: Node, site: Site, call: CallDraft): void {
  // A client of another service is a wrong guess (a shared variable name), not a link.
  const clients = call.clients.filter((c) => c.dep.service === call.service);
  let outcome: RegionOutcome = { region: null, regionSource: 'unresolved' };
  if (clients.length === 1) outcome = outcomeOf(clients[0].dep);
  else if (clients.length > 1) outcome = mergeOutcomes(clients.map((c) => outcomeOf(c.dep)));
  else if (call.via) {
    const key = importedClientKey(state, call.via.node, call.via.scope);
    if (key) outcome = { region: null, regionSource: 'unresolved', regionRef: { kind: 'format', format: 'js-import', key } };
  }
  state.add({
    kind: 'sdk-call',
    service: call.service,
    name: call.name,
    ...(call.operation ? { operation: call.operation } : {}),
    origin: clients[0]?.origin ?? 'js-v3',
    container: site.container,
    ...regionFields(outcome),
    ...(clients.some((c) => c.dep.global) ? { global: true } : {}),
    ...(call.hint ? { text: call.hint } : {}),
    ...(clients.length ? { links: clients.map((c) => c.dep.id) } : {}),
  }, anchor);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A command object: `new PutItemCommand(input)`, directly or through a variable. */
function commandOf(state: ScanState, node: Node, scope: Scope): { service: string; operation: string; className: string; input?: Node; scope: Scope } | undefined {
  const v = state.values.resolve(node, scope);
  if (v.kind !== 'expr') return undefined;
  const n = unwrap(v.node);
  if (n.type !== 'NewExpression') return undefined;
  const found = classifyV3(state.values.resolve(n.callee, v.scope));
  if (found?.kind !== 'command') return undefined;
  return { service: found.service, operation: found.operation, className: found.className, input: n.arguments[0], scope: v.scope };
}

/** The `client` of a paginator or waiter configuration (`{ client, pageSize }`). */
function clientsOfConfig(state: ScanState, config: Node | undefined, scope: Scope): ClientRecord[] {
  if (!config) return [];
  const v = state.values.member(state.values.resolve(config, scope), 'client');
  return clientsOfValue(state, v, 0);
}

/** The `client` property node of a paginator, waiter or Upload configuration written in place. */
function configClientNode(state: ScanState, config: Node | undefined, scope: Scope): { node: Node; scope: Scope } | undefined {
  if (!config) return undefined;
  const object = state.values.objectOf(config, scope);
  const found = object ? state.values.findProperty(object.object, 'client', object.scope) : undefined;
  return found && found !== 'unknown' ? { node: found.property.value, scope: found.scope } : undefined;
}

/** Every operation call of the file; runs after all clients are known. */
export function scanCalls(state: ScanState): void {
  for (const { node, site } of state.index.calls) {
    const callee = unwrap(node.callee);
    if (callee.type === 'MemberExpression') {
      const method = propertyKeyName(callee);
      if (method === 'send' && node.arguments[0] && node.arguments[0].type !== 'SpreadElement') {
        const command = commandOf(state, node.arguments[0], site.scope);
        if (command) {
          addCall(state, node, site, { service: command.service, operation: command.operation, name: command.className, clients: resolveClients(state, callee.object, site.scope), hint: resourceNameHint(state, command.input, command.scope), via: { node: callee.object, scope: site.scope } });
          continue;
        }
      }
      if (method && !NOT_OPERATIONS.has(method) && /^[a-z]/.test(method)) {
        const clients = resolveClients(state, callee.object, site.scope).filter((c) => c.methodCalls);
        if (clients.length) {
          const client = clients[0];
          let operation: string | undefined;
          let input: Node | undefined = node.arguments[0];
          if (client.documentClient) operation = documentOperation(method);
          else if (method === 'getSignedUrl' || method === 'getSignedUrlPromise') {
            const op = staticString(node.arguments[0]);
            operation = op ? capitalise(op) : undefined;
            input = node.arguments[1];
          } else if (method === 'upload' && client.dep.service === 's3') operation = 'PutObject';
          else operation = capitalise(method);
          if (operation) {
            addCall(state, node, site, { service: client.dep.service, operation, name: method, clients, hint: resourceNameHint(state, input, site.scope) });
            continue;
          }
        }
      }
    }
    const found = classifyV3(state.values.resolve(callee, site.scope));
    if (!found) continue;
    if (found.kind === 'paginator') {
      addCall(state, node, site, { service: found.service, operation: found.operation, name: found.name, clients: clientsOfConfig(state, node.arguments[0], site.scope), hint: resourceNameHint(state, node.arguments[1], site.scope), via: configClientNode(state, node.arguments[0], site.scope) });
    } else if (found.kind === 'waiter') {
      addCall(state, node, site, { service: found.service, name: found.name, clients: clientsOfConfig(state, node.arguments[0], site.scope), hint: resourceNameHint(state, node.arguments[1], site.scope), via: configClientNode(state, node.arguments[0], site.scope) });
    } else if (found.kind === 'presign' && node.arguments[1]) {
      const command = commandOf(state, node.arguments[1], site.scope);
      if (command) addCall(state, node, site, { service: command.service, operation: command.operation, name: 'getSignedUrl', clients: node.arguments[0] ? resolveClients(state, node.arguments[0], site.scope) : [], hint: resourceNameHint(state, command.input, command.scope), via: node.arguments[0] ? { node: node.arguments[0], scope: site.scope } : undefined });
    }
  }
}

/**
 * `new Upload({ client, params })` from lib-storage, or SDK v2's `new AWS.S3.ManagedUpload({ service, params })`:
 * an S3 upload through the given client.
 */
export function addUpload(state: ScanState, node: TSESTree.NewExpression, site: Site, name: 'Upload' | 'ManagedUpload' = 'Upload'): void {
  const options = node.arguments[0];
  const clientKey = name === 'Upload' ? 'client' : 'service';
  const clients = options ? clientsOfValue(state, state.values.member(state.values.resolve(options, site.scope), clientKey), 0) : [];
  let hint: string | undefined;
  if (options) {
    const params = state.values.member(state.values.resolve(options, site.scope), 'params');
    if (params.kind === 'expr') hint = resourceNameHint(state, params.node, params.scope);
  }
  addCall(state, node, site, { service: 's3', operation: 'PutObject', name, clients, hint, via: name === 'Upload' ? configClientNode(state, options, site.scope) : undefined });
}
