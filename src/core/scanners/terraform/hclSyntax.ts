/**
 * Terraform's native syntax (HCL) through tree-sitter: the tree is turned into the neutral model
 * of ./syntax.ts, the string literals are listed with the attribute they sit under (for endpoints
 * and ARNs), and the tree's ERROR and MISSING nodes become parse problems.
 *
 * web-tree-sitter parses a JavaScript string as UTF-16, so `startIndex`/`endIndex` are UTF-16
 * indices into the text — the offsets LineIndex expects (a test with non-ASCII text before a
 * construct pins this down).
 */
import type { Node } from 'web-tree-sitter';
import type { TfAttribute, TfBlock, TfBody, TfExpr, TfObjectEntry, TfRange } from './syntax';
import { unescapeHcl } from './syntax';

export interface StringToken {
  /** the unescaped text to analyse */
  value: string;
  /** the attribute or object key it sits under, if any */
  key?: string;
  /** the string literal token (quotes included) */
  start: number;
  end: number;
  /** true when `start`/`end` delimit `value` itself, so that a match can be anchored at its own offset (heredocs) */
  exact: boolean;
}


/** Blocks that begin a top-level construct, used to recover what an ERROR node still holds. */
const TOP_LEVEL_TYPES = new Set(['resource', 'data', 'provider', 'module', 'variable', 'locals', 'terraform', 'output']);

/** Expressions (and blocks) nested deeper than this are kept as text (left empty): recursion past it could exhaust the stack. */
export const MAX_EXPRESSION_DEPTH = 200;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const TYPE = Symbol('type');
const END = Symbol('end');
/** A node object with its type and end offset kept on it (see {@link HclConverter.typeOf}). */
type MemoNode = Node & { [TYPE]?: string; [END]?: number };

export class HclConverter {
  /** offset of the first expression nested deeper than {@link MAX_EXPRESSION_DEPTH}, if any */
  tooDeep: number | undefined;
  private depth = 0;

  constructor(private readonly text: string) {}

  /**
   * A node's type and end offset are calls into the parser's WebAssembly module on every read.
   * The conversion and the string listing read them many times per node (and, given the same
   * root node, walk the same node objects, whose child lists web-tree-sitter keeps): each node
   * object keeps them after the first read.
   */
  private typeOf(node: Node | undefined): string | undefined;
  private typeOf(node: Node): string;
  private typeOf(node: Node | undefined): string | undefined {
    if (!node) return undefined;
    const memo = node as MemoNode;
    return (memo[TYPE] ??= node.type);
  }

  private endOf(node: Node): number {
    const memo = node as MemoNode;
    return (memo[END] ??= node.endIndex);
  }

  private range(node: Node): TfRange {
    return { start: node.startIndex, end: this.endOf(node) };
  }

  private slice(n: Node): string {
    return this.text.slice(n.startIndex, this.endOf(n));
  }

  /** The top-level body of a `config_file`, including what can be recovered from ERROR nodes. */
  configBody(root: Node): TfBody {
    const body: TfBody = { attributes: [], blocks: [] };
    for (const child of root.namedChildren) {
      if (this.typeOf(child) === 'body') {
        const b = this.body(child);
        body.attributes.push(...b.attributes);
        body.blocks.push(...b.blocks);
      } else if (this.typeOf(child) === 'ERROR') {
        body.blocks.push(...this.recoverBlocks(child));
      }
    }
    return body;
  }

  body(node: Node): TfBody {
    const out: TfBody = { attributes: [], blocks: [] };
    // Blocks nest through bodies: past the limit a body is left empty (and recorded).
    if (this.depth >= MAX_EXPRESSION_DEPTH) {
      this.tooDeep ??= node.startIndex;
      return out;
    }
    this.depth++;
    try {
      this.bodyItems(node, out);
    } finally {
      this.depth--;
    }
    return out;
  }

  private bodyItems(node: Node, out: TfBody): void {
    for (const child of node.namedChildren) {
      if (this.typeOf(child) === 'attribute') {
        const a = this.attribute(child);
        if (a) out.attributes.push(a);
      } else if (this.typeOf(child) === 'block') {
        const b = this.block(child);
        if (b) out.blocks.push(b);
      } else if (this.typeOf(child) === 'ERROR') {
        out.blocks.push(...this.recoverBlocks(child));
      }
    }
  }

  private attribute(node: Node): TfAttribute | undefined {
    const name = node.namedChildren.find((c) => this.typeOf(c) === 'identifier');
    const value = node.namedChildren.find((c) => this.typeOf(c) === 'expression');
    if (!name) return undefined;
    return { name: this.slice(name), range: this.range(node), value: value ? this.expr(value) : { kind: 'other', text: '', children: [], range: this.range(node) } };
  }

