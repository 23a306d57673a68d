/**
 * Code lenses above SDK clients and infrastructure resources, like Infracost's cost lens:
 * `us-east-1 · not replicated · 2 risks`. Clicking one (in VS Code) reveals the dependency and
 * opens its hover; other editors show the text only. Switched by `outageRadar.codeLens.enabled`.
 */
import type { CodeLens } from 'vscode-languageserver/node';
import { globalServiceOf } from '../core/catalogue/globalServices';
import type { Dependency } from '../core/model';
import { ClientCommands } from '../shared/protocol';
import type { MapView } from './mapView';

const LENS_KINDS = new Set<Dependency['kind']>(['iac-resource', 'sdk-client']);

/** The lens title of one dependency. */
export function lensTitle(d: Dependency, view: MapView): string {
  const parts: string[] = [];
  if (d.region) parts.push(d.regionSource === 'global-service' && globalServiceOf(d.service)?.pinned === 'control-plane' ? `control plane: ${d.region}` : d.region);
  else if (d.candidateRegions?.length) parts.push(d.candidateRegions.join(' | '));
  else parts.push(d.regionSource === 'parameter' ? 'region set at deploy' : 'region unresolved');
  if (d.kind === 'iac-resource') {
    const replicas = (d.resource?.replicaRegions ?? []).filter((r): r is string => typeof r === 'string' && r !== d.region);
    if (replicas.length) parts.push(`replicated to ${replicas.join(', ')}`);
    else if (d.resource?.replicaRegions !== undefined || view.findingsOn(d).some((f) => /replic|not-global|no-cross-region/.test(f.ruleId))) parts.push('not replicated');
  }
  const risks = view.findingsOn(d).filter((f) => f.severity !== 'info').length;
  parts.push(risks === 0 ? 'no risks' : risks === 1 ? '1 risk' : `${risks} risks`);
  return parts.join(' · ');
}

export function codeLensesFor(view: MapView, file: string, uri: string, clientCommands: ReadonlySet<string>): CodeLens[] {
  const clickable = clientCommands.has(ClientCommands.showDependency);
  return view
    .dependencies(file)
    .filter((d) => LENS_KINDS.has(d.kind))
    .map((d) => {
      const at = { line: d.line - 1, character: d.column - 1 };
      const title = lensTitle(d, view);
      // A lens without a command id still shows its title (VS Code renders it as plain text).
      const command = clickable ? { title, command: ClientCommands.showDependency, arguments: [uri, at.line, at.character] } : { title, command: '' };
      return { range: { start: at, end: at }, command };
    });
}
