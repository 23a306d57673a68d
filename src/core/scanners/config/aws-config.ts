/**
 * AWS CLI/SDK shared config files committed to the workspace (`.aws/config`, `aws/config`,
 * `*.aws-config`, or any INI file whose sections are `[default]` / `[profile x]` /
 * `[sso-session x]` and that sets `region` or `sso_region`). The format is the one in
 * https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html: sections, `key = value`,
 * and indented sub-settings under a key with an empty value (`s3 =` then
 * `  us_east_1_regional_endpoint = legacy`); `#` and `;` start comments.
 *
 * - `region` in a profile → a runtime `region-config` (`config-file`) whose environment is the
 *   profile; `sso_region` (profile or sso-session) → a region-config named `sso_region`.
 * - `sts_regional_endpoints = legacy`, `s3 = / us_east_1_regional_endpoint = legacy` → the global
 *   endpoints in us-east-1 they select.
 * - endpoint URLs (`endpoint_url`, `[services x]`) and ARNs (`role_arn`) in any value.
 */
import type { Problem } from '../../model';
import { DependencyBuilder } from '../builder';
import { findSuppressions } from '../suppressions';
import { emptyOutput, type Scanner, type ScanOutput } from '../types';
import { emitLegacyEndpoint, emitStringValue, legacyEndpointOf, literalSet, regionFields } from './envAssignments';

const ID = 'aws-config';
const CONFIG_PATH = /(?:^|\/)\.?aws\/config$|\.aws-config$/;
/** Names an INI file may have when it is recognised by content. */
const INI_NAME = /^(?:[^./]+|[^/]+\.(?:ini|cfg|conf|config))$/i;
const PROFILE_SECTION = /^[ \t]*\[[ \t]*(?:default|profile[ \t]+[^\]\r\n]+|sso-session[ \t]+[^\]\r\n]+)[ \t]*\]/m;
const REGION_KEY = /^[ \t]*(?:sso_)?region[ \t]*=/m;
/** How much of an unnamed file the content check reads. */
const SNIFF_LENGTH = 65536;

export const awsConfigScanner: Scanner = {
  id: ID,
  accepts(file: string, text: string): boolean {
    if (CONFIG_PATH.test(file)) return /region|endpoint|arn:/i.test(text);
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (!INI_NAME.test(base)) return false;
    const head = text.slice(0, SNIFF_LENGTH);
    return PROFILE_SECTION.test(head) && REGION_KEY.test(head);
  },
  scan(file: string, text: string): ScanOutput {
    const out = emptyOutput();
    const builder = new DependencyBuilder(file, text);
    scanIni(builder, out.problems);
    out.dependencies = builder.dependencies;
    out.suppressions = findSuppressions(file, text, 'hash');
    return out;
  },
};

type SectionKind = 'profile' | 'sso-session' | 'services' | 'other';

function sectionOf(header: string): { kind: SectionKind; name: string } {
  const h = header.trim();
  if (h === 'default') return { kind: 'profile', name: 'default' };
  const m = /^(profile|sso-session|services)\s+(.+)$/.exec(h);
  if (!m) return { kind: 'other', name: h };
  return { kind: m[1] === 'profile' ? 'profile' : (m[1] as SectionKind), name: m[2].trim() };
}

function scanIni(builder: DependencyBuilder, problems: Problem[]): void {
  const { text, file } = builder;
  let section: { kind: SectionKind; name: string } | undefined;
  let parent: string | undefined;
  let bad = 0;
  let firstBad: { line: number; why: string } | undefined;
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol).replace(/\r$/, '');
    const lineStart = pos;
    pos = eol + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\s*\[([^\]]*)\]\s*(?:[#;].*)?$/.exec(line);
    if (header) {
      section = sectionOf(header[1]);
      parent = undefined;
      continue;
    }
    const m = /^(\s*)([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (!m || !section) {
      if (bad++ === 0) firstBad = { line: builder.lines.position(lineStart).line, why: section ? 'not "key = value"' : 'a setting before any [section]' };
      continue;
    }
    const indented = m[1].length > 0;
    const key = m[2];
    // Inline comments need a blank before them (`region = us-east-1 ; primary`); one blank is enough to find them.
    const valueRaw = m[3].replace(/\s[#;].*$/, '').trimEnd();
    const keyStart = lineStart + m[1].length;
    const valueStart = lineStart + line.length - m[3].length;
    const valueEnd = valueStart + valueRaw.length;
    if (!indented) parent = valueRaw === '' ? key : undefined;
    else if (parent === undefined) {
      if (bad++ === 0) firstBad = { line: builder.lines.position(lineStart).line, why: 'an indented setting outside a nested block' };
      continue;
    }
    if (valueRaw === '') continue;
    const nestedUnder = indented ? parent : undefined;
    emitSetting(builder, section, nestedUnder, key, valueRaw, keyStart, valueEnd, valueStart);
  }
  if (firstBad) problems.push({ file, line: firstBad.line, reason: `AWS config: ${bad} line(s) could not be read (first: line ${firstBad.line}, ${firstBad.why}); they were skipped`, severity: 'partial' });
}

function emitSetting(
  builder: DependencyBuilder,
  section: { kind: SectionKind; name: string },
  nestedUnder: string | undefined,
  key: string,
  value: string,
  start: number,
  end: number,
  valueStart: number,
): void {
  const regionKey = !nestedUnder && ((key === 'region' && section.kind === 'profile') || (key === 'sso_region' && (section.kind === 'profile' || section.kind === 'sso-session')));
  if (regionKey) {
    builder.add({
      kind: 'region-config',
      service: '*',
      name: key,
      text: value,
      origin: ID,
      ...regionFields(literalSet(value), 'config-file'),
      scope: { directory: '', environment: section.name, appliesTo: 'runtime' },
    }, start, end);
    return;
  }
  const legacy = (section.kind === 'profile' && !nestedUnder && key === 'sts_regional_endpoints') || (nestedUnder === 's3' && key === 'us_east_1_regional_endpoint') ? legacyEndpointOf(key, value) : undefined;
  if (legacy) {
    emitLegacyEndpoint(builder, key, legacy, start, end, ID);
    return;
  }
  emitStringValue(builder, value, key, valueStart, end, ID);
}
