/**
 * Which files the resolution of a file reads: the inputs of its queries, named by unit.
 *
 * Resolution passes read other files only through a few kinds of unit, and a file names the units
 * it reads from its own scan result alone:
 *
 * - `config:<location>` — the region settings whose scope covers a path: unscoped ones, those of
 *   that file or stack file, those of each folder above it (samconfig.toml, serverless.yml,
 *   .env files, workflows, cdk.json, Pulumi.yaml, provider blocks). Every file reads the settings
 *   covering itself; a resource waiting for its stack's region reads those covering the stack.
 * - `deploy:<file>` — the stacks whose deploy units put code at that path (SAM/Serverless/CDK/
 *   Pulumi functions, Terraform Lambda functions packaged from the workspace): the code reads the
 *   stack file, which reads its own settings (transitively: the deploy context of the code).
 * - `terraform:<component>` — a Terraform configuration: the module folders tied by module calls
 *   and variable files (every file of it reads every other: providers, variables and callers).
 * - `cdk` — the CDK app: classes are instantiated by name across files.
 * - `export:<module>#<name>` — the module that exports an SDK client; `callers` — modules that
 *   pass regions to functions of other modules.
 *
 * A file's resolution depends only on the files it reads, transitively (the read closure), so
 * the passes run over a closure give its files the same resolution as over the whole workspace.
 * The graph over-approximates: reading more is slower, never wrong.
 */
import type { FileScanResult } from '../model';
import { folderOf } from '../paths';
import type { TerraformFileFacts } from '../scanners/terraform/facts';
import type { JavaScriptFormatFacts } from '../scanners/javascript/scanSource';
import { terraformCodePath } from '../resolve/terraform';

/** A node of the graph: a file (`f:`) or a unit (`u:`). */
type Node = string;

const fileNode = (file: string): Node => `f:${file}`;
const unitNode = (unit: string): Node => `u:${unit}`;

/** The path and every folder above it, up to the root (''), as the passes' scope tests walk them. */
function placesOf(path: string): string[] {
  const out = [path];
  for (let i = path.lastIndexOf('/'); i >= 0; i = path.lastIndexOf('/', i - 1)) out.push(path.slice(0, i));
  out.push('');
  return out;
}

