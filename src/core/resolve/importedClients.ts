/**
 * The cross-file pass for SDK clients shared between modules — the layout of the AWS SDK
 * examples and of most services: `libs/s3Client.js` exports `new S3Client({ region })` and every
 * other module imports it (`import { s3Client } from './libs/s3Client.js'`).
 *
 * The scanner leaves calls (and document clients) made through an imported client with
 * `regionRef { kind: 'format', format: 'js-import', key: '<module path without extension>#<export>' }`
 * and lists each module's exported clients in its format facts. This pass links each such
 * dependency to the exported client and gives it that client's region fields — including a
 * client's own pending reference (the environment), so that the passes after it resolve both the
 * same way. Chains (a document client module wrapping an imported client) settle in rounds.
 *
 * It runs after the format passes and before the deploy pass (`RESOLUTION_PASSES`).
 */
import type { Dependency } from '../model';
import type { ResolutionPass, ResolutionWorkspace } from './types';
import type { CallerArgument, JavaScriptFormatFacts } from '../scanners/javascript/scanSource';
import { traceStep } from '../trace';

const MAX_ROUNDS = 8;

function withoutExtension(file: string): string {
  return file.replace(/\.[cm]?[jt]sx?$/, '');
}

function isImportRef(dep: Dependency): boolean {
  return dep.regionRef?.kind === 'format' && dep.regionRef.format === 'js-import';
}

/** Exported client ids by `<module path without extension>#<export>` (a folder import also finds its index). */
function exportTable(workspace: ResolutionWorkspace): Map<string, string> {
  const table = new Map<string, string>();
  for (const { file, facts } of workspace.formatFacts<JavaScriptFormatFacts>('javascript')) {
    const exports = facts?.exports;
    if (!exports) continue;
    const base = withoutExtension(file);
    for (const [name, id] of Object.entries(exports)) {
      table.set(`${base}#${name}`, id);
      if (base.endsWith('/index')) table.set(`${base.slice(0, -'/index'.length)}#${name}`, id);
    }
  }
  return table;
}

/**
 * A client built from a region its caller passes (`new S3Client({ region: deployRegion })` in an
 * exported function) takes the regions the workspace's callers pass (`bucketClient('eu-west-1')`
 * in another module); with no caller in the workspace it stays unresolved, its trace naming the
 * parameter.
 */
function settleCallerParameters(workspace: ResolutionWorkspace): void {
  const pending = workspace.pending('format').filter((d) => d.regionRef?.kind === 'format' && d.regionRef.format === 'js-caller');
  if (pending.length === 0) return;
  const byKey = new Map<string, CallerArgument[]>();
  for (const { facts } of workspace.formatFacts<JavaScriptFormatFacts>('javascript')) {
    for (const a of facts?.callerArguments ?? []) byKey.set(a.key, [...(byKey.get(a.key) ?? []), a]);
  }
  for (const dep of pending) {
    const ref = dep.regionRef;
    if (ref?.kind !== 'format') continue;
    const [module, name, index] = splitCallerKey(ref.key);
    const passed = [...(byKey.get(`${module}#${name}#${index}`) ?? []), ...(module.endsWith('/index') ? byKey.get(`${module.slice(0, -'/index'.length)}#${name}#${index}`) ?? [] : [])];
    delete dep.regionRef;
    if (passed.length === 0) continue;
    const regions = [...new Set(passed.flatMap((a) => (a.region ? [a.region] : a.candidateRegions ?? [])))];
    const trace = passed.flatMap((a) => a.trace);
    if (regions.length === 1 && passed.every((a) => a.region === regions[0])) workspace.settle(dep, { region: regions[0], regionSource: 'variable', trace });
    else workspace.settle(dep, { region: null, regionSource: 'variable', candidateRegions: regions, trace });
  }
}

/** `libs/clients#bucketClient#0` → module, export, argument index (a module path never holds `#`). */
function splitCallerKey(key: string): [string, string, string] {
  const last = key.lastIndexOf('#');
  const middle = key.lastIndexOf('#', last - 1);
  return [key.slice(0, middle), key.slice(middle + 1, last), key.slice(last + 1)];
}

export const importedClientPass: ResolutionPass = {
  id: 'js-imports',
  run(workspace) {
    settleCallerParameters(workspace);
    let pending = workspace.pending('format').filter(isImportRef);
    if (pending.length === 0) return;
    const table = exportTable(workspace);
    for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
      const next: Dependency[] = [];
      for (const dep of pending) {
        const ref = dep.regionRef;
        if (ref?.kind !== 'format') continue;
        const client = workspace.byId.get(table.get(ref.key) ?? '');
        if (!client) {
          // Nothing in the workspace exports it: the region stays unknown.
          delete dep.regionRef;
          continue;
        }
        // The client itself waits for another import: take it up in the next round.
        if (isImportRef(client) && round < MAX_ROUNDS - 1) {
          next.push(dep);
          continue;
        }
        dep.region = client.region;
        dep.regionSource = client.regionSource;
        if (client.candidateRegions) dep.candidateRegions = [...client.candidateRegions];
        dep.regionTrace = [...(dep.regionTrace ?? []), traceStep(client, { kind: 'imported-client', ...(client.name ? { name: client.name } : {}), from: client.file }), ...(client.regionTrace ?? [])];
        if (client.regionRef && !isImportRef(client)) dep.regionRef = { ...client.regionRef };
        else delete dep.regionRef;
        if (client.global) dep.global = true;
        dep.links = [...new Set([...(dep.links ?? []), client.id])];
      }
      pending = next;
    }
  },
};
