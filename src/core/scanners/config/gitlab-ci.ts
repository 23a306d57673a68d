/**
 * GitLab CI pipelines: `.gitlab-ci.yml`, `*.gitlab-ci.yml`, and local includes under `.gitlab/`.
 *
 * - `variables:` (global, `default:`-less, and per job, in the short form or as
 *   `{ value, description }`) that set AWS region variables → `region-config`s with `setsEnv`,
 *   scoped to the job (`default` for global variables), applying to both the deploy and the
 *   commands the job runs;
 * - `parallel: matrix:` lists of an AWS region variable → one region-config with the candidates;
 * - deploy commands in `script:` / `before_script:` / `after_script:` (see deployCommands.ts),
 *   whose `$VAR`s follow the job's variables (its own, its matrix, the jobs it `extends:` and the
 *   anchors it merges), then the global ones;
 * - endpoints and ARNs in any value.
 *
 * Variables are emitted where they are written; a job that inherits them through `extends:` or
 * `<<: *anchor` uses them for resolution without repeating them.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import type { RegionScope } from '../../model';
import { DependencyBuilder } from '../builder';
import { findSuppressions } from '../suppressions';
import { emptyOutput, type Scanner, type ScanOutput } from '../types';
import { deployCommandRegion, findDeployCommands, newScriptState } from './deployCommands';
import { AWS_REGION_VARIABLES, emitEnvAssignment, literalSet, regionFields, resolveShellValue, unionSets, withStep, type RegionSet } from './envAssignments';
import { emitYamlStrings, entries, entryRange, items, nodeRange, parseYaml, scalarSourceLines, scalarText, valueAt, valueOf, type MapEntry } from './yamlPositions';
import { traceStep } from '../../trace';

const ID = 'gitlab-ci';
const GITLAB_PATH = /(?:^|\/)(?:[^/]*\.)?gitlab-ci\.ya?ml$|(?:^|\/)\.gitlab\/(?:[^/]+\/)*[^/]+\.ya?ml$/;
/** Top-level keys that are not jobs. */
const RESERVED = new Set(['stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'types', 'spec']);
const SCRIPT_KEYS = ['before_script', 'script', 'after_script'];
const MAX_EXTENDS = 8;

type VariableMap = Map<string, RegionSet>;

export const gitlabCiScanner: Scanner = {
  id: ID,
  accepts(file: string, text: string): boolean {
    return GITLAB_PATH.test(file) && /aws|region|deploy|terraform|tofu/i.test(text);
  },
  scan(file: string, text: string): ScanOutput {
    const out = emptyOutput();
    const builder = new DependencyBuilder(file, text);
    const yaml = parseYaml(file, text, 'GitLab CI pipeline', builder.lines);
    out.problems.push(...yaml.problems);
    for (const doc of yaml.documents) {
      const root = doc.contents;
      if (!isMap(root)) continue;
      const consumed = new Set<Node>();
      scanPipeline(builder, doc, root, consumed);
      emitYamlStrings(builder, doc, consumed, ID);
    }
    out.dependencies = builder.dependencies;
    out.suppressions = findSuppressions(file, text, 'hash');
    return out;
  },
};

function isJob(e: MapEntry): boolean {
  return !RESERVED.has(e.key) && isMap(e.value);
}

/** A variable's value: `NAME: value` or `NAME: { value: …, description: … }`. */
function variableValue(e: MapEntry, doc: Document): { value: string; node: Node } | undefined {
  const plain = scalarText(e.value);
  if (plain !== undefined && e.value) return { value: plain, node: e.value };
  const nested = valueOf(e.value, doc, 'value');
  const value = scalarText(nested);
  return value !== undefined && nested ? { value, node: nested } : undefined;
}

function scanPipeline(builder: DependencyBuilder, doc: Document, root: Node, consumed: Set<Node>): void {
  const file = builder.file;
  const lineOf = (n: Node): number => builder.lines.position(n.range?.[0] ?? 0).line;
  const jobs = entries(root, doc).filter((e) => !e.merged && isJob(e));
  const jobByName = new Map(jobs.map((j) => [j.key, j.value as Node]));

  /** A `variables:` block as a lookup table (values resolved against `outer`). */
  const variableMap = (node: Node | null, outer: (name: string) => RegionSet | undefined): VariableMap => {
    const map: VariableMap = new Map();
    for (const e of entries(node, doc)) {
      const v = variableValue(e, doc);
      if (!v) continue;
      const set = resolveShellValue(v.value, (name) => (name === e.key ? outer(name) : map.get(name) ?? outer(name)));
      map.set(e.key, withStep(set, traceStep({ file, line: lineOf(e.keyNode) }, { kind: 'ci-env', variable: e.key, value: v.value })));
    }
    return map;
  };

  /** Emits the region variables of one `variables:` block. */
  const emitVariables = (node: Node | null, environment: string, lookup: (name: string) => RegionSet | undefined): void => {
    const scope: RegionScope = { directory: '', environment, appliesTo: 'both' };
    for (const e of entries(node, doc)) {
      if (e.merged) continue;
      const v = variableValue(e, doc);
      if (!v) continue;
      // The expanded form `NAME: { value: …, description: … }` is anchored from the name to its value.
      const [start] = entryRange(e);
      const [valueStart, valueEnd] = nodeRange(v.node);
      const end = v.node === e.value ? entryRange(e)[1] : valueEnd;
      const before = builder.dependencies.length;
      emitEnvAssignment(builder, { name: e.key, value: v.value, start, end, valueStart, valueEnd }, {
        origin: ID,
        scope,
        resolve: (value) => resolveShellValue(value, (name) => (name === e.key ? undefined : lookup(name))),
      });
      if (builder.dependencies.length > before) consumed.add(v.node);
    }
  };

  /** Variables written as plain text (`TF_ROOT: infra/network`), for the folders scripts `cd` into. */
  const variableTexts = (node: Node | null): Map<string, string> => {
    const map = new Map<string, string>();
    for (const e of entries(node, doc)) {
      const v = variableValue(e, doc);
      if (v && !v.value.includes('$')) map.set(e.key, v.value);
    }
    return map;
  };

  const globalNode = valueOf(root, doc, 'variables');
  const globals = variableMap(globalNode, () => undefined);
  const globalTexts = variableTexts(globalNode);
  emitVariables(globalNode, 'default', (name) => globals.get(name));

  /** The jobs a job extends, nearest last (so that its own values are applied after them). */
  const extendsChain = (job: Node, depth = 0): Node[] => {
    if (depth > MAX_EXTENDS) return [];
    const ext = valueOf(job, doc, 'extends');
    const names = isScalar(ext) ? [scalarText(ext)] : items(ext, doc).map((i) => scalarText(i));
    const out: Node[] = [];
    for (const n of names) {
      const parent = n !== undefined ? jobByName.get(n) : undefined;
      if (parent) out.push(...extendsChain(parent, depth + 1), parent);
    }
    return out;
  };

  const defaultNode = valueOf(root, doc, 'default');
  for (const job of jobs) {
    const jobNode = job.value as Node;
    const chain = [...extendsChain(jobNode), jobNode];
    // `parallel: matrix:` runs the job once per combination: its variables take every listed value.
    const matrix = matrixVariables(doc, chain, file, lineOf);
    let inherited: VariableMap = new Map(globals);
    const texts = new Map(globalTexts);
    for (const link of chain) {
      const own = variableMap(valueOf(link, doc, 'variables'), (name) => inherited.get(name));
      inherited = new Map([...inherited, ...own]);
      for (const [k, v] of variableTexts(valueOf(link, doc, 'variables'))) texts.set(k, v);
    }
    const lookup = (name: string): RegionSet | undefined => matrix.sets.get(name) ?? inherited.get(name);
    emitVariables(valueOf(jobNode, doc, 'variables'), job.key, lookup);

    for (const [name, m] of matrix.written) {
      if (!AWS_REGION_VARIABLES.has(name) || m.owner !== jobNode) continue;
      const [start, end] = entryRange(m.entry);
      builder.add({
        kind: 'region-config',
        service: '*',
        name,
        text: m.values.join(', '),
        origin: ID,
        ...regionFields({ ...m.set, trace: [] }, 'env'),
        scope: { directory: '', environment: job.key, appliesTo: 'both' },
        setsEnv: name,
      }, start, end);
      for (const n of items(m.entry.value, doc)) consumed.add(n);
    }

    // Hidden jobs (templates) never run; the jobs that extend them run their scripts with their own variables.
    if (job.key.startsWith('.')) continue;
    const state = newScriptState('');
    for (const key of SCRIPT_KEYS) {
      const source = [...chain].reverse().find((n) => valueOf(n, doc, key)) ?? (key !== 'script' ? defaultNode : null);
      for (const line of scriptLines(doc, source ? valueOf(source, doc, key) : null, jobByName)) {
        const commands = findDeployCommands(scalarSourceLines(line, builder.text), { file, lines: builder.lines, baseFolder: '', outerVariable: lookup, outerText: (name) => texts.get(name) }, state);
        for (const c of commands) {
          if (c.tool === 'script' && !c.environmentRegion) continue;
          const { appliesTo, ...region } = deployCommandRegion(c);
          const scope: RegionScope = c.script !== undefined ? { file: c.script, environment: job.key, appliesTo } : { directory: c.directory ?? '', environment: job.key, appliesTo };
          if (c.templateFile) scope.stackFile = c.templateFile;
          builder.add({
            kind: 'region-config',
            service: '*',
            name: c.script !== undefined ? 'run command' : 'deploy command',
            ...(c.script !== undefined ? { setsEnv: 'AWS_REGION' } : {}),
            text: c.text,
            origin: ID,
            container: c.tool,
            ...region,
            scope,
          }, c.start, c.end);
        }
      }
    }
  }
}

/** The lines of a script: a string, a list of strings, nested lists, and `!reference [job, key]`. */
function scriptLines(doc: Document, script: Node | null, jobByName: Map<string, Node>, depth = 0): Scalar[] {
  if (!script || depth > 4) return [];
  if (isScalar(script)) return typeof script.value === 'string' ? [script] : [];
  if (isSeq(script) && script.tag === '!reference') {
    const path = items(script, doc).map((n) => scalarText(n));
    const target = path[0] !== undefined ? jobByName.get(path[0]) : undefined;
    const rest = path.slice(1).filter((k): k is string => k !== undefined);
    return target && rest.length === path.length - 1 ? scriptLines(doc, valueAt(target, doc, rest), jobByName, depth + 1) : [];
  }
  return items(script, doc).flatMap((n) => scriptLines(doc, n, jobByName, depth + 1));
}

interface MatrixVariable {
  entry: MapEntry;
  owner: Node;
  values: string[];
  set: RegionSet;
}

/** Variables of `parallel: matrix:` (the nearest job in the chain that declares one). */
function matrixVariables(doc: Document, chain: Node[], file: string, lineOf: (n: Node) => number): { written: Map<string, MatrixVariable>; sets: Map<string, RegionSet> } {
  const written = new Map<string, MatrixVariable>();
  const sets = new Map<string, RegionSet>();
  const owner = [...chain].reverse().find((n) => valueOf(valueOf(n, doc, 'parallel'), doc, 'matrix'));
  if (!owner) return { written, sets };
  const byName = new Map<string, RegionSet[]>();
  for (const combination of items(valueOf(valueOf(owner, doc, 'parallel'), doc, 'matrix'), doc)) {
    for (const e of entries(combination, doc)) {
      const listed = isScalar(e.value) ? [scalarText(e.value)] : items(e.value, doc).map((i) => scalarText(i));
      const values = listed.filter((v): v is string => v !== undefined);
      const set = unionSets(values.map((v) => literalSet(v)));
      const traced = withStep(set, traceStep({ file, line: lineOf(e.keyNode) }, { kind: 'ci-matrix', path: e.key, regions: values, form: 'gitlab' }));
      byName.set(e.key, [...(byName.get(e.key) ?? []), traced]);
      const w = written.get(e.key);
      if (w) {
        w.values = [...w.values, ...values];
        w.set = unionSets([w.set, set]);
      } else if (!e.merged) written.set(e.key, { entry: e, owner, values, set });
    }
  }
  for (const [name, list] of byName) sets.set(name, unionSets(list));
  return { written, sets };
}
