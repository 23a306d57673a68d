/**
 * References from one CDK construct to another: the bucket a replication rule copies to, the
 * certificate a distribution serves, the bucket behind an origin. Facts record them as text the
 * rules can match (the construct id, a bucket name, an ARN) — see `referenceText`. Where the file
 * alone cannot tell which construct a reference names, because the construct comes through a
 * stack's props from another stack (a CDK cross-stack reference) or is a member of a stack
 * created here, the scanner also records the reference as a {@link CdkConstructRef} that the CDK
 * pass (`src/core/resolve/cdk.ts`) follows across files once every stack has its region.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CdkFacts, CdkInstantiationFact } from './cdk';
import { propertyKeyName, staticString, unwrap, type Node } from './parse';
import type { ScanState } from './scanState';
import type { ClassInfo, Scope } from './sourceIndex';
import type { Value } from './values';

/** What a reference names, as far as one file can tell. */
export type CdkConstructRef =
  /** a construct of this file: its dependency id */
  | { kind: 'construct'; id: string }
  /** `replicaStack.bucket`: a member (path) of an instance of a stack or construct class created in this file (its key) */
  | { kind: 'member'; instance: string; path: string[] }
  /** `props.replicaBucket`: what every instantiation of the class passes in its props (path below the props) */
  | { kind: 'prop'; className: string; path: string[] }
  /** an ARN written as a string */
  | { kind: 'text'; text: string };

/** A fact of a construct that another construct completes, once the CDK pass knows which construct and where it is. */
export interface CdkReferenceFact {
  /** the dependency id of the construct whose attribute the reference belongs to */
  from: string;
  attribute: 'replicationDestinations' | 'viewerCertificateArn';
  /** `replicaRegions` index the destination's region fills (one per replication rule) */
  slot?: number;
  target: CdkConstructRef;
}

/** A reference found while reading a construct's props, resolved once the whole file is scanned. */
export interface PendingReference {
  attribute: CdkReferenceFact['attribute'];
  slot?: number;
  node: Node;
  scope: Scope;
}

const MAX_DEPTH = 12;

/** `Bucket.fromBucketName(this, 'Id', …)` and other `from*` imports of an existing resource: the call, when the value is one. */
export function importCall(state: ScanState, node: Node, scope: Scope): { method: string; args: Node[]; scope: Scope } | undefined {
  const v = state.values.resolve(node, scope);
  if (v.kind !== 'expr') return undefined;
  const n = unwrap(v.node);
  if (n.type !== 'CallExpression') return undefined;
  const callee = unwrap(n.callee);
  const method = callee.type === 'MemberExpression' ? propertyKeyName(callee) : undefined;
  if (!method || !/^from[A-Z]/.test(method)) return undefined;
  return { method, args: n.arguments as Node[], scope: v.scope };
}

/** The construct id of `new X(scope, 'Id', …)` or `X.fromY(scope, 'Id', …)`, when written as a string. */
function constructIdOf(n: Node): string | undefined {
  if ((n.type === 'NewExpression' || n.type === 'CallExpression') && n.arguments.length >= 2) {
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee);
      const method = callee.type === 'MemberExpression' ? propertyKeyName(callee) : undefined;
      if (!method || !/^from[A-Z]/.test(method)) return undefined;
    }
    return staticString(n.arguments[1]);
  }
  return undefined;
}

/** The construct a value names directly or through one of its attributes (`replica`, `replica.bucketArn`): its `new` or `from*` expression. */
function constructNodeOf(state: ScanState, v: Value, depth = 0): Node | undefined {
  if (v.kind !== 'expr' || depth > MAX_DEPTH) return undefined;
  const n = unwrap(v.node);
  if (constructIdOf(n) !== undefined) return n;
  if (n.type === 'MemberExpression') return constructNodeOf(state, state.values.resolve(n.object, v.scope), depth + 1);
  return undefined;
}

const CLOUDFORMATION_REGION = /^(?:this\.region|(?:cdk\.|core\.)?Stack\.of\(this\)\.region|(?:cdk\.|core\.)?Aws\.REGION)$/;

/**
 * A template literal as the text it stands for: `arn:aws:acm:${this.region}:…` keeps the literal
 * parts and writes each expression as `${source}`; the stack's own region (`this.region`,
 * `Stack.of(this).region`, `Aws.REGION`) becomes CloudFormation's `${AWS::Region}`, which rules
 * read as "the stack's region".
 */
export function templateText(state: ScanState, n: TSESTree.TemplateLiteral): string {
  let out = '';
  n.quasis.forEach((q, i) => {
    out += q.value.cooked ?? q.value.raw;
    const e = n.expressions[i];
    if (!e) return;
    const source = state.source(e, 80);
    out += CLOUDFORMATION_REGION.test(source) ? '${AWS::Region}' : `\${${source}}`;
  });
  return out;
}

