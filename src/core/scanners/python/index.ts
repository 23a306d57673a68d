/**
 * The Python scanner: boto3 and botocore code, parsed with tree-sitter's Python grammar.
 *
 * - `sdk-client` for every `boto3.client(...)` / `boto3.resource(...)` / `session.client(...)` /
 *   botocore `create_client(...)`, anchored at the call, with the region its `region_name`,
 *   `config=Config(region_name=…)` or session gives: a literal, a module constant (traced), an
 *   environment variable (left to the deploy pass as a `runtime-env` reference, with the literal
 *   fallback of `os.environ.get("AWS_REGION", "us-east-1")`), or nothing (the SDK reads
 *   AWS_REGION at run time);
 * - `sdk-call` for every operation called on a known client, service resource or sub-resource
 *   (`client.put_item`, `table.put_item`, `s3.Bucket("b").upload_file`), with the operation in API
 *   form and the table/bucket/queue it names;
 * - `endpoint` / `arn` for the hosts and ARNs in string literals (docstrings excluded).
 *
 * See ./analysis.ts for how names are followed. Syntax errors become problems; the rest of the
 * file is still analysed.
 */
import type { Node } from 'web-tree-sitter';
import type { Dependency } from '../../model';
import { DependencyBuilder } from '../builder';
import { analyseStringValue } from '../literals';
import { findSuppressions } from '../suppressions';
import { PARSE_BUDGET_MS, parseTextWithin, syntaxErrors } from '../treeSitter';
import type { ScanContext, ScanOutput, Scanner } from '../types';
import { MAX_EXPRESSION_DEPTH, ORIGIN, PythonAnalysis } from './analysis';

/**
 * What a Python file must hold for the scanner to find anything: an import of an AWS SDK (every
 * client, resource and call is found through the file's imports; see `importsAwsSdk` and
 * `qualify` in ./analysis.ts), or an endpoint host or ARN in a string. The import test looks at
 * statement starts only (line start, after `;` or a one-line `try:`/`if …:`), so a file that
 * merely mentions boto3 in a comment, a docstring's prose or a requirements list is not parsed.
 * `import` lists may run over backslash continuations (`import os, \\\n    boto3`).
 */
