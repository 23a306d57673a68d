/**
 * A small abstract interpreter over a Python module's syntax tree, just deep enough to know which
 * names hold boto3 clients, service resources, sub-resources (`Table`, `Bucket`, `Queue`),
 * sessions and botocore configs, and what the region and name strings are: literals, module
 * constants, `os.environ[...]`, `os.environ.get(..., default)`, `os.getenv`.
 *
 * Scopes follow Python's: a function sees its own names, then enclosing functions', then the
 * module's (class bodies are not enclosing scopes; `self.x` is looked up in the class). Module
 * constants may be defined after the function that uses them (functions run later), so a name
 * not yet bound in the module is evaluated from its module-level assignment on demand. Function
 * bodies are analysed once, at their definition or on the first call that needs their return
 * value (`def table(): return boto3.resource("dynamodb").Table(NAME)`). Method calls are only
 * reported on values known to be boto3 objects: nothing is guessed from a method name alone.
 */
import type { Node } from 'web-tree-sitter';
import { serviceOfBoto3Name } from '../../catalogue/services';
import type { Dependency, TraceEvidence, TraceStep } from '../../model';
import { isRegion } from '../../regions';
import { isLocalEndpoint } from '../literals';
import { traceStep } from '../../trace';
import type { DependencyBuilder, DependencyDraft } from '../builder';
import { clientOperation, COLLECTION_METHODS, COLLECTION_OPERATIONS, operationOfMethod, POSITIONAL_BUCKET, RESOURCE_NAME_ARGUMENTS, resourceOperation } from './operations';

export const ORIGIN = 'boto3';

/** How a region expression turned out. `via` are the constants it went through, nearest first. */
export type RegionInfo =
  | { kind: 'literal'; region: string; via: TraceStep[] }
  | { kind: 'env'; variable: string; fallback?: string; via: TraceStep[] }
  | { kind: 'candidates'; regions: string[]; via: TraceStep[] }
  | { kind: 'unknown'; via: TraceStep[] };

type ClientLike = { dep: Dependency; service: string };

export type PyValue =
  | { kind: 'string'; value: string; via: TraceStep[] }
  | { kind: 'env'; variable: string; fallback?: string; via: TraceStep[] }
  /** a list or tuple of strings, or what a loop variable over one may be */
  | { kind: 'strings'; values: string[]; via: TraceStep[] }
  | ({ kind: 'client' } & ClientLike)
  | ({ kind: 'serviceResource' } & ClientLike)
  | ({ kind: 'subresource'; type: string; name?: string; label: string } & ClientLike)
  | ({ kind: 'collection'; name: string; label: string } & ClientLike)
  | ({ kind: 'batchWriter'; name?: string; label: string } & ClientLike)
  | { kind: 'session'; region?: RegionInfo }
  | { kind: 'botocoreSession' }
  | { kind: 'config'; region?: RegionInfo }
  | { kind: 'self' }
  | { kind: 'parameter'; name: string; fn: string; fallback?: PyValue; step: TraceStep }
  | { kind: 'none' }
  | { kind: 'unknown' };

const UNKNOWN: PyValue = { kind: 'unknown' };

interface Scope {
  kind: 'module' | 'function' | 'class' | 'comprehension';
  name: string;
  bindings: Map<string, PyValue>;
  parent?: Scope;
  /** the class of a method (for `self.x`) */
  cls?: Scope;
  /** names declared `global` in a function */
  globals?: Set<string>;
  /** module: assignments not yet evaluated, by name (constants used by functions defined earlier) */
  pending?: Map<string, Node>;
  /** class: methods by name */
  methods?: Map<string, Node>;
  /** module: functions by name */
  functions?: Map<string, Node>;
}

/** Canonical names of what boto3, botocore and os export, whatever the import spelling. */
const CANONICAL: Record<string, string> = {
  'boto3.session.Session': 'boto3.Session',
  'botocore.client.Config': 'botocore.config.Config',
  'os.environ.get': 'os.environ.get',
  'os.getenv': 'os.getenv',
};

function canonical(name: string): string {
  return CANONICAL[name] ?? name;
}

const MAX_DEPTH = 40;
/** How deeply nested an expression may be and still be evaluated (real code stays far below). */
export const MAX_EXPRESSION_DEPTH = 200;

export class PythonAnalysis {
  private readonly imports = new Map<string, string>();
  private readonly module: Scope;
  private readonly callValues = new Map<number, PyValue>();
  private readonly functionResults = new Map<number, { done: boolean; returns?: PyValue }>();
  private defaultSessionRegion: RegionInfo | undefined;
  private depth = 0;
  private expressionDepth = 0;
  /** offset of the first expression nested too deeply to evaluate, if any */
  tooDeepAt: number | undefined;

  constructor(private readonly file: string, private readonly text: string, private readonly builder: DependencyBuilder) {
    this.module = { kind: 'module', name: 'module', bindings: new Map(), pending: new Map(), functions: new Map() };
  }

  private slice(n: Node): string {
    return this.text.slice(n.startIndex, n.endIndex);
  }

  private step(n: Node, evidence: TraceEvidence): TraceStep {
    const { line, column } = this.builder.lines.position(n.startIndex);
    return traceStep({ file: this.file, line, column }, evidence);
  }

