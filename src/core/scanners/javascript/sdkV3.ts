/**
 * AWS SDK for JavaScript v3: what an imported name is (a client, an aggregated client, a command,
 * a paginator, a waiter, the DynamoDB document client, lib-storage's `Upload`, the S3 presigner),
 * and the `sdk-client` dependencies of `new XClient(...)`, `new DynamoDB(...)` and
 * `DynamoDBDocumentClient.from(client)`.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { serviceOfV3Client, serviceOfV3Package } from '../../catalogue/services';
import { endpointLinks, inDeployedCallback, localEndpointOf, regionOfOptions } from './clientOptions';
import { propertyKeyName, unwrap } from './parse';
import type { RegionOutcome } from './regionValues';
import { outcomeOf, regionFields, type ClientRecord, type ScanState } from './scanState';
import type { Site } from './sourceIndex';
import type { Value } from './values';

export type V3Export =
  | { kind: 'client'; service: string; className: string; aggregated: boolean }
  | { kind: 'command'; service: string; className: string; operation: string }
  | { kind: 'paginator'; service: string; name: string; operation: string }
  | { kind: 'waiter'; service: string; name: string }
  | { kind: 'document-client'; className: string; aggregated: boolean }
  | { kind: 'upload' }
  | { kind: 'presign' };

/** lib-dynamodb's command names → the DynamoDB operation they send. */
const DOCUMENT_OPERATIONS: Record<string, string> = {
  Put: 'PutItem', Get: 'GetItem', Update: 'UpdateItem', Delete: 'DeleteItem', Query: 'Query', Scan: 'Scan',
  BatchGet: 'BatchGetItem', BatchWrite: 'BatchWriteItem', TransactGet: 'TransactGetItems', TransactWrite: 'TransactWriteItems',
  ExecuteStatement: 'ExecuteStatement', BatchExecuteStatement: 'BatchExecuteStatement', ExecuteTransaction: 'ExecuteTransaction',
};

/** The DynamoDB operation of a document-client method (`put` → `PutItem`). */
export function documentOperation(method: string): string | undefined {
  const cap = method.charAt(0).toUpperCase() + method.slice(1);
  return DOCUMENT_OPERATIONS[cap];
}

function isRelative(module: string): boolean {
  return module.startsWith('.') || module.startsWith('/');
}

/** What a resolved value names in SDK v3, or undefined. */
export function classifyV3(value: Value): V3Export | undefined {
  if (value.kind === 'module') {
    const { module, path } = value;
    if (path.length !== 1) return undefined;
    const name = path[0];
    if (module.startsWith('@aws-sdk/client-')) {
      const service = serviceOfV3Package(module) ?? serviceOfV3Client(name.replace(/Client$/, ''));
      if (!service) return undefined;
      if (name.endsWith('Command')) return { kind: 'command', service, className: name, operation: name.slice(0, -'Command'.length) };
      if (name.endsWith('Client') && name !== 'Client') return { kind: 'client', service, className: name, aggregated: false };
      if (name.startsWith('paginate') && name.length > 8) return { kind: 'paginator', service, name, operation: name.slice(8) };
      if (/^waitUntil|^waitFor/.test(name)) return { kind: 'waiter', service, name };
      if (serviceOfV3Client(name)) return { kind: 'client', service, className: name, aggregated: true };
      return undefined;
    }
    if (module === '@aws-sdk/lib-dynamodb') {
      if (name === 'DynamoDBDocumentClient' || name === 'DynamoDBDocument') return { kind: 'document-client', className: name, aggregated: name === 'DynamoDBDocument' };
      if (name.endsWith('Command')) {
        const operation = DOCUMENT_OPERATIONS[name.slice(0, -'Command'.length)];
        if (operation) return { kind: 'command', service: 'dynamodb', className: name, operation };
      }
      if (name === 'paginateQuery' || name === 'paginateScan') return { kind: 'paginator', service: 'dynamodb', name, operation: name.slice(8) };
      return undefined;
    }
    if (module === '@aws-sdk/lib-storage' && name === 'Upload') return { kind: 'upload' };
    if (module === '@aws-sdk/s3-request-presigner' && name === 'getSignedUrl') return { kind: 'presign' };
    // A client re-exported by a local module (`import { s3Client } from './libs'` is an instance, not a class).
    if (isRelative(module) && /^[A-Z]\w*Client$/.test(name)) {
      const service = serviceOfV3Client(name);
      if (service) return { kind: 'client', service, className: name, aggregated: false };
    }
    return undefined;
  }
  // A v3 client class used without a visible import (a global, or an import the parser could not see).
  if (value.kind === 'global' && value.path.length === 0 && /^[A-Z]\w*Client$/.test(value.name)) {
    const service = serviceOfV3Client(value.name);
    if (service) return { kind: 'client', service, className: value.name, aggregated: false };
  }
  return undefined;
}

/** `new XClient(options)` / `new DynamoDB(options)`: one sdk-client dependency. */
export function addV3Client(state: ScanState, node: TSESTree.NewExpression, site: Site, found: Extract<V3Export, { kind: 'client' }>): void {
  const options = node.arguments[0];
  // A client of a local emulator (DynamoDB Local, LocalStack) is not an AWS dependency.
  if (localEndpointOf(state, options, site.scope)) return;
  const outcome = inDeployedCallback(state, site, regionOfOptions(state, options, site.scope), node);
  const endpoints = endpointLinks(state, options, site.scope);
  const dep = state.add({
    kind: 'sdk-client',
    service: found.service,
    name: found.className,
    origin: 'js-v3',
    container: site.container,
    ...regionFields(outcome),
    ...(endpoints.length ? { links: endpoints.map((e) => e.id) } : {}),
  }, node);
  state.clients.set(node, { dep, origin: 'js-v3', className: found.className, methodCalls: found.aggregated, documentClient: false });
}

/**
 * `DynamoDBDocumentClient.from(client)` / `DynamoDBDocument.from(client)`: a document client
 * wrapping another client; it talks to DynamoDB in the wrapped client's region.
 */
export function addDocumentClientFrom(state: ScanState, node: TSESTree.CallExpression, site: Site, found: Extract<V3Export, { kind: 'document-client' }>, wrapped: ClientRecord[], importedKey: string | undefined): void {
  const base = wrapped[0];
  const unknown: RegionOutcome = importedKey ? { region: null, regionSource: 'unresolved', regionRef: { kind: 'format', format: 'js-import', key: importedKey } } : { region: null, regionSource: 'unresolved' };
  const dep = state.add({
    kind: 'sdk-client',
    service: 'dynamodb',
    name: found.className,
    origin: 'js-v3',
    container: site.container,
    ...regionFields(base ? outcomeOf(base.dep) : unknown),
    ...(base?.dep.global ? { global: true } : {}),
    ...(wrapped.length ? { links: wrapped.map((w) => w.dep.id) } : {}),
  }, node);
  state.clients.set(node, { dep, origin: 'js-v3', className: found.className, methodCalls: found.aggregated, documentClient: true });
}

/** Whether a call is `X.from(…)` (the document client's factory). */
export function isFromCall(node: TSESTree.CallExpression): TSESTree.MemberExpression | undefined {
  const callee = unwrap(node.callee);
  return callee.type === 'MemberExpression' && propertyKeyName(callee) === 'from' ? callee : undefined;
}
