/**
 * Parses and validates `.outage-radar.yaml` (CONTRACTS.md "Configuration, suppressions,
 * baseline"). Never throws: every key is checked on its own, a bad value becomes a problem naming
 * the file, the line and what is wrong, and the default is kept for that part only, so that a typo
 * in one rule override never switches the whole configuration off.
 *
 * Decisions a reader must know:
 * - An unknown rule id (under `rules:` or in a `suppress:` entry) is a problem. A `rules:` entry
 *   for an unknown id is dropped (it could not apply to anything); a `suppress:` entry is kept, so
 *   that the rule unused-suppression also reports it at its place.
 * - A `suppress:` entry without `rule` or `file` is dropped with a problem; one without `reason`
 *   is kept (with `reason: null`) and reported by the rule suppression-without-reason.
 * - Rule settings accept `off`, `on`, a bare severity (`high`) as shorthand for
 *   `{ severity: high }`, or `{ severity, enabled }`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import type { ConfigSuppression, OutageRadarConfig, RuleSetting } from './config';
import { defaultConfig } from './config';
import { MAX_FILE_BYTES } from './limits';
import type { Problem, Severity, Tier } from './model';
import { SEVERITIES, TIERS } from './model';
import { isAvailabilityZone, isRegion } from './regions';
import { RULES } from './rules';

const TOP_LEVEL_KEYS = ['tier', 'regions', 'rules', 'ignore', 'suppress', 'azIds', 'includeTests'];
/** AZ ids: `use1-az4`, `usw2-az1`, `apne1-az4`, `usgw1-az2`. */
const AZ_ID = /^[a-z]{2,6}\d{1,2}-az\d{1,2}$/;

interface Reader {
  file: string;
  lines: LineCounter;
  problems: Problem[];
  known: ReadonlySet<string>;
  /** "did you mean" suggestions still allowed in this file */
  suggestionsLeft: number;
  work: ConfigParseWork;
}

/**
 * The work parsing a file took, counted where it could grow with the input: the cells of the
 * edit-distance tables behind "did you mean" suggestions. Tests assert the bound on it.
 */
export interface ConfigParseWork {
  suggestionCells: number;
}

/**
 * "Did you mean" is for typos: a value longer than this gets no suggestion (no rule id, key or tier
 * comes near it), and a file gets at most {@link MAX_SUGGESTIONS}. Each suggestion costs the value's
 * length times the length of every option, so twenty 200 KB unknown rule ids once cost 40 s.
 */
export const MAX_SUGGESTED_LENGTH = 64;
export const MAX_SUGGESTIONS = 20;

function at(r: Reader, node: Node | Pair | null | undefined): { line: number; column: number } {
  const range = node && 'range' in node ? node.range : node && 'key' in node && node.key && typeof node.key === 'object' && 'range' in node.key ? (node.key as Node).range : undefined;
  if (!range) return { line: 1, column: 1 };
  const p = r.lines.linePos(range[0]);
  return { line: p.line, column: p.col };
}

function report(r: Reader, node: Node | Pair | null | undefined, reason: string): void {
  r.problems.push({ file: r.file, ...at(r, node), reason, severity: 'partial' });
}

/** The node's scalar value, or undefined for maps, sequences and missing values. */
function scalar(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** A key as problems quote it and lookups use it: no key this file knows is longer than {@link MAX_SUGGESTED_LENGTH}. */
function keyOf(pair: Pair): string {
  const k = scalar(pair.key);
  return shorten(typeof k === 'string' ? k : String(k));
}

function show(value: unknown): string {
  return shorten(typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value));
}

/** A key or id as quoted in a problem: a long one is cut, so that a problem cannot carry a file's worth of text. */
function shorten(value: string): string {
  return value.length > MAX_SUGGESTED_LENGTH ? `${value.slice(0, MAX_SUGGESTED_LENGTH)}…` : value;
}

function kindOf(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (node === null || node === undefined || scalar(node) === null) return 'empty';
  return show(scalar(node));
}

