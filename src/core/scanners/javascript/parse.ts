/**
 * Parsing JavaScript and TypeScript for the scanner: which files are source files, the cheap text
 * test that rejects most of a large repository before any parsing, minified-bundle detection, the
 * one call to `@typescript-eslint/typescript-estree` (syntax only, no type checker), and small
 * helpers that read literal values out of ESTree nodes.
 */
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { LineIndex } from '../../positions';

export type Node = TSESTree.Node;
export type Expression = TSESTree.Expression;

const SOURCE_EXTENSION = /\.(?:js|mjs|cjs|jsx|ts|mts|cts|tsx)$/i;
const DECLARATION_FILE = /\.d\.[cm]?ts$/i;

/**
 * Text that every file with something for this scanner contains: an AWS endpoint host or an ARN
 * in a string, or a module specifier of an AWS SDK (v2 `aws-sdk`, v3 `@aws-sdk/*`), CDK
 * (`aws-cdk-lib`, `@aws-cdk/*`) or Pulumi AWS (`@pulumi/aws`, `@pulumi/awsx`) package. The
 * scanner finds SDK clients, constructs and resources only through such imports, so a package
 * name only in a comment, a README snippet or a lookalike package (`aws-sdk-client-mock`) does not
 * send the file to the parser: the specifier must open a string (`from '…'`, `require("…")`,
 * `import(\`…\`)`, `jest.mock('…')`).
 */
const STRING_MARKERS = ['amazonaws', 'arn:aws', '.on.aws', 'arn:${'];
const PACKAGE_SPECIFIER = /['"`](?:@aws-sdk\/|@aws-cdk\/|(?:aws-sdk|aws-cdk-lib|aws-cdk|@pulumi\/awsx?)['"`\/])/;

export function isScriptFile(file: string): boolean {
  return SOURCE_EXTENSION.test(file) && !DECLARATION_FILE.test(file);
}

export function mayHoldAwsDependency(text: string): boolean {
  for (const marker of STRING_MARKERS) if (text.includes(marker)) return true;
  // SDK v2 loaded by a <script> tag in browser code: only the global `AWS.` is visible.
  if (text.includes('new AWS.')) return true;
  // The substring tests first: the pattern runs only on files that name a package at all.
  return (text.includes('aws-sdk') || text.includes('aws-cdk') || text.includes('@pulumi/aws')) && PACKAGE_SPECIFIER.test(text);
}

/** Lines longer than this in a file with few lines mark a minified bundle (not worth parsing). */
const MINIFIED_LINE_LENGTH = 5000;

/**
 * A minified or bundled file: some line is very long and the file has few lines for its size.
 * Hand-written code with one long data line (an embedded certificate, a long string) has many
 * other lines, so the ratio test keeps it.
 */
export function looksMinified(text: string): boolean {
  if (text.length < MINIFIED_LINE_LENGTH) return false;
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      longest = Math.max(longest, i - start);
      start = i + 1;
      lines++;
    }
  }
  longest = Math.max(longest, text.length - start);
  return longest > MINIFIED_LINE_LENGTH && text.length / lines > 300;
}

export interface ParseFailure {
  line: number;
  column: number;
  message: string;
}

export type ParseResult = { ok: true; program: TSESTree.Program } | { ok: false; error: ParseFailure };

/** Whether a file may contain JSX: `.jsx`/`.tsx`, and plain JavaScript (React code often uses `.js`). */
function allowsJsx(file: string): boolean {
  return /\.(?:jsx|tsx|js|mjs|cjs)$/i.test(file);
}

