/**
 * `textDocument/documentSymbol`: the infrastructure resources a template declares, as symbols (the
 * outline, breadcrumbs and "Go to Symbol" of a CloudFormation, SAM, Serverless or Terraform file).
 *
 * Code files get none. Their Outline and "Go to Symbol" belong to the language (VS Code merges every
 * provider's symbols into one outline): Outage Radar's clients, calls, ARNs, endpoint strings and
 * region settings there were noise in the middle of the file's functions and classes, and a CDK
 * construct is already the language's own `new X(…)`. The same goes for region settings and
 * strings in templates and configuration files: only resources are things a reader navigates to.
 * ARCHITECTURE.md "The editor" records the decision.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { Dependency } from '../core/model';
import { rangeOfSpan } from './locations';
import type { MapView } from './mapView';

/** Files whose language has its own symbols: programming languages, not templates or configuration. */
const CODE_FILE = /\.(?:[cm]?[jt]sx?|py|pyi|go|java|kt|kts|rb|cs|php|rs|scala|swift)$/i;

export function isCodeFile(file: string): boolean {
  return CODE_FILE.test(file);
}

function symbolOf(d: Dependency): DocumentSymbol {
  const range = rangeOfSpan(d);
  const region = d.region ?? (d.candidateRegions?.length ? d.candidateRegions.join(' | ') : 'region unresolved');
  return { name: d.resource?.name || d.name || d.service, detail: `${d.service} · ${region}`, kind: SymbolKind.Struct, range, selectionRange: range };
}

export function documentSymbolsFor(view: MapView, file: string): DocumentSymbol[] {
  if (isCodeFile(file)) return [];
  return view
    .dependencies(file)
    .filter((d) => d.kind === 'iac-resource')
    .map(symbolOf);
}
