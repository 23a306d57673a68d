/**
 * A small, format-neutral model of a Terraform configuration: blocks, attributes and expressions
 * with their offsets in the file. Both the native syntax (`.tf`, parsed by tree-sitter) and the
 * JSON syntax (`.tf.json`) are turned into it, so that everything after parsing — providers,
 * variables, resources and their resilience facts — is written once.
 *
 * Offsets are UTF-16 indices into the file's text (what JavaScript strings and LineIndex use).
 */

export interface TfRange {
  start: number;
  end: number;
}

export type TfExpr =
  /** a string without interpolation (also a heredoc without interpolation); `value` is unescaped */
  | { kind: 'string'; value: string; range: TfRange }
  /** a string with `${…}` interpolations; `raw` is the text between the quotes */
  | { kind: 'template'; raw: string; parts: TfExpr[]; range: TfRange }
  | { kind: 'number'; value: number; range: TfRange }
  | { kind: 'bool'; value: boolean; range: TfRange }
  | { kind: 'null'; range: TfRange }
  /** `var.region`, `aws.west`, `aws_s3_bucket.logs[0].arn` → ['aws_s3_bucket', 'logs', 'arn'] (indexes dropped) */
  | { kind: 'reference'; path: string[]; text: string; range: TfRange }
  | { kind: 'tuple'; items: TfExpr[]; range: TfRange }
  | { kind: 'object'; entries: TfObjectEntry[]; range: TfRange }
  | { kind: 'conditional'; condition: TfExpr; then: TfExpr; otherwise: TfExpr; text: string; range: TfRange }
  | { kind: 'call'; name: string; args: TfExpr[]; text: string; range: TfRange }
  /** operations, `for` expressions and anything else: only the text and the sub-expressions */
  | { kind: 'other'; text: string; children: TfExpr[]; range: TfRange };

export interface TfObjectEntry {
  key: string;
  keyRange: TfRange;
  value: TfExpr;
}

export interface TfAttribute {
  name: string;
  /** the whole `name = value` */
  range: TfRange;
  value: TfExpr;
}

export interface TfBlock {
  type: string;
  labels: string[];
  /** from the block type keyword through its last label (`resource "aws_s3_bucket" "logs"`) */
  header: TfRange;
  range: TfRange;
  body: TfBody;
  /**
   * Offsets of the block's `{` and `}` in the native syntax, when the parser found both (not in
   * the JSON syntax, nor for blocks recovered from a syntax error): where a quick fix may insert a line.
   */
  braces?: { open: number; close: number };
}

export interface TfBody {
  attributes: TfAttribute[];
  blocks: TfBlock[];
  /**
   * In the JSON syntax a nested block is written as an object (or a list of objects) under its
   * name, indistinguishable from an attribute until one knows the schema: {@link blocksOf} reads
   * such attributes as blocks when asked for them.
   */
  json?: boolean;
}

export function attributeOf(body: TfBody, name: string): TfAttribute | undefined {
  return body.attributes.find((a) => a.name === name);
}

export function valueOf(body: TfBody, name: string): TfExpr | undefined {
  return attributeOf(body, name)?.value;
}

/**
 * Nested blocks of a given type; in JSON bodies, object values (or lists of them) under that name.
 * A `dynamic "<type>" { for_each = …; content { … } }` block counts as one block of that type (its
 * `content`): it stands for as many blocks as `for_each` has items, which is rarely known, and its
 * attributes are mostly `<type>.value.<x>` expressions — unknown, but present.
 */
export function blocksOf(body: TfBody, type: string): TfBody[] {
  const out = body.blocks.filter((b) => b.type === type).map((b) => b.body);
  for (const d of body.blocks) {
    if (d.type === 'dynamic' && d.labels[0] === type) out.push(...d.body.blocks.filter((c) => c.type === 'content').map((c) => c.body));
  }
  if (body.json) {
    const value = valueOf(body, type);
    if (value?.kind === 'object') out.push(objectBody(value));
    else if (value?.kind === 'tuple') for (const item of value.items) if (item.kind === 'object') out.push(objectBody(item));
    const dynamic = valueOf(body, 'dynamic');
    const entry = dynamic?.kind === 'object' ? dynamic.entries.find((e) => e.key === type) : undefined;
    const content = entry?.value.kind === 'object' ? entry.value.entries.find((e) => e.key === 'content')?.value : undefined;
    if (content?.kind === 'object') out.push(objectBody(content));
  }
  return out;
}