function parseOnce(text: string, jsx: boolean): ParseResult {
  try {
    const program = parse(text, { loc: true, range: true, jsx, comment: false, tokens: false, jsDocParsingMode: 'none', loggerFn: false, suppressDeprecatedPropertyWarnings: true });
    return { ok: true, program };
  } catch (error) {
    const e = error as { message?: string; location?: { start?: { line?: number; column?: number; offset?: number } }; lineNumber?: number; column?: number };
    const message = String(e.message ?? error).split('\n')[0];
    // TypeScript counts U+2028/U+2029 as line breaks, LSP does not: place the error by its offset.
    const offset = e.location?.start?.offset;
    if (typeof offset === 'number') {
      const at = new LineIndex(text).position(offset);
      return { ok: false, error: { line: at.line, column: at.column, message } };
    }
    const line = e.location?.start?.line ?? e.lineNumber ?? 1;
    const column = (e.location?.start?.column ?? e.column ?? 0) + 1;
    return { ok: false, error: { line, column, message } };
  }
}

/**
 * Parses a file once. Plain JavaScript is tried with JSX first and, only when that fails, without
 * (a `.js` file may use neither, and `<` generics never occur in it).
 */
export function parseSource(file: string, text: string): ParseResult {
  const jsx = allowsJsx(file);
  const first = parseOnce(text, jsx);
  if (first.ok || !jsx || /\.(?:jsx|tsx)$/i.test(file)) return first;
  const second = parseOnce(text, false);
  return second.ok ? second : first;
}

/** Strips what does not change a value: TypeScript assertions, `!`, `await`, optional chains. */
export function unwrap(node: Node): Node {
  let n: Node = node;
  for (;;) {
    switch (n.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        n = n.expression;
        continue;
      case 'AwaitExpression':
        n = n.argument;
        continue;
      case 'ChainExpression':
        n = n.expression;
        continue;
      default:
        return n;
    }
  }
}

/** The value of a string literal or a template literal without substitutions. */
export function staticString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The name of a non-computed property key, or of a computed key that is a string literal. */
export function propertyKeyName(prop: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition | TSESTree.MemberExpression): string | undefined {
  if (prop.type === 'MemberExpression') {
    if (!prop.computed && prop.property.type === 'Identifier') return prop.property.name;
    if (prop.computed) return staticString(prop.property);
    if (prop.property.type === 'PrivateIdentifier') return prop.property.name;
    return undefined;
  }
  const key = prop.key;
  if (!prop.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal') return typeof key.value === 'string' || typeof key.value === 'number' ? String(key.value) : undefined;
  if (key.type === 'PrivateIdentifier') return key.name;
  if (prop.computed) return staticString(key);
  return undefined;
}

/** The last property of an object literal named `name` (later properties win, as in JavaScript). */
export function ownProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const p = object.properties[i];
    if (p.type === 'Property' && propertyKeyName(p) === name) return p;
  }
  return undefined;
}

/** A literal boolean, or undefined for anything else. */
export function staticBoolean(node: Node | null | undefined): boolean | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  return n.type === 'Literal' && typeof n.value === 'boolean' ? n.value : undefined;
}

/** A literal number, or undefined for anything else. */
export function staticNumber(node: Node | null | undefined): number | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  return n.type === 'Literal' && typeof n.value === 'number' ? n.value : undefined;
}

/** Child nodes of an ESTree node, in source order (every key that holds a node or nodes). */
export function forEachChild(node: Node, visit: (child: Node, key: string) => void): void {
  // Names and literals (half of a tree's nodes) hold no child this walk visits: their only
  // node-valued keys are the skipped `decorators` and `typeAnnotation`.
  const type = node.type;
  if (type === 'Identifier' || type === 'Literal' || type === 'ThisExpression' || type === 'Super' || type === 'PrivateIdentifier' || type === 'TemplateElement') return;
  for (const key in node) {
    if (key === 'parent' || key === 'loc' || key === 'range' || key === 'type' || key === 'typeAnnotation' || key === 'returnType' || key === 'typeParameters' || key === 'typeArguments' || key === 'decorators') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (!value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object' && typeof (item as Node).type === 'string') visit(item as Node, key);
    } else if (typeof (value as Node).type === 'string') {
      visit(value as Node, key);
    }
  }
}
