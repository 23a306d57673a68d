/**
 * Where a Lambda function's code lives, from its template: SAM `CodeUri` (or `Globals.Function`),
 * `Handler`, esbuild `Metadata.BuildProperties.EntryPoints`, `InlineCode`, container image build
 * contexts; plain `AWS::Lambda::Function` with a local `Code` path (as `aws cloudformation
 * package` expects) or inline `ZipFile`. The region resolver uses these units to give handler
 * code the region its stack is deployed to.
 *
 * Paths are workspace-relative POSIX without a trailing slash. A path may omit the file
 * extension (`src/handlers/orders` for `src/handlers/orders.handler`): the resolver matches it as a
 * prefix, a folder, or with any source extension.
 */
import type { DeployUnit } from '../../model';
import type { ResourceProperties } from './resourceFacts';
import { getPath, getValue, itemsOf, literalString, type TemplateMap } from './templateTree';
import { folderOf } from '../../paths';

/** Joins POSIX path parts and normalises `.` and `..`; null when the path leaves the workspace or is absolute. */
export function joinWorkspacePath(...parts: string[]): string | null {
  const out: string[] = [];
  for (const part of parts) {
    if (part.startsWith('/') || /^[A-Za-z]:[\\/]/.test(part)) return null;
    for (const seg of part.replace(/\\/g, '/').split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (!out.length) return null;
        out.pop();
      } else out.push(seg);
    }
  }
  return out.join('/');
}

/** A local code location: not an S3 URI, URL, or unresolved expression. */
function isLocalPath(value: string | undefined): value is string {
  if (value === undefined) return false;
  const v = value.trim();
  return v !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !v.includes('${') && !v.startsWith('arn:');
}

/**
 * The module a handler string names, relative to the code folder: `app.lambdaHandler` → `app`,
 * `src/handlers/orders.handler` → `src/handlers/orders`. Java/.NET handlers (`pkg.Class::method`)
 * and custom runtimes (`bootstrap`) name no source file: undefined.
 */
export function handlerModule(handler: string | undefined): string | undefined {
  if (!handler) return undefined;
  const h = handler.trim();
  if (h.includes('::') || !h.includes('.')) return undefined;
  const module = h.slice(0, h.lastIndexOf('.'));
  return module && !module.endsWith('/') ? module : undefined;
}

/** Drops a source extension (`src/app.ts` → `src/app`). */
function withoutExtension(path: string): string {
  return path.replace(/\.(?:[cm]?[jt]sx?|py|rb|go|java|cs)$/, '');
}

export interface DeployUnitInput {
  logicalId: string;
  type: string;
  resource: TemplateMap;
  props: ResourceProperties;
  /** the template (or serverless file) being scanned */
  file: string;
  line: number;
  dependencyId: string;
  environment?: Record<string, string>;
}

/** The deploy unit of a function resource, or undefined when its code is not in the workspace. */
export function functionDeployUnit(input: DeployUnitInput): DeployUnit | undefined {
  const { type, props, file } = input;
  const dir = folderOf(file);
  // Compiled runtimes name a class or a binary, not a source file: their folder is the unit.
  const compiled = /^(java|dotnet|go|provided)/i.test(literalString(props.get('Runtime')) ?? '');
  const handler = compiled ? undefined : literalString(props.get('Handler'));
  let codePaths: string[] = [];
  if (type === 'AWS::Serverless::Function') {
    if (props.get('InlineCode')) codePaths = [file];
    else if (literalString(props.get('PackageType'))?.toLowerCase() === 'image') {
      const context = literalString(getPath(input.resource, 'Metadata', 'DockerContext'));
      const p = isLocalPath(context) ? joinWorkspacePath(dir, context) : null;
      if (p !== null) codePaths = [p];
    } else {
      const codeUri = literalString(props.get('CodeUri'));
      const root = codeUri === undefined ? dir : isLocalPath(codeUri) ? joinWorkspacePath(dir, codeUri) : null;
      // Without CodeUri, SAM packages the template's folder.
      if (root !== null && !(props.get('CodeUri') && codeUri === undefined)) codePaths = [moduleInFolder(root, input.resource, handler)];
    }
  } else {
    const code = props.get('Code');
    if (getValue(code, 'ZipFile')) codePaths = [file];
    else {
      const local = literalString(code);
      const root = isLocalPath(local) ? joinWorkspacePath(dir, local) : null;
      if (root !== null) codePaths = [/\.(zip|jar)$/i.test(root) ? root : moduleInFolder(root, input.resource, handler)];
    }
  }
  if (!codePaths.length) return undefined;
  const unit: DeployUnit = { name: input.logicalId, stackFile: file, codePaths, line: input.line, dependencyId: input.dependencyId };
  if (input.environment && Object.keys(input.environment).length) unit.environment = input.environment;
  return unit;
}

/** The handler's file inside a code folder: esbuild entry points first, then the handler's module. */
function moduleInFolder(root: string, resource: TemplateMap, handler: string | undefined): string {
  const entry = itemsOf(getPath(resource, 'Metadata', 'BuildProperties', 'EntryPoints')).map((e) => literalString(e)).find(isLocalPath);
  if (entry) return joinWorkspacePath(root, withoutExtension(entry)) ?? root;
  const module = handlerModule(handler);
  if (module) return joinWorkspacePath(root, module) ?? root;
  return root;
}
