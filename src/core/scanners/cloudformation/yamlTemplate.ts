/**
 * Reads a YAML CloudFormation template (or any YAML the IaC scanners share, such as
 * `serverless.yml`) into a {@link TemplateNode} tree with offsets. Every short-form intrinsic
 * (`!Ref`, `!GetAtt`, `!Sub`, …) is registered as a custom tag in its scalar, sequence and
 * mapping forms, so valid templates never produce tag errors; tags we do not know (a macro's,
 * `!Rain::Embed`) stay on the node and are reported as a partial-scan problem, never a crash.
 */
import { isAlias, isMap as isYamlMap, isPair, isScalar, isSeq as isYamlSeq, parseDocument, Scalar, type Document, type Node as YamlNode, type Tags } from 'yaml';
import type { ParsedTemplate, SyntaxProblem, TemplateMap, TemplateNode, TemplatePair } from './templateTree';

/**
 * Short-form intrinsic functions and condition functions of CloudFormation, plus the tags of the
 * language extensions transform. Source: the CloudFormation User Guide, "Intrinsic function
 * reference" (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
 */
export const CLOUDFORMATION_TAGS = [
  'Ref', 'Sub', 'GetAtt', 'Join', 'Select', 'Split', 'If', 'Equals', 'And', 'Or', 'Not', 'FindInMap',
  'GetAZs', 'ImportValue', 'Base64', 'Cidr', 'Condition', 'Transform', 'ValueOf', 'ForEach', 'ToJsonString',
  'Length', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOfAll', 'GetParam',
] as const;

function cloudFormationTags(): Tags {
  const tags: Tags = [];
  for (const name of CLOUDFORMATION_TAGS) {
    const tag = `!${name}`;
    tags.push({ tag, resolve: (value: string) => value });
    tags.push({ tag, collection: 'seq' });
    tags.push({ tag, collection: 'map' });
  }
  return tags;
}

const TAGS = cloudFormationTags();
const MAX_PROBLEMS = 8;

/** Parses YAML text; the tree is as complete as the text allows, and problems name what was not understood. */
export function parseYamlTemplate(text: string): ParsedTemplate {
  const problems: SyntaxProblem[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { customTags: TAGS, uniqueKeys: false, prettyErrors: false, strict: false, logLevel: 'silent' });
  } catch (error) {
    return { root: undefined, problems: [{ offset: 0, message: `YAML could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  for (const e of doc.errors.slice(0, MAX_PROBLEMS)) {
    problems.push({ offset: e.pos[0], message: `YAML syntax error: ${firstLine(e.message)}` });
  }
  for (const w of doc.warnings) {
    if (w.code !== 'TAG_RESOLVE_FAILED' || problems.length >= MAX_PROBLEMS) continue;
    const tag = /tag:?\s*(\S+)/i.exec(w.message)?.[1] ?? 'tag';
    problems.push({ offset: w.pos[0], message: `unknown YAML tag ${tag}: its value was kept as written and not interpreted` });
  }
  const converter = new YamlConverter(doc, text);
  const root = doc.contents ? converter.convert(doc.contents as YamlNode, 0) : undefined;
  return { root, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Converts yaml's AST into template nodes. Aliases become shallow copies of their anchor's
 * converted node marked `aliased`, so the conversion stays linear however often an anchor is used.
 */
class YamlConverter {
  private readonly converted = new Map<YamlNode, TemplateNode>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
  ) {}

  convert(node: YamlNode, depth: number): TemplateNode | undefined {
    if (depth > 200) return undefined;
    if (isAlias(node)) {
      let target: YamlNode | undefined;
      try {
        target = node.resolve(this.doc) as YamlNode | undefined;
      } catch {
        target = undefined;
      }
      const copy = target ? this.converted.get(target) : undefined;
      return copy ? { ...copy, aliased: true } : undefined;
    }
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    const tag = node.tag && node.tag.startsWith('!') ? node.tag : undefined;
    let out: TemplateNode | undefined;
    if (isScalar(node)) {
      const raw = node.value;
      const value = raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      out = { kind: 'scalar', value, start, end: block ? trimmedEnd(this.text, start, valueEnd) : valueEnd, tag };
      if (node.type === Scalar.PLAIN && typeof node.source === 'string') out.source = node.source;
      if (block) out.block = true;
    } else if (isYamlMap(node)) {
      const map: TemplateMap = { kind: 'map', pairs: [], start, end: valueEnd, tag };
      this.converted.set(node, map);
      const merged: TemplatePair[] = [];
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const keyNode = item.key as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : '';
        const keyRange = keyNode?.range ?? [start, start, start];
        const value = item.value ? this.convert(item.value as YamlNode, depth + 1) : undefined;
        if (key === '<<' && isScalar(keyNode) && keyNode.type === Scalar.PLAIN) {
          for (const source of value?.kind === 'seq' ? value.items : value ? [value] : []) {
            if (source.kind === 'map') for (const p of source.pairs) merged.push({ ...p, merged: true, value: p.value ? { ...p.value, aliased: true } : undefined });
          }
          continue;
        }
        map.pairs.push({ key, keyStart: keyRange[0], keyEnd: keyRange[1], value });
      }
      // Merged keys come after the mapping's own keys: own keys win in lookups, as YAML says.
      map.pairs.push(...merged);
      out = map;
    } else if (isYamlSeq(node)) {
      const seq: TemplateNode = { kind: 'seq', items: [], start, end: valueEnd, tag };
      this.converted.set(node, seq);
      for (const item of node.items) {
        const c = this.convert(item as YamlNode, depth + 1);
        if (c) seq.items.push(c);
      }
      out = seq;
    }
    if (out) this.converted.set(node, out);
    return out;
  }
}

/** A block scalar's range ends after its trailing line breaks; its anchor ends at its last character. */
export function trimmedEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}