const SDK_IMPORT = /(?:^|[;:])[ \t]*(?:from[ \t]+(?:boto3|botocore|aioboto3|aiobotocore)\b|import[ \t](?:[^\n#;:\\]|\\\r?\n)*?\b(?:boto3|botocore|aioboto3|aiobotocore)\b)/m;
const STRING_MARKERS = ['amazonaws', 'arn:aws'];

/** Whether a Python file can hold a dependency this scanner reports (cheap text test, no parse). */
export function pythonMayHoldDependency(text: string): boolean {
  for (const marker of STRING_MARKERS) if (text.includes(marker)) return true;
  // The substring test first: most files without an SDK import do not name it at all.
  return text.includes('boto') && SDK_IMPORT.test(text);
}

interface StringToken {
  value: string;
  key?: string;
  start: number;
  end: number;
}

/**
 * Every string literal that is not a docstring, with the argument, key or name it is assigned to.
 * A pre-order walk with an explicit stack (children pushed in reverse, so the order is the tree's):
 * expressions nested thousands deep must not exhaust the call stack.
 */
function stringTokens(root: Node, text: string): StringToken[] {
  const out: StringToken[] = [];
  const stack: Array<[Node, string | undefined]> = [[root, undefined]];
  const pushAll = (nodes: Node[], key: string | undefined) => {
    for (let i = nodes.length - 1; i >= 0; i--) stack.push([nodes[i], key]);
  };
  while (stack.length) {
    const [n, key] = stack.pop()!;
    switch (n.type) {
      case 'expression_statement': {
        const only = n.namedChildren;
        if (only.length === 1 && (only[0].type === 'string' || only[0].type === 'concatenated_string')) continue;
        break;
      }
      case 'keyword_argument': {
        const name = n.childForFieldName('name');
        const value = n.childForFieldName('value');
        if (value) stack.push([value, name ? text.slice(name.startIndex, name.endIndex) : key]);
        continue;
      }
      case 'pair': {
        const k = n.childForFieldName('key');
        const v = n.childForFieldName('value');
        const keyText = k?.type === 'string' ? stringText(k, text) : undefined;
        if (v) stack.push([v, keyText ?? key]);
        continue;
      }
      case 'assignment': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (right) stack.push([right, left?.type === 'identifier' ? text.slice(left.startIndex, left.endIndex) : key]);
        continue;
      }
      case 'string':
        out.push({ value: stringText(n, text), key, start: n.startIndex, end: n.endIndex });
        pushAll(n.namedChildren.filter((c) => c.type === 'interpolation'), key);
        continue;
      default:
        break;
    }
    pushAll(n.namedChildren, key);
  }
  return out;
}

/** The text of a string literal between its quotes; f-string `{x}` becomes `${x}`, which ARN patterns accept as a placeholder. */
function stringText(n: Node, text: string): string {
  const start = n.namedChildren.find((c) => c.type === 'string_start');
  const end = n.namedChildren.find((c) => c.type === 'string_end');
  const from = start ? start.endIndex : n.startIndex;
  const to = end && !end.isMissing ? end.startIndex : n.endIndex;
  let out = '';
  let at = from;
  for (const c of n.namedChildren) {
    if (c.type !== 'interpolation') continue;
    out += text.slice(at, c.startIndex) + '$' + text.slice(c.startIndex, c.endIndex);
    at = c.endIndex;
  }
  return out + text.slice(at, Math.max(at, to));
}

function scanPython(file: string, text: string, context: ScanContext): ScanOutput {
  const suppressions = findSuppressions(file, text, 'hash');
  const language = context.languages.python;
  if (!language) return { dependencies: [], problems: [{ file, reason: 'Python parser unavailable: the Python grammar (tree-sitter-python.wasm) could not be loaded', severity: 'skipped' }], suppressions };
  const { tree, timedOut } = parseTextWithin(language, text, PARSE_BUDGET_MS);
  if (timedOut) return { dependencies: [], problems: [{ file, reason: `Python parser gave up after ${PARSE_BUDGET_MS / 1000} s (syntax errors that make parsing very slow): not scanned`, severity: 'skipped' }], suppressions };
  if (!tree) return { dependencies: [], problems: [{ file, reason: 'Python parser unavailable: parsing failed', severity: 'skipped' }], suppressions };
  const builder = new DependencyBuilder(file, text);
  const problems: ScanOutput['problems'] = [];
  try {
    const root = tree.rootNode;
    for (const e of syntaxErrors(root)) {
      const { line, column } = builder.lines.position(e.start);
      const reason = e.missing ? `Python syntax error: missing "${e.missing}"` : 'Python syntax error';
      if (!problems.some((p) => p.line === line && p.reason === reason)) problems.push({ file, line, column, reason, severity: 'partial' });
    }
    const analysis = new PythonAnalysis(file, text, builder);
    analysis.run(root);
    if (analysis.tooDeepAt !== undefined) {
      const { line, column } = builder.lines.position(analysis.tooDeepAt);
      problems.push({ file, line, column, reason: `Python expression nested more than ${MAX_EXPRESSION_DEPTH} levels deep: not analysed past that depth`, severity: 'partial' });
    }
    const tokens = stringTokens(root, text);
    const containers = containersAt(root, tokens.map((t) => t.start));
    for (const t of tokens) {
      for (const f of analyseStringValue(t.value, t.key)) {
        builder.add(
          {
            kind: f.kind,
            service: f.service,
            text: f.text,
            origin: ORIGIN,
            region: f.region,
            regionSource: f.global ? 'global-service' : f.region ? 'literal' : 'unresolved',
            ...(f.global ? { global: true } : {}),
            ...(t.key ? { name: t.key } : {}),
            container: containers.get(t.start) ?? 'module',
          },
          t.start,
          t.end,
          `${t.key ?? ''}=${f.text}`,
        );
      }
    }
  } finally {
    tree.delete();
  }
  return { dependencies: sortByPosition(builder.dependencies), problems, suppressions };
}

/**
 * The name of the innermost named function around each offset ('module' outside every function),
 * in one sweep over the functions sorted by start: walking up from every string instead would
 * cost the nesting depth per string, quadratic in generated code.
 */
function containersAt(root: Node, offsets: number[]): Map<number, string> {
  const functions: Array<{ start: number; end: number; name: string }> = [];
  for (const f of root.descendantsOfType('function_definition')) {
    const id = f.childForFieldName('name');
    if (id) functions.push({ start: f.startIndex, end: f.endIndex, name: id.text });
  }
  functions.sort((a, b) => a.start - b.start);
  const out = new Map<number, string>();
  const open: typeof functions = [];
  let next = 0;
  for (const offset of [...new Set(offsets)].sort((a, b) => a - b)) {
    while (next < functions.length && functions[next].start <= offset) {
      const f = functions[next++];
      while (open.length && open[open.length - 1].end <= f.start) open.pop();
      open.push(f);
    }
    // The functions still open are nested in one another: the last one that has not ended is the innermost.
    while (open.length && open[open.length - 1].end <= offset) open.pop();
    out.set(offset, open.length ? open[open.length - 1].name : 'module');
  }
  return out;
}

/** A client before the calls made on it when both start at one place (`boto3.client("s3").list_buckets()`). */
const KIND_ORDER: Record<string, number> = { 'sdk-client': 0, 'sdk-call': 1, endpoint: 2, arn: 3 };

function sortByPosition(deps: Dependency[]): Dependency[] {
  return [...deps].sort((a, b) => a.line - b.line || a.column - b.column || (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9));
}

export const pythonScanner: Scanner = {
  id: 'python',
  accepts: (file, text) => /\.pyw?$/i.test(file) && pythonMayHoldDependency(text),
  scan: scanPython,
};
