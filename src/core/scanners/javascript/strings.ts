/**
 * AWS endpoint hosts and ARNs written in string literals and template literals (comments are not
 * in the tree, so a region or host in prose is never a dependency). A template literal is read
 * with its substitutions as placeholders, so `arn:aws:dynamodb:${region}:${account}:table/x` is an
 * ARN with an unknown region and `https://sqs.${region}.amazonaws.com` an endpoint with an unknown
 * region. When the file cannot be parsed, {@link scanStringsInText} does the same over quoted text.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Dependency } from '../../model';
import { analyseStringValue, type LiteralFinding } from '../literals';
import type { ScanState } from './scanState';
import type { StringSite } from './sourceIndex';
import type { DependencyBuilder } from '../builder';

/** Keys under which a host is an audience or a principal (`'token.actions.githubusercontent.com:aud'` → `aud`). */
const PRINCIPAL_LIKE_KEY = /(?:principal|audience|^aud$|clientids?$|^sub$)/i;

function normaliseKey(key: string | undefined): string | undefined {
  if (!key) return undefined;
  const i = key.lastIndexOf(':');
  return i >= 0 ? key.slice(i + 1) : key;
}

/** Stands for a substitution inside a host name; shown as `*` in the dependency's text. */
const HOST_PLACEHOLDER = 'zq0q';

/** What a template literal says, with each substitution replaced by a placeholder that fits where it sits. */
function templateText(node: TSESTree.TemplateLiteral, hostPlaceholder: boolean): string {
  let out = '';
  node.quasis.forEach((q, i) => {
    out += q.value.cooked ?? q.value.raw;
    if (i < node.expressions.length) {
      // After `arn:` the partition is expected; elsewhere an ARN field is simply empty. Host labels need a letter.
      out += hostPlaceholder ? HOST_PLACEHOLDER : /arn:$/.test(out) ? 'aws' : '';
    }
  });
  return out;
}

function findingsOf(site: StringSite): LiteralFinding[] {
  let key = normaliseKey(site.key);
  // A principal or audience names a service, not an endpoint; an ARN given as a principal is still an ARN.
  const principal = key !== undefined && PRINCIPAL_LIKE_KEY.test(key);
  if (principal) key = undefined;
  const node = site.node;
  let findings: LiteralFinding[];
  if (node.type === 'Literal') findings = analyseStringValue(node.value as string, key);
  else if (node.expressions.length === 0) findings = analyseStringValue(node.quasis[0]?.value.cooked ?? '', key);
  else {
    // Hosts from the host reading, ARNs from the ARN reading.
    const hosts = analyseStringValue(templateText(node, true), key)
      .filter((f) => f.kind === 'endpoint')
      .map((f) => ({ ...f, text: f.text.split(HOST_PLACEHOLDER).join('*') }));
    const arns = analyseStringValue(templateText(node, false), key).filter((f) => f.kind === 'arn');
    findings = [...hosts, ...arns];
  }
  return principal ? findings.filter((f) => f.kind === 'arn') : findings;
}

function addFinding(builder: DependencyBuilder, f: LiteralFinding, start: number, end: number, raw: string | undefined): Dependency {
  return builder.add({
    kind: f.kind,
    service: f.service,
    region: f.region,
    regionSource: f.global ? 'global-service' : f.region ? 'literal' : 'unresolved',
    ...(f.global ? { global: true } : {}),
    text: raw ?? f.text,
    origin: 'js',
  }, start, end);
}

/** Endpoint and ARN dependencies of every string in the file, remembered by literal node. */
export function scanStrings(state: ScanState): void {
  for (const site of state.index.strings) {
    const findings = findingsOf(site);
    if (findings.length === 0) continue;
    const node = site.node;
    const deps: Dependency[] = [];
    for (const f of findings) {
      // A template's ARN keeps its `${…}` as written, so the text says what is unknown.
      const raw = node.type === 'TemplateLiteral' && node.expressions.length > 0 && f.kind === 'arn' ? templateArnText(state.read(node.range[0] + 1, node.range[1] - 1)) : undefined;
      state.markRead(node.range[0], node.range[1]);
      deps.push(addFinding(state.builder, f, node.range[0], node.range[1], raw));
    }
    state.literalDeps.set(node, deps);
  }
}

function templateArnText(source: string): string {
  const i = source.indexOf('arn:');
  const s = i >= 0 ? source.slice(i) : source;
  const end = s.search(/[\s"'`,;)\]]/);
  return end > 0 ? s.slice(0, end) : s;
}

/** Quoted strings on a line: `"…"`, `'…'`, `` `…` `` without line breaks (linear: one pass per quote). */
const QUOTED = /(["'`])((?:\\.|(?!\1)[^\\\n]){0,4000})\1/g;

/**
 * The fallback for a file that does not parse: endpoints and ARNs inside quoted strings, skipping
 * lines that are comments. Less exact than the tree (a quote inside a comment after code counts),
 * but it keeps the obvious dependencies of a half-written file visible.
 */
export function scanStringsInText(builder: DependencyBuilder, text: string): void {
  if (!text.includes('amazonaws') && !text.includes('arn:') && !text.includes('.on.aws')) return;
  let offset = 0;
  for (const line of text.split('\n')) {
    const t = line.trimStart();
    if (!(t.startsWith('//') || t.startsWith('*') || t.startsWith('/*')) && (line.includes('amazonaws') || line.includes('arn:') || line.includes('.on.aws'))) {
      QUOTED.lastIndex = 0;
      for (let m = QUOTED.exec(line); m; m = QUOTED.exec(line)) {
        for (const f of analyseStringValue(m[2])) addFinding(builder, f, offset + m.index, offset + m.index + m[0].length, undefined);
      }
    }
    offset += line.length + 1;
  }
}