  private short(n: Node): string {
    const t = this.slice(n).replace(/\s+/g, ' ');
    return t.length > 80 ? `${t.slice(0, 77)}...` : t;
  }

  run(root: Node): void {
    this.collectImports(root);
    this.collectModuleDefinitions(root);
    this.block(root.namedChildren, this.module);
  }

  // ---------------------------------------------------------------------------------------------
  // Imports and module-level definitions

  private collectImports(root: Node): void {
    for (const n of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
      if (n.type === 'import_statement') {
        for (const name of n.childrenForFieldName('name')) {
          if (name.type === 'aliased_import') {
            const dotted = name.childForFieldName('name');
            const alias = name.childForFieldName('alias');
            if (dotted && alias) this.imports.set(this.slice(alias), this.slice(dotted));
          } else {
            const dotted = this.slice(name);
            const top = dotted.split('.')[0];
            this.imports.set(top, top);
          }
        }
      } else {
        const moduleName = n.childForFieldName('module_name');
        if (!moduleName || moduleName.type === 'relative_import') continue;
        const from = this.slice(moduleName);
        for (const name of n.childrenForFieldName('name')) {
          if (name.type === 'aliased_import') {
            const dotted = name.childForFieldName('name');
            const alias = name.childForFieldName('alias');
            if (dotted && alias) this.imports.set(this.slice(alias), `${from}.${this.slice(dotted)}`);
          } else {
            this.imports.set(this.slice(name), `${from}.${this.slice(name)}`);
          }
        }
      }
    }
  }

  private collectModuleDefinitions(root: Node): void {
    const visit = (nodes: Node[]) => {
      for (const n of nodes) {
        const def = n.type === 'decorated_definition' ? n.childForFieldName('definition') : n;
        if (!def) continue;
        if (def.type === 'function_definition') {
          const name = def.childForFieldName('name');
          if (name) this.module.functions?.set(this.slice(name), def);
        } else if (def.type === 'expression_statement') {
          const a = def.namedChildren[0];
          if (a?.type === 'assignment') {
            const left = a.childForFieldName('left');
            const right = a.childForFieldName('right');
            // The last module-level assignment is what functions see when they run.
            if (left?.type === 'identifier' && right) this.module.pending?.set(this.slice(left), right);
          }
        } else if (['if_statement', 'try_statement', 'with_statement', 'block', 'else_clause', 'except_clause', 'finally_clause'].includes(def.type)) {
          visit(def.namedChildren);
        }
      }
    };
    visit(root.namedChildren);
  }

  /** `boto3.client`, `os.environ.get`: the dotted name an expression refers to through the imports. */
  private qualify(n: Node | null): string | undefined {
    // Down the attribute chain to its base name, then back up: a loop, because generated code
    // can chain thousands of attributes (`a.b.b.b…`) and recursion would exhaust the stack.
    const attributes: string[] = [];
    let base = n;
    while (base?.type === 'attribute') {
      const attr = base.childForFieldName('attribute');
      if (!attr) return undefined;
      attributes.push(this.slice(attr));
      base = base.childForFieldName('object');
    }
    if (base?.type !== 'identifier') return undefined;
    const imported = this.imports.get(this.slice(base));
    if (!imported) return undefined;
    let name = canonical(imported);
    for (let i = attributes.length - 1; i >= 0; i--) name = canonical(`${name}.${attributes[i]}`);
    return name;
  }

  // ---------------------------------------------------------------------------------------------
  // Statements

  private block(nodes: Node[], scope: Scope): void {
    for (const n of nodes) this.statement(n, scope);
  }

