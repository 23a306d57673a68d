/**
 * s3-bucket-config-at-runtime: S3 bucket creation, deletion or configuration (`CreateBucket`,
 * `PutBucketPolicy`, `PutBucketReplication` …) called from runtime code. AWS lists these as
 * "global single-Region operations": their control plane is in us-east-1.
 */
import { apiOperation } from './predicates';
import type { Rule } from './types';

/** Bucket-level control-plane operations; object reads and writes (GetObject, PutObject) are data plane. */
const BUCKET_CONFIGURATION = /^(?:CreateBucket|DeleteBucket|PutBucket[A-Za-z]*|DeleteBucket[A-Za-z]*)$/;

export const rule: Rule = {
  meta: {
    id: 's3-bucket-config-at-runtime',
    title: 'S3 bucket configured at run time',
    description: 'Creating, deleting or configuring buckets is a global single-Region operation served from us-east-1: code that does it at run time breaks during a us-east-1 outage, even in other regions.',
    defaultSeverity: 'low',
    category: 'code',
    scope: 'dependency',
    source: 'https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'sdk-call' || dep.service !== 's3') continue;
      const operation = apiOperation(dep.operation);
      if (!operation || !BUCKET_CONFIGURATION.test(operation)) continue;
      context.report({
        dependency: dep,
        message: `S3 ${operation} at run time is a global single-Region operation whose control plane is in us-east-1: it fails during a us-east-1 outage wherever this code runs. Create and configure buckets ahead of time in infrastructure as code.`,
      });
    }
  },
};
