/**
 * One tree for CloudFormation templates whatever their syntax. The YAML and JSON readers both
 * produce {@link TemplateNode}s with source offsets, so resource facts, deploy units and ARN
 * scanning are written once. Intrinsic functions look the same in both forms to the code that
 * reads them: {@link intrinsicOf} sees `!Ref X` (a YAML tag) and `{ "Ref": "X" }` (the long form)
 * as the same call.
 */

interface NodeBase {
  /** offset of the node's first character in the file text */
  start: number;
  /** offset just past the node's last character */
  end: number;
  /** a YAML local tag such as `!Ref`, as written */
  tag?: string;
  /**
   * Set on a node reached through a YAML alias or merge key: it is a copy of the anchored node,
   * so its positions are the anchor's. Readers of facts follow it; scanners of string values do
   * not, or the anchor's ARNs would be reported twice.
   */
  aliased?: boolean;
}

export interface TemplateScalar extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** the scalar as written, for plain scalars (keeps `012345678901` an account id, not a number) */
  source?: string;
  /** a YAML block scalar (`|`, `>`): the value spans lines */
  block?: boolean;
}

export interface TemplatePair {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: TemplateNode | undefined;
  /** brought in by a YAML merge key (`<<: *defaults`) */
  merged?: boolean;
}

export interface TemplateMap extends NodeBase {
  kind: 'map';
  pairs: TemplatePair[];
}

export interface TemplateSeq extends NodeBase {
  kind: 'seq';
  items: TemplateNode[];
}

export type TemplateNode = TemplateScalar | TemplateMap | TemplateSeq;

/** A position-carrying problem found while reading the template text. */
export interface SyntaxProblem {
  offset: number;
  message: string;
}

export interface ParsedTemplate {
  root: TemplateNode | undefined;
  problems: SyntaxProblem[];
}

export function isMap(node: TemplateNode | undefined): node is TemplateMap {
  return node?.kind === 'map';
}

export function isSeq(node: TemplateNode | undefined): node is TemplateSeq {
  return node?.kind === 'seq';
}

/** The value under `key` in a mapping (own keys first, then merged ones). */
export function getValue(node: TemplateNode | undefined, key: string): TemplateNode | undefined {
  if (!node || node.kind !== 'map') return undefined;
  for (const p of node.pairs) if (p.key === key) return p.value;
  return undefined;
}

export function getPair(node: TemplateNode | undefined, key: string): TemplatePair | undefined {
  if (!node || node.kind !== 'map') return undefined;
  return node.pairs.find((p) => p.key === key);
}

/** Follows a path of keys through nested mappings. */
export function getPath(node: TemplateNode | undefined, ...keys: string[]): TemplateNode | undefined {
  let cur = node;
  for (const k of keys) cur = getValue(cur, k);
  return cur;
}

/** Items of a sequence; a single non-sequence value counts as a one-item list; absent → []. */
export function itemsOf(node: TemplateNode | undefined): TemplateNode[] {
  if (!node) return [];
  if (node.kind === 'seq' && !node.tag) return node.items;
  return [node];
}

/** Long-form intrinsic keys: `Ref`, `Fn::Sub`, `Fn::GetAtt`, … */
export function isIntrinsicKey(key: string): boolean {
  // `Fn::ForEach::Name` keys (language extensions) are loops, not function calls.
  return key === 'Ref' || /^Fn::[A-Za-z0-9]+$/.test(key);
}

export interface Intrinsic {
  /** long-form name: `Ref`, `Condition`, `Fn::Sub`, `Fn::GetAtt` */
  fn: string;
  arg: TemplateNode | undefined;
}

/** The intrinsic function a node is, in either form, or undefined for plain values. */
export function intrinsicOf(node: TemplateNode | undefined): Intrinsic | undefined {
  if (!node) return undefined;
  if (node.tag && node.tag.startsWith('!') && !node.tag.startsWith('!!')) {
    const name = node.tag.slice(1);
    const fn = name === 'Ref' || name === 'Condition' ? name : name.startsWith('Fn::') ? name : `Fn::${name}`;
    return { fn, arg: { ...node, tag: undefined } as TemplateNode };
  }
  if (node.kind === 'map' && node.pairs.length === 1 && isIntrinsicKey(node.pairs[0].key)) {
    return { fn: node.pairs[0].key, arg: node.pairs[0].value };
  }
  return undefined;
}