/** An object expression read as a block body (JSON syntax). */
export function objectBody(value: Extract<TfExpr, { kind: 'object' }>): TfBody {
  return {
    json: true,
    blocks: [],
    attributes: value.entries.map((e) => ({ name: e.key, range: { start: e.keyRange.start, end: e.value.range.end }, value: e.value })),
  };
}

export function stringValue(expr: TfExpr | undefined): string | undefined {
  return expr?.kind === 'string' ? expr.value : undefined;
}

/** true/false when written as a literal (or as the strings "true"/"false"), null for an expression, undefined when absent. */
export function boolValue(expr: TfExpr | undefined): boolean | null | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'bool') return expr.value;
  if (expr.kind === 'string' && (expr.value === 'true' || expr.value === 'false')) return expr.value === 'true';
  if (expr.kind === 'null') return undefined;
  return null;
}

export function numberValue(expr: TfExpr | undefined): number | undefined {
  if (expr?.kind === 'number') return expr.value;
  if (expr?.kind === 'string' && /^\d+$/.test(expr.value)) return Number(expr.value);
  return undefined;
}

/** The string items of a list literal (`["us-east-1a", "us-east-1b"]`); a single string counts as one. */
export function stringItems(expr: TfExpr | undefined): string[] {
  if (!expr) return [];
  if (expr.kind === 'string') return [expr.value];
  if (expr.kind === 'tuple') return expr.items.flatMap((i) => (i.kind === 'string' ? [i.value] : []));
  return [];
}

/** The source text of an expression (a string's value for strings). */
export function exprText(expr: TfExpr, text: string): string {
  if (expr.kind === 'string') return expr.value;
  return text.slice(expr.range.start, expr.range.end);
}

/**
 * `aws_s3_bucket.logs` when the expression refers to a managed resource (`aws_s3_bucket.logs.arn`,
 * `"${aws_s3_bucket.logs.id}"`), else undefined. Data sources, variables and modules are not resources.
 */
export function resourceAddressOf(expr: TfExpr | undefined): string | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'template' && expr.parts.length === 1) return resourceAddressOf(expr.parts[0]);
  if (expr.kind !== 'reference' || expr.path.length < 2) return undefined;
  const [type, name] = expr.path;
  return /^aws_[a-z0-9_]+$/.test(type) ? `${type}.${name}` : undefined;
}

/**
 * The alias of a provider reference: `aws.west` → 'west', `aws` → ''; undefined when the expression
 * names another provider or is not a provider reference. The JSON syntax writes it as a plain string.
 */
export function awsProviderAlias(expr: TfExpr | undefined): string | undefined {
  if (!expr) return undefined;
  let path: string[] | undefined;
  if (expr.kind === 'reference') path = expr.path;
  else if (expr.kind === 'string') path = expr.value.split('.');
  if (!path || path[0] !== 'aws') return undefined;
  if (path.length === 1) return '';
  return path.length === 2 ? path[1] : undefined;
}

const REFERENCE_TEXT = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]{0,40}\]|\.\*|\[\*\])*$/;

/** A traversal written as text (`var.region`, `aws_s3_bucket.b[0].arn`) split into its names. */
export function parseTraversal(text: string): string[] | undefined {
  const t = text.trim();
  if (!REFERENCE_TEXT.test(t)) return undefined;
  return t.replace(/\[[^\]]*\]/g, '').split('.').filter((p) => p !== '' && p !== '*');
}

/** Decodes the escapes of a quoted HCL string (`\"`, `\\`, `\n`, `\uXXXX`, `$${`, `%%{`). */
export function unescapeHcl(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('$${') && !raw.includes('%%{')) return raw;
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (m, esc: string | undefined) => {
    if (m === '$${') return '${';
    if (m === '%%{') return '%{';
    switch (esc?.[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'u':
      case 'U': {
        const cp = parseInt(esc.slice(1), 16);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      default: return esc ?? m;
    }
  });
}