/** Edit distance, for "did you mean" suggestions on misspelt keys and rule ids. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length];
}

function suggestion(r: Reader, value: string, options: Iterable<string>): string {
  if (value.length > MAX_SUGGESTED_LENGTH || r.suggestionsLeft <= 0) return '';
  r.suggestionsLeft--;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const o of options) {
    r.work.suggestionCells += value.length * o.length;
    const d = distance(value.toLowerCase(), o.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [o, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(value.length / 4)) ? ` (did you mean "${best}"?)` : '';
}

function unknownRule(r: Reader, id: string): string {
  return `unknown rule id "${shorten(id)}"${suggestion(r, id, r.known)}; the rule ids are listed in docs/rules/README.md`;
}

function readTier(r: Reader, node: unknown, config: OutageRadarConfig): void {
  const value = scalar(node);
  if (typeof value === 'string' && (TIERS as readonly string[]).includes(value)) {
    config.tier = value as Tier;
    return;
  }
  report(r, node as Node, `tier: ${kindOf(node)} is not a workload tier (${TIERS.join(', ')})${typeof value === 'string' ? suggestion(r, value, TIERS) : ''}; using ${config.tier}`);
}

function readRegion(r: Reader, node: unknown, where: string): string | undefined {
  const value = scalar(node);
  if (isRegion(value)) return value;
  report(r, node as Node, `${where}: ${kindOf(node)} is not an AWS region name (like us-east-1); ignored`);
  return undefined;
}

function readRegions(r: Reader, node: unknown, config: OutageRadarConfig): void {
  if (!isMap(node)) {
    report(r, node as Node, `regions: expected a mapping { primary: <region>, secondary: [<region>…] }, found ${kindOf(node)}; ignored`);
    return;
  }
  for (const pair of node.items) {
    const key = keyOf(pair);
    if (key === 'primary') {
      const region = readRegion(r, pair.value, 'regions.primary');
      if (region) config.regions.primary = region;
    } else if (key === 'secondary') {
      const items = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const item of items) {
        const region = readRegion(r, item, 'regions.secondary');
        if (region && !config.regions.secondary.includes(region)) config.regions.secondary.push(region);
      }
    } else {
      report(r, pair.key as Node, `regions.${key}: unknown key (expected primary, secondary)${suggestion(r, key, ['primary', 'secondary'])}; ignored`);
    }
  }
}

function readRuleSetting(r: Reader, id: string, node: unknown): RuleSetting | undefined {
  const value = scalar(node);
  if (value === 'off' || value === false) return 'off';
  if (value === 'on' || value === true) return { enabled: true };
  if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) return { severity: value as Severity };
  if (isMap(node)) {
    const setting: { severity?: Severity; enabled?: boolean } = {};
    for (const pair of node.items) {
      const key = keyOf(pair);
      const v = scalar(pair.value);
      if (key === 'severity') {
        if (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v)) setting.severity = v as Severity;
        else report(r, pair.value as Node, `rules.${id}.severity: ${kindOf(pair.value)} is not a severity (${SEVERITIES.join(', ')}); using the rule's default`);
      } else if (key === 'enabled') {
        if (typeof v === 'boolean') setting.enabled = v;
        else report(r, pair.value as Node, `rules.${id}.enabled: expected true or false, found ${kindOf(pair.value)}; ignored`);
      } else {
        report(r, pair.key as Node, `rules.${id}.${key}: unknown key (expected severity, enabled)${suggestion(r, key, ['severity', 'enabled'])}; ignored`);
      }
    }
    return setting;
  }
  report(r, node as Node, `rules.${id}: ${kindOf(node)} is not a rule setting (off, on, a severity, or { severity, enabled }); using the rule's defaults`);
  return undefined;
}

function readRules(r: Reader, node: unknown, config: OutageRadarConfig): void {
  if (!isMap(node)) {
    report(r, node as Node, `rules: expected a mapping of rule id to setting, found ${kindOf(node)}; ignored`);
    return;
  }
  for (const pair of node.items) {
    const id = keyOf(pair);
    if (!r.known.has(id)) {
      report(r, pair.key as Node, `rules: ${unknownRule(r, id)}; the setting is ignored`);
      continue;
    }
    const setting = readRuleSetting(r, id, pair.value);
    if (setting) config.rules[id] = setting;
  }
}

function readIgnore(r: Reader, node: unknown, config: OutageRadarConfig): void {
  const items = isSeq(node) ? node.items : [node];
  for (const item of items) {
    const value = scalar(item);
    if (typeof value === 'string' && value.trim() !== '') config.ignore.push(value.trim());
    else report(r, item as Node, `ignore: ${kindOf(item)} is not a path pattern (a glob such as "legacy/**"); ignored`);
  }
}

function readSuppression(r: Reader, node: unknown): ConfigSuppression | undefined {
  const where = at(r, node as Node);
  if (!isMap(node)) {
    report(r, node as Node, `suppress: expected an entry { rule, file, reason }, found ${kindOf(node)}; ignored`);
    return undefined;
  }
  const fields: Partial<Record<'rule' | 'file' | 'resource' | 'reason', string>> & { line?: number } = {};
  for (const pair of node.items) {
    const key = keyOf(pair);
    const value = scalar(pair.value);
    if (key === 'rule' || key === 'file' || key === 'resource' || key === 'reason') {
      if (typeof value === 'string' && value.trim() !== '') fields[key] = value.trim();
      else if (key === 'reason' && (value === null || value === '')) continue;
      else report(r, pair.value as Node, `suppress.${key}: expected text, found ${kindOf(pair.value)}; ignored`);
    } else if (key === 'line') {
      if (typeof value === 'number' && Number.isInteger(value) && value > 0) fields.line = value;
      else report(r, pair.value as Node, `suppress.line: expected a line number, found ${kindOf(pair.value)}; ignored`);
    } else {
      report(r, pair.key as Node, `suppress.${key}: unknown key (expected rule, file, resource, line, reason)${suggestion(r, key, ['rule', 'file', 'resource', 'line', 'reason'])}; ignored`);
    }
  }
  const missing = (['rule', 'file'] as const).filter((k) => !fields[k]);
  if (missing.length) {
    report(r, node, `suppress: the entry has no ${missing.join(' and no ')}; it suppresses nothing and is ignored`);
    return undefined;
  }
  const rule = fields.rule as string;
  if (!r.known.has(rule)) report(r, node, `suppress: ${unknownRule(r, rule)}`);
  const suppression: ConfigSuppression = {
    rule,
    file: (fields.file as string).replace(/^\.\//, ''),
    reason: fields.reason ?? null,
    at: { file: r.file, ...where },
  };
  if (fields.resource) suppression.resource = fields.resource;
  if (fields.line !== undefined) suppression.line = fields.line;
  return suppression;
}

function readSuppress(r: Reader, node: unknown, config: OutageRadarConfig): void {
  if (!isSeq(node)) {
    report(r, node as Node, `suppress: expected a list of entries { rule, file, reason }, found ${kindOf(node)}; ignored`);
    return;
  }
  for (const item of node.items) {
    const s = readSuppression(r, item);
    if (s) config.suppress.push(s);
  }
}

function readAzIds(r: Reader, node: unknown, config: OutageRadarConfig): void {
  if (!isMap(node)) {
    report(r, node as Node, `azIds: expected a mapping of AZ name to AZ id ({ us-east-1a: use1-az4 }), found ${kindOf(node)}; ignored`);
    return;
  }
  for (const pair of node.items) {
    const name = keyOf(pair);
    const id = scalar(pair.value);
    if (!isAvailabilityZone(name)) report(r, pair.key as Node, `azIds: "${name}" is not an availability zone name (like us-east-1a); ignored`);
    else if (typeof id !== 'string' || !AZ_ID.test(id)) report(r, pair.value as Node, `azIds.${name}: ${kindOf(pair.value)} is not an AZ id (like use1-az4); ignored`);
    else config.azIds[name] = id;
  }
}

function readIncludeTests(r: Reader, node: unknown, config: OutageRadarConfig): void {
  const value = scalar(node);
  if (typeof value === 'boolean') config.includeTests = value;
  else report(r, node as Node, `includeTests: ${kindOf(node)} is not true or false; using false`);
}

const READERS: Record<string, (r: Reader, node: unknown, config: OutageRadarConfig) => void> = {
  tier: readTier,
  regions: readRegions,
  rules: readRules,
  ignore: readIgnore,
  suppress: readSuppress,
  azIds: readAzIds,
  includeTests: readIncludeTests,
};

/**
 * Reads a `.outage-radar.yaml` text. `file` is its workspace-relative path (used in problems and
 * in the suppressions' `at`); `knownRuleIds` are the rule ids to accept (default: the catalogue).
 */
