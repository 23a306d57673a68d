/**
 * Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) turned into the neutral model of
 * ./syntax.ts. Block labels are nested object keys (`"resource": {"aws_s3_bucket": {"logs": {…}}}`),
 * any level may be a list of objects, and strings are templates: `"${var.region}"` is a reference.
 * Source: https://developer.hashicorp.com/terraform/language/syntax/json
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { StringToken } from './hclSyntax';
import type { TfBlock, TfBody, TfExpr, TfRange } from './syntax';
import { parseTraversal } from './syntax';

/** How many labels each top-level block type has in the JSON syntax. */
const LABELS: Record<string, number> = { resource: 2, data: 2, provider: 1, variable: 1, module: 1, output: 1, locals: 0, terraform: 0 };

export interface JsonConfig {
  body: TfBody;
  strings: StringToken[];
  errors: Array<{ start: number; reason: string }>;
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
  collectStrings(root, undefined, out.strings);
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode || typeof keyNode.value !== 'string') continue;
    const key = keyNode.value;
    if (blocks && Object.prototype.hasOwnProperty.call(LABELS, key)) {
      blocksFrom(key, valueNode, LABELS[key], [], keyNode, out.body.blocks);
    } else {
      out.body.attributes.push({ name: key, range: { start: keyNode.offset, end: valueNode.offset + valueNode.length }, value: jsonExpr(valueNode) });
    }
  }
  return out;
}

function blocksFrom(type: string, value: JsonNode, labelsLeft: number, labels: string[], header: JsonNode, out: TfBlock[]): void {
  if (value.type === 'array') {
    for (const item of value.children ?? []) blocksFrom(type, item, labelsLeft, labels, header, out);
    return;
  }
  if (value.type !== 'object') return;
  if (labelsLeft === 0) {
    out.push({ type, labels, header: range(header), range: range(value), body: jsonBody(value) });
    return;
  }
  for (const prop of value.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v || typeof k.value !== 'string') continue;
    blocksFrom(type, v, labelsLeft - 1, [...labels, k.value], k, out);
  }
}

function jsonBody(node: JsonNode): TfBody {
  const body: TfBody = { attributes: [], blocks: [], json: true };
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v || typeof k.value !== 'string') continue;
    body.attributes.push({ name: k.value, range: { start: k.offset, end: v.offset + v.length }, value: jsonExpr(v) });
  }
  return body;
}

function jsonExpr(node: JsonNode): TfExpr {
  const r = range(node);
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
      return { kind: 'tuple', items: (node.children ?? []).map(jsonExpr), range: r };
    case 'object':
      return {
        kind: 'object',
        entries: (node.children ?? []).flatMap((p) => {
          const [k, v] = p.children ?? [];
          return k && v && typeof k.value === 'string' ? [{ key: k.value, keyRange: range(k), value: jsonExpr(v) }] : [];
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

function collectStrings(node: JsonNode, key: string | undefined, out: StringToken[]): void {
  if (node.type === 'string') {
    out.push({ value: String(node.value), key, start: node.offset, end: node.offset + node.length, exact: false });
    return;
  }
  if (node.type === 'property') {
    const [k, v] = node.children ?? [];
    if (v) collectStrings(v, typeof k?.value === 'string' ? k.value : key, out);
    return;
  }
  for (const c of node.children ?? []) collectStrings(c, key, out);
}