/** A plain (non-intrinsic) scalar as a string: numbers keep their written form. */
export function literalString(node: TemplateNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || (node.tag && !node.tag.startsWith('!!') && node.tag.startsWith('!'))) return undefined;
  if (node.value === null) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

/** `true`/`false` (also as strings, as CloudFormation accepts); null for an expression; undefined when absent. */
export function booleanOf(node: TemplateNode | undefined): boolean | null | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar' && !intrinsicOf(node)) {
    if (typeof node.value === 'boolean') return node.value;
    if (typeof node.value === 'string') {
      const v = node.value.trim().toLowerCase();
      if (v === 'true') return true;
      if (v === 'false') return false;
    }
    return null;
  }
  return null;
}

/**
 * A value as readable text: literals as written, `Ref X` → `${X}`, `GetAtt A.B` → `${A.B}`,
 * `Sub 'x'` → `x`, `Join` of known parts joined; any other function → `${Fn::Name}`.
 * Environment variables and subnet lists are recorded in this form.
 */
export function textOf(node: TemplateNode | undefined, depth = 0): string | undefined {
  if (!node || depth > 12) return undefined;
  const call = intrinsicOf(node);
  if (!call) {
    if (node.kind === 'scalar') return literalString(node);
    return undefined;
  }
  const arg = call.arg;
  switch (call.fn) {
    case 'Ref': {
      const name = literalString(arg);
      return name === undefined ? '${Ref}' : `\${${name}}`;
    }
    case 'Fn::GetAtt': {
      if (arg?.kind === 'scalar') return `\${${literalString(arg) ?? 'GetAtt'}}`;
      if (arg?.kind === 'seq') return `\${${arg.items.map((i) => textOf(i, depth + 1) ?? '?').join('.')}}`;
      return '${GetAtt}';
    }
    case 'Fn::Sub': {
      if (arg?.kind === 'scalar') return literalString(arg);
      if (arg?.kind === 'seq') return textOf(arg.items[0], depth + 1);
      return undefined;
    }
    case 'Fn::Join': {
      if (arg?.kind !== 'seq' || arg.items.length < 2) return '${Fn::Join}';
      const delimiter = literalString(arg.items[0]) ?? '';
      const parts = arg.items[1];
      if (parts?.kind !== 'seq' || intrinsicOf(parts)) return '${Fn::Join}';
      return parts.items.map((p) => textOf(p, depth + 1) ?? `\${${intrinsicOf(p)?.fn ?? '?'}}`).join(delimiter);
    }
    case 'Fn::Base64':
      return textOf(arg, depth + 1);
    case 'Fn::ImportValue': {
      const name = textOf(arg, depth + 1);
      return name === undefined ? '${Fn::ImportValue}' : `\${ImportValue:${name}}`;
    }
    default:
      return `\${${call.fn}}`;
  }
}

/** Texts of a list value (each item through {@link textOf}); an expression list gives its own text. */
export function textList(node: TemplateNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'seq' && !intrinsicOf(node)) return node.items.map((i) => textOf(i)).filter((t): t is string => t !== undefined);
  const t = textOf(node);
  return t === undefined ? [] : [t];
}

/** Every pair of a mapping as (name, text) — for environment variables. */
export function textRecord(node: TemplateNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!node || node.kind !== 'map' || intrinsicOf(node)) return out;
  for (const p of node.pairs) {
    const t = textOf(p.value);
    if (t !== undefined) out[p.key] = t;
  }
  return out;
}

/** The logical id a `Ref`/`GetAtt` points at, if the node is one. */
export function referencedLogicalId(node: TemplateNode | undefined): string | undefined {
  const call = intrinsicOf(node);
  if (!call) return undefined;
  if (call.fn === 'Ref') return literalString(call.arg);
  if (call.fn === 'Fn::GetAtt') {
    if (call.arg?.kind === 'scalar') return literalString(call.arg)?.split('.')[0];
    if (call.arg?.kind === 'seq') return literalString(call.arg.items[0]);
  }
  return undefined;
}
