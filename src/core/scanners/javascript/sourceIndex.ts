/**
 * The one walk over a file's syntax tree. It records what the scanner's later steps need — the
 * bindings of every function scope (imports, `const`/`let`, parameters, loop variables), classes
 * and what their members are assigned, the call sites of every named function, and the `new`
 * expressions, calls, assignments and string literals in source order — so that nothing walks
 * the tree a second time and every later lookup is a map access.
 *
 * Scopes are function scopes: a `const` inside a block belongs to its function. That merges
 * same-named block variables of one function; lookups then prefer the declaration nearest before
 * the use, which is right for the code this scanner reads.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { forEachChild, propertyKeyName, staticString, unwrap, type Expression, type Node } from './parse';

export interface FunctionInfo {
  node: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
  /** the name call sites use: the declaration's name, the variable or property it is assigned to, or the method name */
  name: string | null;
  cls: ClassInfo | null;
  isConstructor: boolean;
  /** the expressions the function returns (an arrow's expression body, or every `return x`) */
  returns: Expression[];
  scope: Scope;
}

export interface ClassInfo {
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  name: string;
  superClass: Expression | null;
  /** `this.x = …` assignments and field initialisers, by member name */
  members: Map<string, Array<{ value: Expression; scope: Scope }>>;
  /** declared types of members (fields and constructor parameter properties): the type's name */
  memberTypes: Map<string, TSESTree.EntityName>;
  /** `super(scope, id, props)` in the constructor */
  superCall: TSESTree.CallExpression | null;
  superCallScope: Scope | null;
  scope: Scope;
}

interface BindingBase {
  name: string;
  /** the identifier that declares it */
  id: TSESTree.Identifier;
  scope: Scope;
}

export type Binding =
  /** `const x = init` (with `path` for destructuring: `const { a: { b } } = init` → b has path [a, b]) */
  | (BindingBase & { kind: 'var'; declKind: 'const' | 'let' | 'var' | 'using' | 'await using'; init: Expression | null; path: string[]; assignments: Expression[] })
  /** a function parameter, `path` inside a destructured parameter, its default and declared type */
  | (BindingBase & { kind: 'param'; fn: FunctionInfo; index: number; path: string[]; defaultValue: Expression | null; typeName: TSESTree.EntityName | null })
  /** `import x from 'm'`, `import { a as x } from 'm'`, `import * as x from 'm'`, `import x = require('m')` */
  | (BindingBase & { kind: 'import'; module: string; imported: string })
  /** `for (const x of iterable)`, or the first parameter of `iterable.forEach(x => …)` / `.map` */
  | (BindingBase & { kind: 'loop'; iterable: Expression; path: string[] })
  | (BindingBase & { kind: 'function'; fn: FunctionInfo })
  | (BindingBase & { kind: 'class'; cls: ClassInfo });

export interface Scope {
  parent: Scope | null;
  node: Node;
  bindings: Map<string, Binding[]>;
  fn: FunctionInfo | null;
}

/** Where a recorded node sits: its scope, its class, and the readable name of its function. */
export interface Site {
  scope: Scope;
  cls: ClassInfo | null;
  fn: FunctionInfo | null;
  /** enclosing function or method (`handler`, `OrderRepository.save`), or `module` */
  container: string;
}

export interface StringSite {
  node: TSESTree.Literal | TSESTree.TemplateLiteral;
  /** the property key or the constructor the string is given to, for principal/audience filtering */
  key?: string;
}

export interface SourceIndex {
  program: TSESTree.Program;
  moduleScope: Scope;
  news: Array<{ node: TSESTree.NewExpression; site: Site }>;
  calls: Array<{ node: TSESTree.CallExpression; site: Site }>;
  assignments: Array<{ node: TSESTree.AssignmentExpression; site: Site }>;
  strings: StringSite[];
  classes: ClassInfo[];
  /** call sites by the called name (`fn(…)`, `obj.fn(…)`), and `new C(…)` under `new:C` */
  callSites: Map<string, Array<{ node: TSESTree.CallExpression | TSESTree.NewExpression; site: Site }>>;
  /** module specifiers of every import/require in the file */
  modules: Set<string>;
  functions: Map<Node, FunctionInfo>;
  /** what the module exports, by exported name (`export const x = …`, `export { x }`, `module.exports = { x }`) */
  exported: Array<{ name: string; node: Node; scope: Scope }>;
}