export function parseConfigFile(text: string, file: string, knownRuleIds?: ReadonlySet<string>, work: ConfigParseWork = { suggestionCells: 0 }): { config: OutageRadarConfig; problems: Problem[] } {
  const config: OutageRadarConfig = { ...defaultConfig(), file };
  // The same limit as every workspace file: the editor hands open documents over without a reader's check.
  if (text.length > MAX_FILE_BYTES) {
    return { config, problems: [{ file, line: 1, column: 1, reason: `larger than the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit: not read; using the defaults`, severity: 'skipped' }] };
  }
  const lines = new LineCounter();
  const r: Reader = { file, lines, problems: [], known: knownRuleIds ?? new Set(RULES.map((rule) => rule.meta.id)), suggestionsLeft: MAX_SUGGESTIONS, work };
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    // The yaml library reports errors in `doc.errors`; this guards against the unexpected only.
    r.problems.push({ file, line: 1, column: 1, reason: `not readable as YAML (${error instanceof Error ? error.message : String(error)}); using the defaults`, severity: 'partial' });
    return { config, problems: r.problems };
  }
  for (const error of doc.errors) {
    const p = lines.linePos(error.pos[0]);
    r.problems.push({ file, line: p.line, column: p.col, reason: `YAML syntax: ${error.message.split('\n')[0]}; the settings around it may be ignored`, severity: 'partial' });
  }
  const root = doc.contents;
  if (root === null || scalar(root) === null) return { config, problems: r.problems };
  if (!isMap(root)) {
    report(r, root, `expected a mapping of settings (${TOP_LEVEL_KEYS.join(', ')}), found ${kindOf(root)}; using the defaults`);
    return { config, problems: r.problems };
  }
  for (const pair of root.items) {
    const key = keyOf(pair);
    const reader = Object.prototype.hasOwnProperty.call(READERS, key) ? READERS[key] : undefined;
    if (!reader) {
      report(r, pair.key as Node, `unknown setting "${key}"${suggestion(r, key, TOP_LEVEL_KEYS)} (expected ${TOP_LEVEL_KEYS.join(', ')}); ignored`);
      continue;
    }
    if (pair.value === null || scalar(pair.value) === null) {
      report(r, pair.key as Node, `${key}: has no value; using the default`);
      continue;
    }
    reader(r, pair.value, config);
  }
  return { config, problems: r.problems };
}