  private block(node: Node): TfBlock | undefined {
    let type: string | undefined;
    let headerStart = node.startIndex;
    let headerEnd = node.startIndex;
    const labels: string[] = [];
    let body: TfBody = { attributes: [], blocks: [] };
    let opened = false;
    let open: number | undefined;
    let close: number | undefined;
    for (const child of node.children) {
      if (this.typeOf(child) === 'block_start') {
        opened = true;
        if (!child.isMissing) open = child.startIndex;
      } else if (this.typeOf(child) === 'block_end') {
        if (!child.isMissing) close = child.startIndex;
      } else if (this.typeOf(child) === 'identifier' && type === undefined) {
        type = this.slice(child);
        headerStart = child.startIndex;
        headerEnd = this.endOf(child);
      } else if ((this.typeOf(child) === 'string_lit' || this.typeOf(child) === 'identifier') && type !== undefined && !opened) {
        labels.push(this.typeOf(child) === 'string_lit' ? this.quotedValue(child) : this.slice(child));
        headerEnd = this.endOf(child);
      } else if (this.typeOf(child) === 'body') {
        body = this.body(child);
      }
    }
    if (type === undefined) return undefined;
    const block: TfBlock = { type, labels, header: { start: headerStart, end: headerEnd }, range: this.range(node), body };
    if (open !== undefined && close !== undefined && !node.hasError) block.braces = { open, close };
    return block;
  }

