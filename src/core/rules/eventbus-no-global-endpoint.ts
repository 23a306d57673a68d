/**
 * eventbus-no-global-endpoint: a custom EventBridge event bus that no EventBridge global endpoint
 * fronts. A global endpoint (with a Route 53 health check) fails event ingestion over to a bus in
 * a secondary region; without one, producers' PutEvents calls fail for the whole outage.
 *
 * An endpoint names its buses (`replicaOf`: the event bus ARNs of its `EventBuses`); an endpoint
 * that does not say which buses it fronts is taken to front the custom buses of its own stack.
 */
import type { Dependency } from '../model';
import { deployRegions, iacResources, isEventBridgeGlobalEndpoint, isEventBus, linkedFrom, nameOf, regionWords, stackOf, statesReplicaSource } from './iacPredicates';
import type { Rule, RuleContext } from './types';

function fronts(endpoint: Dependency, bus: Dependency, context: RuleContext): boolean {
  if (!statesReplicaSource(endpoint)) return stackOf(endpoint) === stackOf(bus);
  return linkedFrom(endpoint, 'replica-of', context).includes(bus);
}

export const rule: Rule = {
  meta: {
    id: 'eventbus-no-global-endpoint',
    title: 'Custom event bus without an EventBridge global endpoint',
    description: 'Events sent to a custom bus in a failed region are rejected; a global endpoint routes them to a secondary region\'s bus instead.',
    defaultSeverity: 'low',
    category: 'iac-data',
    scope: 'resources',
    source: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html',
  },
  check(context) {
    const endpoints = iacResources(context).filter(isEventBridgeGlobalEndpoint);
    for (const bus of context.dependencies) {
      if (!isEventBus(bus)) continue;
      if (endpoints.some((e) => fronts(e, bus, context))) continue;
      context.report({
        dependency: bus,
        message: `Event bus ${nameOf(bus)} in ${regionWords(deployRegions(bus))} has no global endpoint: during an outage there, PutEvents fails and the events are lost unless every producer retries elsewhere. Create an EventBridge global endpoint with a secondary bus in another region (and event replication).`,
      });
    }
  },
};
