/**
 * single-az-storage: storage that keeps its only copy of the data in one availability zone — S3
 * One Zone-IA (a storage class or a lifecycle transition), S3 Express One Zone directory buckets,
 * EFS One Zone file systems. Losing that zone makes the data unavailable, and AWS warns it can be
 * lost.
 */
import type { Dependency } from '../model';
import { attributesOf, isEfsFileSystem, isS3DirectoryBucket, nameOf } from './iacPredicates';
import type { Rule } from './types';

function what(dep: Dependency): string {
  if (isS3DirectoryBucket(dep)) return `S3 directory bucket ${nameOf(dep)} (S3 Express One Zone) stores its objects in one availability zone`;
  if (isEfsFileSystem(dep)) {
    const zone = attributesOf(dep).availabilityZones?.[0];
    return `EFS file system ${nameOf(dep)} is One Zone${zone ? ` (${zone})` : ''}: its data lives in one availability zone`;
  }
  return `${nameOf(dep)} stores objects in S3 One Zone-IA, a single availability zone`;
}

export const rule: Rule = {
  meta: {
    id: 'single-az-storage',
    title: 'Storage kept in a single availability zone',
    description: 'One Zone storage classes keep the data in one availability zone: an AZ outage makes it unavailable, and the destruction of the AZ loses it.',
    defaultSeverity: 'medium',
    category: 'iac-data',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html#sc-infreq-data-access',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'iac-resource' || !dep.resource) continue;
      if (attributesOf(dep).singleAzStorage !== true && !isS3DirectoryBucket(dep)) continue;
      context.report({
        dependency: dep,
        message: `${what(dep)}: during an outage of that zone the data is unavailable, and if the zone is lost so is the data. Use a storage class or file system type that spans zones (S3 Standard/Standard-IA, EFS Regional), or keep a copy elsewhere.`,
      });
    }
  },
};
