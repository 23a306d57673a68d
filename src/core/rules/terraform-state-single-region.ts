/**
 * terraform-state-single-region: a `backend "s3"` whose state bucket and lock table are not known
 * to be replicated to another region. During the outage of the state's region, Terraform can
 * neither plan nor apply — including the changes that would move the workload.
 *
 * Reads the iac-resource the Terraform scanner emits for the backend (`resource.type`
 * `terraform-backend-s3`; the bucket as its physical name, `attributes.lockTable`; its region) and, when the
 * workspace also declares the bucket or the table, their replication facts (`replicaRegions`).
 */
import type { Dependency } from '../model';
import type { Rule } from './types';

function declared(service: string, name: unknown, dependencies: readonly Dependency[]): Dependency | undefined {
  if (typeof name !== 'string' || !name) return undefined;
  return dependencies.find((d) => d.kind === 'iac-resource' && d.service === service && d.resource?.type !== 'terraform-backend-s3' && (d.resource?.attributes?.physicalNames ?? []).includes(name));
}

function replicatedElsewhere(resource: Dependency | undefined): boolean {
  const own = resource?.region;
  return (resource?.resource?.replicaRegions ?? []).some((r) => r === null || r !== own);
}

export const rule: Rule = {
  meta: {
    id: 'terraform-state-single-region',
    title: 'Terraform state in one region',
    description: 'While the state bucket\'s region is down, Terraform cannot read or lock its state: no plan, no apply, not even to fail over.',
    defaultSeverity: 'medium',
    category: 'config',
    scope: 'workspace',
    source: 'https://github.com/hashicorp/terraform/issues/32190',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'iac-resource' || dep.resource?.type !== 'terraform-backend-s3') continue;
      const attributes = dep.resource.attributes ?? {};
      // The scanner names the backend after its bucket (resource name, text and physical name).
      const bucketName = typeof attributes.bucket === 'string' ? attributes.bucket : attributes.physicalNames?.[0] ?? dep.text ?? dep.resource.name;
      const lockTable = typeof attributes.lockTable === 'string' ? attributes.lockTable : undefined;
      const bucket = declared('s3', bucketName, context.dependencies);
      const table = declared('dynamodb', lockTable, context.dependencies);
      const bucketOk = replicatedElsewhere(bucket);
      const tableOk = lockTable === undefined || replicatedElsewhere(table);
      if (bucketOk && tableOk) continue;
      const where = dep.region ? ` in ${dep.region}` : '';
      const parts = [
        bucketOk ? undefined : `state bucket${bucketName ? ` "${bucketName}"` : ''}${bucket ? ' has no replica in another region' : ' is not known to be replicated'}`,
        tableOk ? undefined : `lock table "${lockTable}"${table ? ' has no replica in another region' : ' is not known to be replicated'}`,
      ].filter(Boolean);
      context.report({
        dependency: dep,
        message: `Terraform state${where}: ${parts.join(', and ')}. During an outage of ${dep.region ?? 'that region'} Terraform can neither plan nor apply, not even the change that fails over. Replicate the bucket (and lock table) to a second region and keep a DR backend configuration.`,
        dependencyIds: [bucket?.id, table?.id].filter((id): id is string => id !== undefined),
      });
    }
  },
};
