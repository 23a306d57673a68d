/**
 * Workspace-relative POSIX path arithmetic for what code names by path: relative imports
 * (`../lib/orders-stack`), Lambda asset folders (`path.join(__dirname, '../lambda')`,
 * `Code.fromAsset('lambda')`) and Pulumi archives. Written by hand because `src/core` does not use
 * `node:path`; a path that climbs above the workspace root is no path (undefined).
 */
import { staticString, unwrap, type Node } from './parse';
import type { ScanState } from './scanState';
import type { Scope } from './sourceIndex';
import { folderOf } from '../../paths';

/** Joins and normalises POSIX segments; undefined when the result would leave the workspace. */
export function joinPath(...parts: string[]): string | undefined {
  const out: string[] = [];
  for (const part of parts) {
    if (part.startsWith('/')) return undefined; // absolute paths point outside the workspace
    for (const seg of part.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (out.length === 0) return undefined;
        out.pop();
      } else out.push(seg);
    }
  }
  return out.join('/');
}

/** The workspace file a relative import names, given the importing file (the extension is the importer's). */
export function resolveRelativeImport(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = joinPath(folderOf(fromFile), specifier);
  if (base === undefined) return undefined;
  if (/\.[cm]?[jt]sx?$/.test(base)) return base.replace(/\.([cm]?)js$/, (_m, p: string) => (/\.[cm]?ts$/.test(fromFile) ? `.${p}ts` : `.${p}js`));
  const ext = /\.([cm]?[jt]sx?)$/.exec(fromFile)?.[1] ?? 'ts';
  return `${base}.${ext.replace('x', '')}`;
}

/**
 * The folder the CDK CLI runs in (where `cdk.json` usually sits): paths such as
 * `Code.fromAsset('lambda')` are relative to it. Without the file system the scanner takes the
 * folder above the first `bin`, `lib` or `src` segment of the file's path, else the file's folder.
 */
export function projectRootOf(file: string): string {
  const segs = file.split('/');
  for (let i = 0; i < segs.length - 1; i++) if (segs[i] === 'bin' || segs[i] === 'lib' || segs[i] === 'src') return segs.slice(0, i).join('/');
  return folderOf(file);
}

/**
 * A path expression as a workspace-relative path: a string (relative to `cwdRoot`),
 * `path.join(__dirname, …)` / `path.resolve(__dirname, …)` / `` `${__dirname}/…` `` (relative to the file).
 */
export function evaluatePath(state: ScanState, node: Node | undefined, scope: Scope, cwdRoot: string): string | undefined {
  if (!node) return undefined;
  const v = state.values.resolve(node, scope);
  if (v.kind !== 'expr') return undefined;
  const n = unwrap(v.node);
  const s = staticString(n);
  if (s !== undefined) return joinPath(cwdRoot, s);
  const here = folderOf(state.file);
  if (n.type === 'TemplateLiteral' && n.expressions.length >= 1 && isDirname(n.expressions[0]) && (n.quasis[0].value.cooked ?? '') === '') {
    if (n.expressions.length !== 1) return undefined;
    return joinPath(here, n.quasis[1].value.cooked ?? '');
  }
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    const name = callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : callee.type === 'Identifier' ? callee.name : '';
    if ((name === 'join' || name === 'resolve') && n.arguments.length > 0) {
      const parts: string[] = [];
      let relativeToFile = false;
      for (let i = 0; i < n.arguments.length; i++) {
        const a = n.arguments[i];
        if (i === 0 && isDirname(a)) {
          relativeToFile = true;
          continue;
        }
        const inner = a.type === 'SpreadElement' ? undefined : state.values.resolve(a, v.scope);
        const part = inner?.kind === 'expr' ? staticString(inner.node) : undefined;
        if (part === undefined) return undefined;
        parts.push(part);
      }
      return joinPath(relativeToFile ? here : cwdRoot, ...parts);
    }
  }
  return undefined;
}

function isDirname(node: Node): boolean {
  const n = unwrap(node);
  return n.type === 'Identifier' && n.name === '__dirname';
}
