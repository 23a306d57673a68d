/**
 * Links between dependencies, made once the regions are settled:
 *
 * - SDK calls → the declared resources they use, where a name makes it certain: a literal
 *   table/bucket/queue name equal to a resource's physical name, or an environment variable that the
 *   deploying function sets to a `Ref` of a resource in its own stack (untyped `links`, plus a
 *   `reads-writes` relation for every call → resource link, the Terraform pass's included, and for
 *   the client the call goes through);
 * - declared resources → the resources their references name (typed `relations`): the source of a
 *   replica (`replica-of`), replication destinations (`replicates-to`), KMS keys (`uses-key`), the
 *   viewer certificate (`uses-certificate`) and subnets (`in-subnet`);
 * - code → the function that deploys it (`deployed-by`).
 *
 * References come as the scanners render them: `${Logical}` / `${Logical.Arn}` (CloudFormation
 * `!Ref`/`!GetAtt`/`!Sub`), a bare logical id or construct id, a Terraform address
 * (`aws_s3_bucket.replica.arn`), an ARN or a physical name. This module is the one place that reads
 * that text; rules read the relations.
 */
import type { Dependency, Relation, RelationKind } from '../model';
import { folderOf } from '../paths';
import { formatOfType, kindOf, type ResourceKind } from '../resources/kinds';
import { DeployUnitIndex, deployedUnits } from './deploy';
import type { ResolutionPass } from './types';

function addLink(from: Dependency, to: Dependency): void {
  const links = (from.links ??= []);
  if (!links.includes(to.id)) links.push(to.id);
}

function addRelation(from: Dependency, relation: Relation): void {
  const relations = (from.relations ??= []);
  if (!relations.some((r) => r.kind === relation.kind && r.to === relation.to && r.index === relation.index)) relations.push(relation);
}

/** The reference attributes that become typed links, and the kinds their targets have (none listed: any declared resource). */
export const REFERENCE_RELATIONS: ReadonlyArray<{ attribute: string; kind: RelationKind; targets?: readonly ResourceKind[] }> = [
  { attribute: 'replicaOf', kind: 'replica-of' },
  // The RDS source of a read replica, as the CloudFormation (`readReplicaOf`) and Terraform (`replicaSource`) scanners record it.
  { attribute: 'readReplicaOf', kind: 'replica-of' },
  { attribute: 'replicaSource', kind: 'replica-of' },
  { attribute: 'replicationDestinations', kind: 'replicates-to', targets: ['AWS::S3::Bucket'] },
  { attribute: 'kmsKeys', kind: 'uses-key', targets: ['AWS::KMS::Key'] },
  { attribute: 'viewerCertificateArn', kind: 'uses-certificate', targets: ['AWS::CertificateManager::Certificate'] },
  { attribute: 'subnets', kind: 'in-subnet', targets: ['AWS::EC2::Subnet'] },
];

const REF_IN_TEXT = /\$\{([A-Za-z][A-Za-z0-9_-]{0,254})(?:\.[A-Za-z0-9_.[\]]{0,200})?\}/g;

function isTerraformResource(dep: Dependency): boolean {
  return formatOfType(dep.resource?.type ?? '') === 'terraform';
}

/**
 * Whether a reference written in one resource (`from`) names `target`. Logical ids count only
 * inside the same template; Terraform addresses only inside the same module directory; ARNs and
 * physical names anywhere.
 */
export function refersTo(reference: string, target: Dependency, from: Dependency): boolean {
  const facts = target.resource;
  if (!facts) return false;
  const ref = reference.trim();
  if (ref === '') return false;
  if (isTerraformResource(target)) {
    if (folderOf(target.file) === folderOf(from.file)) {
      const address = `${facts.type}.${facts.name}`;
      const i = ref.indexOf(address);
      if (i >= 0) {
        const before = i === 0 ? '' : ref[i - 1];
        const after = ref[i + address.length] ?? '';
        if (!/[A-Za-z0-9_]/.test(before) && !/[A-Za-z0-9_-]/.test(after)) return true;
      }
    }
  } else if (target.file === from.file) {
    if (ref === facts.name) return true;
    REF_IN_TEXT.lastIndex = 0;
    for (let m = REF_IN_TEXT.exec(ref); m; m = REF_IN_TEXT.exec(ref)) if (m[1] === facts.name) return true;
  }
  for (const name of facts.attributes?.physicalNames ?? []) {
    if (!name) continue;
    if (ref === name) return true;
    if (ref.startsWith('arn:') && (ref.endsWith(`:${name}`) || ref.endsWith(`/${name}`))) return true;
  }
  return false;
}

/**
 * The declared resources of a workspace, indexed so that a reference is compared only with the
 * resources it can name: those of the same template, those of the same Terraform module folder, and
 * those whose physical name ends it.
 */
class ResourceIndex {
  private readonly order = new Map<Dependency, number>();
  private readonly byFile = new Map<string, Dependency[]>();
  private readonly byFolder = new Map<string, Dependency[]>();
  private readonly byPhysicalName = new Map<string, Dependency[]>();