const ARRAY_ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find']);

function addBinding(scope: Scope, binding: Binding): void {
  const list = scope.bindings.get(binding.name);
  if (list) list.push(binding);
  else scope.bindings.set(binding.name, [binding]);
}

/** Declares the identifiers of a binding pattern, each with its property path inside the value. */
function declarePattern(pattern: Node, path: string[], declare: (id: TSESTree.Identifier, path: string[], defaultValue: Expression | null) => void, defaultValue: Expression | null = null): void {
  switch (pattern.type) {
    case 'Identifier':
      declare(pattern, path, defaultValue);
      return;
    case 'AssignmentPattern':
      declarePattern(pattern.left, path, declare, pattern.right);
      return;
    case 'ObjectPattern':
      for (const p of pattern.properties) {
        if (p.type === 'RestElement') continue;
        const key = propertyKeyName(p);
        if (key === undefined) continue;
        declarePattern(p.value, [...path, key], declare);
      }
      return;
    case 'ArrayPattern':
      pattern.elements.forEach((el, i) => {
        if (el && el.type !== 'RestElement') declarePattern(el, [...path, String(i)], declare);
      });
      return;
    case 'TSParameterProperty':
      declarePattern(pattern.parameter, path, declare, defaultValue);
      return;
    default:
      return;
  }
}

