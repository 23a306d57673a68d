/**
 * What the tree-sitter based scanners (Terraform, Python) share: one parser per grammar, and the
 * syntax errors of a tree as positions. Parsing itself never throws past these helpers.
 *
 * web-tree-sitter parses a JavaScript string as UTF-16, so node `startIndex`/`endIndex` are UTF-16
 * indices into the text — the offsets `LineIndex` expects (the scanners' tests pin this down with
 * non-ASCII text before a construct).
 */
import { Parser, type Language, type Node, type Tree } from 'web-tree-sitter';

/** One parser per loaded grammar; a parser is reused across files (parsing is synchronous). */
const parsers = new WeakMap<Language, Parser>();

/** Parses `text`; the caller must `delete()` the tree. Undefined when the parser fails. */
export function parseText(language: Language, text: string): Tree | undefined {
  try {
    let parser = parsers.get(language);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(language);
      parsers.set(language, parser);
    }
    return parser.parse(text) ?? undefined;
  } catch {
    return undefined;
  }
}

export interface SyntaxErrorAt {
  /** UTF-16 offset of the error */
  start: number;
  /** the token that is missing (`"}"`, `")"`) for a MISSING node; undefined for an ERROR node */
  missing?: string;
}

/** The outermost ERROR nodes and every MISSING node of a tree: one parse problem each. */
export function syntaxErrors(root: Node, limit = 50): SyntaxErrorAt[] {
  const out: SyntaxErrorAt[] = [];
  const visit = (node: Node) => {
    if (out.length >= limit) return;
    if (node.type === 'ERROR') {
      out.push({ start: node.startIndex });
      return;
    }
    if (node.isMissing) {
      out.push({ start: node.startIndex, missing: node.type });
      return;
    }
    if (!node.hasError) return;
    for (const c of node.children) visit(c);
  };
  visit(root);
  return out;
}
