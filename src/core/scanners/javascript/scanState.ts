/**
 * What the parts of the JavaScript scanner share while they scan one file: the dependency
 * builder, the source index, the value resolver and region tracer, the clients found so far (by
 * the node that constructs them, so calls can link to them), and the endpoint/ARN dependencies
 * found in string literals (so a client's `endpoint` option can link to its endpoint).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { DeployUnit, Dependency, Problem, RegionRef, TraceEvidence, TraceStep } from '../../model';
import { DependencyBuilder, type DependencyDraft } from '../builder';
import type { Node } from './parse';
import { RegionTracer, type RegionOutcome } from './regionValues';
import type { SourceIndex } from './sourceIndex';
import { ValueResolver, type ParamBinding } from './values';

/** A constructed SDK client, remembered so calls made through it can link to it. */
export interface ClientRecord {
  dep: Dependency;
  origin: 'js-v3' | 'js-v2';
  /** the class as imported (`DynamoDBClient`, `DynamoDB`, `DocumentClient`) */
  className: string;
  /** a client whose operations are methods (`new DynamoDB()` in v3, every v2 client) */
  methodCalls: boolean;
  /** DynamoDB document clients take `put`/`get` rather than `putItem`/`getItem` */
  documentClient: boolean;
}

export class ScanState {
  readonly builder: DependencyBuilder;
  readonly values: ValueResolver;
  readonly tracer: RegionTracer;
  readonly clients = new Map<Node, ClientRecord>();
  /** endpoint/ARN dependencies by the string literal they were found in */
  readonly literalDeps = new Map<Node, Dependency[]>();
  readonly problems: Problem[] = [];
  readonly deployUnits: DeployUnit[] = [];
  /**
   * Where code inside functions of this file runs, when the file is an IaC program that deploys
   * its own callbacks (Pulumi's magic functions run as Lambda functions in the stack's region).
   */
  callbackRegion: RegionRef | null = null;
  /** clients each parameter receives, once computed (see `sdkCalls.ts`) */
  readonly paramClients = new Map<ParamBinding, ClientRecord[]>();
  /**
   * Every range of the text this scan read, as start/end pairs: ids, trace texts and props checks
   * come from these slices, so an edit inside one (even of a comment) may change the result. The
   * editor's trivia barrier (`src/core/incremental/trivia.ts`) refuses such edits; read the text
   * only through {@link read} (or {@link markRead} for a slice taken elsewhere).
   */
  readonly reads: number[] = [];

  constructor(readonly file: string, readonly text: string, readonly index: SourceIndex) {
    this.builder = new DependencyBuilder(file, text);
    this.values = new ValueResolver(index);
    this.tracer = new RegionTracer({ file, text, read: (start, end) => this.read(start, end), lines: this.builder.lines, index, values: this.values });
  }

  /** The text of [start, end), recorded as read. */
  read(start: number, end: number): string {
    this.reads.push(start, end);
    return this.text.slice(start, end);
  }

  /** Records [start, end) as read by code that slices the text itself (the dependency builder). */
  markRead(start: number, end: number): void {
    this.reads.push(start, end);
  }

  add(draft: DependencyDraft, node: Node): Dependency {
    this.markRead(node.range[0], node.range[1]);
    return this.builder.add(draft, node.range[0], node.range[1]);
  }

  /**
   * A construct (`new X(this, "Id", { … })`): anchored at its head, from `new` to the end of the
   * id argument (`head`), so that its findings underline the call head and not every line of its
   * props and comments. Its id still comes from the whole expression.
   */
  addConstruct(draft: DependencyDraft, node: TSESTree.NewExpression, head: Node | undefined): Dependency {
    const end = (head ?? node.callee).range[1];
    return this.builder.add(draft, node.range[0], end, this.read(node.range[0], node.range[1]));
  }

  step(node: Node, evidence: TraceEvidence): TraceStep {
    return this.tracer.step(node, evidence);
  }

  line(node: Node): number {
    return this.builder.lines.position(node.range[0]).line;
  }

  source(node: Node, max = 80): string {
    const s = this.read(node.range[0], node.range[1]).replace(/\s+/g, ' ');
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
  }
}

/** The region fields of an outcome, without undefined keys (dependencies are compared as plain data). */
export function regionFields(o: RegionOutcome): Pick<Dependency, 'region' | 'regionSource' | 'candidateRegions' | 'regionTrace' | 'regionRef'> {
  const out: Pick<Dependency, 'region' | 'regionSource' | 'candidateRegions' | 'regionTrace' | 'regionRef'> = { region: o.region, regionSource: o.regionSource };
  if (o.candidateRegions && o.candidateRegions.length) out.candidateRegions = [...o.candidateRegions];
  if (o.regionTrace && o.regionTrace.length) out.regionTrace = o.regionTrace.map((t) => ({ ...t }));
  if (o.regionRef) out.regionRef = { ...o.regionRef };
  return out;
}

/** The region fields of a dependency as an outcome (calls copy their client's). */
export function outcomeOf(dep: Dependency): RegionOutcome {
  const o: RegionOutcome = { region: dep.region, regionSource: dep.regionSource };
  if (dep.candidateRegions) o.candidateRegions = dep.candidateRegions;
  if (dep.regionTrace) o.regionTrace = dep.regionTrace;
  if (dep.regionRef) o.regionRef = dep.regionRef;
  return o;
}
