/**
 * Reads the props object of a construct or the args of a Pulumi resource the way the resilience
 * facts need it: "not stated" (undefined) kept apart from "stated but not a literal" (null), and
 * every value followed through the file's consts and spreads.
 */
import { propertyKeyName, staticString, unwrap, type Node } from './parse';
import type { ScanState } from './scanState';
import type { Scope } from './sourceIndex';
import type { Value } from './values';

export class PropsReader {
  private constructor(private readonly state: ScanState, private readonly object: import('@typescript-eslint/typescript-estree').TSESTree.ObjectExpression | null, private readonly scope: Scope, readonly unknown: boolean) {}

  /** Props from an expression (an object literal, or a const holding one). */
  static of(state: ScanState, node: Node | undefined | null, scope: Scope): PropsReader {
    if (!node) return new PropsReader(state, null, scope, false);
    const found = state.values.objectOf(node, scope);
    return found ? new PropsReader(state, found.object, found.scope, false) : new PropsReader(state, null, scope, true);
  }

  /** Props from a resolved value (an object literal; anything else reads as unknown). */
  static fromValue(state: ScanState, v: Value): PropsReader {
    if (v.kind === 'expr') {
      const n = unwrap(v.node);
      if (n.type === 'ObjectExpression') return new PropsReader(state, n, v.scope, false);
    }
    return new PropsReader(state, null, v.kind === 'expr' ? v.scope : state.index.moduleScope, true);
  }

  /** The expression written for a property, and the scope it is in. */
  node(name: string): { node: Node; scope: Scope; property: import('@typescript-eslint/typescript-estree').TSESTree.Property } | undefined {
    if (!this.object) return undefined;
    const found = this.state.values.findProperty(this.object, name, this.scope);
    if (!found || found === 'unknown') return undefined;
    return { node: found.property.value, scope: found.scope, property: found.property };
  }

  has(name: string): boolean {
    return this.node(name) !== undefined;
  }

  /**
   * Whether the props may state the property where the file cannot see it: the props are an
   * expression the file cannot evaluate, or a spread of one. A default is then not the value.
   */
  hidden(name: string): boolean {
    if (!this.object) return this.unknown;
    return this.state.values.findProperty(this.object, name, this.scope) === 'unknown';
  }

  value(name: string): Value | undefined {
    const n = this.node(name);
    return n ? this.state.values.resolve(n.node, n.scope) : undefined;
  }

  /** undefined: not stated; null: stated as an expression the file cannot evaluate. */
  bool(name: string): boolean | null | undefined {
    const v = this.value(name);
    if (!v) return undefined;
    if (v.kind === 'expr') {
      const n = unwrap(v.node);
      if (n.type === 'Literal' && typeof n.value === 'boolean') return n.value;
    }
    return null;
  }

  number(name: string): number | null | undefined {
    const v = this.value(name);
    if (!v) return undefined;
    if (v.kind === 'expr') {
      const n = unwrap(v.node);
      if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
    }
    return null;
  }

  /** A string literal, or the last name of an enum-like member (`EndpointType.REGIONAL` → `REGIONAL`). */
  string(name: string): string | null | undefined {
    const v = this.value(name);
    return v ? stringOfValue(v) : undefined;
  }

  props(name: string): PropsReader {
    const v = this.value(name);
    return v ? PropsReader.fromValue(this.state, v) : new PropsReader(this.state, null, this.scope, false);
  }

  /** Elements of an array property; null when the property is not an array literal. */
  list(name: string): Value[] | null | undefined {
    const v = this.value(name);
    if (!v) return undefined;
    if (v.kind !== 'expr') return null;
    const n = unwrap(v.node);
    if (n.type !== 'ArrayExpression') return null;
    const out: Value[] = [];
    for (const el of n.elements) {
      if (!el) continue;
      if (el.type === 'SpreadElement') return null;
      out.push(this.state.values.resolve(el, v.scope));
    }
    return out;
  }

  /** Elements of an array property as props objects. */
  objects(name: string): PropsReader[] | null | undefined {
    const l = this.list(name);
    return l ? l.map((v) => PropsReader.fromValue(this.state, v)) : l;
  }

  /** The expressions of the object's own properties (a map such as `additionalBehaviors`); null when the object is not a literal. */
  entries(): Array<{ node: Node; scope: Scope }> | null {
    if (!this.object) return this.unknown ? null : [];
    const out: Array<{ node: Node; scope: Scope }> = [];
    for (const p of this.object.properties) {
      if (p.type !== 'Property') return null;
      out.push({ node: p.value, scope: this.scope });
    }
    return out;
  }

  /** Literal values of the object's own properties (for `environment` maps): literal or `${expression}`. */
  stringMap(): Record<string, string> | undefined {
    if (!this.object) return undefined;
    const out: Record<string, string> = {};
    for (const p of this.object.properties) {
      if (p.type !== 'Property') continue;
      const key = propertyKeyName(p);
      if (key === undefined) continue;
      const v = this.state.values.resolve(p.value, this.scope);
      const s = v.kind === 'expr' ? staticString(v.node) : undefined;
      out[key] = s ?? `\${${this.state.source(p.value, 120)}}`;
    }
    return out;
  }

  /** The source text of the whole props object (cheap content checks such as `ONE_ZONE`). */
  text(): string {
    return this.object ? this.state.read(this.object.range[0], this.object.range[1]) : '';
  }
}

const ENUM_MEMBER = /^[A-Z][A-Z0-9_]*$/;

/** A string literal, or an enum member written in capitals (`apigw.EndpointType.REGIONAL` → `REGIONAL`). */
export function stringOfValue(v: Value): string | null {
  let last: string | undefined;
  if (v.kind === 'expr') {
    const s = staticString(v.node);
    if (s !== undefined) return s;
    const n = unwrap(v.node);
    if (n.type === 'MemberExpression') last = propertyKeyName(n);
  } else if ((v.kind === 'module' || v.kind === 'global') && v.path.length > 1) {
    last = v.path[v.path.length - 1];
  }
  return last && ENUM_MEMBER.test(last) ? last : null;
}