  constructor(readonly resources: readonly Dependency[]) {
    for (const r of resources) {
      this.order.set(r, this.order.size);
      // Each resource is filed under its place alone and under its place and kind, so that a reference
      // whose target kinds are known is compared only with resources of those kinds.
      const kind = kindOf(r.resource) ?? '';
      if (isTerraformResource(r)) {
        push(this.byFolder, folderOf(r.file), r);
        push(this.byFolder, `${folderOf(r.file)}\u0000${kind}`, r);
      } else {
        push(this.byFile, r.file, r);
        push(this.byFile, `${r.file}\u0000${kind}`, r);
      }
      for (const name of new Set(r.resource?.attributes?.physicalNames ?? [])) if (name) push(this.byPhysicalName, name, r);
    }
  }

  /** The resources (of the given kinds, if any) a reference written in `from` names, in declaration order. */
  named(reference: string, from: Dependency, kinds?: readonly ResourceKind[]): Dependency[] {
    const ref = reference.trim();
    if (ref === '') return [];
    const candidates = new Set<Dependency>();
    const consider = (list: readonly Dependency[] | undefined) => {
      for (const r of list ?? []) if (r !== from && (!kinds || kinds.includes(kindOf(r.resource) ?? ''))) candidates.add(r);
    };
    const folder = folderOf(from.file);
    if (kinds) {
      for (const kind of kinds) {
        consider(this.byFile.get(`${from.file}\u0000${kind}`));
        consider(this.byFolder.get(`${folder}\u0000${kind}`));
      }
    } else {
      consider(this.byFile.get(from.file));
      consider(this.byFolder.get(folder));
    }
    consider(this.byPhysicalName.get(ref));
    if (ref.startsWith('arn:')) {
      for (let i = 0; i < ref.length; i++) if (ref[i] === ':' || ref[i] === '/') consider(this.byPhysicalName.get(ref.slice(i + 1)));
    }
    return [...candidates].filter((r) => refersTo(ref, r, from)).sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function referencesOf(dep: Dependency, attribute: string): string[] {
  const v = dep.resource?.attributes?.[attribute];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Typed links between declared resources, from the references their attributes hold. Pure over the
 * given dependencies (it adds `relations` to them); the link pass runs it on the resolved workspace,
 * and tests on hand-built dependencies.
 */
export function relateResources(dependencies: readonly Dependency[]): void {
  const resources = dependencies.filter((d) => d.kind === 'iac-resource' && d.resource !== undefined);
  const index = new ResourceIndex(resources);
  for (const from of resources) {
    for (const { attribute, kind, targets } of REFERENCE_RELATIONS) {
      const refs = referencesOf(from, attribute);
      refs.forEach((ref, i) => {
        for (const target of index.named(ref, from, targets)) addRelation(from, { kind, to: target.id, index: i });
      });
    }
  }
}

export const linkPass: ResolutionPass = {
  id: 'links',
  run(workspace) {
    const resources = workspace.dependencies.filter((d) => d.kind === 'iac-resource');
    const byPhysicalName = new Map<string, Dependency[]>();
    for (const r of resources) {
      for (const n of r.resource?.attributes?.physicalNames ?? []) {
        const list = byPhysicalName.get(n) ?? [];
        list.push(r);
        byPhysicalName.set(n, list);
      }
    }
    const units = new DeployUnitIndex(deployedUnits(workspace));
    const resourcesOf = new Map<string, Dependency[]>();
    for (const r of resources) {
      const key = `${r.file}\u0000${r.resource?.name ?? ''}`;
      resourcesOf.set(key, [...(resourcesOf.get(key) ?? []), r]);
    }
    for (const call of workspace.dependencies) {
      if (call.kind !== 'sdk-call' || !call.text) continue;
      const targets: Dependency[] = [];
      if (call.text.startsWith('env:')) {
        const variable = call.text.slice(4);
        for (const unit of units.unitsOf(call.file)) {
          const ref = /^\$\{([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}$/.exec(unit.environment?.[variable] ?? '');
          if (!ref) continue;
          targets.push(...(resourcesOf.get(`${unit.stackFile}\u0000${ref[1]}`) ?? []));
        }
      } else {
        targets.push(...(byPhysicalName.get(call.text) ?? []));
      }
      for (const t of targets.filter((t) => t.service === call.service)) addLink(call, t);
    }
    // Every call → resource tie, this pass's and the Terraform pass's, is a read or a write of it,
    // and so is one of the client the call goes through.
    for (const call of workspace.dependencies) {
      if (call.kind !== 'sdk-call') continue;
      const resourceIds = (call.links ?? []).filter((id) => workspace.byId.get(id)?.kind === 'iac-resource');
      if (resourceIds.length === 0) continue;
      const clients = (call.links ?? []).map((id) => workspace.byId.get(id)).filter((d): d is Dependency => d?.kind === 'sdk-client');
      for (const id of resourceIds) for (const from of [call, ...clients]) addRelation(from, { kind: 'reads-writes', to: id });
    }
    // Code runs in the functions that deploy its file.
    for (const dep of workspace.dependencies) {
      if (dep.kind !== 'sdk-client' && dep.kind !== 'sdk-call') continue;
      for (const unit of units.unitsOf(dep.file)) if (unit.dependencyId && workspace.byId.has(unit.dependencyId)) addRelation(dep, { kind: 'deployed-by', to: unit.dependencyId });
    }
    relateResources(workspace.dependencies);
  },
};
