/**
 * The baseline (`.outage-radar-baseline.json`): the findings accepted at one point in time, so
 * that CI fails on new risks only. Findings are matched by fingerprint — a hash of the rule, the
 * file and the construct's identity (dependency ids come from kind, service and normalised
 * construct text, never from positions) — so a finding survives lines inserted above it, and
 * re-indentation of the construct itself.
 */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { DependencyMap, Finding } from './model';

export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
}

export interface BaselineFile {
  version: 1;
  findings: BaselineEntry[];
}

/** The baseline of a map's findings, sorted by file and rule so that the file diffs well. */
export function createBaseline(map: DependencyMap): BaselineFile {
  const seen = new Set<string>();
  const findings: BaselineEntry[] = [];
  for (const f of map.findings) {
    if (!f.fingerprint || f.suppressed || seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    findings.push({ ruleId: f.ruleId, file: f.file, fingerprint: f.fingerprint });
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
  return { version: 1, findings };
}

/**
 * The findings that are not in the baseline. Accepts what `JSON.parse` gave: entries that are not
 * objects with a string fingerprint are ignored rather than trusted, so a damaged baseline can
 * only let more findings through, never hide one.
 */
export function applyBaseline(findings: Finding[], baseline: BaselineFile | unknown): Finding[] {
  const entries = baseline && typeof baseline === 'object' && Array.isArray((baseline as BaselineFile).findings) ? (baseline as BaselineFile).findings : [];
  const known = new Set(entries.flatMap((e) => (e && typeof e === 'object' && typeof e.fingerprint === 'string' && e.fingerprint ? [e.fingerprint] : [])));
  return findings.filter((f) => !f.fingerprint || !known.has(f.fingerprint));
}

/**
 * Reads a baseline file's text. Returns the baseline, or a reason the text is not one (for the
 * CLI's usage error); never throws.
 */
export function parseBaseline(text: string): { baseline: BaselineFile } | { error: string } {
  let value: unknown;
  const body = text.replace(/^\uFEFF/, '');
  try {
    value = JSON.parse(body);
  } catch {
    // JSON.parse's message quotes the text around the error: a baseline that is a link to
    // /etc/passwd or /proc/self/environ would land in a public CI log. Only the line is named.
    return { error: `not JSON (syntax error on line ${syntaxErrorLine(body)})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'expected an object { "version": 1, "findings": [...] }' };
  const v = value as { version?: unknown; findings?: unknown };
  // A number is safe to show; a string could be anything the file holds.
  if (v.version !== 1) return { error: `unsupported baseline version${typeof v.version === 'number' && Number.isFinite(v.version) ? ` ${v.version}` : ''} (expected 1)` };
  if (!Array.isArray(v.findings)) return { error: '"findings" must be a list' };
  const findings: BaselineEntry[] = [];
  for (const [i, e] of v.findings.entries()) {
    const entry = e as Partial<BaselineEntry> | null;
    if (!entry || typeof entry !== 'object' || typeof entry.fingerprint !== 'string' || typeof entry.ruleId !== 'string' || typeof entry.file !== 'string') {
      return { error: `findings[${i}] must have "ruleId", "file" and "fingerprint" strings` };
    }
    findings.push({ ruleId: entry.ruleId, file: entry.file, fingerprint: entry.fingerprint });
  }
  return { baseline: { version: 1, findings } };
}

/** The 1-based line of the first JSON syntax error, found without quoting anything. */
function syntaxErrorLine(text: string): number {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
  const offset = errors[0]?.offset ?? 0;
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
