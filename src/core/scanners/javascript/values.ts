/**
 * What an expression stands for, as far as one file can tell: follows identifiers to their
 * declarations (`const`, single assignments, imports, `require`, `await import()`), property reads
 * into object literals, `this.x` into what the class assigns to `x`, and calls of local functions
 * into what they return. The result says whether the value is a concrete expression, a module
 * export path (`@aws-sdk/client-dynamodb` → `DynamoDBClient`), an environment variable, a
 * function parameter or loop variable (resolved later from call sites or the iterated array), or
 * unknown — plus the declarations passed on the way, which become the region trace.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyKeyName, staticString, unwrap, type Expression, type Node } from './parse';
import { lookupBinding, type Binding, type ClassInfo, type Scope, type SourceIndex } from './sourceIndex';

/** A declaration or property the resolution went through, for the region trace. */
export interface ViaStep {
  node: Node;
  /** what was passed, e.g. `const REGION`, `config.region` */
  label: string;
}

export type ParamBinding = Extract<Binding, { kind: 'param' }>;
export type LoopBinding = Extract<Binding, { kind: 'loop' }>;

export type Value =
  | { kind: 'expr'; node: Expression; scope: Scope; via: ViaStep[] }
  /** an export of a module: `path` is the property chain below the module's namespace */
  | { kind: 'module'; module: string; path: string[]; importedAs: string | null; via: ViaStep[] }
  | { kind: 'env'; variable: string; node: Node; via: ViaStep[] }
  | { kind: 'param'; binding: ParamBinding; path: string[]; via: ViaStep[] }
  | { kind: 'loop'; binding: LoopBinding; path: string[]; via: ViaStep[] }
  /** a class member with a declared type and no value in the file (constructor-injected) */
  | { kind: 'typed'; typeName: TSESTree.EntityName; scope: Scope; via: ViaStep[] }
  /** an identifier with no declaration in the file (a global such as the browser's `AWS`) */
  | { kind: 'global'; name: string; path: string[]; via: ViaStep[] }
  | { kind: 'unknown'; via: ViaStep[] };

const MAX_DEPTH = 24;

/** The class whose code a scope belongs to (methods and the arrow functions inside them). */
export function classOfScope(scope: Scope): ClassInfo | null {
  for (let s: Scope | null = scope; s; s = s.parent) if (s.fn) return s.fn.cls;
  return null;
}

/** `process.env` (and Vite's `import.meta.env`). */
export function isEnvObject(node: Node): boolean {
  const n = unwrap(node);
  if (n.type !== 'MemberExpression' || propertyKeyName(n) !== 'env') return false;
  const o = unwrap(n.object);
  return (o.type === 'Identifier' && o.name === 'process') || o.type === 'MetaProperty';
}

export class ValueResolver {
  constructor(private readonly index: SourceIndex) {}

  /** Resolves an expression seen in `scope`. */
  resolve(node: Node, scope: Scope, depth = 0): Value {
    return this.resolveInner(node, scope, depth, []);
  }

