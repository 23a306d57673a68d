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
import type { JavaScriptFormatFacts } from '../scanners/javascript/scanSource';
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

export const importedClientPass: ResolutionPass = {
  id: 'js-imports',
  run(workspace) {
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
