/**
 * cognito-pool-no-replica: a Cognito user pool without multi-Region replication (a replica user
 * pool, `AWS::Cognito::UserPoolReplica`, in another region). Sign-in, token refresh and sign-up are
 * served by the pool's region only.
 *
 * Severity: medium when the pool is on the sign-in path of this workspace — an app client, a
 * hosted domain or an API authorizer is declared beside it, or code calls Cognito user pools —
 * low otherwise.
 */
import type { Dependency } from '../model';
import {
  attributesOf, copiesOf, deployRegions, iacResources, isCognitoSignInResource, isCognitoUserPool, isCognitoUserPoolReplica, nameOf,
  regionWords, relatedAt, replicationOf, stackOf, statesReplicaSource,
} from './iacPredicates';
import type { Rule, RuleContext } from './types';

function replicasOf(pool: Dependency, context: RuleContext): Dependency[] {
  const named = copiesOf(pool, context).filter(isCognitoUserPoolReplica);
  // A replica that does not say which pool it copies is taken to copy the pools of its own stack.
  const unnamed = iacResources(context).filter((r) => isCognitoUserPoolReplica(r) && !statesReplicaSource(r) && stackOf(r) === stackOf(pool));
  return [...new Set([...named, ...unnamed])];
}

function check(context: RuleContext): void {
  const codeUsesCognito = context.dependencies.some((d) => (d.kind === 'sdk-client' || d.kind === 'sdk-call') && d.service === 'cognito-idp');
  const signIn = iacResources(context).filter(isCognitoSignInResource);
  for (const pool of context.dependencies) {
    if (!isCognitoUserPool(pool)) continue;
    if (attributesOf(pool).replicated === true || attributesOf(pool).replicated === null) continue;
    // A replica user pool always lives in another region than its primary (Cognito creates it in
    // `RegionName`, which cannot be the primary's), so a declared replica is enough.
    if (replicasOf(pool, context).length > 0) continue;
    const replication = replicationOf(pool, context, []);
    if (replication.kind === 'other-region') continue;
    const where = regionWords(deployRegions(pool));
    if (replication.kind === 'unknown-region') {
      context.report({ dependency: pool, severity: 'info', message: `User pool ${nameOf(pool)} has a replica whose region the workspace does not state: make sure it is outside ${where}.` });
      continue;
    }
    const clients = signIn.filter((s) => stackOf(s) === stackOf(pool));
    const critical = clients.length > 0 || codeUsesCognito;
    context.report({
      dependency: pool,
      severity: critical ? 'medium' : 'low',
      related: clients.slice(0, 3).map((c) => relatedAt(c, `${nameOf(c)} signs users in through this pool`)),
      message: `Cognito user pool ${nameOf(pool)} exists only in ${where}${critical ? ' and is on the sign-in path' : ''}: during an outage there, users cannot sign in or refresh their tokens, whatever region the application fails over to. Add a replica user pool in another region (multi-Region replication).`,
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'cognito-pool-no-replica',
    title: 'Cognito user pool without a replica in another region',
    description: 'Sign-in is regional: during an outage of the pool\'s region users cannot authenticate, even if the rest of the application runs elsewhere.',
    defaultSeverity: 'medium',
    category: 'iac-data',
    scope: 'workspace',
    source: 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html',
  },
  check,
};
