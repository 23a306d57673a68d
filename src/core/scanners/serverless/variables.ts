/**
 * Serverless Framework variables, resolved as far as the file itself allows:
 * `${self:custom.region}` (a path into the same file), fallbacks (`${opt:region, 'us-west-2'}`,
 * `${env:AWS_REGION, self:custom.region}`), nested variables (`${self:custom.regions.${opt:stage}}`),
 * and `${sls:stage}`. Sources only known at deploy time (`opt:`, `env:`, `param:`, `ssm:`, `file(…)`,
 * `cf:`, `s3:`, `aws:`) give no value of their own; their literal fallback is taken and marked
 * overridable. A path that depends on such a source (a per-stage map) yields every value the map
 * holds as candidates. Unknown syntax resolves to nothing; it never throws.
 *
 * Reference: https://www.serverless.com/framework/docs/providers/aws/guide/variables
 */
import { getValue, literalString, type TemplateNode } from '../cloudformation/templateTree';
import { StepBudget } from '../../stepBudget';

export interface ResolvedValue {
  /** the value the expression has when nothing is passed at deploy time */
  value?: string;
  /** several possible values (a map keyed by stage, region …) */
  candidates?: string[];
  /** a CLI option, environment variable or parameter can change the value at deploy time */
  overridable: boolean;
  /** where the value was found (an offset in the file), for the region trace */
  offset?: number;
  /** readable steps that led to the value (`custom.region`, `fallback of opt:region`) */
  steps: string[];
}

const MAX_DEPTH = 10;
const UNKNOWN: ResolvedValue = { overridable: true, steps: [] };
/**
 * Variables (texts holding `${…}`) one file may resolve. Texts are memoised, so a real file spends
 * a few steps per variable it holds; a map whose entries each read the map through a
 * deploy-time segment fans out on every path and would otherwise take exponential time.
 */
export const SERVERLESS_VARIABLE_STEPS = 50_000;

/** Where in the file a value is being resolved, so that a stop can be reported there. */
export interface VariablesLocation {
  file: string;
  position(offset: number): { line: number; column: number };
}

/** Index of the `}` closing the `${` at `open` (the `$`), or -1. Bounded and linear. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  const limit = Math.min(text.length, open + 2000);
  for (let i = open + 1; i < limit; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits `a, 'b, c', ${x, y}` at top-level commas. */
function splitTopLevel(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(inner.slice(start).trim());
  return out;
}

export class ServerlessVariables {
  /** One budget for the whole file; once spent, every variable left is unresolved. */
  readonly budget = new StepBudget(SERVERLESS_VARIABLE_STEPS);
  /** text → its resolution, for results no cut (depth, cycle, budget) touched */
  private readonly memo = new Map<string, ResolvedValue>();
  private readonly inProgress = new Set<string>();
  /** Counts resolutions cut short: a result computed while it stayed the same is exact and memoised. */
  private cuts = 0;
  /** steps the budget refused */
  private refused = 0;
  /** the start of the node being resolved, where a stop is reported */
  private at = 0;

  constructor(
    private readonly root: TemplateNode | undefined,
    private readonly location: VariablesLocation = { file: '', position: () => ({ line: 1, column: 1 }) },
  ) {}

  /**
   * A string that may hold variables, resolved to a single value, candidates, or nothing. A value
   * whose resolution ran out of budget is unresolved as a whole: what was found before the stop
   * could be a part of its candidates only.
   */
  resolveText(text: string, depth = 0): ResolvedValue {
    if (!text.includes('${')) return { value: text, overridable: false, steps: [] };
    if (depth > 0) return this.resolveMemoised(text, depth);
    const refusedBefore = this.refused;
    const r = this.resolveMemoised(text, depth);
    return this.refused !== refusedBefore ? UNKNOWN : r;
  }

  private resolveMemoised(text: string, depth: number): ResolvedValue {
    // Every lookup is a step, memoised or not: a map of n entries read through a deploy-time
    // segment costs n lookups each time it is read.
    if (!this.budget.step(() => ({ file: this.location.file, ...this.location.position(this.at), what: text.length > 80 ? `${text.slice(0, 77)}...` : text }))) {
      this.cuts++;
      this.refused++;
      return UNKNOWN;
    }
    const known = this.memo.get(text);
    if (known) return known;
    if (depth > MAX_DEPTH || this.inProgress.has(text)) {
      this.cuts++;
      return UNKNOWN;
    }
    const before = this.cuts;
    this.inProgress.add(text);
    try {
      const out = this.resolveTextOnce(text, depth);
      if (this.cuts === before) this.memo.set(text, out);
      return out;
    } finally {
      this.inProgress.delete(text);
    }
  }