  private resolveInner(node: Node, scope: Scope, depth: number, via: ViaStep[]): Value {
    if (depth > MAX_DEPTH) return { kind: 'unknown', via };
    const n = unwrap(node);
    switch (n.type) {
      case 'Identifier':
        return this.resolveIdentifier(n, scope, depth, via);
      case 'MemberExpression': {
        if (isEnvObject(n.object)) {
          const name = propertyKeyName(n);
          return name ? { kind: 'env', variable: name, node: n, via } : { kind: 'unknown', via };
        }
        const name = propertyKeyName(n);
        if (name === undefined) return { kind: 'unknown', via };
        const object = unwrap(n.object);
        if (object.type === 'ThisExpression') return this.resolveThisMember(name, scope, depth, via);
        const base = this.resolveInner(object, scope, depth + 1, via);
        return this.member(base, name, depth + 1, n);
      }
      case 'CallExpression': {
        const callee = unwrap(n.callee);
        if (callee.type === 'Identifier' && callee.name === 'require') {
          const module = staticString(n.arguments[0]);
          if (module !== undefined) return { kind: 'module', module, path: [], importedAs: null, via };
        }
        const target = this.resolveInner(callee, scope, depth + 1, []);
        if (target.kind === 'expr' && isFunctionNode(target.node)) {
          const fn = this.index.functions.get(target.node);
          if (fn) {
            for (const ret of fn.returns) {
              const v = this.resolveInner(ret, fn.scope, depth + 1, via);
              if (v.kind !== 'unknown') return v;
            }
          }
        }
        return { kind: 'expr', node: n, scope, via };
      }
      case 'ImportExpression': {
        const module = staticString(n.source);
        return module !== undefined ? { kind: 'module', module, path: [], importedAs: null, via } : { kind: 'unknown', via };
      }
      default:
        return { kind: 'expr', node: n as Expression, scope, via };
    }
  }

  private resolveIdentifier(id: TSESTree.Identifier, scope: Scope, depth: number, via: ViaStep[]): Value {
    const b = lookupBinding(scope, id.name, id.range[0]);
    if (!b) return id.name === 'undefined' ? { kind: 'unknown', via } : { kind: 'global', name: id.name, path: [], via };
    switch (b.kind) {
      case 'import':
        return { kind: 'module', module: b.module, path: b.imported === '*' || b.imported === 'default' ? [] : [b.imported], importedAs: b.imported === '*' || b.imported === 'default' ? b.name : b.imported, via };
      case 'param':
        return { kind: 'param', binding: b, path: [], via };
      case 'loop':
        return { kind: 'loop', binding: b, path: [], via };
      case 'function':
        return { kind: 'expr', node: b.fn.node as Expression, scope: b.scope, via };
      case 'class':
        return { kind: 'expr', node: b.cls.node as Expression, scope: b.scope, via };
      case 'var': {
        const chosen = chooseDefinition(b, id.range[0]);
        if (!chosen) return { kind: 'unknown', via };
        const step: ViaStep = { node: b.id, label: `${b.declKind === 'const' ? 'const' : b.declKind === 'let' ? 'let' : 'var'} ${b.name}` };
        let value = this.resolveInner(chosen, b.scope, depth + 1, [...via, step]);
        for (const key of b.path) value = this.member(value, key, depth + 1);
        return value;
      }
    }
  }

  private resolveThisMember(name: string, scope: Scope, depth: number, via: ViaStep[]): Value {
    const cls = classOfScope(scope);
    if (!cls) return { kind: 'unknown', via };
    const assigned = cls.members.get(name);
    if (assigned && assigned.length > 0) {
      // Prefer a value that resolves to something concrete (a field may be declared and then assigned).
      let fallback: Value | undefined;
      for (const a of assigned) {
        const v = this.resolveInner(a.value, a.scope, depth + 1, [...via, { node: a.value, label: `this.${name}` }]);
        if (v.kind !== 'unknown') return v;
        fallback ??= v;
      }
      if (!cls.memberTypes.has(name)) return fallback ?? { kind: 'unknown', via };
    }
    const typeName = cls.memberTypes.get(name);
    return typeName ? { kind: 'typed', typeName, scope: cls.scope, via } : { kind: 'unknown', via };
  }

