/**
 * The one sanitiser for text that reaches a terminal or a CI log. File and folder names, logical
 * ids, labels, string literals, problem reasons and AWS Health messages come from repositories and
 * endpoints that Outage Radar does not control; printed raw, an escape sequence can clear the
 * screen and print a fake "0 findings", retitle the terminal or plant an OSC 8 link, a bidi
 * override can reorder what the reader sees, and a newline in a folder name can start a GitHub
 * Actions workflow command (`::error …`) on a line of its own.
 *
 * Every such character is shown as a visible escape instead: C0 controls, DEL and C1 controls as
 * `\xNN` (newline, carriage return and tab as `\n`, `\r`, `\t`), the bidi controls (U+061C,
 * U+200E/F, U+202A–202E, U+2066–2069) and the line and paragraph separators (U+2028/9) as `\uNNNN`.
 * Everything else, including non-ASCII letters, passes unchanged.
 */

/** The characters {@link forTerminal} escapes; also used by the JSON and SARIF renderers for bidi controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control, bidi and line-separator character shown as a visible escape. */
export function forTerminal(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, escapeOne) : text;
}

/** Bidi controls and line separators, which `JSON.stringify` leaves raw. */
const RAW_IN_JSON = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with the bidi controls and U+2028/9 written as `\uNNNN` escapes: the same document for
 * any parser, but a reader of the raw file (a CI log, a diff, a code review) sees them.
 * Only valid on `JSON.stringify` output, where these characters can occur only inside strings.
 */
export function escapeJsonInvisibles(json: string): string {
  RAW_IN_JSON.lastIndex = 0;
  return RAW_IN_JSON.test(json) ? json.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