  private resolveTextOnce(text: string, depth: number): ResolvedValue {
    const whole = text.startsWith('${') ? closingBrace(text, 0) : -1;
    if (whole === text.length - 1) return this.resolveVariable(text.slice(2, -1), depth + 1);
    // Text around variables: each variable must resolve to one value.
    let out = '';
    let overridable = false;
    const steps: string[] = [];
    let i = 0;
    while (i < text.length) {
      const at = text.indexOf('${', i);
      if (at < 0) {
        out += text.slice(i);
        break;
      }
      out += text.slice(i, at);
      const close = closingBrace(text, at);
      if (close < 0) return UNKNOWN;
      const part = this.resolveVariable(text.slice(at + 2, close), depth + 1);
      if (part.value === undefined) return { overridable: true, steps: part.steps };
      out += part.value;
      overridable ||= part.overridable;
      steps.push(...part.steps);
      i = close + 1;
    }
    return { value: out, overridable, steps };
  }

  /** The inside of one `${…}`: a source with fallbacks. */
  private resolveVariable(inner: string, depth: number): ResolvedValue {
    const alternatives = splitTopLevel(inner);
    let overridable = false;
    const steps: string[] = [];
    for (const [i, alt] of alternatives.entries()) {
      const r = this.resolveSource(alt, depth);
      if (r.value !== undefined || r.candidates?.length) {
        const fromFallback = i > 0;
        return {
          ...r,
          overridable: r.overridable || overridable,
          steps: [...steps, ...(fromFallback ? [`fallback of \${${inner}}`] : []), ...r.steps],
        };
      }
      overridable = true;
      steps.push(...r.steps);
    }
    return { overridable: true, steps };
  }

  private resolveSource(source: string, depth: number): ResolvedValue {
    const s = source.trim();
    const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(s);
    if (quoted) return { value: quoted[1] ?? quoted[2], overridable: false, steps: [] };
    if (/^-?\d+(\.\d+)?$/.test(s) || s === 'true' || s === 'false') return { value: s, overridable: false, steps: [] };
    if (s.startsWith('${')) return this.resolveText(s, depth + 1);
    if (s.startsWith('self:')) return this.resolveSelf(s.slice(5), depth);
    if (s === 'sls:stage') {
      // `${sls:stage}` is `--stage`, else provider.stage, else `dev`.
      const stage = this.resolveNode(getValue(getValue(this.root, 'provider'), 'stage'), depth + 1);
      return { value: stage.value ?? 'dev', overridable: true, steps: [] };
    }
    // opt:, env:, param:, ssm:, file(…), cf:, s3:, aws:, and plugins' sources are not in the file.
    return { overridable: true, steps: [] };
  }

  /** `self:custom.regions.${opt:stage}` → the value at that path in this file. */
  private resolveSelf(path: string, depth: number): ResolvedValue {
    const segments = splitPath(path);
    let nodes: TemplateNode[] = this.root ? [this.root] : [];
    let dynamic = false;
    const steps: string[] = [];
    for (const segment of segments) {
      let key: string | undefined = segment;
      if (segment.includes('${')) {
        const r = this.resolveText(segment, depth + 1);
        // A segment chosen at deploy time (a stage, a region) can be any key of the map.
        key = r.value !== undefined && !r.overridable ? r.value : undefined;
        if (key === undefined) dynamic = true;
      }
      const next: TemplateNode[] = [];
      for (const n of nodes) {
        if (n.kind !== 'map') continue;
        if (key === undefined) next.push(...n.pairs.map((p) => p.value).filter((v): v is TemplateNode => v !== undefined));
        else {
          const v = getValue(n, key);
          if (v) next.push(v);
        }
      }
      nodes = next;
      if (!nodes.length) return { overridable: true, steps };
    }
    steps.push(path);
    if (!dynamic && nodes.length === 1) {
      const r = this.resolveNode(nodes[0], depth + 1);
      return { ...r, offset: r.offset ?? nodes[0].start, steps: [...steps, ...r.steps] };
    }
    const candidates = [...new Set(nodes.map((n) => this.resolveNode(n, depth + 1).value).filter((v): v is string => v !== undefined))];
    return { candidates, overridable: true, steps };
  }

  /** A node's value: a scalar, with its own variables resolved. Maps and lists have none. */
  resolveNode(node: TemplateNode | undefined, depth = 0): ResolvedValue {
    const text = literalString(node);
    if (text === undefined || !node) return { overridable: false, steps: [] };
    const outer = this.at;
    if (depth === 0) this.at = node.start;
    try {
      const r = this.resolveText(text, depth);
      return { ...r, offset: r.offset ?? node.start };
    } finally {
      this.at = outer;
    }
  }
}

/** `custom.regions.${opt:stage}` → ['custom', 'regions', '${opt:stage}'] (dots inside `${}` kept). */
function splitPath(path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '.' && depth === 0) {
      out.push(path.slice(start, i));
      start = i + 1;
    }
  }
  out.push(path.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}
