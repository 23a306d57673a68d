/**
 * Loads the tree-sitter parsers the Terraform and Python scanners use: the web-tree-sitter runtime
 * and the HCL (Terraform dialect) and Python grammars, all as WebAssembly so that the extension
 * runs on every platform without native addons.
 *
 * The `.wasm` files are looked up next to the running bundle first (the build copies them into
 * `dist/`, see scripts/build.mjs), then in `node_modules` (tests and `tsx` runs). Loading happens
 * once per process. It never throws: a grammar that cannot be loaded leaves its language undefined,
 * and the scanner that needs it reports a problem per file instead of dependencies.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { ScanContext } from '../core/scanners/types';

export type LoadedLanguages = ScanContext['languages'];

/** Where each WebAssembly file may be: candidate paths in order of preference. */
export interface LanguageFiles {
  runtime: string[];
  hcl: string[];
  python: string[];
}

/** A file next to the bundle, then the same file resolved from `node_modules`. */
function candidates(bundledName: string, modulePath: string): string[] {
  const out = [path.join(__dirname, bundledName)];
  try {
    out.push(require.resolve(modulePath));
  } catch {
    // Not installed (a packaged extension ships only dist/): the bundled copy is the only candidate.
  }
  return out;
}

/** The default locations: `dist/` beside the bundle, else the npm packages. */
export function defaultLanguageFiles(): LanguageFiles {
  return {
    runtime: candidates('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm'),
    // The Terraform dialect of the HCL grammar understands Terraform's extensions; plain HCL is the fallback.
    hcl: [
      ...candidates('tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
      ...candidates('tree-sitter-hcl.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'),
    ],
    python: candidates('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'),
  };
}

/**
 * web-tree-sitter's runtime is process-wide: once initialised it serves every later load. A failed
 * attempt is not remembered, so that a later call with other candidate files can still succeed.
 */
let runtimeReady: Promise<boolean> | undefined;

function initRuntime(files: string[]): Promise<boolean> {
  runtimeReady ??= (async () => {
    for (const wasm of files) {
      if (!existsSync(wasm)) continue;
      try {
        await Parser.init({ locateFile: () => wasm });
        return true;
      } catch {
        // Try the next candidate.
      }
    }
    return false;
  })().then((ok) => {
    if (!ok) runtimeReady = undefined;
    return ok;
  });
  return runtimeReady;
}

async function loadFirst(files: string[]): Promise<Language | undefined> {
  for (const file of files) {
    if (!existsSync(file)) continue;
    try {
      return await Language.load(file);
    } catch {
      // A corrupt or incompatible grammar: try the next candidate.
    }
  }
  return undefined;
}

/** Loads the languages from the given candidate files; never throws. */
export async function loadLanguagesFrom(files: LanguageFiles): Promise<LoadedLanguages> {
  try {
    if (!(await initRuntime(files.runtime))) return {};
    const [hcl, python] = await Promise.all([loadFirst(files.hcl), loadFirst(files.python)]);
    const out: LoadedLanguages = {};
    if (hcl) out.hcl = hcl;
    if (python) out.python = python;
    return out;
  } catch {
    return {};
  }
}

let loaded: Promise<LoadedLanguages> | undefined;

/** The languages of this process, loaded on first use. */
export function loadLanguages(): Promise<LoadedLanguages> {
  loaded ??= loadLanguagesFrom(defaultLanguageFiles());
  return loaded;
}
