/**
 * Code actions on findings: the rule's mechanical fix when it has one (its `fix` edits, possibly
 * in several files), and "Suppress <rule> with a reason…" for every rule, which writes an
 * `outage-radar-ignore <rule>: <reason>` comment on the line above with the line's indentation
 * and a placeholder reason for the user to replace.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver/node';
import type { Finding } from '../core/model';
import { ClientCommands, SUPPRESSION_REASON_PLACEHOLDER } from '../shared/protocol';
import { findingToDiagnostic } from './diagnostics';
import { rangeOfSpan, rangesTouch, uriOfFile, type FolderLocation } from './locations';
import type { MapView } from './mapView';

/** Rules about suppressions themselves: the engine never suppresses their findings. */
const UNSUPPRESSIBLE = new Set(['suppression-without-reason', 'unused-suppression']);

const SLASH_EXTENSIONS = new Set(['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts']);
const HASH_EXTENSIONS = new Set(['py', 'yaml', 'yml', 'tf', 'tfvars', 'hcl', 'toml', 'env', 'ini', 'cfg', 'conf', 'properties', 'dockerfile']);

/**
 * The line-comment marker of a file, decided from its name (and, for `.template`, its content),
 * never from the editor's language id. `undefined`: the format has no comments (JSON).
 */
export function commentMarkerFor(file: string, text: string): '//' | '#' | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  if (base.startsWith('dockerfile') || base.startsWith('.env') || base === 'config' || base === 'credentials') return '#';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  if (SLASH_EXTENSIONS.has(ext)) return '//';
  if (HASH_EXTENSIONS.has(ext)) return '#';
  // A CloudFormation `.template` is JSON or YAML: only YAML holds comments.
  if (ext === 'template') return text.trimStart().startsWith('{') ? undefined : '#';
  return undefined;
}

export interface CodeActionInput {
  view: MapView;
  folder: FolderLocation;
  file: string;
  /** the URI the client used for the document */
  uri: string;
  /** the document's current text */
  text: string;
  range: Range;
  /** diagnostics the client sent in the request context (reused so the editor can link action and squiggle) */
  contextDiagnostics?: readonly Diagnostic[];
  /** the client implements Outage Radar's own commands */
  clientCommands?: ReadonlySet<string>;
}

export function codeActionsFor(input: CodeActionInput): CodeAction[] {
  const { view, file, range } = input;
  const findings = view.findings(file).filter((f) => rangesTouch(rangeOfSpan(f), range));
  const fixes: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const suppressed = new Set<string>();
  for (const finding of findings) {
    const diagnostic = matchingDiagnostic(finding, input) ?? findingToDiagnostic(finding, view, input.folder);
    if (finding.fix?.edits.length) fixes.push(fixAction(finding, diagnostic, input));
    const key = `${finding.ruleId}:${finding.line}`;
    if (!UNSUPPRESSIBLE.has(finding.ruleId) && !suppressed.has(key)) {
      const action = suppressAction(finding, diagnostic, input);
      if (action) {
        suppressions.push(action);
        suppressed.add(key);
      }
    }
  }
  return [...fixes, ...suppressions];
}

function matchingDiagnostic(finding: Finding, input: CodeActionInput): Diagnostic | undefined {
  const range = rangeOfSpan(finding);
  return input.contextDiagnostics?.find((d) => d.code === finding.ruleId && d.range.start.line === range.start.line && d.range.start.character === range.start.character);
}

function fixAction(finding: Finding, diagnostic: Diagnostic, input: CodeActionInput): CodeAction {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of finding.fix!.edits) {
    const uri = edit.file === input.file ? input.uri : uriOfFile(input.folder, edit.file);
    (changes[uri] ??= []).push({ range: rangeOfSpan(edit), newText: edit.newText });
  }
  return { title: finding.fix!.description, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes } };
}

function suppressAction(finding: Finding, diagnostic: Diagnostic, input: CodeActionInput): CodeAction | undefined {
  const marker = commentMarkerFor(input.file, input.text);
  if (!marker) return undefined;
  const lines = input.text.split(/\r\n|\r|\n/);
  const lineText = lines[finding.line - 1] ?? '';
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const eol = input.text.includes('\r\n') ? '\r\n' : '\n';
  const newText = `${indent}${marker} outage-radar-ignore ${finding.ruleId}: ${SUPPRESSION_REASON_PLACEHOLDER}${eol}`;
  const at = { line: finding.line - 1, character: 0 };
  const action: CodeAction = {
    title: `Suppress ${finding.ruleId} with a reason…`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [input.uri]: [{ range: { start: at, end: at }, newText }] } },
  };
  // After the edit the comment sits on the finding's old line: select the placeholder to type over it.
  if (input.clientCommands?.has(ClientCommands.selectSuppressionReason)) {
    action.command = { title: 'Select the reason', command: ClientCommands.selectSuppressionReason, arguments: [input.uri, finding.line - 1] };
  }
  return action;
}