function typeNameOf(param: Node): TSESTree.EntityName | null {
  let p: Node = param;
  if (p.type === 'TSParameterProperty') p = p.parameter;
  if (p.type === 'AssignmentPattern') p = p.left;
  const ann = (p as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation;
  const t = ann?.typeAnnotation;
  return t && t.type === 'TSTypeReference' ? t.typeName : null;
}

function entityText(name: TSESTree.EntityName): string {
  if (name.type === 'Identifier') return name.name;
  if (name.type === 'ThisExpression') return 'this';
  return `${entityText(name.left)}.${name.right.name}`;
}

export { entityText };

/** The name a function is called by, from its declaration or the place it is assigned to. */
function functionName(node: FunctionInfo['node'], parent: Node | null, cls: ClassInfo | null): { name: string | null; isConstructor: boolean } {
  if (node.type === 'FunctionDeclaration' || (node.type === 'FunctionExpression' && node.id)) return { name: node.id?.name ?? null, isConstructor: false };
  if (!parent) return { name: null, isConstructor: false };
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return { name: parent.id.name, isConstructor: false };
  if (parent.type === 'MethodDefinition') {
    if (parent.kind === 'constructor') return { name: cls?.name ?? 'constructor', isConstructor: true };
    return { name: propertyKeyName(parent) ?? null, isConstructor: false };
  }
  if ((parent.type === 'Property' || parent.type === 'PropertyDefinition') && parent.value === node) return { name: propertyKeyName(parent) ?? null, isConstructor: false };
  if (parent.type === 'AssignmentExpression' && parent.right === node) {
    const left = parent.left;
    if (left.type === 'Identifier') return { name: left.name, isConstructor: false };
    if (left.type === 'MemberExpression') return { name: propertyKeyName(left) ?? null, isConstructor: false };
  }
  return { name: null, isConstructor: false };
}

/** Walks the program once and records everything the scanner reads afterwards. */
export function indexSource(program: TSESTree.Program): SourceIndex {
  const moduleScope: Scope = { parent: null, node: program, bindings: new Map(), fn: null };
  const index: SourceIndex = { program, moduleScope, news: [], calls: [], assignments: [], strings: [], classes: [], callSites: new Map(), modules: new Set(), functions: new Map(), exported: [] };
  const addCallSite = (key: string, node: TSESTree.CallExpression | TSESTree.NewExpression, site: Site): void => {
    const list = index.callSites.get(key);
    if (list) list.push({ node, site });
    else index.callSites.set(key, [{ node, site }]);
  };

  // The walk keeps its context in these variables and restores them on the way out.
  let site: Site = { scope: moduleScope, cls: null, fn: null, container: 'module' };
  /** the key a string literal sits under, valid for the node being visited */
  let stringKey: string | undefined;

  const visit = (node: Node, parent: Node | null): void => {
    switch (node.type) {
      case 'ImportDeclaration': {
        const module = String(node.source.value);
        index.modules.add(module);
        for (const s of node.specifiers) {
          const imported = s.type === 'ImportSpecifier' ? (s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value)) : s.type === 'ImportDefaultSpecifier' ? 'default' : '*';
          addBinding(moduleScope, { kind: 'import', name: s.local.name, id: s.local, scope: moduleScope, module, imported });
        }
        return;
      }
      case 'TSImportEqualsDeclaration': {
        const ref = node.moduleReference;
        if (ref.type === 'TSExternalModuleReference') {
          const module = staticString(ref.expression);
          if (module !== undefined) {
            index.modules.add(module);
            addBinding(site.scope, { kind: 'import', name: node.id.name, id: node.id, scope: site.scope, module, imported: '*' });
          }
        }
        return;
      }
      case 'VariableDeclarator': {
        const decl = parent?.type === 'VariableDeclaration' ? parent : null;
        const declKind = decl?.kind ?? 'var';
        const init = node.init as Expression | null;
        const scope = site.scope;
        declarePattern(node.id, [], (id, path) => addBinding(scope, { kind: 'var', name: id.name, id, scope, declKind, init, path, assignments: [] }));
        if (node.init) visitChild(node.init, node);
        return;
      }
      case 'ForOfStatement': {
        if (node.left.type === 'VariableDeclaration') {
          for (const d of node.left.declarations) {
            declarePattern(d.id, [], (id, path) => addBinding(site.scope, { kind: 'loop', name: id.name, id, scope: site.scope, iterable: node.right, path }));
          }
        }
        visitChild(node.right, node);
        visitChild(node.body, node);
        return;
      }
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        enterFunction(node, parent);
        return;
      }
      case 'ClassDeclaration':
      case 'ClassExpression': {
        enterClass(node, parent);
        return;
      }
      case 'NewExpression': {
        index.news.push({ node, site });
        const callee = unwrap(node.callee);
        if (callee.type === 'Identifier') addCallSite(`new:${callee.name}`, node, site);
        else if (callee.type === 'MemberExpression') {
          const name = propertyKeyName(callee);
          if (name) addCallSite(`new:${name}`, node, site);
        }
        break;
      }
      case 'CallExpression': {
        index.calls.push({ node, site });
        const callee = unwrap(node.callee);
        if (callee.type === 'Identifier') {
          addCallSite(callee.name, node, site);
          if (callee.name === 'require') {
            const m = staticString(node.arguments[0]);
            if (m !== undefined) index.modules.add(m);
          }
        } else if (callee.type === 'MemberExpression') {
          const name = propertyKeyName(callee);
          if (name) addCallSite(name, node, site);
        } else if (callee.type === 'Super' && site.cls && site.fn?.isConstructor) {
          site.cls.superCall = node;
          site.cls.superCallScope = site.scope;
        }
        break;
      }
      case 'ExportNamedDeclaration': {
        if (node.declaration?.type === 'VariableDeclaration') {
          for (const d of node.declaration.declarations) if (d.id.type === 'Identifier' && d.init) index.exported.push({ name: d.id.name, node: d.init, scope: site.scope });
        } else if (!node.source) {
          for (const spec of node.specifiers) {
            const exportedName = spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
            if (spec.local.type === 'Identifier') index.exported.push({ name: exportedName, node: spec.local, scope: site.scope });
          }
        }
        break;
      }
      case 'ExportDefaultDeclaration':
        if (node.declaration.type !== 'FunctionDeclaration' && node.declaration.type !== 'ClassDeclaration' && node.declaration.type !== 'TSInterfaceDeclaration' && node.declaration.type !== 'TSDeclareFunction') {
          index.exported.push({ name: 'default', node: node.declaration, scope: site.scope });
        }
        break;
      case 'ImportExpression': {
        const m = staticString(node.source);
        if (m !== undefined) index.modules.add(m);
        break;
      }
      case 'AssignmentExpression': {
        index.assignments.push({ node, site });
        const left = node.left;
        if (node.operator === '=' && site.scope === moduleScope) recordCommonJsExport(index, left, node.right, site.scope);
        if (node.operator === '=' && left.type === 'Identifier') {
          const b = lookupBinding(site.scope, left.name);
          if (b && b.kind === 'var') b.assignments.push(node.right);
        } else if (node.operator === '=' && left.type === 'MemberExpression' && left.object.type === 'ThisExpression' && site.cls) {
          const name = propertyKeyName(left);
          if (name) addMember(site.cls, name, node.right, site.scope);
        }
        break;
      }
      case 'Literal':
        if (typeof node.value === 'string') index.strings.push({ node, key: stringKey });
        return;
      case 'TemplateLiteral':
        index.strings.push({ node, key: stringKey });
        break;
      case 'Property': {
        const key = propertyKeyName(node);
        // Keys are not values: visit the value only (a computed key may still hold expressions).
        if (node.computed) visitChild(node.key, node);
        visitWithKey(node.value, node, key);
        return;
      }
      case 'TSTypeAliasDeclaration':
      case 'TSInterfaceDeclaration':
      case 'TSDeclareFunction':
      case 'TSModuleDeclaration':
        if (node.type === 'TSModuleDeclaration' && !node.declare && node.body) break;
        return;
      case 'JSXText':
        return;
      default:
        break;
    }
    forEachChild(node, (child) => visitChild(child, node));
  };

  const visitChild = (child: Node, parent: Node): void => {
    // A string directly inside an array keeps the key of the array (`principals: ['…']`).
    const keep = parent.type === 'ArrayExpression';
    const saved = stringKey;
    if (!keep) stringKey = constructorKeyOf(parent, child);
    visit(child, parent);
    stringKey = saved;
  };

  const visitWithKey = (child: Node, parent: Node, key: string | undefined): void => {
    const saved = stringKey;
    stringKey = key;
    visit(child, parent);
    stringKey = saved;
  };

  const enterFunction = (node: FunctionInfo['node'], parent: Node | null): void => {
    const scope: Scope = { parent: site.scope, node, bindings: new Map(), fn: null };
    const { name, isConstructor } = functionName(node, parent, site.cls);
    const fn: FunctionInfo = { node, name, cls: site.cls, isConstructor, returns: [], scope };
    scope.fn = fn;
    index.functions.set(node, fn);
    if (node.type === 'FunctionDeclaration' && node.id) addBinding(site.scope, { kind: 'function', name: node.id.name, id: node.id, scope: site.scope, fn });
    if (node.type === 'FunctionExpression' && node.id) addBinding(scope, { kind: 'function', name: node.id.name, id: node.id, scope, fn });

    // `regions.forEach((region) => …)`: the first parameter ranges over the array.
    const iterable = parent && parent.type === 'CallExpression' && parent.arguments[0] === node ? arrayIterationTarget(parent) : null;
    node.params.forEach((param, i) => {
      if (i === 0 && iterable) {
        declarePattern(param, [], (id, path) => addBinding(scope, { kind: 'loop', name: id.name, id, scope, iterable, path }));
        return;
      }
      const typeName = typeNameOf(param);
      declarePattern(param, [], (id, path, defaultValue) => addBinding(scope, { kind: 'param', name: id.name, id, scope, fn, index: i, path, defaultValue, typeName }));
      if (isConstructor && site.cls && param.type === 'TSParameterProperty') {
        const p = param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
        if (p.type === 'Identifier') {
          if (typeName) site.cls.memberTypes.set(p.name, typeName);
          addMember(site.cls, p.name, p, scope);
        }
      }
    });

    const saved = site;
    const readable = name && site.cls && (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') ? (isConstructor ? site.cls.name : `${site.cls.name}.${name}`) : name;
    site = { scope, cls: site.cls, fn, container: readable ?? saved.container };
    for (const param of node.params) visitParamDefaults(param, node);
    if (node.body) {
      if (node.body.type === 'BlockStatement') visitChild(node.body, node);
      else {
        fn.returns.push(node.body as Expression);
        visitChild(node.body, node);
      }
    }
    site = saved;
  };

  const visitParamDefaults = (param: Node, fnNode: Node): void => {
    if (param.type === 'AssignmentPattern') visitChild(param.right, fnNode);
    else if (param.type === 'TSParameterProperty') visitParamDefaults(param.parameter, fnNode);
    else if (param.type === 'ObjectPattern') for (const p of param.properties) if (p.type === 'Property') visitParamDefaults(p.value, fnNode);
  };

  const enterClass = (node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, parent: Node | null): void => {
    const name = node.id?.name ?? (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : 'anonymous class');
    const cls: ClassInfo = { node, name, superClass: (node.superClass as Expression | null) ?? null, members: new Map(), memberTypes: new Map(), superCall: null, superCallScope: null, scope: site.scope };
    index.classes.push(cls);
    if (node.id) addBinding(site.scope, { kind: 'class', name: node.id.name, id: node.id, scope: site.scope, cls });
    if (node.superClass) visitChild(node.superClass, node);
    const saved = site;
    site = { scope: site.scope, cls, fn: null, container: name };
    for (const member of node.body.body) {
      if (member.type === 'PropertyDefinition') {
        const key = propertyKeyName(member);
        const t = member.typeAnnotation?.typeAnnotation;
        if (key && t && t.type === 'TSTypeReference') cls.memberTypes.set(key, t.typeName);
        if (member.value) {
          if (key) addMember(cls, key, member.value as Expression, site.scope);
          visitWithKey(member.value, member, key);
        }
      } else {
        visitChild(member, node.body);
      }
    }
    site = saved;
  };

  visit(program, null);
  return index;
}

