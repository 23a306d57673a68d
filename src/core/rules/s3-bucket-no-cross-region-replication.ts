/**
 * s3-bucket-no-cross-region-replication: an S3 bucket whose objects are not replicated to a bucket
 * in another region. checkov only checks that a replication configuration exists; like prowler,
 * this rule also asks where the destination is: same-region replication does not survive a
 * regional outage.
 *
 * A destination counts as cross-region when the workspace places it in another region: a region
 * the scanner read from the destination itself, or a destination bucket declared in the workspace
 * whose stack is deployed elsewhere. A destination the workspace cannot place (a bucket declared
 * in another repository, a parameter) is reported at info, "destination region unknown". A bucket
 * that is itself the destination of another bucket's replication is the copy, and is not reported.
 */
import type { Dependency, RelatedLocation } from '../model';
import {
  copiesOf, deployRegions, iacResources, isS3Bucket, isS3ReplicationConfiguration, linkedFrom, nameOf,
  regionWords, relatedAt, stackOf, textListAttribute, whereDeployed,
} from './iacPredicates';
import type { Rule, RuleContext } from './types';

type Verdict = 'other-region' | 'unknown-region' | 'same-region' | 'none';

interface Destination {
  verdict: Exclude<Verdict, 'none'>;
  related?: RelatedLocation;
}

/** Where one replication source (the bucket itself, or a replication-configuration resource) sends its objects. */
function destinationsOf(source: Dependency, bucket: Dependency, context: RuleContext): Destination[] {
  const own = new Set(deployRegions(bucket));
  const out: Destination[] = [];
  // Regions the scanner read from the destinations themselves (a region in the ARN or the bucket's name; a provider region).
  for (const r of source.resource?.replicaRegions ?? []) {
    if (r === null) continue;
    out.push({ verdict: own.has(r) && own.size === 1 ? 'same-region' : 'other-region' });
  }
  const named = source.resource?.replicaRegions?.some((r) => r !== null) === true;
  textListAttribute(source, 'replicationDestinations').forEach((_reference, i) => {
    const [target] = linkedFrom(source, 'replicates-to', context, i);
    if (!target) {
      if (!named) out.push({ verdict: 'unknown-region' });
      return;
    }
    const related = relatedAt(target, `replication destination ${nameOf(target)}`);
    const theirs = deployRegions(target);
    if (stackOf(target) === stackOf(bucket)) out.push({ verdict: 'same-region', related });
    else if (theirs.length === 0 || own.size === 0) out.push({ verdict: 'unknown-region', related });
    else if (theirs.some((r) => !own.has(r))) out.push({ verdict: 'other-region', related });
    else out.push({ verdict: 'same-region', related });
  });
  if (out.length === 0 && source.resource?.replicaRegions?.some((r) => r === null)) out.push({ verdict: 'unknown-region' });
  return out;
}

/** Buckets named as a replication destination by some other bucket or replication configuration. */
function replicationTargets(context: RuleContext): Set<Dependency> {
  const targets = new Set<Dependency>();
  for (const source of iacResources(context)) {
    if (!isS3Bucket(source) && !isS3ReplicationConfiguration(source)) continue;
    for (const t of linkedFrom(source, 'replicates-to', context)) targets.add(t);
  }
  return targets;
}

function check(context: RuleContext): void {
  const targets = replicationTargets(context);
  for (const bucket of context.dependencies) {
    if (!isS3Bucket(bucket) || targets.has(bucket)) continue;
    const configs = copiesOf(bucket, context).filter(isS3ReplicationConfiguration);
    const destinations = [bucket, ...configs].flatMap((source) => destinationsOf(source, bucket, context));
    const related = [...configs.map((c) => relatedAt(c, `replication configuration ${nameOf(c)}`)), ...destinations.flatMap((d) => (d.related ? [d.related] : []))];
    if (destinations.some((d) => d.verdict === 'other-region')) continue;
    const where = regionWords(deployRegions(bucket));
    if (destinations.some((d) => d.verdict === 'unknown-region')) {
      context.report({
        dependency: bucket,
        severity: 'info',
        related,
        message: `S3 bucket ${nameOf(bucket)} replicates to a bucket whose region the workspace does not state (destination region unknown): unless that bucket is in another region than the source${deployRegions(bucket).length ? ` (${where})` : ''}, one regional outage makes both copies unavailable.`,
      });
    } else if (destinations.length > 0) {
      context.report({
        dependency: bucket,
        related,
        message: `S3 bucket ${nameOf(bucket)} replicates only within ${where}: the copy fails together with the original in a regional outage. Replicate to a bucket in another region.`,
      });
    } else {
      context.report({
        dependency: bucket,
        related,
        message: `S3 bucket ${nameOf(bucket)} exists only ${whereDeployed(bucket)}, with no cross-region replication: its objects are unavailable for the whole of a regional outage. Add a replication rule to a bucket in another region.`,
      });
    }
  }
}

export const rule: Rule = {
  meta: {
    id: 's3-bucket-no-cross-region-replication',
    title: 'S3 bucket without cross-region replication',
    description: 'S3 data is regional: during a regional outage the objects of a bucket that is not replicated to another region cannot be read or written.',
    defaultSeverity: 'low',
    tierAware: true,
    category: 'iac-data',
    scope: 'resources',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html',
  },
  check,
};
