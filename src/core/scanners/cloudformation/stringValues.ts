/**
 * ARNs and endpoint hosts inside template values. Every string scalar (and every `!Sub` string
 * and `!Join` that can be read as text) goes through {@link analyseStringValue}; each hit becomes an
 * `arn` or `endpoint` dependency anchored at the string.
 *
 * Templates write ARNs with placeholders (`arn:${AWS::Partition}:dynamodb:${AWS::Region}:…`),
 * which the shared literal patterns do not accept as written. So placeholders are first replaced
 * by stand-ins of the right shape (partition `aws`, a 12-digit account, a neutral token), the
 * text is analysed, and offsets are mapped back to the value as written. A region placeholder
 * that stands for the stack's own region (`${AWS::Region}`, Serverless `${aws:region}`) leaves the
 * dependency without a region: the ARN follows the stack wherever it is deployed, which is what
 * the rules about hard-coded regions want to see, so no region is written on it.
 */
import type { DependencyBuilder, DependencyDraft } from '../builder';
import { analyseStringValue } from '../literals';
import { parseJsonTemplate } from './jsonTemplate';
import { parseYamlTemplate } from './yamlTemplate';
import { intrinsicOf, isIntrinsicKey, textOf, type TemplateNode } from './templateTree';

export interface StringScanOptions {
  builder: DependencyBuilder;
  /** the stack the values belong to */
  stackFile: string;
  origin: string;
  /** whether a placeholder's inner text (`AWS::Region`, `aws:region`) names the stack's deploy region */
  isDeployRegion?: (inner: string) => boolean;
}

/** Keys whose values are prose, not configuration: their URLs are documentation. */
const PROSE_KEYS = new Set(['Description', 'description', 'AWS::CloudFormation::Interface', 'ConstraintDescription']);

/** A region that real templates never write, standing in for a deploy-region placeholder. */
const STAND_IN_REGION = 'us-isof-south-1';
const STAND_IN_ACCOUNT = '123456789012';
const STAND_IN_TOKEN = 'x0placeholder0x';

/** CloudFormation's placeholder for the stack's own region. */
export function cloudFormationDeployRegion(inner: string): boolean {
  return inner.trim() === 'AWS::Region';
}

/** Walks a value and adds a dependency for every ARN and endpoint host in its strings. */
export function scanStringValues(node: TemplateNode | undefined, key: string | undefined, container: string | undefined, options: StringScanOptions): void {
  walk(node, key, container, options, 0);
}

function walk(node: TemplateNode | undefined, key: string | undefined, container: string | undefined, options: StringScanOptions, depth: number): void {
  if (!node || node.aliased || depth > 100) return;
  const call = intrinsicOf(node);
  if (call?.fn === 'Fn::Join') {
    // A join is one string at run time: analyse the joined text once, anchored at the whole join.
    const joined = textOf(node);
    if (joined !== undefined) {
      addFindings(joined, key, node, container, options, false);
      return;
    }
  }
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string' || (call && call.fn !== 'Fn::Sub' && call.fn !== 'Fn::Base64')) return;
    const embedded = embeddedJson(node.value);
    // A policy document written as a JSON string: its keys (`Principal.Service`) matter as much as in YAML.
    if (embedded) walkEmbedded(embedded, key, node, container, options, 0);
    else addFindings(node.value, key, node, container, options, false);
    return;
  }
  if (node.kind === 'seq') {
    for (const item of node.items) walk(item, key, container, options, depth + 1);
    return;
  }
  for (const pair of node.pairs) {
    if (pair.merged) continue;
    if (PROSE_KEYS.has(pair.key)) continue;
    // Intrinsic keys are transparent: `Service: { Fn::Sub: … }` is still under `Service`.
    walk(pair.value, isIntrinsicKey(pair.key) ? key : pair.key, container, options, depth + 1);
  }
}

/**
 * A string value that is itself a document — a policy written as a JSON string, a stack set's
 * `TemplateBody` in YAML — parsed; else undefined. Only strings that may hold an ARN or a host
 * get here, so the parse is rare.
 */