/** The keys a code path is found under: as written, and without a JavaScript extension (CDK's match). */
function codePathKeys(codePath: string): string[] {
  const p = codePath.replace(/\/+$/, '').replace(/^\.\//, '');
  const clean = p === '.' ? '' : p;
  const bare = clean.replace(/\.[cm]?[jt]sx?$/, '');
  return bare === clean ? [clean] : [clean, bare];
}

/** Where a file may be found by a code path: itself, itself without extension, its folders. */
function codeLookupKeys(file: string): string[] {
  const keys = placesOf(file);
  const slash = file.lastIndexOf('/');
  const dot = file.lastIndexOf('.');
  if (dot > slash) keys.push(file.slice(0, dot));
  return keys;
}

function withoutExtension(file: string): string {
  return file.replace(/\.[cm]?[jt]sx?$/, '');
}

export class ReadGraph {
  /** node → the nodes it reads */
  private readonly reads = new Map<Node, Set<Node>>();
  /** node → the nodes that read it */
  private readonly readers = new Map<Node, Set<Node>>();
  /** file → the units it feeds (named in the recomputation counters) */
  readonly unitsFedBy = new Map<string, string[]>();

  /** each file's edges (every edge has the file at one end, so a file's edges are its own) */
  private readonly edgesOf = new Map<string, Array<[Node, Node]>>();
  private readonly terraform: TerraformComponents;
  /** the file whose edges are being added */
  private current = '';

  constructor(results: readonly FileScanResult[]) {
    this.terraform = new TerraformComponents(results);
    for (const r of results) this.addFile(r);
  }

  /**
   * Replaces the edges of the given files with those of their new results (none: the file went).
   * False when a Terraform file is among them: its configurations may have merged or split, and
   * the caller builds a new graph.
   */
  replace(files: Iterable<string>, resultOf: (file: string) => FileScanResult | undefined, previousOf: (file: string) => FileScanResult | undefined): boolean {
    const list = [...files];
    if (list.some((f) => resultOf(f)?.formatFacts?.terraform !== undefined || previousOf(f)?.formatFacts?.terraform !== undefined)) return false;
    for (const file of list) {
      for (const [from, to] of this.edgesOf.get(file) ?? []) {
        this.reads.get(from)?.delete(to);
        this.readers.get(to)?.delete(from);
      }
      this.edgesOf.delete(file);
      this.unitsFedBy.delete(file);
      this.reads.delete(fileNode(file));
      const result = resultOf(file);
      if (result) this.addFile(result);
    }
    return true;
  }

  private edge(from: Node, to: Node): void {
    if (from === to) return;
    const own = this.edgesOf.get(this.current);
    if (own) own.push([from, to]);
    else this.edgesOf.set(this.current, [[from, to]]);
    let out = this.reads.get(from);
    if (!out) this.reads.set(from, (out = new Set()));
    out.add(to);
    let back = this.readers.get(to);
    if (!back) this.readers.set(to, (back = new Set()));
    back.add(from);
  }

  /** `file` feeds `unit`: whoever reads the unit reads the file. */
  private feeds(file: string, unit: string): void {
    this.edge(unitNode(unit), fileNode(file));
    const units = this.unitsFedBy.get(file);
    if (units) {
      if (!units.includes(unit)) units.push(unit);
    } else this.unitsFedBy.set(file, [unit]);
  }

  private readsUnit(file: string, unit: string): void {
    this.edge(fileNode(file), unitNode(unit));
  }

  /** `file` reads the settings that cover `path`. */
  private readsConfigsOf(file: string, path: string): void {
    for (const place of placesOf(path)) this.readsUnit(file, `config:${place}`);
    this.readsUnit(file, 'config:*');
  }

  private addFile(r: FileScanResult): void {
    const terraform = this.terraform;
    {
      const file = r.file;
      this.current = file;
      this.reads.set(fileNode(file), this.reads.get(fileNode(file)) ?? new Set());
      this.readsConfigsOf(file, file);
      let cdk = false;
      for (const d of r.dependencies) {
        if (d.kind === 'region-config') {
          const s = d.scope;
          const placed = s !== undefined && (s.directory !== undefined || s.file !== undefined || s.stackFile !== undefined);
          if (!placed) this.feeds(file, 'config:*');
          if (s?.directory !== undefined) this.feeds(file, `config:${s.directory}`);
          if (s?.file !== undefined) this.feeds(file, `config:${s.file}`);
          if (s?.stackFile !== undefined) this.feeds(file, `config:${s.stackFile}`);
        }
        const ref = d.regionRef;
        if (!ref) continue;
        if (ref.kind === 'deploy-region') {
          this.readsConfigsOf(file, ref.stackFile);
          this.readsUnit(file, `stack:${ref.stackFile}`);
        } else if (ref.kind === 'format') {
          if (ref.format === 'cdk') cdk = true;
          else if (ref.format === 'js-import') this.readsUnit(file, `export:${ref.key}`);
          else if (ref.format === 'js-caller') this.readsUnit(file, 'callers');
          else if (ref.format === 'terraform') this.readsUnit(file, terraform.unitOfFolder(ref.key.includes('|') ? ref.key.slice(0, ref.key.lastIndexOf('|')) : ref.key));
        }
      }
      this.feeds(file, `stack:${file}`);
      for (const unit of r.deployUnits ?? []) for (const p of unit.codePaths) for (const key of codePathKeys(p)) this.feeds(file, `deploy:${key}`);
      for (const key of codeLookupKeys(file)) this.readsUnit(file, `deploy:${key}`);
      const js = r.formatFacts?.javascript as JavaScriptFormatFacts | undefined;
      if (js?.cdk) cdk = true;
      if (js?.exports) {
        const base = withoutExtension(file);
        for (const name of Object.keys(js.exports)) {
          this.feeds(file, `export:${base}#${name}`);
          if (base.endsWith('/index')) this.feeds(file, `export:${base.slice(0, -'/index'.length)}#${name}`);
        }
      }
      if (js?.callerArguments?.length) this.feeds(file, 'callers');
      if (cdk) {
        this.feeds(file, 'cdk');
        this.readsUnit(file, 'cdk');
      }
      const tf = r.formatFacts?.terraform as TerraformFileFacts | undefined;
      if (tf) {
        const unit = terraform.unitOfFile(file, tf);
        this.feeds(file, unit);
        this.readsUnit(file, unit);
        // The configurations that `terraform apply` runs in this folder see (its environment).
        this.readsConfigsOf(file, tf.folder === '' ? file : tf.folder);
        // Lambda functions packaged from the workspace deploy the code under their archive.
        for (const codePath of terraform.codePathsOf(file)) for (const key of codePathKeys(codePath)) this.feeds(file, `deploy:${key}`);
      }
    }
  }

  /** The files whose resolution may change when the given files change: them and their readers, transitively. */
  affectedBy(files: Iterable<string>): Set<string> {
    return this.walk([...files].map(fileNode), this.readers);
  }

  /** The files the given files' resolution reads: them and what they read, transitively. */
  closureOf(files: Iterable<string>): Set<string> {
    return this.walk([...files].map(fileNode), this.reads);
  }

  private walk(start: Node[], edges: Map<Node, Set<Node>>): Set<string> {
    const seen = new Set<Node>(start);
    const queue = [...start];
    while (queue.length) {
      const node = queue.pop() as Node;
      for (const next of edges.get(node) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    const files = new Set<string>();
    for (const node of seen) if (node.startsWith('f:')) files.add(node.slice(2));
    return files;
  }
}

/**
 * Terraform configurations: module folders joined by module calls and by variable files (which
 * apply to the nearest module folder above them). A replication rule that names a destination
 * bucket by name may name one of any configuration: then they are all one.
 */
class TerraformComponents {
  private readonly parent = new Map<string, string>();
  private readonly archives = new Map<string, Map<string, string>>();
  private readonly lambdaArchives = new Map<string, Array<{ folder: string; archive: string }>>();

  constructor(results: readonly FileScanResult[]) {
    const files: Array<{ file: string; facts: TerraformFileFacts }> = [];
    for (const r of results) {
      const facts = r.formatFacts?.terraform as TerraformFileFacts | undefined;
      if (facts) files.push({ file: r.file, facts });
    }
    const configFolders = new Set(files.filter((f) => f.facts.role === 'config').map((f) => f.facts.folder));
    let byName = false;
    for (const { file, facts } of files) {
      this.find(facts.folder);
      if (facts.role === 'tfvars') {
        let target: string | undefined = facts.folder;
        while (target !== undefined && !configFolders.has(target)) target = target === '' ? undefined : folderOf(target);
        if (target !== undefined) this.union(facts.folder, target);
        continue;
      }
      for (const m of facts.modules) if (m.folder !== undefined) this.union(facts.folder, m.folder);
      for (const a of facts.archives ?? []) {
        const inFolder = this.archives.get(facts.folder) ?? new Map<string, string>();
        if (!inFolder.has(a.name)) inFolder.set(a.name, a.source);
        this.archives.set(facts.folder, inFolder);
      }
      for (const res of facts.resources) {
        if (res.links.some((l) => l.role === 'replicates-to-bucket')) byName = true;
        if (res.code?.archive) this.lambdaArchives.set(file, [...(this.lambdaArchives.get(file) ?? []), { folder: facts.folder, archive: res.code.archive }]);
      }
    }
    if (byName) {
      const folders = [...this.parent.keys()];
      for (const f of folders) this.union(folders[0], f);
    }
  }

  private find(folder: string): string {
    let root = this.parent.get(folder);
    if (root === undefined) {
      this.parent.set(folder, folder);
      return folder;
    }
    while (root !== this.parent.get(root)) root = this.parent.get(root) as string;
    this.parent.set(folder, root);
    return root;
  }

  private union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }

  unitOfFolder(folder: string): string {
    return `terraform:${this.find(folder)}`;
  }

  unitOfFile(_file: string, facts: TerraformFileFacts): string {
    return this.unitOfFolder(facts.folder);
  }

  /** Code paths of the Lambda functions a file declares with a workspace archive (any archive of the folder by that name). */
  codePathsOf(file: string): string[] {
    const out: string[] = [];
    for (const { folder, archive } of this.lambdaArchives.get(file) ?? []) {
      const source = this.archives.get(folder)?.get(archive);
      // No archive of that name, or a computed path: the pass makes no deploy unit either.
      const path = source === undefined ? undefined : terraformCodePath(source, folder);
      if (path !== undefined) out.push(path);
    }
    return out;
  }
}
