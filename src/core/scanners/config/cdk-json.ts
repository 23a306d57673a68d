/**
 * `cdk.json` and `cdk.context.json`: the context an AWS CDK app reads (`this.node.tryGetContext`).
 *
 * - every context value that is a region literal, at any depth, becomes a deploy-time
 *   `region-config` named by its key path (`context.region`, `context.environments.prod.region`,
 *   array items by index: `context.regions.1`), scoped to the app's folder, so that the CDK pass
 *   can match `tryGetContext('region')` to it;
 * - in `cdk.context.json` the cached lookups are keyed by the account and region they were made
 *   in (`availability-zones:account=123456789012:region=us-east-1`): a stack of the app is
 *   deployed there, so the key's region is a region-config named `context.<key>` anchored at the
 *   key; the cached values themselves (AZ lists, VPC ids) are not settings;
 * - endpoints and ARNs in any string value.
 *
 * The `app` command and feature flags are not regions. JSON has no comments, so no suppressions.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Problem, RegionScope } from '../../model';
import { isRegion } from '../../regions';
import { DependencyBuilder } from '../builder';
import { emptyOutput, type Scanner, type ScanOutput } from '../types';
import { emitStringValue} from './envAssignments';
import { folderOf } from '../../paths';

const ID = 'cdk-json';
const REGION_LIKE = /\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:gov-)?[a-z]+-\d/;
const LOOKUP_REGION = /:region=([a-z0-9-]+)(?::|$)/;

export const cdkJsonScanner: Scanner = {
  id: ID,
  accepts(file: string, text: string): boolean {
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (base !== 'cdk.json' && base !== 'cdk.context.json') return false;
    return REGION_LIKE.test(text) || text.includes('amazonaws') || text.includes('arn:aws');
  },
  scan(file: string, text: string): ScanOutput {
    const out = emptyOutput();
    const builder = new DependencyBuilder(file, text);
    const errors: ParseError[] = [];
    let root: JsonNode | undefined;
    try {
      root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    } catch (error) {
      // The parser recurses once per nesting level; absurdly deep JSON exhausts the stack.
      out.problems.push({ file, reason: `CDK context: JSON could not be parsed (${error instanceof Error ? error.message : String(error)})`, severity: 'partial' });
    }
    reportErrors(builder, errors, out.problems);
    if (root?.type === 'object') {
      const isContextFile = file.endsWith('cdk.context.json');
      const context = isContextFile ? root : propertyValue(root, 'context');
      const consumed = new Set<JsonNode>();
      const scope: RegionScope = { directory: folderOf(file), appliesTo: 'deploy' };
      if (context?.type === 'object') walkContext(builder, context, ['context'], scope, consumed, isContextFile);
      emitStrings(builder, root, undefined, consumed);
    }
    out.dependencies = builder.dependencies;
    return out;
  },
};

function reportErrors(builder: DependencyBuilder, errors: ParseError[], problems: Problem[]): void {
  for (const e of errors.slice(0, 3)) {
    const { line, column } = builder.lines.position(e.offset);
    problems.push({ file: builder.file, line, column, reason: `CDK context: invalid JSON (${printParseErrorCode(e.error)}); the rest was read as far as possible`, severity: 'partial' });
  }
}

function propertyValue(object: JsonNode, key: string): JsonNode | undefined {
  for (const p of object.children ?? []) if (p.children?.[0]?.value === key) return p.children[1];
  return undefined;
}

function addRegion(builder: DependencyBuilder, name: string, text: string, region: string, anchor: JsonNode, scope: RegionScope): void {
  builder.add({
    kind: 'region-config',
    service: '*',
    name,
    text,
    origin: ID,
    region,
    regionSource: 'config-file',
    scope,
  }, anchor.offset, anchor.offset + anchor.length);
}

function walkContext(builder: DependencyBuilder, node: JsonNode, path: string[], scope: RegionScope, consumed: Set<JsonNode>, isContextFile: boolean): void {
  if (path.length > 32) return;
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || typeof keyNode.value !== 'string') continue;
      const key = keyNode.value;
      if (isContextFile && path.length === 1 && key.includes(':')) {
        // A cached lookup: the key names where it was made, the value is a cache.
        const region = LOOKUP_REGION.exec(key)?.[1];
        if (region && isRegion(region)) addRegion(builder, `context.${key}`, key, region, keyNode, scope);
        if (valueNode) consumed.add(valueNode);
        continue;
      }
      if (!valueNode) continue;
      if (valueNode.type === 'string' && isRegion(valueNode.value)) {
        addRegion(builder, [...path, key].join('.'), valueNode.value, valueNode.value, property, scope);
        consumed.add(valueNode);
      } else walkContext(builder, valueNode, [...path, key], scope, consumed, isContextFile);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((item, i) => {
      if (item.type === 'string' && isRegion(item.value)) {
        addRegion(builder, [...path, String(i)].join('.'), item.value, item.value, item, scope);
        consumed.add(item);
      } else walkContext(builder, item, [...path, String(i)], scope, consumed, isContextFile);
    });
  }
}

/** Endpoints and ARNs in string values, anchored at the string literal (quotes included). */
function emitStrings(builder: DependencyBuilder, node: JsonNode, key: string | undefined, consumed: Set<JsonNode>, depth = 0): void {
  if (depth > 64 || consumed.has(node)) return;
  if (node.type === 'string' && typeof node.value === 'string') {
    emitStringValue(builder, node.value, key, node.offset, node.offset + node.length, ID);
  } else if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (valueNode) emitStrings(builder, valueNode, typeof keyNode?.value === 'string' ? keyNode.value : undefined, consumed, depth + 1);
    }
  } else if (node.type === 'array') {
    for (const item of node.children ?? []) emitStrings(builder, item, key, consumed, depth + 1);
  }
}
