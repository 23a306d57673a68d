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

/**
 * Wall-clock time after which a parse is abandoned. Real files parse in milliseconds (a megabyte
 * in well under a second); only damaged input that sends tree-sitter's error recovery into
 * super-linear time gets here, and it becomes a problem instead of a hang.
 */
export const PARSE_BUDGET_MS = 5_000;

/** How a parse under a time budget ended: a tree, or `timedOut` when the budget ran out first. */
export interface BudgetedParse {
  tree?: Tree;
  timedOut: boolean;
}

/**
 * Parses `text`, giving up after `budgetMs` of wall-clock time. tree-sitter's error recovery is
 * super-linear on some damaged input (a long run of `<!--` inside a call, thousands of spaces in
 * the middle of a name): seconds at a few kilobytes, hours at a megabyte. The parser calls back
 * every hundred or so operations, so the budget is overrun by at most one such step. The budget
 * is far above what real files take (a megabyte of Python parses in well under a second), so only
 * such input ever reaches it. The caller must `delete()` the tree.
 */
export function parseTextWithin(language: Language, text: string, budgetMs: number): BudgetedParse {
  try {
    let parser = parsers.get(language);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(language);
      parsers.set(language, parser);
    }
    const deadline = performance.now() + budgetMs;
    let timedOut = false;
    // The callback's declared type is `void`, but a `true` return cancels the parse (web-tree-sitter's documentation).
    const progressCallback = (() => (timedOut = performance.now() > deadline)) as unknown as () => void;
    const tree = parser.parse(text, null, { progressCallback }) ?? undefined;
    if (timedOut) {
      tree?.delete();
      // A cancelled parse leaves the parser mid-way: the next parse must start afresh.
      parser.reset();
      return { timedOut: true };
    }
    return { tree, timedOut: false };
  } catch {
    return { timedOut: false };
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
  // Pre-order with an explicit stack (children pushed in reverse): damaged input nests errors
  // thousands deep, and a recursive walk overflowed the call stack on it.
  const stack: Node[] = [root];
  while (stack.length > 0 && out.length < limit) {
    const node = stack.pop()!;
    if (node.type === 'ERROR') {
      out.push({ start: node.startIndex });
    } else if (node.isMissing) {
      out.push({ start: node.startIndex, missing: node.type });
    } else if (node.hasError) {
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return out;
}