function embeddedJson(value: string): TemplateNode | undefined {
  if (value.length > 20000 || (!value.includes('amazonaws') && !value.includes('arn:'))) return undefined;
  const t = value.trim();
  if (t.startsWith('{') && t.endsWith('}')) {
    const parsed = parseJsonTemplate(value);
    return parsed.problems.length === 0 && parsed.root?.kind === 'map' ? parsed.root : undefined;
  }
  if (!/\n\s*[A-Za-z"'][\w"' -]*:(\s|$)/.test(value) || !/^[A-Za-z"'][\w"' -]*:(\s|$)/m.test(t)) return undefined;
  const parsed = parseYamlTemplate(value);
  const root = parsed.root;
  if (parsed.problems.length || root?.kind !== 'map' || !root.pairs.some((p) => p.value?.kind === 'map' || p.value?.kind === 'seq')) return undefined;
  return root;
}

/** Walks a JSON document found inside a string; findings are anchored inside the outer string by search. */
function walkEmbedded(node: TemplateNode, key: string | undefined, outer: TemplateNode, container: string | undefined, options: StringScanOptions, depth: number): void {
  if (depth > 50) return;
  if (node.kind === 'scalar') {
    const call = intrinsicOf(node);
    if (typeof node.value === 'string' && (!call || call.fn === 'Fn::Sub')) addFindings(node.value, key, outer, container, options, true);
  } else if (node.kind === 'seq') {
    for (const item of node.items) walkEmbedded(item, key, outer, container, options, depth + 1);
  } else {
    for (const pair of node.pairs) {
      if (pair.value && !pair.merged && !PROSE_KEYS.has(pair.key)) walkEmbedded(pair.value, isIntrinsicKey(pair.key) ? key : pair.key, outer, container, options, depth + 1);
    }
  }
}

interface Segment {
  /** offsets in the analysed text */
  from: number;
  to: number;
  /** offsets in the value as written */
  origFrom: number;
  origTo: number;
  deployRegion: boolean;
  replaced: boolean;
}

/** Replaces `${…}` (and `#{…}`) placeholders with stand-ins and keeps the offset map. */
function standIns(value: string, isDeployRegion: (inner: string) => boolean): { text: string; segments: Segment[] } {
  const segments: Segment[] = [];
  let out = '';
  let literalStart = 0;
  const flushLiteral = (until: number): void => {
    if (until > literalStart) {
      segments.push({ from: out.length, to: out.length + (until - literalStart), origFrom: literalStart, origTo: until, deployRegion: false, replaced: false });
      out += value.slice(literalStart, until);
    }
  };
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if ((c === '$' || c === '#') && value[i + 1] === '{') {
      const close = matchingBrace(value, i + 1);
      if (close > 0) {
        flushLiteral(i);
        const inner = value.slice(i + 2, close);
        let stand: string;
        let deployRegion = false;
        if (inner === 'AWS::Partition') stand = 'aws';
        else if (inner === 'AWS::AccountId' || /^aws:accountId$/i.test(inner)) stand = STAND_IN_ACCOUNT;
        else if (inner === 'AWS::URLSuffix') stand = 'amazonaws.com';
        else if (isDeployRegion(inner)) {
          stand = STAND_IN_REGION;
          deployRegion = true;
        } else stand = STAND_IN_TOKEN;
        segments.push({ from: out.length, to: out.length + stand.length, origFrom: i, origTo: close + 1, deployRegion, replaced: true });
        out += stand;
        i = close + 1;
        literalStart = i;
        continue;
      }
    }
    i++;
  }
  flushLiteral(value.length);
  return { text: out, segments };
}

/** Index of the `}` closing the `{` at `open`, counting nesting, within a bounded distance; -1 if none. */
function matchingBrace(value: string, open: number): number {
  let depth = 0;
  const limit = Math.min(value.length, open + 400);
  for (let j = open; j < limit; j++) {
    const ch = value[j];
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return j;
    } else if (ch === '\n') return -1;
  }
  return -1;
}