/** `module.exports = { a, b }`, `module.exports = x`, `exports.a = x`, `module.exports.a = x` */
function recordCommonJsExport(index: SourceIndex, left: Node, right: Node, scope: Scope): void {
  if (left.type !== 'MemberExpression') return;
  const name = propertyKeyName(left);
  const object = left.object;
  const isModule = (n: Node) => n.type === 'Identifier' && n.name === 'module';
  if (name === 'exports' && isModule(object)) {
    if (right.type === 'ObjectExpression') {
      for (const p of right.properties) {
        const key = p.type === 'Property' ? propertyKeyName(p) : undefined;
        if (p.type === 'Property' && key) index.exported.push({ name: key, node: p.value, scope });
      }
    } else index.exported.push({ name: 'default', node: right, scope });
    return;
  }
  const exportsObject = (object.type === 'Identifier' && object.name === 'exports') || (object.type === 'MemberExpression' && isModule(object.object) && propertyKeyName(object) === 'exports');
  if (exportsObject && name) index.exported.push({ name, node: right, scope });
}

function addMember(cls: ClassInfo, name: string, value: Expression | TSESTree.Identifier, scope: Scope): void {
  const list = cls.members.get(name);
  if (list) list.push({ value: value as Expression, scope });
  else cls.members.set(name, [{ value: value as Expression, scope }]);
}

