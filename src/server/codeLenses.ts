/**
 * Code lenses above SDK clients and infrastructure resources, like Infracost's cost lens:
 * `us-east-1 · not replicated · 2 risks`. Clicking one (in VS Code) reveals the dependency and
 * opens its hover; other editors show the text only. Switched by `outageRadar.codeLens.enabled`.
 *
 * The lens reads the engine and the diagnostics, never recomputes them: "replicated" and "not
 * replicated" come from the engine's `replicatedElsewhere` (the simulation's verdict too; nothing is
 * said when the declaration does not state its replicas), the risk count is the number of problems (findings shown as diagnostics, every severity
 * but info) published on the construct's lines, and an open AWS Health event that affects the
 * construct is named.
 */
import type { CodeLens } from 'vscode-languageserver/node';
import { globalServiceOf } from '../core/catalogue/globalServices';
import type { Dependency, Finding } from '../core/model';
import { replicatedElsewhere } from '../core/resources/replication';
import { isShownAsProblem } from '../core/summary';
import { ClientCommands, type WorkspaceHealthEvent } from '../shared/protocol';
import type { MapView } from './mapView';

const LENS_KINDS = new Set<Dependency['kind']>(['iac-resource', 'sdk-client']);

/** The findings whose diagnostics sit on the construct: in its file, starting on its lines. */
export function findingsOnConstruct(d: Dependency, view: MapView): Finding[] {
  return view.findings(d.file).filter((f) => f.line >= d.line && f.line <= d.endLine);
}

/** The open Health events that name a place on the construct's lines. */
export function eventsOnConstruct(d: Dependency, events: readonly WorkspaceHealthEvent[]): WorkspaceHealthEvent[] {
  return events.filter((e) => e.affected.some((a) => a.file === d.file && a.line >= d.line && a.line <= d.endLine && (a.service === d.service || a.service === '*')));
}

/** The lens title of one dependency. */
export function lensTitle(d: Dependency, view: MapView, events: readonly WorkspaceHealthEvent[] = []): string {
  const parts: string[] = [];
  if (d.region) parts.push(d.regionSource === 'global-service' && globalServiceOf(d.service)?.pinned === 'control-plane' ? `control plane: ${d.region}` : d.region);
  else if (d.candidateRegions?.length) parts.push(d.candidateRegions.join(' | '));
  else parts.push(d.regionSource === 'parameter' ? 'region set at deploy' : 'region unresolved');
  if (d.kind === 'iac-resource') {
    const replicas = replicatedElsewhere(d, view.map.dependencies);
    if (replicas.state === 'elsewhere') parts.push(replicas.computed ? 'replicated to computed regions' : `replicated to ${replicas.regions.join(', ')}`);
    else if (replicas.state === 'unknown-region') parts.push('replica region unknown');
    else if (replicas.state === 'not-replicated') parts.push('not replicated');
  }
  const health = eventsOnConstruct(d, events);
  if (health.length) parts.push(health.length === 1 ? `AWS Health: ${health[0].statusCode} ${health[0].category === 'issue' ? 'issue' : health[0].category} (${health[0].eventTypeCode})` : `AWS Health: ${health.length} events`);
  const risks = findingsOnConstruct(d, view).filter((f) => isShownAsProblem(f.severity)).length;
  parts.push(risks === 0 ? (health.length ? 'no other risks' : 'no risks') : risks === 1 ? '1 risk' : `${risks} risks`);
  return parts.join(' · ');
}

export function codeLensesFor(view: MapView, file: string, uri: string, clientCommands: ReadonlySet<string>, events: readonly WorkspaceHealthEvent[] = []): CodeLens[] {
  const clickable = clientCommands.has(ClientCommands.showDependency);
  return view
    .dependencies(file)
    .filter((d) => LENS_KINDS.has(d.kind))
    .map((d) => {
      const at = { line: d.line - 1, character: d.column - 1 };
      const title = lensTitle(d, view, events);
      // A lens without a command id still shows its title (VS Code renders it as plain text).
      const command = clickable ? { title, command: ClientCommands.showDependency, arguments: [uri, at.line, at.character] } : { title, command: '' };
      return { range: { start: at, end: at }, command };
    });
}
