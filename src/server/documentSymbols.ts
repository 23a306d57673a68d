/**
 * `textDocument/documentSymbol`: a file's dependencies as symbols (the outline, breadcrumbs and
 * "Go to Symbol" in VS Code; `:lua vim.lsp.buf.document_symbol()` in Neovim). The list is flat:
 * a call and the client it goes through are in different places, and a child symbol's range must
 * lie inside its parent's.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { Dependency, DependencyKind } from '../core/model';
import { rangeOfSpan } from './locations';
import type { MapView } from './mapView';

const SYMBOL_KIND: Record<DependencyKind, SymbolKind> = {
  'sdk-client': SymbolKind.Object,
  'sdk-call': SymbolKind.Method,
  'iac-resource': SymbolKind.Struct,
  'region-config': SymbolKind.Property,
  endpoint: SymbolKind.String,
  arn: SymbolKind.Key,
};

function symbolName(d: Dependency): string {
  if (d.kind === 'iac-resource' && d.resource?.name) return d.resource.name;
  if (d.kind === 'sdk-call' && d.operation) return d.operation;
  return d.name || d.text || d.service;
}

function symbolOf(d: Dependency): DocumentSymbol {
  const range = rangeOfSpan(d);
  const region = d.region ?? (d.candidateRegions?.length ? d.candidateRegions.join(' | ') : 'region unresolved');
  return { name: symbolName(d), detail: `${d.service === '*' ? 'region' : d.service} · ${region}`, kind: SYMBOL_KIND[d.kind], range, selectionRange: range };
}

export function documentSymbolsFor(view: MapView, file: string): DocumentSymbol[] {
  return view.dependencies(file).map(symbolOf);
}
