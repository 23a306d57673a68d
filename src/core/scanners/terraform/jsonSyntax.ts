/**
 * Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) turned into the neutral model of
 * ./syntax.ts. Block labels are nested object keys (`"resource": {"aws_s3_bucket": {"logs": {…}}}`),
 * any level may be a list of objects, and strings are templates: `"${var.region}"` is a reference.
 * Source: https://developer.hashicorp.com/terraform/language/syntax/json
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { MAX_EXPRESSION_DEPTH, type StringToken } from './hclSyntax';
import type { TfBlock, TfBody, TfExpr, TfRange } from './syntax';
import { parseTraversal } from './syntax';

/** How many labels each top-level block type has in the JSON syntax. */
const LABELS: Record<string, number> = { resource: 2, data: 2, provider: 1, variable: 1, module: 1, output: 1, locals: 0, terraform: 0 };

export interface JsonConfig {
  body: TfBody;
  strings: StringToken[];
  errors: Array<{ start: number; reason: string }>;
  /** offset of the first value nested deeper than MAX_EXPRESSION_DEPTH (kept as text past it), if any */
  tooDeep?: number;
}

const range = (n: JsonNode): TfRange => ({ start: n.offset, end: n.offset + n.length });

export function parseJsonConfig(text: string, blocks: boolean): JsonConfig {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const out: JsonConfig = {
    body: { attributes: [], blocks: [], json: true },
    strings: [],
    errors: errors.map((e) => ({ start: e.offset, reason: printParseErrorCode(e.error) })),
  };
  if (!root || root.type !== 'object') return out;
  collectStrings(root, out.strings);
  const depth: Depth = { level: 0 };
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode || typeof keyNode.value !== 'string') continue;
    const key = keyNode.value;
    if (blocks && Object.prototype.hasOwnProperty.call(LABELS, key)) {
      blocksFrom(key, valueNode, LABELS[key], [], keyNode, out.body.blocks, depth);
    } else {
      out.body.attributes.push({ name: key, range: { start: keyNode.offset, end: valueNode.offset + valueNode.length }, value: jsonExpr(valueNode, depth) });
    }
  }
  if (depth.tooDeep !== undefined) out.tooDeep = depth.tooDeep;
  return out;
}

/** How deep the conversion is, and where it first went past MAX_EXPRESSION_DEPTH. */
interface Depth {
  level: number;
  tooDeep?: number;
}

function blocksFrom(type: string, value: JsonNode, labelsLeft: number, labels: string[], header: JsonNode, out: TfBlock[], depth: Depth): void {
  if (value.type === 'array') {
    // Lists of blocks are one level deep; a list nested in a list is not a block.
    for (const item of value.children ?? []) if (item.type === 'object') blocksFrom(type, item, labelsLeft, labels, header, out, depth);
    return;
  }
  if (value.type !== 'object') return;
  if (labelsLeft === 0) {
    out.push({ type, labels, header: range(header), range: range(value), body: jsonBody(value, depth) });
    return;
  }
  for (const prop of value.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v || typeof k.value !== 'string') continue;
    blocksFrom(type, v, labelsLeft - 1, [...labels, k.value], k, out, depth);
  }
}

function jsonBody(node: JsonNode, depth: Depth): TfBody {
  const body: TfBody = { attributes: [], blocks: [], json: true };
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v || typeof k.value !== 'string') continue;
    body.attributes.push({ name: k.value, range: { start: k.offset, end: v.offset + v.length }, value: jsonExpr(v, depth) });
  }
  return body;
}

function jsonExpr(node: JsonNode, depth: Depth): TfExpr {
  const r = range(node);
  if (depth.level >= MAX_EXPRESSION_DEPTH) {
    depth.tooDeep ??= node.offset;
    return { kind: 'other', text: '', children: [], range: r };
  }
  depth.level++;
  try {
    return jsonValue(node, r, depth);
  } finally {
    depth.level--;
  }
}

function jsonValue(node: JsonNode, r: TfRange, depth: Depth): TfExpr {
  switch (node.type) {
    case 'string':
      return stringExpr(String(node.value), r);
    case 'number':
      return { kind: 'number', value: Number(node.value), range: r };
    case 'boolean':
      return { kind: 'bool', value: node.value === true, range: r };
    case 'null':
      return { kind: 'null', range: r };
    case 'array':
      return { kind: 'tuple', items: (node.children ?? []).map((c) => jsonExpr(c, depth)), range: r };
    case 'object':
      return {
        kind: 'object',
        entries: (node.children ?? []).flatMap((p) => {
          const [k, v] = p.children ?? [];
          return k && v && typeof k.value === 'string' ? [{ key: k.value, keyRange: range(k), value: jsonExpr(v, depth) }] : [];
        }),
        range: r,
      };
    default:
      return { kind: 'other', text: '', children: [], range: r };
  }
}

/** A JSON string is a template: `${…}` alone is the expression itself. */
function stringExpr(value: string, r: TfRange): TfExpr {
  if (!value.includes('${')) return { kind: 'string', value, range: r };
  const whole = /^\$\{([^{}]*)\}$/.exec(value);
  if (whole) {
    const path = parseTraversal(whole[1]);
    if (path) return { kind: 'reference', path, text: whole[1].trim(), range: r };
    return { kind: 'other', text: whole[1].trim(), children: [], range: r };
  }
  const parts: TfExpr[] = [];
  const re = /\$\{([^{}]*)\}/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const path = parseTraversal(m[1]);
    parts.push(path ? { kind: 'reference', path, text: m[1].trim(), range: r } : { kind: 'other', text: m[1], children: [], range: r });
  }
  return { kind: 'template', raw: value, parts, range: r };
}

/** Every string value, with the property it sits under, in the order of the text (an explicit stack: values may nest deeply). */
function collectStrings(root: JsonNode, out: StringToken[]): void {
  const stack: Array<{ node: JsonNode; key: string | undefined }> = [{ node: root, key: undefined }];
  for (let step = stack.pop(); step; step = stack.pop()) {
    const { node, key } = step;
    if (node.type === 'string') {
      out.push({ value: String(node.value), key, start: node.offset, end: node.offset + node.length, exact: false });
    } else if (node.type === 'property') {
      const [k, v] = node.children ?? [];
      if (v) stack.push({ node: v, key: typeof k?.value === 'string' ? k.value : key });
    } else {
      const children = node.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], key });
    }
  }
}
