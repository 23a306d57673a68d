/**
 * The Terraform scanner: `.tf` and `.tfvars` (native syntax, parsed by tree-sitter's HCL grammar)
 * and `.tf.json` / `.tfvars.json` (JSON syntax). One file at a time it reports:
 *
 * - a `region-config` per `provider "aws"` block (anchored at its `region = …` attribute);
 * - an `iac-resource` per `resource "aws_*"` block (anchored at the `resource` keyword), with its
 *   service and resilience facts, and the S3 state backend as a dependency of its own;
 * - `endpoint` and `arn` dependencies for the hosts and ARNs in any string;
 * - the facts the cross-file pass needs (providers, variables, locals, tfvars values, module calls),
 *   because a resource's region is usually decided in another file: its provider's `region` is a
 *   `var.region` whose value is in `terraform.tfvars`, or the provider is passed into a module.
 *
 * Resources get their region from the Terraform pass (`regionRef` kind `format`, key
 * `<module folder>|<provider alias>`), unless their own provider v6 `region` argument is a literal.
 * Data sources are not dependencies of their own, but their strings are read like any other.
 */
import type { Dependency, Problem, ResourceAttributes, ResourceFacts } from '../../model';
import { isAvailabilityZone, isRegion } from '../../regions';
import { DependencyBuilder } from '../builder';
import { analyseStringValue } from '../literals';
import { findSuppressions } from '../suppressions';
import { PARSE_BUDGET_MS, parseTextWithin, syntaxErrors } from '../treeSitter';
import type { ScanContext, ScanOutput, Scanner } from '../types';
import type { ModuleCallFact, ResourceFact, TerraformFileFacts, ValueFact } from './facts';
import { HclConverter, MAX_EXPRESSION_DEPTH, type StringToken } from './hclSyntax';
import { parseJsonConfig } from './jsonSyntax';
import { analyseResource, AZ_ATTRIBUTES } from './resourceFacts';
import { serviceOfTerraformType } from './resourceTypes';
import type { TfBlock, TfBody, TfExpr } from './syntax';
import { attributeOf, awsProviderAlias, blocksOf, exprText, objectBody, resourceAddressOf, stringItems, stringValue, valueOf } from './syntax';
import { folderOf } from '../../paths';
import { traceStep } from '../../trace';

export const TERRAFORM_FORMAT = 'terraform';

type FileKind = { syntax: 'hcl' | 'json'; role: 'config' | 'tfvars' };

function kindOf(file: string): FileKind | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  if (base.endsWith('.tf')) return { syntax: 'hcl', role: 'config' };
  if (base.endsWith('.tf.json')) return { syntax: 'json', role: 'config' };
  if (base.endsWith('.tfvars')) return { syntax: 'hcl', role: 'tfvars' };
  if (base.endsWith('.tfvars.json')) return { syntax: 'json', role: 'tfvars' };
  return undefined;
}

/** Variable files Terraform loads without `-var-file`. Source: https://developer.hashicorp.com/terraform/language/values/variables#variable-definitions-tfvars-files */
export function isAutoLoadedVarFile(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base === 'terraform.tfvars' || base === 'terraform.tfvars.json' || base.endsWith('.auto.tfvars') || base.endsWith('.auto.tfvars.json');
}

/** POSIX join and normalisation of a module source relative to the calling folder; undefined when it leaves the workspace. */
export function joinModuleFolder(folder: string, source: string): string | undefined {
  const parts = folder === '' ? [] : folder.split('/');
  for (const p of source.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(p);
  }
  return parts.join('/');
}

/** Meta-arguments of a module call that are not the module's input variables. */
const MODULE_META = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on']);