/** A string value as text: the literal, a template's text, else `${expression}` (a reference the file cannot evaluate). */
export function stringText(state: ScanState, node: Node, scope: Scope): string {
  const v = state.values.resolve(node, scope);
  if (v.kind === 'expr') {
    const n = unwrap(v.node);
    const s = staticString(n);
    if (s !== undefined) return s;
    if (n.type === 'TemplateLiteral') return templateText(state, n);
  }
  return `\${${state.source(node, 80)}}`;
}

/**
 * How a reference to another construct is written in facts: the construct id when the value is a
 * construct of this file or one of its attributes (`replica`, `replica.bucketArn`), a string as
 * written (a bucket name, an ARN), else `${expression}`.
 */
export function referenceText(state: ScanState, node: Node, scope: Scope): string {
  const v = state.values.resolve(node, scope);
  const construct = constructNodeOf(state, v);
  if (construct) return constructIdOf(construct) as string;
  return stringText(state, node, scope);
}

/**
 * Turns references read from construct props into {@link CdkConstructRef}s, and records the
 * construct-valued members of the file's classes and props of its instantiations, which the CDK
 * pass follows from one file to another.
 */
export class CdkReferences {
  /** the dependency id of each construct of the file, by its `new` expression */
  readonly constructs = new Map<Node, string>();
  private readonly pending: Array<PendingReference & { from: string }> = [];
  private readonly instantiations: Array<{ fact: CdkInstantiationFact; props: Node | undefined; scope: Scope }> = [];

  constructor(private readonly state: ScanState, private readonly instanceAt: (node: Node) => CdkInstantiationFact | undefined) {}

  addPending(from: string, refs: readonly PendingReference[]): void {
    for (const r of refs) this.pending.push({ ...r, from });
  }

  /** An instantiation of a local class, whose construct-valued props the pass may follow. */
  addInstantiation(fact: CdkInstantiationFact, props: Node | undefined, scope: Scope): void {
    if (!fact.core) this.instantiations.push({ fact, props, scope });
  }

  /** Once every construct of the file is known: the references, class members and instantiation props, into the facts. */
  finish(facts: CdkFacts, classes: ReadonlyMap<string, ClassInfo>): void {
    const references = facts.references ?? [];
    for (const p of this.pending) {
      const target = this.refOf(p.node, p.scope);
      // A string of this file is already in the facts as written; only what comes from elsewhere is worth following.
      if (!target || target.kind === 'text') continue;
      const fact: CdkReferenceFact = { from: p.from, attribute: p.attribute, target };
      if (p.slot !== undefined) fact.slot = p.slot;
      references.push(fact);
    }
    if (references.length) facts.references = references;
    for (const cls of facts.classes) {
      const info = classes.get(cls.name);
      if (!info) continue;
      for (const [name, assigned] of info.members) {
        for (const a of assigned) {
          const ref = this.refOf(a.value, a.scope);
          if (ref) {
            (cls.members ??= {})[name] = ref;
            break;
          }
        }
      }
    }
    for (const { fact, props, scope } of this.instantiations) {
      const object = props ? this.state.values.objectOf(props, scope) : undefined;
      if (!object) continue;
      for (const p of object.object.properties) {
        if (p.type !== 'Property') continue;
        const name = propertyKeyName(p);
        if (name === undefined || name === 'env') continue;
        const ref = this.refOf(p.value, object.scope);
        if (ref) (fact.props ??= {})[name] = ref;
      }
    }
  }

  /** What a value names: a construct of this file, a member of a stack created here, a prop of the enclosing class, or an ARN. */
  refOf(node: Node, scope: Scope): CdkConstructRef | undefined {
    return this.refOfValue(this.state.values.resolve(node, scope), 0);
  }

  private refOfValue(v: Value, depth: number): CdkConstructRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (v.kind === 'param') {
      const b = v.binding;
      const path = [...b.path, ...v.path];
      // The props of a stack or construct class: `constructor(scope, id, props)`.
      if (b.fn.isConstructor && b.fn.cls && b.index === 2 && path.length > 0) return { kind: 'prop', className: b.fn.cls.name, path };
      return undefined;
    }
    if (v.kind !== 'expr') return undefined;
    const n = unwrap(v.node);
    const s = staticString(n);
    if (s !== undefined) return s.startsWith('arn:') ? { kind: 'text', text: s } : undefined;
    if (n.type === 'NewExpression') {
      const id = this.constructs.get(n);
      if (id) return { kind: 'construct', id };
      // An instance of a stack or construct class: what it holds is named by its members.
      const inst = this.instanceAt(n);
      return inst && !inst.core ? { kind: 'member', instance: inst.key, path: [] } : undefined;
    }
    if (n.type === 'MemberExpression') {
      const name = propertyKeyName(n);
      if (name === undefined) return undefined;
      const base = this.refOfValue(this.state.values.resolve(n.object, v.scope), depth + 1);
      // An attribute of a construct (`replica.bucketArn`) names the construct.
      if (!base || base.kind === 'construct' || base.kind === 'text') return base?.kind === 'construct' ? base : undefined;
      return { ...base, path: [...base.path, name] };
    }
    return undefined;
  }
}
