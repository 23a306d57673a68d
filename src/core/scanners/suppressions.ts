/**
 * Inline suppressions: `outage-radar-ignore <rule-id>[, <rule-id>]: <reason>` in a comment, on the
 * line before the construct or at the end of its line. Found by a line scan (comments are not in
 * every parser's tree), given the comment markers of the format.
 */
import type { Suppression } from '../model';

export const SUPPRESSION_MARKER = 'outage-radar-ignore';
const MARKER = SUPPRESSION_MARKER;

export type CommentStyle = 'slash' | 'hash';

export function findSuppressions(file: string, text: string, style: CommentStyle): Suppression[] {
  if (!text.includes(MARKER)) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const out: Suppression[] = [];
  const commentStart = style === 'slash' ? /(\/\/|\/\*)/ : /#/;
  // The first code line at or after each line, computed once from the end: searching forward from
  // every suppression would be quadratic in a file of many consecutive comment lines.
  let nextCode: Int32Array | undefined;
  const codeLineFrom = (from: number): number => {
    if (!nextCode) {
      nextCode = new Int32Array(lines.length + 1).fill(-1);
      for (let j = lines.length - 1; j >= 0; j--) nextCode[j] = lines[j].trim() === '' || isCommentOnly(lines[j], style) ? nextCode[j + 1] : j;
    }
    return nextCode[from];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const at = line.indexOf(MARKER);
    if (at < 0) continue;
    const head = line.slice(0, at);
    const c = commentStart.exec(head);
    if (!c) continue;
    const body = line.slice(at + MARKER.length).replace(/\*\/\s*$/, '');
    const m = /^\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*(?::\s*(.*))?$/.exec(body);
    if (!m) continue;
    const reason = readReason(m[2]);
    const codeBefore = head.slice(0, c.index).trim().length > 0;
    let targetLine = i + 1;
    if (!codeBefore) {
      const j = codeLineFrom(i + 1);
      targetLine = j >= 0 ? j + 1 : i + 1;
    }
    out.push({
      file,
      line: i + 1,
      column: c.index + 1,
      endColumn: line.length + 1,
      targetLine,
      ruleIds: m[1].split(',').map((s) => s.trim()),
      reason,
    });
  }
  return out;
}

function isCommentOnly(line: string, style: CommentStyle): boolean {
  const t = line.trim();
  return style === 'slash' ? t.startsWith('//') || t.startsWith('/*') || t.startsWith('*') : t.startsWith('#');
}

/** The placeholder the editor's "Suppress … with a reason" quick fix writes, for the user to replace. */
export const SUPPRESSION_REASON_PLACEHOLDER = 'TODO: reason';

/**
 * A suppression's reason, or null when there is none: empty, or still a placeholder (`TODO: reason`,
 * `TODO`, `FIXME`, `TBD`) — the quick fix's placeholder is not a reason anyone can review.
 */
export function readReason(text: string | undefined): string | null {
  const reason = text?.trim() ?? '';
  if (!reason || /^(?:todo|fixme|tbd|xxx)\b\s*:?\s*(?:reason)?\s*\.?$/i.test(reason)) return null;
  return reason;
}