function toOriginal(segments: Segment[], offset: number, isEnd: boolean): number {
  for (const s of segments) {
    if (offset < s.from || offset > s.to) continue;
    if (offset === s.to && !isEnd && s.to !== s.from) continue;
    if (!s.replaced) return s.origFrom + (offset - s.from);
    return isEnd ? s.origTo : s.origFrom;
  }
  const last = segments[segments.length - 1];
  return last ? last.origTo : offset;
}

/**
 * How far into a multi-line string's source the findings already anchored reach, so that the same
 * ARN written twice is anchored at each occurrence in turn. Keyed by the parsed node, so it lives
 * only as long as one scan's tree.
 */
const searchPositions = new WeakMap<TemplateNode, number>();

function addFindings(value: string, key: string | undefined, node: TemplateNode, container: string | undefined, options: StringScanOptions, embedded: boolean): void {
  if (value.length > 20000) return;
  if (!value.includes('amazonaws') && !value.includes('arn:') && !value.includes('.aws') && !value.includes('URLSuffix')) return;
  const { text, segments } = value.includes('{') ? standIns(value, options.isDeployRegion ?? cloudFormationDeployRegion) : { text: value, segments: [] as Segment[] };
  const findings = analyseStringValue(text, key);
  if (!findings.length) return;
  const source = options.builder.text;
  let searchFrom = searchPositions.get(node) ?? node.start;
  for (const f of findings) {
    if (!/^[a-z][a-z0-9-]*$/.test(f.service) || f.service.includes(STAND_IN_TOKEN)) continue;
    const origStart = segments.length ? toOriginal(segments, f.offset, false) : f.offset;
    const origEnd = segments.length ? toOriginal(segments, f.offset + f.length, true) : f.offset + f.length;
    const written = value.slice(origStart, origEnd);
    const inside = segments.filter((s) => s.replaced && s.from < f.offset + f.length && s.to > f.offset);
    const deployRegion = inside.some((s) => s.deployRegion) && f.region === STAND_IN_REGION;
    let region: string | null = deployRegion ? null : f.region;
    if (region === STAND_IN_REGION) region = null;
    // `${Bucket}.s3.${BucketRegion}.amazonaws.com`: a placeholder after the host's first label may be
    // its region, so the host's default (the legacy global endpoint) does not apply.
    const interiorPlaceholder = f.kind === 'endpoint' && inside.some((s) => !s.deployRegion && s.from > f.offset && s.origTo - s.origFrom > 0 && value.slice(s.origFrom, s.origTo) !== '${AWS::URLSuffix}');
    let global = f.global;
    if (interiorPlaceholder && global) {
      region = null;
      global = false;
    }
    const draft: DependencyDraft = {
      kind: f.kind,
      service: f.service,
      region,
      regionSource: region ? (global ? 'global-service' : 'literal') : 'unresolved',
      text: f.kind === 'endpoint' && !written.includes('{') ? written.toLowerCase() : written,
      origin: options.origin,
    };
    if (global && region) draft.global = true;
    if (container) draft.container = container;
    // A multi-line string (inline code, a block scalar) is anchored at the ARN or host itself;
    // a one-line string at its whole token, as CONTRACTS.md asks.
    let start = node.start;
    let end = node.end;
    if (embedded || isMultiLine(source, node)) {
      const at = source.indexOf(written, searchFrom);
      if (at >= 0 && at < node.end) {
        start = at;
        end = at + written.length;
        searchFrom = end;
        searchPositions.set(node, end);
      }
    }
    options.builder.add(draft, start, end);
  }
}

function isMultiLine(source: string, node: TemplateNode): boolean {
  if (node.kind === 'scalar' && node.block) return true;
  const slice = source.slice(node.start, node.end);
  return slice.includes('\n') || slice.includes('\r');
}
