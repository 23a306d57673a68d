/**
 * The real corpora: the JavaScript of the project's own installed dependencies (the AWS SDKs
 * among them) and the public CloudFormation templates under ../shared/corpus, each copied into a
 * scratch folder among the bench's corpora (bench/corpus/location.ts). Copied, not scanned in
 * place: the walker skips folders named node_modules, and the shared corpus is read-only.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The dependency packages whose JavaScript is copied: the SDKs, the parsers, the LSP libraries. */
export const DEPENDENCY_PACKAGES = [
  '@aws-sdk', '@smithy', '@aws-crypto', 'aws-sdk', 'typescript', '@typescript-eslint', 'yaml', 'jsonc-parser', 'smol-toml',
  'web-tree-sitter', 'vscode-languageserver', 'vscode-languageserver-protocol', 'vscode-languageserver-types', 'vscode-jsonrpc', 'ignore', 'picomatch',
];

const SCRIPT = /\.(?:js|mjs|cjs)$/;

export interface CopiedCorpus {
  root: string;
  files: number;
  bytes: number;
}

function copyTree(from: string, to: string, keep: (name: string) => boolean, out: CopiedCorpus): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      // Nested installs are left out: the copy is each package's own code, once.
      if (entry.name === 'node_modules') continue;
      copyTree(source, path.join(to, entry.name), keep, out);
    } else if (entry.isFile() && keep(entry.name)) {
      mkdirSync(to, { recursive: true });
      copyFileSync(source, path.join(to, entry.name));
      out.files++;
      out.bytes += statSync(source).size;
    }
  }
}

/** Copies the JavaScript files of {@link DEPENDENCY_PACKAGES} from node_modules into `root/<package>/…`. */
export function copyDependencies(projectRoot: string, root: string): CopiedCorpus {
  const out: CopiedCorpus = { root, files: 0, bytes: 0 };
  for (const pkg of DEPENDENCY_PACKAGES) {
    const from = path.join(projectRoot, 'node_modules', pkg);
    if (existsSync(from)) copyTree(from, path.join(root, pkg), (name) => SCRIPT.test(name), out);
  }
  return out;
}

/** Copies every file of the CloudFormation template corpus. */
export function copyTemplates(corpus: string, root: string): CopiedCorpus {
  const out: CopiedCorpus = { root, files: 0, bytes: 0 };
  copyTree(corpus, root, () => true, out);
  return out;
}

/** Template files of a copied corpus (for the cfn-lint baseline): YAML, JSON and `.template`. */
export function templateFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (/\.(?:ya?ml|json|template)$/i.test(entry.name)) out.push(p);
    }
  };
  visit(root);
  return out.sort();
}
