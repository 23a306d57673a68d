/**
 * kms-key-single-region (heuristic): a single-region KMS key used by replicated data. The replica
 * of a global table, a replicated secret or a cross-region S3 copy must be decrypted in the other
 * region; a single-region key exists only in its own region, so during its outage the replicas
 * either use a different key (and every consumer must know which) or cannot be decrypted at all.
 *
 * "Used by replicated data": a replicated resource (a copy in another region) names the key in its
 * `kmsKeys`; where a replicated resource does not say which keys it uses, every single-region key
 * of its stack is assumed to be used by it. That fallback accepts false positives (a key that only
 * encrypts a log group beside a global table). Keys no replicated data uses are not reported:
 * prowler and other security tools recommend single-region keys by default, because a
 * multi-Region key's material leaves its region — that trade-off is only worth it for replicated data.
 */
import type { Dependency } from '../model';
import {
  addPropertyFix, attributesOf, iacResources, isKmsKey, linkedFrom, nameOf, relatedAt, replicationOf, stackOf, textListAttribute,
} from './iacPredicates';
import type { Rule, RuleContext } from './types';

/** Declared data that has a copy in another region. */
function replicatedData(context: RuleContext): Dependency[] {
  return iacResources(context).filter((d) => {
    if (isKmsKey(d)) return false;
    const a = attributesOf(d);
    if (a.globalCluster === true || a.crossRegionCopy === true || a.replicated === true) return true;
    return replicationOf(d, context).kind === 'other-region';
  });
}

function usesKey(data: Dependency, key: Dependency, context: RuleContext): boolean {
  // `kmsKeys: []` is a scanner's statement that the resource names no key (AWS-owned encryption);
  // only when nothing is stated does the rule fall back to "a key in the same stack".
  if (Array.isArray(attributesOf(data).kmsKeys)) return linkedFrom(data, 'uses-key', context).includes(key);
  return stackOf(data) === stackOf(key);
}

function check(context: RuleContext): void {
  // Scanners state KMS's default (single-region) when the declaration is silent; undefined or null cannot be judged.
  const keys = context.dependencies.filter((d) => isKmsKey(d) && attributesOf(d).multiRegion === false);
  if (keys.length === 0) return;
  const data = replicatedData(context);
  for (const key of keys) {
    const users = data.filter((d) => usesKey(d, key, context));
    if (users.length === 0) continue;
    const stated = users.some((u) => textListAttribute(u, 'kmsKeys').length > 0);
    context.report({
      dependency: key,
      related: users.map((u) => relatedAt(u, `replicated ${nameOf(u)} ${stated ? 'is encrypted with this key' : 'is in the same stack'}`)),
      message: `KMS key ${nameOf(key)} is single-region but ${stated ? 'encrypts' : 'sits beside'} replicated data (${users.map(nameOf).join(', ')}): the replicas in other regions cannot use this key, so during an outage of its region they depend on a different key or cannot be decrypted. Make it a multi-Region key and replicate it where the data is replicated.`,
      fix: addPropertyFix(key, 'Make the key multi-Region (only for a key not yet created: CloudFormation and Terraform cannot change this on an existing key)', { yaml: ['MultiRegion', 'true'], hcl: ['multi_region', 'true'] }),
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'kms-key-single-region',
    title: 'Single-region KMS key used by replicated data',
    description: 'Replicas in other regions cannot decrypt with a single-region key: during an outage of the key\'s region the replicated data depends on a key that is unreachable.',
    defaultSeverity: 'low',
    category: 'iac-data',
    scope: 'resources',
    heuristic: true,
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html',
  },
  check,
};
