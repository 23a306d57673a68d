/**
 * hardcoded-regional-endpoint: an endpoint host with a region in it (`dynamodb.us-east-1.amazonaws.com`,
 * an SQS queue URL, an API Gateway invoke URL) written in code, IaC or configuration. The SDK's
 * region resolution is bypassed: moving the region does not move this endpoint.
 */
import { isApplicationCode, isGlobalService } from './predicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'hardcoded-regional-endpoint',
    title: 'Hard-coded regional endpoint',
    description: 'Requests go to one region\'s endpoint whatever region the application is moved to; the 20 October 2025 outage began with the DNS record of dynamodb.us-east-1.amazonaws.com.',
    defaultSeverity: 'medium',
    category: 'code',
    scope: 'file',
    source: 'https://aws.amazon.com/message/101925',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'endpoint' || !dep.region || dep.global || isGlobalService(dep.service)) continue;
      const host = dep.text ?? `${dep.service}.${dep.region}.amazonaws.com`;
      // A container image URI (`123456789012.dkr.ecr.us-east-2.amazonaws.com/app:1`) names where the
      // image is stored, like an ARN: no SDK endpoint is overridden. Reported low, as arn-literal-region does in IaC.
      if (/\.dkr\.ecr(?:-fips)?\./.test(host)) {
        context.report({
          dependency: dep,
          severity: 'low',
          message: `Image registry ${host} is in ${dep.region}: a copy of this workload in another region still pulls its image from ${dep.region}, and cannot start while that region is down. Replicate the repository (ECR replication) and build the URI from the running region.`,
        });
        continue;
      }
      // A bucket's own host in a template (`site.s3.us-east-1.amazonaws.com`, a CloudFront S3 origin)
      // names where the bucket is, like its ARN would: no SDK endpoint is overridden. Low, as
      // arn-literal-region in IaC; in application code it stays a pinned data path.
      const bucket = dep.service === 's3' ? /^([a-z0-9][a-z0-9.-]*)\.s3[.-]/.exec(host)?.[1] : undefined;
      if (bucket && !/^(?:s3|s3-[a-z0-9-]+|dualstack)$/.test(bucket) && !isApplicationCode(dep, context.dependencies)) {
        context.report({
          dependency: dep,
          severity: 'low',
          message: `Bucket host ${host} names bucket ${bucket} in ${dep.region}: whatever reads it through this host depends on ${dep.region}. Replicate the bucket to another region (and, for a CloudFront origin, add an origin group with the replica as the second member).`,
        });
        continue;
      }
      const east = dep.region === 'us-east-1';
      context.report({
        dependency: dep,
        message: `Endpoint ${host} pins ${dep.service} to ${dep.region}: the SDK's region setting no longer decides where requests go, so failing over needs this string changed.${east ? ' The 20 October 2025 outage started with the DNS record of a us-east-1 endpoint.' : ''}`,
        severity: east ? 'high' : undefined,
      });
    }
  },
};