  /** `value.name`. `at` is the member expression itself, kept when nothing better is known. */
  member(value: Value, name: string, depth = 0, at?: TSESTree.MemberExpression): Value {
    if (depth > MAX_DEPTH) return { kind: 'unknown', via: value.via };
    switch (value.kind) {
      case 'module':
        return { ...value, path: [...value.path, name] };
      case 'param':
      case 'loop':
        return { ...value, path: [...value.path, name] };
      case 'global':
        return { ...value, path: [...value.path, name] };
      case 'expr': {
        const n = unwrap(value.node);
        if (isEnvObject(n)) return { kind: 'env', variable: name, node: at ?? n, via: value.via };
        if (n.type === 'ObjectExpression') return this.objectMember(n, name, value.scope, depth, value.via);
        if (n.type === 'ArrayExpression' && /^\d+$/.test(name)) {
          const el = n.elements[Number(name)];
          return el && el.type !== 'SpreadElement' ? this.resolveInner(el, value.scope, depth + 1, value.via) : { kind: 'unknown', via: value.via };
        }
        return at ? { kind: 'expr', node: at, scope: value.scope, via: value.via } : { kind: 'unknown', via: value.via };
      }
      default:
        return { kind: 'unknown', via: value.via };
    }
  }

  /** A property of an object literal, looking through `...spread` elements (later ones win). */
  objectMember(object: TSESTree.ObjectExpression, name: string, scope: Scope, depth: number, via: ViaStep[]): Value {
    for (let i = object.properties.length - 1; i >= 0; i--) {
      const p = object.properties[i];
      if (p.type === 'Property') {
        if (propertyKeyName(p) !== name) continue;
        return this.resolveInner(p.value, scope, depth + 1, [...via, { node: p, label: `property ${name}` }]);
      }
      if (p.type === 'SpreadElement') {
        const spread = this.resolveInner(p.argument, scope, depth + 1, via);
        if (spread.kind === 'expr' && unwrap(spread.node).type === 'ObjectExpression') {
          const inner = this.objectMember(unwrap(spread.node) as TSESTree.ObjectExpression, name, spread.scope, depth + 1, spread.via);
          if (inner.kind !== 'unknown' || inner.via.length > spread.via.length) return inner;
          continue;
        }
        // An unknown spread may hold the property: nothing can be said.
        return { kind: 'unknown', via };
      }
    }
    return { kind: 'unknown', via };
  }

  /** The object literal an expression resolves to (options objects, props), or undefined. */
  objectOf(node: Node | undefined, scope: Scope): { object: TSESTree.ObjectExpression; scope: Scope; via: ViaStep[] } | undefined {
    if (!node) return undefined;
    const v = this.resolve(node, scope);
    if (v.kind === 'expr') {
      const n = unwrap(v.node);
      if (n.type === 'ObjectExpression') return { object: n, scope: v.scope, via: v.via };
    }
    return undefined;
  }

  /** Whether an object literal (or what it spreads) states a property, and the property node when direct. */
  findProperty(object: TSESTree.ObjectExpression, name: string, scope: Scope, depth = 0): { property: TSESTree.Property; scope: Scope } | 'unknown' | undefined {
    for (let i = object.properties.length - 1; i >= 0; i--) {
      const p = object.properties[i];
      if (p.type === 'Property') {
        if (propertyKeyName(p) === name) return { property: p, scope };
        continue;
      }
      if (p.type === 'SpreadElement') {
        const spread = depth < MAX_DEPTH ? this.objectOf(p.argument, scope) : undefined;
        if (!spread) return 'unknown';
        const inner = this.findProperty(spread.object, name, spread.scope, depth + 1);
        if (inner) return inner;
      }
    }
    return undefined;
  }
}

/** Which of a variable's definitions a use at `at` sees: the last one written before it, else the first. */
function chooseDefinition(b: Extract<Binding, { kind: 'var' }>, at: number): Expression | null {
  if (b.assignments.length === 0) return b.init;
  const all: Expression[] = b.init ? [b.init, ...b.assignments] : [...b.assignments];
  let best: Expression | null = null;
  for (const e of all) if (e.range[0] < at && (!best || e.range[0] > best.range[0])) best = e;
  // A use before every assignment (a lazily created singleton read in a function): the assignment.
  return best ?? b.assignments[0] ?? b.init;
}

function isFunctionNode(node: Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}