  private statement(n: Node, scope: Scope): void {
    switch (n.type) {
      case 'expression_statement': {
        const inner = n.namedChildren;
        // A docstring is a statement that is only a string: nothing to evaluate.
        if (inner.length === 1 && (inner[0].type === 'string' || inner[0].type === 'concatenated_string')) return;
        for (const c of inner) {
          if (c.type === 'assignment') this.assignment(c, scope);
          else if (c.type === 'augmented_assignment') this.visit(c, scope);
          else this.value(c, scope);
        }
        return;
      }
      case 'decorated_definition': {
        for (const c of n.namedChildren) {
          if (c.type === 'decorator') this.visitChildren(c, scope);
          else this.statement(c, scope);
        }
        return;
      }
      case 'function_definition':
        this.defineFunction(n, scope);
        return;
      case 'class_definition':
        this.defineClass(n, scope);
        return;
      case 'return_statement': {
        const expr = n.namedChildren[0];
        const v = expr ? this.value(expr, scope) : UNKNOWN;
        const result = this.currentFunction(scope);
        if (result && (result.returns === undefined || result.returns.kind === 'unknown' || result.returns.kind === 'none')) result.returns = v;
        return;
      }
      case 'global_statement':
        for (const id of n.namedChildren) if (id.type === 'identifier') (scope.globals ??= new Set()).add(this.slice(id));
        return;
      case 'for_statement': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        const values = right ? this.value(right, scope) : UNKNOWN;
        if (left?.type === 'identifier') this.bind(this.slice(left), values.kind === 'strings' ? values : UNKNOWN, scope);
        const body = n.childForFieldName('body');
        if (body) this.block(body.namedChildren, scope);
        const alt = n.childForFieldName('alternative');
        if (alt) this.visit(alt, scope);
        return;
      }
      case 'with_statement': {
        for (const item of n.descendantsOfType('with_item')) {
          const value = item.childForFieldName('value');
          if (!value) continue;
          if (value.type === 'as_pattern') {
            const expr = value.namedChildren[0];
            const target = value.childForFieldName('alias');
            const v = expr ? this.value(expr, scope) : UNKNOWN;
            const id = target?.namedChildren[0] ?? target;
            if (id?.type === 'identifier') this.bind(this.slice(id), v, scope);
          } else {
            this.value(value, scope);
          }
        }
        const body = n.childForFieldName('body');
        if (body) this.block(body.namedChildren, scope);
        return;
      }
      case 'import_statement':
      case 'import_from_statement':
      case 'comment':
      case 'pass_statement':
        return;
      case 'block':
        this.block(n.namedChildren, scope);
        return;
      default:
        // if/while/try/match and the rest: their conditions are expressions, their bodies statements.
        for (const c of n.namedChildren) {
          if (c.type === 'block' || c.type.endsWith('_clause') || c.type.endsWith('_statement') || c.type === 'case_block') this.statement(c, scope);
          else this.value(c, scope);
        }
    }
  }

  private assignment(n: Node, scope: Scope): void {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) {
      if (right) this.value(right, scope);
      return;
    }
    if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && right.type === 'expression_list' && left.namedChildCount === right.namedChildCount) {
      left.namedChildren.forEach((target, i) => this.assignTarget(target, right.namedChildren[i], this.value(right.namedChildren[i], scope), scope));
      return;
    }
    if (right.type === 'assignment') {
      // a = b = boto3.client("s3")
      this.assignment(right, scope);
      const inner = right.childForFieldName('left');
      if (inner) this.assignTarget(left, right, this.value(inner, scope), scope);
      return;
    }
    this.assignTarget(left, right, this.value(right, scope), scope);
  }

  private assignTarget(target: Node, rhs: Node, value: PyValue, scope: Scope): void {
    const withStep = (name: string): PyValue => {
      // Constants keep the chain that leads to their value, for the region trace.
      if (value.kind === 'string' || value.kind === 'env' || value.kind === 'strings') {
        return { ...value, via: [this.step(target, { kind: 'assignment', name, expression: this.short(rhs) }), ...value.via] };
      }
      // A session or config kept in a name carries its region to the clients made from it.
      if ((value.kind === 'session' || value.kind === 'config') && value.region) {
        return { ...value, region: { ...value.region, via: [this.step(target, { kind: 'assignment', name, expression: this.short(rhs) }), ...value.region.via] } };
      }
      return value;
    };
    if (target.type === 'identifier') {
      const name = this.slice(target);
      this.bind(name, withStep(name), scope);
    } else if (target.type === 'attribute') {
      const object = target.childForFieldName('object');
      const attr = target.childForFieldName('attribute');
      const cls = this.classOf(scope);
      if (object?.type === 'identifier' && this.slice(object) === 'self' && attr && cls) {
        const name = `self.${this.slice(attr)}`;
        cls.bindings.set(name, withStep(name));
      } else {
        this.visit(target, scope);
      }
    } else {
      this.visit(target, scope);
    }
  }

  private bind(name: string, value: PyValue, scope: Scope): void {
    if (scope.globals?.has(name)) {
      this.module.bindings.set(name, value);
      return;
    }
    scope.bindings.set(name, value);
    // A class attribute is also reachable as `self.<name>` from its methods.
    if (scope.kind === 'class') scope.bindings.set(`self.${name}`, value);
  }

  private classOf(scope: Scope): Scope | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.cls) return s.cls;
      if (s.kind === 'class') return s;
    }
    return undefined;
  }

  private currentFunction(scope: Scope): { done: boolean; returns?: PyValue } | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.kind === 'function') return this.functionResults.get(this.functionIds.get(s) ?? -1);
    }
    return undefined;
  }

  private readonly functionIds = new Map<Scope, number>();

  private defineFunction(def: Node, scope: Scope): void {
    for (const p of def.childForFieldName('parameters')?.namedChildren ?? []) {
      const value = p.childForFieldName('value');
      if (value) this.value(value, scope);
    }
    if (scope.kind === 'class') {
      const name = def.childForFieldName('name');
      if (name) (scope.methods ??= new Map()).set(this.slice(name), def);
    }
    this.analyseFunction(def, scope);
  }

  /** Analyses a function body once; returns what it returns (a client, a table …) when known. */
  private analyseFunction(def: Node, parent: Scope): PyValue | undefined {
    const known = this.functionResults.get(def.id);
    if (known) return known.returns;
    const result: { done: boolean; returns?: PyValue } = { done: false };
    this.functionResults.set(def.id, result);
    const nameNode = def.childForFieldName('name');
    const name = nameNode ? this.slice(nameNode) : 'lambda';
    const cls = parent.kind === 'class' ? parent : undefined;
    const scope: Scope = { kind: 'function', name, bindings: new Map(), parent: cls ? cls.parent : parent, cls };
    this.functionIds.set(scope, def.id);
    for (const p of def.childForFieldName('parameters')?.namedChildren ?? []) {
      const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier');
      if (!id || id.type !== 'identifier') continue;
      const pname = this.slice(id);
      if (cls && pname === 'self') {
        scope.bindings.set('self', { kind: 'self' });
        continue;
      }
      const defaultNode = p.childForFieldName('value');
      const fallback = defaultNode ? this.value(defaultNode, parent) : undefined;
      scope.bindings.set(pname, { kind: 'parameter', name: pname, fn: name, fallback, step: this.step(id, { kind: 'caller-parameter', parameter: pname, function: name, ...(defaultNode ? { default: this.short(defaultNode) } : {}) }) });
    }
    const body = def.childForFieldName('body');
    if (body && this.depth < MAX_DEPTH) {
      this.depth++;
      try {
        this.block(body.namedChildren, scope);
      } finally {
        this.depth--;
      }
    }
    result.done = true;
    return result.returns;
  }

  private defineClass(n: Node, scope: Scope): void {
    const nameNode = n.childForFieldName('name');
    const cls: Scope = { kind: 'class', name: nameNode ? this.slice(nameNode) : 'class', bindings: new Map(), parent: scope, methods: new Map() };
    for (const a of n.childForFieldName('superclasses')?.namedChildren ?? []) this.value(a, scope);
    const body = n.childForFieldName('body');
    if (!body) return;
    // Methods are known before any runs: `self.table()` may call a method defined further down.
    for (const c of body.namedChildren) {
      const def = c.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
      const name = def?.type === 'function_definition' ? def.childForFieldName('name') : null;
      if (def && name) cls.methods?.set(this.slice(name), def);
    }
    this.block(body.namedChildren, cls);
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  /** Walks an expression for the calls inside it without caring for its value. */
  private visit(n: Node, scope: Scope): void {
    this.value(n, scope);
  }

  private lookup(name: string, scope: Scope): PyValue {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.kind === 'class' && s !== scope) continue;
      const v = s.bindings.get(name);
      if (v) return v;
    }
    // A module constant assigned below the function that reads it.
    const pending = this.module.pending?.get(name);
    if (pending && this.depth < MAX_DEPTH) {
      this.module.pending?.delete(name);
      this.depth++;
      try {
        const parentAssignment = pending.parent;
        const target = parentAssignment?.childForFieldName('left');
        const value = this.value(pending, this.module);
        if (target) this.assignTarget(target, pending, value, this.module);
        return this.module.bindings.get(name) ?? value;
      } finally {
        this.depth--;
      }
    }
    return UNKNOWN;
  }

  /**
   * The value of an expression. Nesting deeper than {@link MAX_EXPRESSION_DEPTH} (generated code,
   * or hostile input such as `((((…))))` thousands deep) is not evaluated: the first such place is
   * kept in {@link tooDeepAt} for the scanner to report, and the rest of the file is still read.
   */
  value(n: Node, scope: Scope): PyValue {
    if (this.expressionDepth >= MAX_EXPRESSION_DEPTH) {
      this.tooDeepAt ??= n.startIndex;
      return UNKNOWN;
    }
    this.expressionDepth++;
    try {
      return this.evaluate(n, scope);
    } finally {
      this.expressionDepth--;
    }
  }

  private evaluate(n: Node, scope: Scope): PyValue {
    switch (n.type) {
      case 'string': {
        const s = this.plainString(n);
        if (s !== undefined) return { kind: 'string', value: s, via: [] };
        this.visitChildren(n, scope);
        return UNKNOWN;
      }
      case 'concatenated_string': {
        const parts = n.namedChildren.map((c) => this.plainString(c));
        if (parts.every((p) => p !== undefined)) return { kind: 'string', value: parts.join(''), via: [] };
        this.visitChildren(n, scope);
        return UNKNOWN;
      }
      case 'none':
        return { kind: 'none' };
      case 'identifier':
        return this.lookup(this.slice(n), scope);
      case 'parenthesized_expression':
      case 'await': {
        const inner = n.namedChildren[0];
        return inner ? this.value(inner, scope) : UNKNOWN;
      }
      case 'attribute':
        return this.attribute(n, scope);
      case 'subscript':
        return this.subscript(n, scope);
      case 'call':
        return this.call(n, scope);
      case 'boolean_operator': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        const operator = n.childForFieldName('operator');
        const l = left ? this.value(left, scope) : UNKNOWN;
        const r = right ? this.value(right, scope) : UNKNOWN;
        if (operator && this.slice(operator) === 'or') {
          // os.environ.get("AWS_REGION") or "us-east-1"
          if (l.kind === 'env' && l.fallback === undefined && r.kind === 'string') return { ...l, fallback: r.value, via: [...l.via, ...r.via] };
          if (l.kind === 'parameter' && r.kind === 'string') return { ...r };
          // `s3_client or boto3.client("s3")`: what the code makes when nothing is passed.
          if ((l.kind === 'parameter' || l.kind === 'none' || l.kind === 'unknown') && (r.kind === 'client' || r.kind === 'serviceResource' || r.kind === 'subresource')) return r;
        }
        return UNKNOWN;
      }
      case 'conditional_expression': {
        const parts = n.namedChildren.map((c) => this.value(c, scope));
        const [a, , b] = parts;
        if (a?.kind === 'string' && b?.kind === 'string') return { kind: 'strings', values: [...new Set([a.value, b.value])], via: [...a.via, ...b.via] };
        return UNKNOWN;
      }
      case 'list':
      case 'tuple':
      case 'set': {
        const items = n.namedChildren.map((c) => this.value(c, scope));
        if (items.length > 0 && items.every((i) => i.kind === 'string')) return { kind: 'strings', values: items.map((i) => (i as { value: string }).value), via: [] };
        return UNKNOWN;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression': {
        const inner: Scope = { kind: 'comprehension', name: scope.name, bindings: new Map(), parent: scope, cls: scope.cls };
        for (const clause of n.namedChildren.filter((c) => c.type === 'for_in_clause')) {
          const left = clause.childForFieldName('left');
          const right = clause.childForFieldName('right');
          const values = right ? this.value(right, inner) : UNKNOWN;
          if (left?.type === 'identifier') inner.bindings.set(this.slice(left), values.kind === 'strings' ? values : UNKNOWN);
        }
        for (const c of n.namedChildren) if (c.type !== 'for_in_clause') this.value(c, inner);
        return UNKNOWN;
      }
      case 'lambda': {
        const body = n.childForFieldName('body');
        if (body) this.value(body, scope);
        return UNKNOWN;
      }
      default:
        this.visitChildren(n, scope);
        return UNKNOWN;
    }
  }

  private visitChildren(n: Node, scope: Scope): void {
    for (const c of n.namedChildren) this.value(c, scope);
  }

  /** The value of a string literal without interpolation; undefined for f-strings with `{…}`. */
  private plainString(n: Node): string | undefined {
    if (n.type !== 'string') return undefined;
    if (n.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
    const start = n.namedChildren.find((c) => c.type === 'string_start');
    const end = n.namedChildren.find((c) => c.type === 'string_end');
    if (!start || !end) return undefined;
    return this.text.slice(start.endIndex, end.startIndex);
  }

  private attribute(n: Node, scope: Scope): PyValue {
    const object = n.childForFieldName('object');
    const attrNode = n.childForFieldName('attribute');
    if (!object || !attrNode) return UNKNOWN;
    const attr = this.slice(attrNode);
    if (object.type === 'identifier' && this.slice(object) === 'self') {
      const cls = this.classOf(scope);
      return cls?.bindings.get(`self.${attr}`) ?? UNKNOWN;
    }
    const base = this.value(object, scope);
    switch (base.kind) {
      case 'client':
      case 'serviceResource':
        if (attr === 'meta') return base;
        if (base.kind === 'serviceResource' && Object.prototype.hasOwnProperty.call(COLLECTION_OPERATIONS, attr)) return { kind: 'collection', name: attr, label: `${this.short(object)}.${attr}`, dep: base.dep, service: base.service };
        // `resource.meta.client` is the client the resource wraps.
        if (attr === 'client') return { kind: 'client', dep: base.dep, service: base.service };
        return UNKNOWN;
      case 'subresource':
        if (Object.prototype.hasOwnProperty.call(COLLECTION_OPERATIONS, attr)) return { kind: 'collection', name: attr, label: `${this.short(object)}.${attr}`, dep: base.dep, service: base.service };
        if (attr === 'meta') return base;
        if (attr === 'client') return { kind: 'client', dep: base.dep, service: base.service };
        return UNKNOWN;
      case 'session':
        if (attr === 'region_name' && base.region) return this.valueOfRegion(base.region);
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private valueOfRegion(r: RegionInfo): PyValue {
    switch (r.kind) {
      case 'literal':
        return { kind: 'string', value: r.region, via: r.via };
      case 'env':
        return { kind: 'env', variable: r.variable, fallback: r.fallback, via: r.via };
      case 'candidates':
        return { kind: 'strings', values: r.regions, via: r.via };
      default:
        return UNKNOWN;
    }
  }

  private subscript(n: Node, scope: Scope): PyValue {
    const object = n.childForFieldName('value');
    const index = n.childForFieldName('subscript');
    const key = index ? this.value(index, scope) : UNKNOWN;
    if (this.qualify(object) === 'os.environ' && key.kind === 'string') return { kind: 'env', variable: key.value, via: key.via };
    if (object) this.value(object, scope);
    return UNKNOWN;
  }

  private call(n: Node, scope: Scope): PyValue {
    const memo = this.callValues.get(n.id);
    if (memo) return memo;
    this.callValues.set(n.id, UNKNOWN); // guards recursion through the arguments
    const v = this.evaluateCall(n, scope);
    this.callValues.set(n.id, v);
    return v;
  }

  private evaluateCall(n: Node, scope: Scope): PyValue {
    const fn = n.childForFieldName('function');
    const argsNode = n.childForFieldName('arguments');
    const args = new CallArguments(argsNode, this, scope);
    const q = this.qualify(fn);
    if (q === 'boto3.client' || q === 'boto3.resource') return this.construct(n, q === 'boto3.client' ? 'client' : 'resource', args, scope, this.defaultSessionRegion, q);
    if (q === 'boto3.Session') {
      const region = args.keyword('region_name');
      args.visitAll();
      return { kind: 'session', region: region ? this.regionOf(region, scope) : undefined };
    }
    if (q === 'boto3.setup_default_session') {
      const region = args.keyword('region_name');
      args.visitAll();
      if (region) {
        const r = this.regionOf(region, scope);
        this.defaultSessionRegion = { ...r, via: [this.step(n, { kind: 'default-session', call: this.short(n) }), ...r.via] };
      }
      return UNKNOWN;
    }
    if (q === 'botocore.config.Config') {
      const region = args.keyword('region_name');
      args.visitAll();
      return { kind: 'config', region: region ? this.regionOf(region, scope) : undefined };
    }
    if (q === 'botocore.session.get_session' || q === 'botocore.session.Session') {
      args.visitAll();
      return { kind: 'botocoreSession' };
    }
    if (q === 'os.environ.get' || q === 'os.getenv') {
      const name = args.positional(0) ?? args.keyword('key');
      const fallback = args.positional(1) ?? args.keyword('default');
      args.visitAll();
      const nameValue = name ? this.value(name, scope) : UNKNOWN;
      if (nameValue.kind !== 'string') return UNKNOWN;
      const fallbackValue = fallback ? this.value(fallback, scope) : undefined;
      return {
        kind: 'env',
        variable: nameValue.value,
        ...(fallbackValue?.kind === 'string' ? { fallback: fallbackValue.value } : {}),
        via: [...nameValue.via, ...(fallbackValue?.kind === 'string' ? fallbackValue.via : [])],
      };
    }
    if (fn?.type === 'attribute') {
      const object = fn.childForFieldName('object');
      const methodNode = fn.childForFieldName('attribute');
      if (object && methodNode) {
        const method = this.slice(methodNode);
        // `self.table()` calls a method of the class.
        if (object.type === 'identifier' && this.slice(object) === 'self') {
          const cls = this.classOf(scope);
          const def = cls?.methods?.get(method);
          if (def && !cls?.bindings.has(`self.${method}`)) {
            args.visitAll();
            return this.analyseFunction(def, cls as Scope) ?? UNKNOWN;
          }
        }
        const receiver = this.value(object, scope);
        return this.methodCall(n, receiver, object, method, args, scope);
      }
    }
    if (fn?.type === 'identifier') {
      const name = this.slice(fn);
      const bound = this.lookup(name, scope);
      const def = bound.kind === 'unknown' ? this.module.functions?.get(name) : undefined;
      args.visitAll();
      if (def) return this.analyseFunction(def, this.module) ?? UNKNOWN;
      return UNKNOWN;
    }
    if (fn) this.value(fn, scope);
    args.visitAll();
    return UNKNOWN;
  }

  private methodCall(n: Node, receiver: PyValue, object: Node, method: string, args: CallArguments, scope: Scope): PyValue {
    switch (receiver.kind) {
      case 'session':
        if (method === 'client' || method === 'resource') return this.construct(n, method, args, scope, receiver.region ?? this.defaultSessionRegion, `${this.labelOf(object, 'Session')}.${method}`);
        break;
      case 'botocoreSession':
        if (method === 'create_client') return this.construct(n, 'client', args, scope, undefined, 'botocore.create_client');
        break;
      case 'client': {
        args.visitAll();
        if (method === 'get_paginator' || method === 'generate_presigned_url') {
          const opNode = args.positional(0) ?? args.keyword(method === 'get_paginator' ? 'operation_name' : 'ClientMethod');
          const op = opNode ? this.value(opNode, scope) : UNKNOWN;
          if (op.kind === 'string') this.sdkCall(n, receiver, operationOfMethod(op.value), `${this.labelOf(object, receiver.service)}.${method}`, this.callTarget(method, args, scope), scope);
          return UNKNOWN;
        }
        const operation = clientOperation(method);
        if (operation) this.sdkCall(n, receiver, operation, `${this.labelOf(object, receiver.service)}.${method}`, this.callTarget(method, args, scope), scope);
        return UNKNOWN;
      }
      case 'serviceResource': {
        if (/^[A-Z]/.test(method)) return this.subresource(receiver, method, args, scope, `${this.labelOf(object, receiver.service)}.${method}`);
        args.visitAll();
        if (method === 'get_queue_by_name') {
          const name = this.callTarget(method, args, scope);
          this.sdkCall(n, receiver, 'GetQueueUrl', `${this.labelOf(object, receiver.service)}.${method}`, name, scope);
          return { kind: 'subresource', type: 'Queue', name, label: `${this.labelOf(object, receiver.service)}.${method}`, dep: receiver.dep, service: receiver.service };
        }
        const operation = clientOperation(method);
        if (operation) this.sdkCall(n, receiver, operation, `${this.labelOf(object, receiver.service)}.${method}`, this.callTarget(method, args, scope), scope);
        return UNKNOWN;
      }
      case 'subresource': {
        // bucket.Object("key") is still in the bucket: keep the bucket's name.
        if (/^[A-Z]/.test(method)) {
          args.visitAll();
          return { ...receiver, type: method, label: `${receiver.label}.${method}` };
        }
        args.visitAll();
        if (method === 'batch_writer') return { kind: 'batchWriter', name: receiver.name, label: receiver.label, dep: receiver.dep, service: receiver.service };
        const operation = resourceOperation(receiver.type, method);
        if (operation) this.sdkCall(n, receiver, operation, `${this.labelOf(object, receiver.label)}.${method}`, receiver.name, scope);
        return UNKNOWN;
      }
      case 'batchWriter':
        args.visitAll();
        if (method === 'put_item' || method === 'delete_item') this.sdkCall(n, receiver, 'BatchWriteItem', `${this.labelOf(object, receiver.service)}.${method}`, receiver.name, scope);
        return UNKNOWN;
      case 'collection':
        args.visitAll();
        if (COLLECTION_METHODS.has(method)) this.sdkCall(n, receiver, COLLECTION_OPERATIONS[receiver.name], `${receiver.label}.${method}`, undefined, scope);
        return UNKNOWN;
      default: {
        // `.client("s3")` on a session this file did not create (a parameter, aioboto3, a wrapper):
        // in a file that imports an AWS SDK, a known boto3 service name makes it a client.
        const first = args.positional(0) ?? args.keyword('service_name');
        const firstValue = first?.type === 'string' ? this.value(first, scope) : UNKNOWN;
        if ((method === 'client' || method === 'resource' || method === 'create_client') && this.importsAwsSdk() && firstValue.kind === 'string' && serviceOfBoto3Name(firstValue.value)) {
          return this.construct(n, method === 'resource' ? 'resource' : 'client', args, scope, undefined, `${this.labelOf(object, 'session')}.${method}`);
        }
        break;
      }
    }
    args.visitAll();
    return UNKNOWN;
  }

  private importsAwsSdk(): boolean {
    for (const target of this.imports.values()) if (/^(?:boto3|botocore|aioboto3|aiobotocore)(?:\.|$)/.test(target)) return true;
    return false;
  }

  /** A readable label for a receiver: its name when it is a name (`table`, `self.table`), else what it is. */
  private labelOf(object: Node, fallback: string): string {
    return object.type === 'identifier' || (object.type === 'attribute' && /^[\w.]+$/.test(this.slice(object))) ? this.slice(object) : fallback;
  }

  private subresource(receiver: ClientLike, type: string, args: CallArguments, scope: Scope, label: string): PyValue {
    const first = args.positional(0) ?? args.keyword('name') ?? args.keyword('url') ?? args.keyword('bucket_name') ?? args.keyword('arn');
    args.visitAll();
    const name = first ? this.nameText(this.value(first, scope)) : undefined;
    return { kind: 'subresource', type, name, label, dep: receiver.dep, service: receiver.service };
  }

  private nameText(v: PyValue): string | undefined {
    if (v.kind === 'string') return v.value;
    if (v.kind === 'env') return `env:${v.variable}`;
    return undefined;
  }

  /** The table/bucket/queue a client call names: `TableName="orders"`, `Bucket=os.environ["BUCKET"]`. */
  private callTarget(method: string, args: CallArguments, scope: Scope): string | undefined {
    for (const k of RESOURCE_NAME_ARGUMENTS) {
      const node = args.keyword(k);
      if (node) {
        const t = this.nameText(this.value(node, scope));
        if (t) return t;
      }
    }
    const position = POSITIONAL_BUCKET[method];
    if (position !== undefined) {
      const node = args.positional(position);
      if (node) return this.nameText(this.value(node, scope));
    }
    return undefined;
  }

  regionOf(n: Node, scope: Scope): RegionInfo {
    const v = this.value(n, scope);
    switch (v.kind) {
      case 'string':
        return isRegion(v.value) ? { kind: 'literal', region: v.value, via: v.via } : { kind: 'unknown', via: v.via };
      case 'env':
        return { kind: 'env', variable: v.variable, ...(v.fallback !== undefined ? { fallback: v.fallback } : {}), via: v.via };
      case 'strings': {
        const regions = v.values.filter((r) => isRegion(r));
        if (regions.length === 1 && regions.length === v.values.length) return { kind: 'literal', region: regions[0], via: v.via };
        return regions.length ? { kind: 'candidates', regions: [...new Set(regions)].sort(), via: v.via } : { kind: 'unknown', via: v.via };
      }
      case 'parameter': {
        if (v.fallback?.kind === 'string' && isRegion(v.fallback.value)) return { kind: 'literal', region: v.fallback.value, via: [v.step, ...v.fallback.via] };
        return { kind: 'unknown', via: [v.step] };
      }
      default:
        return { kind: 'unknown', via: [] };
    }
  }

  /** `boto3.client("dynamodb", region_name=…)`, `session.resource("s3")`, `botocore_session.create_client("sqs")`. */
  private construct(n: Node, kind: 'client' | 'resource', args: CallArguments, scope: Scope, sessionRegion: RegionInfo | undefined, label: string): PyValue {
    const serviceNode = args.positional(0) ?? args.keyword('service_name');
    const serviceValue = serviceNode ? this.value(serviceNode, scope) : UNKNOWN;
    const regionNode = args.keyword('region_name') ?? args.positional(1);
    const configNode = args.keyword('config');
    let region: RegionInfo | undefined;
    if (regionNode && this.value(regionNode, scope).kind !== 'none') region = this.regionOf(regionNode, scope);
    if (!region && configNode) {
      const config = this.value(configNode, scope);
      if (config.kind === 'config' && config.region) region = config.region;
    }
    region ??= sessionRegion;
    const endpointNode = args.keyword('endpoint_url');
    const endpoint = endpointNode ? this.value(endpointNode, scope) : undefined;
    args.visitAll();
    if (serviceValue.kind !== 'string') return UNKNOWN;
    // A client of a local emulator (DynamoDB Local, moto, LocalStack) is not an AWS dependency.
    if (endpoint?.kind === 'string' && isLocalEndpoint(endpoint.value)) return UNKNOWN;
    const name = serviceValue.value;
    // A name the catalogue does not know yet keeps its own spelling as the service id, but only
    // when it has the shape of one (boto3 names are lowercase letters, digits and hyphens):
    // `boto3.client("")` or a damaged string names no service.
    const service = serviceOfBoto3Name(name) ?? (/^[a-z0-9][a-z0-9-]*$/.test(name.toLowerCase()) ? name.toLowerCase() : undefined);
    if (service === undefined) return UNKNOWN;
    const draft: DependencyDraft = {
      kind: 'sdk-client',
      service,
      name: `${label}("${name}")`,
      text: name,
      origin: ORIGIN,
      container: scope.name,
    };
    // When the region is neither a literal, a constant nor the environment, say what it is.
    const source = regionNode ?? configNode;
    const imported = source ? this.qualify(source) : undefined;
    const evidence: TraceEvidence = imported ? { kind: 'unresolved', subject: 'imported', name: imported } : source ? { kind: 'unresolved', subject: 'computed', name: this.short(source) } : { kind: 'unresolved', subject: 'expression', name: this.short(n) };
    Object.assign(draft, regionFields(region, this.step(source ?? n, evidence)));
    const dep = this.builder.add(draft, n.startIndex, n.endIndex);
    return kind === 'client' ? { kind: 'client', dep, service } : { kind: 'serviceResource', dep, service };
  }

  private sdkCall(n: Node, receiver: ClientLike, operation: string, name: string, target: string | undefined, scope: Scope): void {
    const client = receiver.dep;
    const draft: DependencyDraft = {
      kind: 'sdk-call',
      service: receiver.service,
      name,
      operation,
      origin: ORIGIN,
      links: [client.id],
      container: scope.name,
      region: client.region,
      regionSource: client.regionSource,
    };
    if (target) draft.text = target;
    if (client.candidateRegions) draft.candidateRegions = [...client.candidateRegions];
    if (client.regionTrace) draft.regionTrace = client.regionTrace.map((s) => ({ ...s }));
    if (client.regionRef) draft.regionRef = { ...client.regionRef };
    this.builder.add(draft, n.startIndex, n.endIndex);
  }
}

/** The region fields of a client, from what its region expression turned out to be. */
function regionFields(region: RegionInfo | undefined, at: TraceStep): Partial<DependencyDraft> {
  if (!region) return { region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' } };
  const trace = region.via.length ? { regionTrace: region.via } : {};
  switch (region.kind) {
    case 'literal':
      return { region: region.region, regionSource: region.via.length ? 'variable' : 'literal', ...trace };
    case 'env':
      return {
        region: null,
        regionSource: 'unresolved',
        regionRef: { kind: 'runtime-env', variable: region.variable, ...(region.fallback !== undefined ? { fallback: region.fallback } : {}) },
        ...trace,
      };
    case 'candidates':
      return { region: null, regionSource: 'variable', candidateRegions: region.regions, ...trace };
    default:
      return { region: null, regionSource: 'unresolved', regionTrace: region.via.length ? region.via : [at] };
  }
}

/** The arguments of a call: positional and keyword, evaluated on demand and all visited once. */
class CallArguments {
  private readonly positionals: Node[] = [];
  private readonly keywords = new Map<string, Node>();
  private readonly rest: Node[] = [];
  private visited = false;

  constructor(node: Node | null, private readonly analysis: PythonAnalysis, private readonly scope: Scope) {
    if (!node) return;
    if (node.type === 'generator_expression') {
      this.rest.push(node);
      return;
    }
    for (const c of node.namedChildren) {
      if (c.type === 'keyword_argument') {
        const name = c.childForFieldName('name');
        const value = c.childForFieldName('value');
        if (name && value) this.keywords.set(name.text, value);
      } else if (c.type === 'list_splat' || c.type === 'dictionary_splat') {
        this.rest.push(c);
      } else if (c.type !== 'comment') {
        this.positionals.push(c);
      }
    }
  }

  positional(i: number): Node | undefined {
    return this.positionals[i];
  }

  keyword(name: string): Node | undefined {
    return this.keywords.get(name);
  }

  /** Evaluates every argument once, so that calls nested in arguments are found. */
  visitAll(): void {
    if (this.visited) return;
    this.visited = true;
    for (const n of [...this.positionals, ...this.keywords.values(), ...this.rest]) this.analysis.value(n, this.scope);
  }
}