/** Expression texts are kept for traces only: long ones (a large `locals` map) are clipped so facts stay small. */
function clip(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

export function valueFact(expr: TfExpr, text: string): ValueFact {
  switch (expr.kind) {
    case 'string':
      return { kind: 'string', value: expr.value };
    case 'reference':
      return { kind: 'reference', path: expr.path, text: expr.text };
    case 'template':
      return expr.parts.length === 1 && expr.raw.trim().replace(/^\$\{\s*|\s*\}$/g, '') === exprText(expr.parts[0], text) ? valueFact(expr.parts[0], text) : { kind: 'other', text: clip(exprText(expr, text)) };
    case 'conditional':
      return { kind: 'conditional', text: clip(expr.text), options: [valueFact(expr.then, text), valueFact(expr.otherwise, text)] };
    case 'null':
      return { kind: 'null' };
    case 'object':
      return { kind: 'collection', text: clip(exprText(expr, text)), items: expr.entries.map((e) => valueFact(e.value, text)), keys: expr.entries.map((e) => e.key) };
    case 'tuple':
      return { kind: 'collection', text: clip(exprText(expr, text)), items: expr.items.map((i) => valueFact(i, text)) };
    case 'call': {
      // Functions that pick one of their arguments: lookup(map, key, default), element(list, i), try/coalesce(a, b, …).
      const picked = expr.name === 'lookup' ? [expr.args[0], expr.args[2]] : expr.name === 'element' ? [expr.args[0]] : ['try', 'coalesce', 'one'].includes(expr.name) ? expr.args : [];
      const options = picked.filter((a): a is TfExpr => a !== undefined).map((a) => valueFact(a, text));
      return options.length ? { kind: 'conditional', text: clip(expr.text), options } : { kind: 'other', text: clip(expr.text) };
    }
    default:
      return { kind: 'other', text: clip(exprText(expr, text)) };
  }
}

class TerraformFileScan {
  readonly builder: DependencyBuilder;
  readonly problems: Problem[] = [];
  readonly folder: string;
  readonly facts: TerraformFileFacts;

  constructor(readonly file: string, readonly text: string, role: 'config' | 'tfvars') {
    this.builder = new DependencyBuilder(file, text);
    this.folder = folderOf(file);
    this.facts = { folder: this.folder, role, providers: [], variables: [], locals: [], assignments: [], modules: [], resources: [], archives: [] };
    if (role === 'tfvars') this.facts.autoLoaded = isAutoLoadedVarFile(file);
  }

  private located(offset: number): { line: number; column: number } {
    return this.builder.lines.position(offset);
  }

  private get container(): string {
    return this.folder === '' ? '.' : this.folder;
  }

  config(body: TfBody): void {
    for (const block of allTopLevelBlocks(body)) {
      switch (block.type) {
        case 'provider':
          if (block.labels[0] === 'aws') this.provider(block);
          break;
        case 'variable':
          if (block.labels[0]) this.variable(block);
          break;
        case 'locals':
          for (const a of block.body.attributes) this.facts.locals.push({ name: a.name, value: valueFact(a.value, this.text), ...this.located(a.range.start) });
          break;
        case 'module':
          if (block.labels[0]) this.module(block);
          break;
        case 'terraform':
          this.terraformSettings(block);
          break;
        case 'resource':
          if (block.labels.length >= 2 && block.labels[0].startsWith('aws_')) this.resource(block);
          break;
        case 'data':
          if (block.labels[0] === 'archive_file' && block.labels[1]) this.archive(block);
          break;
        default:
          break;
      }
    }
  }

  tfvars(body: TfBody): void {
    for (const a of body.attributes) this.facts.assignments.push({ name: a.name, value: valueFact(a.value, this.text), ...this.located(a.range.start) });
  }

  private provider(block: TfBlock): void {
    const alias = stringValue(valueOf(block.body, 'alias')) ?? '';
    const regionAttr = attributeOf(block.body, 'region');
    const anchor = regionAttr ? regionAttr.range : block.header;
    const draft: Parameters<DependencyBuilder['add']>[0] = {
      kind: 'region-config',
      service: '*',
      name: alias ? `provider.region (alias ${alias})` : 'provider.region',
      origin: TERRAFORM_FORMAT,
      scope: { directory: this.folder, appliesTo: 'deploy' },
      container: this.container,
    };
    const literal = stringValue(regionAttr?.value);
    if (regionAttr) draft.text = exprText(regionAttr.value, this.text);
    if (literal !== undefined && isRegion(literal)) {
      draft.region = literal;
      draft.regionSource = 'literal';
    } else if (literal === undefined) {
      draft.regionRef = { kind: 'format', format: TERRAFORM_FORMAT, key: `${this.folder}|${alias}` };
    }
    const construct = `provider "aws" ${alias}|${regionAttr ? this.text.slice(regionAttr.range.start, regionAttr.range.end) : ''}`;
    const dep = this.builder.add(draft, anchor.start, anchor.end, construct);
    const proxy = alias !== '' && block.body.blocks.length === 0 && block.body.attributes.every((a) => a.name === 'alias');
    this.facts.providers.push({
      alias,
      ...(regionAttr ? { region: valueFact(regionAttr.value, this.text) } : {}),
      ...(proxy ? { proxy: true } : {}),
      configId: dep.id,
      ...this.located(anchor.start),
    });
  }

  private variable(block: TfBlock): void {
    const def = valueOf(block.body, 'default');
    this.facts.variables.push({
      name: block.labels[0],
      ...(def && def.kind !== 'null' ? { default: valueFact(def, this.text) } : {}),
      ...(def?.kind === 'null' ? { nullDefault: true } : {}),
      ...this.located(block.header.start),
    });
  }

  private module(block: TfBlock): void {
    const source = stringValue(valueOf(block.body, 'source')) ?? '';
    const call: ModuleCallFact = { name: block.labels[0], source, providers: {}, arguments: {}, ...this.located(block.header.start) };
    if (source.startsWith('./') || source.startsWith('../')) {
      const folder = joinModuleFolder(this.folder, source);
      if (folder !== undefined) call.folder = folder;
    }
    const providers = valueOf(block.body, 'providers');
    if (providers?.kind === 'object') {
      for (const e of providers.entries) call.providers[e.key] = e.value.kind === 'string' ? e.value.value : exprText(e.value, this.text);
    }
    for (const a of block.body.attributes) if (!MODULE_META.has(a.name)) call.arguments[a.name] = valueFact(a.value, this.text);
    this.facts.modules.push(call);
  }

  /** `terraform { backend "s3" { … } }`: where the state lives is a dependency of its own. */
  private terraformSettings(block: TfBlock): void {
    const backends: Array<{ type: string; body: TfBody; header: { start: number; end: number } }> = block.body.blocks
      .filter((b) => b.type === 'backend' && b.labels[0])
      .map((b) => ({ type: b.labels[0], body: b.body, header: b.header }));
    if (block.body.json) {
      const backend = attributeOf(block.body, 'backend');
      if (backend?.value.kind === 'object') {
        for (const e of backend.value.entries) if (e.value.kind === 'object') backends.push({ type: e.key, body: objectBody(e.value), header: e.keyRange });
      }
    }
    for (const b of backends) {
      if (b.type !== 's3') continue;
      const bucket = stringValue(valueOf(b.body, 'bucket'));
      const regionValue = valueOf(b.body, 'region');
      const region = stringValue(regionValue);
      const lockTable = stringValue(valueOf(b.body, 'dynamodb_table'));
      const facts: ResourceFacts = { type: 'terraform-backend-s3', name: bucket ?? 'backend "s3"', attributes: {} };
      const attributes = facts.attributes as NonNullable<ResourceFacts['attributes']>;
      if (bucket) attributes.physicalNames = [bucket];
      if (lockTable) attributes.lockTable = lockTable;
      const lockfile = valueOf(b.body, 'use_lockfile');
      if (lockfile?.kind === 'bool') attributes.lockFile = lockfile.value;
      const start = this.located(b.header.start);
      const regionKnown = region !== undefined && isRegion(region);
      this.builder.add(
        {
          kind: 'iac-resource',
          service: 's3',
          name: 'backend "s3"',
          text: bucket,
          origin: TERRAFORM_FORMAT,
          region: regionKnown ? region : null,
          // A backend without a region gets it at `terraform init` (-backend-config or AWS_REGION).
          regionSource: regionKnown ? 'literal' : regionValue ? 'unresolved' : 'parameter',
          ...(regionKnown || regionValue ? {} : { regionTrace: [traceStep({ file: this.file, ...start }, { kind: 'deploy-time', subject: 's3-backend' })] }),
          resource: facts,
          container: this.container,
        },
        b.header.start,
        b.header.end,
        `backend "s3" ${bucket ?? ''}`,
      );
    }
  }

  private resource(block: TfBlock): void {
    const [type, name] = block.labels;
    const service = serviceOfTerraformType(type);
    if (!service) return;
    const { facts, links } = analyseResource(type, name, block.body, this.text);
    const insertion = this.propertyInsertion(block);
    if (insertion) (facts.attributes ??= {}).propertyInsertion = insertion;
    // Findings about a zone name sit on the attribute that writes it, not on the resource's head.
    const zone = block.body.attributes.find((a) => AZ_ATTRIBUTES.includes(a.name) && stringItems(a.value).some(isAvailabilityZone));
    if (zone && facts.attributes?.availabilityZones) facts.attributes.availabilityZoneAt = this.builder.lines.span(zone.range.start, zone.range.end);
    const alias = awsProviderAlias(valueOf(block.body, 'provider')) ?? '';
    const ownRegion = valueOf(block.body, 'region');
    const literal = stringValue(ownRegion);
    const address = `${type}.${name}`;
    const draft: Parameters<DependencyBuilder['add']>[0] = {
      kind: 'iac-resource',
      service,
      name: address,
      origin: TERRAFORM_FORMAT,
      resource: facts,
      container: this.container,
    };
    if (literal !== undefined && isRegion(literal)) {
      draft.region = literal;
      draft.regionSource = 'literal';
    } else {
      draft.regionRef = { kind: 'format', format: TERRAFORM_FORMAT, key: `${this.folder}|${alias}` };
    }
    const dep: Dependency = this.builder.add(draft, block.header.start, block.header.end, `resource "${type}" "${name}"`);
    const fact: ResourceFact = { id: dep.id, address, links };
    if (ownRegion && !(literal !== undefined && isRegion(literal))) fact.region = valueFact(ownRegion, this.text);
    if (type === 'aws_lambda_function') this.lambdaCode(block.body, fact);
    this.facts.resources.push(fact);
  }

  /**
   * Where a quick fix may add an argument line: after the line of `resource "…" "…" {`, at the
   * indentation of the body's first argument or block. Only for a body written over several lines
   * whose `{` ends its line (a comment may follow it) and whose first item starts a line of its
   * own; not for one-line bodies, empty bodies, the JSON syntax or blocks recovered from errors.
   */
  private propertyInsertion(block: TfBlock): ResourceAttributes['propertyInsertion'] {
    if (!block.braces) return undefined;
    const items = [...block.body.attributes.map((a) => a.range.start), ...block.body.blocks.map((b) => b.header.start)];
    if (items.length === 0) return undefined;
    const lines = this.builder.lines;
    const open = lines.position(block.braces.open);
    const first = lines.position(Math.min(...items));
    if (first.line <= open.line || lines.position(block.braces.close).line <= open.line) return undefined;
    const afterBrace = lines.lineText(open.line).slice(open.column);
    if (!/^\s*(?:(?:#|\/\/).*)?$/.test(afterBrace)) return undefined;
    const indent = lines.lineText(first.line).slice(0, first.column - 1);
    if (!/^[ \t]+$/.test(indent)) return undefined;
    const keys = [...new Set([...block.body.attributes.map((a) => a.name), ...block.body.blocks.map((b) => (b.type === 'dynamic' && b.labels[0] ? b.labels[0] : b.type))])];
    return { line: open.line, indent, syntax: 'hcl', keys };
  }

  /** Where a function's code comes from, and which environment variables name resources: for the deploy and link passes. */
  private lambdaCode(body: TfBody, fact: ResourceFact): void {
    const filename = valueOf(body, 'filename');
    const ref = filename?.kind === 'reference' ? filename.path : filename?.kind === 'template' && filename.parts.length === 1 && filename.parts[0].kind === 'reference' ? filename.parts[0].path : undefined;
    if (ref && ref[0] === 'data' && ref[1] === 'archive_file' && ref[2]) fact.code = { archive: ref[2] };
    const env: Record<string, string> = {};
    for (const e of blocksOf(body, 'environment')) {
      const vars = valueOf(e, 'variables');
      if (vars?.kind !== 'object') continue;
      for (const entry of vars.entries) {
        const address = resourceAddressOf(entry.value);
        if (address) env[entry.key] = address;
      }
    }
    if (Object.keys(env).length) fact.environmentResources = env;
  }

  private archive(block: TfBlock): void {
    const source = valueOf(block.body, 'source_dir') ?? valueOf(block.body, 'source_file');
    if (!source || (source.kind !== 'string' && source.kind !== 'template')) return;
    this.facts.archives.push({ name: block.labels[1], source: source.kind === 'string' ? source.value : source.raw, ...this.located(block.header.start) });
  }

  strings(tokens: StringToken[]): void {
    const seen = new Set<string>();
    for (const t of tokens) {
      for (const f of analyseStringValue(t.value, t.key)) {
        const start = t.exact ? t.start + f.offset : t.start;
        const end = t.exact ? start + f.length : t.end;
        const k = `${start}:${end}:${f.text}`;
        if (seen.has(k)) continue;
        seen.add(k);
        this.builder.add(
          {
            kind: f.kind,
            service: f.service,
            text: f.text,
            origin: TERRAFORM_FORMAT,
            region: f.region,
            regionSource: f.global ? 'global-service' : f.region ? 'literal' : 'unresolved',
            ...(f.global ? { global: true } : {}),
            ...(t.key ? { name: t.key } : {}),
            container: this.container,
          },
          start,
          end,
          `${t.key ?? ''}=${f.text}`,
        );
      }
    }
  }

  problem(offset: number, reason: string): void {
    const { line, column } = this.located(offset);
    // Error recovery often reports the same gap twice (two missing braces at the end of the file).
    if (this.problems.some((p) => p.line === line && p.reason === reason)) return;
    this.problems.push({ file: this.file, line, column, reason, severity: 'partial' });
  }
}

/**
 * The top-level blocks, plus those that error recovery nested inside another block (a resource
 * whose closing brace is missing swallows the next resource): real configurations never nest
 * `resource`, `provider` or `module` blocks, so finding them deeper is safe.
 */
function allTopLevelBlocks(body: TfBody): TfBlock[] {
  const out: TfBlock[] = [];
  const labelsNeeded: Record<string, number> = { resource: 2, provider: 1, module: 1, variable: 1 };
  const visit = (b: TfBlock) => {
    for (const inner of b.body.blocks) {
      const needed = labelsNeeded[inner.type];
      if (needed !== undefined && inner.labels.length >= needed) out.push(inner);
      visit(inner);
    }
  };
  for (const b of body.blocks) {
    out.push(b);
    if (b.type === 'resource' || b.type === 'data' || b.type === 'provider' || b.type === 'module') visit(b);
  }
  return out;
}

function scanTerraform(file: string, text: string, context: ScanContext): ScanOutput {
  const kind = kindOf(file);
  const suppressions = dedupeSuppressions([...findSuppressions(file, text, 'hash'), ...findSuppressions(file, text, 'slash')]);
  if (!kind) return { dependencies: [], problems: [], suppressions };
  const scan = new TerraformFileScan(file, text, kind.role);
  if (kind.syntax === 'json') {
    const parsed = parseJsonConfig(text, kind.role === 'config');
    for (const e of parsed.errors) scan.problem(e.start, `Terraform JSON syntax error: ${e.reason}`);
    if (parsed.tooDeep !== undefined) scan.problem(parsed.tooDeep, `Terraform blocks or expressions nested more than ${MAX_EXPRESSION_DEPTH} levels deep: not analysed past that depth`);
    if (kind.role === 'config') scan.config(parsed.body);
    else scan.tfvars(parsed.body);
    scan.strings(parsed.strings);
  } else {
    const language = context.languages.hcl;
    if (!language) {
      return { dependencies: [], problems: [{ file, reason: 'Terraform parser unavailable: the HCL grammar (tree-sitter-terraform.wasm) could not be loaded', severity: 'skipped' }], suppressions };
    }
    const { tree, timedOut } = parseTextWithin(language, text, PARSE_BUDGET_MS);
    if (timedOut) return { dependencies: [], problems: [{ file, reason: `Terraform parser gave up after ${PARSE_BUDGET_MS / 1000} s (syntax errors that make parsing very slow): not scanned`, severity: 'skipped' }], suppressions };
    if (!tree) return { dependencies: [], problems: [{ file, reason: 'Terraform parser unavailable: parsing failed', severity: 'skipped' }], suppressions };
    try {
      const converter = new HclConverter(text);
      // One root node object for every walk: web-tree-sitter keeps the child lists of the node
      // objects it has handed out, so the string listing reuses those the conversion fetched.
      const root = tree.rootNode;
      const body = converter.configBody(root);
      for (const e of syntaxErrors(root)) scan.problem(e.start, e.missing ? `Terraform syntax error: missing "${e.missing}"` : 'Terraform syntax error');
      if (kind.role === 'config') scan.config(body);
      else scan.tfvars(body);
      scan.strings(converter.strings(root));
      if (converter.tooDeep !== undefined) scan.problem(converter.tooDeep, `Terraform blocks or expressions nested more than ${MAX_EXPRESSION_DEPTH} levels deep: not analysed past that depth`);
    } finally {
      tree.delete();
    }
  }
  return { dependencies: scan.builder.dependencies, problems: scan.problems, suppressions, formatFacts: scan.facts };
}

function dedupeSuppressions<T extends { line: number; column: number }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = `${s.line}:${s.column}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

export const terraformScanner: Scanner = {
  id: TERRAFORM_FORMAT,
  accepts: (file) => kindOf(file) !== undefined,
  scan: scanTerraform,
};