  /**
   * What an ERROR node still says: a block header (`resource "aws_sqs_queue" "jobs" {`) followed by
   * the attributes that parsed, up to the next header. Half-written files keep their resources.
   */
  private recoverBlocks(node: Node): TfBlock[] {
    const out: TfBlock[] = [];
    const children = node.children;
    let current: TfBlock | undefined;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (this.typeOf(c) === 'identifier' && TOP_LEVEL_TYPES.has(this.slice(c)) && (this.typeOf(children[i + 1]) === 'string_lit' || this.typeOf(children[i + 1]) === 'block_start')) {
        const labels: string[] = [];
        let end = this.endOf(c);
        let j = i + 1;
        while (this.typeOf(children[j]) === 'string_lit') {
          labels.push(this.quotedValue(children[j]));
          end = this.endOf(children[j]);
          j++;
        }
        current = { type: this.slice(c), labels, header: { start: c.startIndex, end }, range: { start: c.startIndex, end }, body: { attributes: [], blocks: [] } };
        out.push(current);
        i = j - 1;
      } else if (this.typeOf(c) === 'attribute' && current) {
        const a = this.attribute(c);
        if (a) current.body.attributes.push(a);
        current.range.end = this.endOf(c);
      } else if (this.typeOf(c) === 'block') {
        const b = this.block(c);
        if (b && TOP_LEVEL_TYPES.has(b.type)) out.push(b);
        else if (b && current) current.body.blocks.push(b);
      } else if (this.typeOf(c) === 'body') {
        const b = this.body(c);
        if (current) {
          current.body.attributes.push(...b.attributes);
          current.body.blocks.push(...b.blocks);
        } else {
          out.push(...b.blocks);
        }
      } else if (this.typeOf(c) === 'ERROR') {
        out.push(...this.recoverBlocks(c));
      }
    }
    return out;
  }

  /** The unescaped value of a `string_lit` (a quoted string without interpolation). */
  private quotedValue(node: Node): string {
    // A whole `"…"` token is read from the text: its quotes are its first and last characters
    // (a last `"` after an odd number of backslashes is escaped: the closing quote is missing).
    const first = node.startIndex;
    const last = this.endOf(node) - 1;
    if (last > first && this.text.charCodeAt(first) === QUOTE && this.text.charCodeAt(last) === QUOTE) {
      let backslashes = 0;
      while (last - 1 - backslashes > first && this.text.charCodeAt(last - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return unescapeHcl(this.text.slice(first + 1, last));
    }
    const start = node.children.find((c) => this.typeOf(c) === 'quoted_template_start');
    const end = node.children.find((c) => this.typeOf(c) === 'quoted_template_end');
    const from = start ? this.endOf(start) : node.startIndex;
    const to = end && !end.isMissing ? end.startIndex : this.endOf(node);
    return unescapeHcl(this.text.slice(from, Math.max(from, to)));
  }

  /**
   * An expression in the neutral model. Past {@link MAX_EXPRESSION_DEPTH} levels of nesting
   * (generated files) an expression is kept as its text only, and {@link tooDeep} records where.
   */
  expr(node: Node): TfExpr {
    if (this.depth >= MAX_EXPRESSION_DEPTH) {
      this.tooDeep ??= node.startIndex;
      return { kind: 'other', text: this.slice(node), children: [], range: this.range(node) };
    }
    this.depth++;
    try {
      return this.exprAt(node);
    } finally {
      this.depth--;
    }
  }

  private exprAt(node: Node): TfExpr {
    switch (this.typeOf(node)) {
      case 'expression':
        return this.expression(node);
      case 'literal_value':
        return this.literal(node);
      case 'template_expr': {
        const inner = node.namedChildren[0];
        return inner ? this.expr(inner) : this.other(node);
      }
      case 'quoted_template':
      case 'heredoc_template':
        return this.template(node);
      case 'string_lit':
        return { kind: 'string', value: this.quotedValue(node), range: this.range(node) };
      case 'collection_value': {
        const inner = node.namedChildren[0];
        return inner ? this.expr(inner) : this.other(node);
      }
      case 'tuple':
        return { kind: 'tuple', items: node.namedChildren.filter((c) => this.typeOf(c) === 'expression').map((c) => this.expr(c)), range: this.range(node) };
      case 'object':
        return { kind: 'object', entries: node.namedChildren.filter((c) => this.typeOf(c) === 'object_elem').flatMap((c) => this.objectEntry(c)), range: this.range(node) };
      case 'function_call': {
        const name = node.namedChildren.find((c) => this.typeOf(c) === 'identifier');
        const args = node.namedChildren.find((c) => this.typeOf(c) === 'function_arguments');
        return {
          kind: 'call',
          name: name ? this.slice(name) : '',
          args: args ? args.namedChildren.filter((c) => this.typeOf(c) === 'expression').map((c) => this.expr(c)) : [],
          text: this.slice(node),
          range: this.range(node),
        };
      }
      case 'conditional': {
        const parts = node.namedChildren.filter((c) => this.typeOf(c) === 'expression').map((c) => this.expr(c));
        if (parts.length === 3) return { kind: 'conditional', condition: parts[0], then: parts[1], otherwise: parts[2], text: this.slice(node), range: this.range(node) };
        return this.other(node);
      }
      case 'variable_expr': {
        const id = node.namedChildren[0];
        const name = id ? this.slice(id) : this.slice(node);
        return { kind: 'reference', path: [name], text: name, range: this.range(node) };
      }
      default:
        return this.other(node);
    }
  }

  private expression(node: Node): TfExpr {
    const children = node.namedChildren;
    const head = children[0];
    if (!head) return this.other(node);
    if (children.length === 1) return this.expr(head);
    // A traversal: a variable followed by attribute accesses, indexes and splats.
    if (this.typeOf(head) === 'variable_expr' && children.slice(1).every((c) => this.typeOf(c) === 'get_attr' || this.typeOf(c) === 'index' || this.typeOf(c) === 'splat')) {
      const path = [this.slice(head)];
      for (const c of children.slice(1)) {
        if (this.typeOf(c) === 'get_attr') {
          const id = c.namedChildren.find((x) => this.typeOf(x) === 'identifier');
          if (id) path.push(this.slice(id));
        } else if (this.typeOf(c) === 'splat') {
          for (const g of c.descendantsOfType('get_attr')) {
            const id = g.namedChildren.find((x) => this.typeOf(x) === 'identifier');
            if (id) path.push(this.slice(id));
          }
        }
      }
      return { kind: 'reference', path, text: this.slice(node), range: this.range(node) };
    }
    return this.other(node);
  }

  private literal(node: Node): TfExpr {
    const inner = node.namedChildren[0];
    if (!inner) return this.other(node);
    const r = this.range(node);
    switch (this.typeOf(inner)) {
      case 'string_lit':
        return { kind: 'string', value: this.quotedValue(inner), range: r };
      case 'numeric_lit':
        return { kind: 'number', value: Number(this.slice(inner)), range: r };
      case 'bool_lit':
        return { kind: 'bool', value: this.slice(inner) === 'true', range: r };
      case 'null_lit':
        return { kind: 'null', range: r };
      default:
        return this.other(node);
    }
  }

  private template(node: Node): TfExpr {
    const interpolations = node.namedChildren.filter((c) => this.typeOf(c) === 'template_interpolation' || this.typeOf(c) === 'template_directive');
    const literals = node.namedChildren.filter((c) => this.typeOf(c) === 'template_literal');
    if (this.typeOf(node) === 'heredoc_template') {
      const value = literals.map((l) => this.slice(l)).join('');
      if (interpolations.length === 0) return { kind: 'string', value, range: this.range(node) };
      return { kind: 'template', raw: this.slice(node), parts: this.partsOf(interpolations), range: this.range(node) };
    }
    const start = node.children.find((c) => this.typeOf(c) === 'quoted_template_start');
    const end = node.children.find((c) => this.typeOf(c) === 'quoted_template_end');
    const from = start ? this.endOf(start) : node.startIndex;
    const to = end && !end.isMissing ? end.startIndex : this.endOf(node);
    const raw = this.text.slice(from, Math.max(from, to));
    if (interpolations.length === 0) return { kind: 'string', value: unescapeHcl(raw), range: this.range(node) };
    return { kind: 'template', raw, parts: this.partsOf(interpolations), range: this.range(node) };
  }

  private partsOf(interpolations: Node[]): TfExpr[] {
    return interpolations.flatMap((i) => i.namedChildren.filter((c) => this.typeOf(c) === 'expression').map((c) => this.expr(c)));
  }

  /**
   * The `key` and `val` of an `object_elem`: its two expressions, read from the node's child list
   * (shared by both walks) rather than by field name (a new node object per call); by field name
   * only when error recovery left something else.
   */
  private keyAndValue(node: Node): { key: Node | null; val: Node | null } {
    const expressions = node.namedChildren.filter((c) => this.typeOf(c) === 'expression');
    if (expressions.length === 2) return { key: expressions[0], val: expressions[1] };
    return { key: node.childForFieldName('key'), val: node.childForFieldName('val') };
  }

  private objectEntry(node: Node): TfObjectEntry[] {
    const { key, val } = this.keyAndValue(node);
    if (!key || !val) return [];
    const keyExpr = this.expr(key);
    const name = keyExpr.kind === 'string' ? keyExpr.value : keyExpr.kind === 'reference' ? keyExpr.text : this.slice(key);
    return [{ key: name, keyRange: this.range(key), value: this.expr(val) }];
  }

  /**
   * An operation, a `for` expression or anything else: its text and its sub-expressions, in the
   * order of the text. Operations nest without an `expression` node between them (`a + b + c` is
   * operations of operations), so the search keeps its own stack rather than recursing.
   */
  private other(node: Node): TfExpr {
    const children: TfExpr[] = [];
    const stack: Node[] = [];
    const pushChildren = (n: Node) => {
      const list = n.namedChildren;
      for (let i = list.length - 1; i >= 0; i--) stack.push(list[i]);
    };
    pushChildren(node);
    for (let c = stack.pop(); c; c = stack.pop()) {
      if (this.typeOf(c) === 'expression') children.push(this.expr(c));
      else pushChildren(c);
    }
    return { kind: 'other', text: this.slice(node), children, range: this.range(node) };
  }

  /**
   * Every string literal of the tree, with the attribute or key it sits under, in the order of the
   * text. The walk keeps its own stack: generated files may nest expressions thousands of levels
   * deep, past what recursion allows.
   */
  strings(root: Node): StringToken[] {
    const out: StringToken[] = [];
    type Step = { node: Node; key: string | undefined } | { token: StringToken };
    const stack: Step[] = [{ node: root, key: undefined }];
    /** Pushed in reverse, so that they are taken in order. */
    const later = (steps: Step[]) => {
      for (let i = steps.length - 1; i >= 0; i--) stack.push(steps[i]);
    };
    for (let step = stack.pop(); step; step = stack.pop()) {
      if ('token' in step) {
        out.push(step.token);
        continue;
      }
      const { node, key } = step;
      switch (this.typeOf(node)) {
        case 'attribute': {
          const id = node.namedChildren.find((c) => this.typeOf(c) === 'identifier');
          const k = id ? this.slice(id) : key;
          later(node.namedChildren.filter((c) => this.typeOf(c) !== 'identifier').map((c) => ({ node: c, key: k })));
          break;
        }
        case 'object_elem': {
          const { key: keyNode, val } = this.keyAndValue(node);
          const keyExpr = keyNode ? this.expr(keyNode) : undefined;
          const k = keyExpr?.kind === 'string' ? keyExpr.value : keyExpr?.kind === 'reference' ? keyExpr.text : key;
          if (val) stack.push({ node: val, key: k });
          break;
        }
        case 'block': {
          // The conversion read blocks through `children` (it needs the braces): the same list here.
          const id = node.children.find((c) => this.typeOf(c) === 'identifier');
          const body = node.children.find((c) => this.typeOf(c) === 'body');
          if (body) stack.push({ node: body, key: id ? this.slice(id) : key });
          break;
        }
        case 'string_lit':
          out.push({ value: this.quotedValue(node), key, start: node.startIndex, end: this.endOf(node), exact: false });
          break;
        case 'quoted_template':
          later(node.namedChildren.map((c): Step => (this.typeOf(c) === 'template_literal' ? { token: { value: unescapeHcl(this.slice(c)), key, start: node.startIndex, end: this.endOf(node), exact: false } } : { node: c, key })));
          break;
        case 'heredoc_template':
          later(node.namedChildren.map((c): Step => (this.typeOf(c) === 'template_literal' ? { token: { value: this.slice(c), key, start: c.startIndex, end: this.endOf(c), exact: true } } : { node: c, key })));
          break;
        default:
          later(node.namedChildren.map((c) => ({ node: c, key })));
      }
    }
    return out;
  }
}