/** `xs.forEach(cb)` / `xs.map(cb)`: the array `xs`. */
function arrayIterationTarget(call: TSESTree.CallExpression): Expression | null {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return null;
  const name = propertyKeyName(callee);
  return name && ARRAY_ITERATION_METHODS.has(name) ? (callee.object as Expression) : null;
}

/** Strings given to `new X.ServicePrincipal('…')` and friends are principals, not endpoints. */
function constructorKeyOf(parent: Node, child: Node): string | undefined {
  if ((parent.type === 'NewExpression' || parent.type === 'CallExpression') && parent.callee !== child) {
    const callee = unwrap(parent.callee);
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyKeyName(callee) : undefined;
    if (name && /Principal$/.test(name)) return 'principal';
  }
  return undefined;
}

/** The binding a name refers to from a scope, nearest scope first; within a scope, the declaration nearest before `at`. */
export function lookupBinding(scope: Scope, name: string, at?: number): Binding | undefined {
  for (let s: Scope | null = scope; s; s = s.parent) {
    const list = s.bindings.get(name);
    if (!list || list.length === 0) continue;
    if (list.length === 1 || at === undefined) return list[0];
    let best: Binding | undefined;
    for (const b of list) if (b.id.range[0] <= at && (!best || b.id.range[0] > best.id.range[0])) best = b;
    return best ?? list[0];
  }
  return undefined;
}
