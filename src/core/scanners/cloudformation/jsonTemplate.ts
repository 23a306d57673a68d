/**
 * Reads a JSON CloudFormation template (or `serverless.json`) into a {@link TemplateNode} tree
 * with offsets, using jsonc-parser's error-tolerant tree: a broken file still gives the part
 * before and around the error, and the errors become problems with their offsets.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { ParsedTemplate, SyntaxProblem, TemplateNode } from './templateTree';

const MAX_PROBLEMS = 8;

export function parseJsonTemplate(text: string): ParsedTemplate {
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    return { root: undefined, problems: [{ offset: 0, message: `JSON could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const problems: SyntaxProblem[] = errors.slice(0, MAX_PROBLEMS).map((e) => ({ offset: e.offset, message: `JSON syntax error: ${printParseErrorCode(e.error)}` }));
  return { root: tree ? convert(tree, 0) : undefined, problems };
}

function convert(node: JsonNode, depth: number): TemplateNode | undefined {
  if (depth > 200) return undefined;
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object': {
      const pairs = [];
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (!keyNode || typeof keyNode.value !== 'string') continue;
        pairs.push({ key: keyNode.value, keyStart: keyNode.offset, keyEnd: keyNode.offset + keyNode.length, value: valueNode ? convert(valueNode, depth + 1) : undefined });
      }
      return { kind: 'map', pairs, start, end };
    }
    case 'array': {
      const items: TemplateNode[] = [];
      for (const child of node.children ?? []) {
        const c = convert(child, depth + 1);
        if (c) items.push(c);
      }
      return { kind: 'seq', items, start, end };
    }
    case 'string':
    case 'number':
    case 'boolean':
    case 'null': {
      const value = node.value as string | number | boolean | null;
      return { kind: 'scalar', value: value === undefined ? null : value, start, end };
    }
    default:
      return undefined;
  }
}
