/**
 * The scanner interface. One scanner per source format; each is given a file's path and text and
 * returns plain data. A scanner never throws past `scan` (the registry also guards it) and never
 * touches the file system: the host (src/node) reads files and loads parser WebAssembly.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Language } from 'web-tree-sitter';
import type { DeployUnit, Dependency, Problem, Suppression } from '../model';

export interface ScanContext {
  /** tree-sitter languages loaded by the host; a scanner whose language is missing reports a problem */
  languages: { hcl?: Language; python?: Language };
  /**
   * Asked for by the editor's rescans (`src/core/incremental/trivia.ts`): the JavaScript scanner
   * hands over its syntax tree and the ranges of the text it read (start/end pairs), after a scan
   * that parsed the file.
   */
  javascriptSyntax?: (program: TSESTree.Program, reads: readonly number[]) => void;
}

export interface ScanOutput {
  dependencies: Dependency[];
  problems: Problem[];
  suppressions?: Suppression[];
  deployUnits?: DeployUnit[];
  /** facts the format's own cross-file pass reads; must be plain JSON */
  formatFacts?: unknown;
}

export interface Scanner {
  /** stable id: `javascript`, `cloudformation`, `terraform`, … (also the key of `formatFacts`) */
  readonly id: string;
  /** Cheap: decides by file name and a glance at the text whether this scanner understands the file. */
  accepts(file: string, text: string): boolean;
  scan(file: string, text: string, context: ScanContext): ScanOutput;
}

export function emptyOutput(): ScanOutput {
  return { dependencies: [], problems: [], suppressions: [] };
}
