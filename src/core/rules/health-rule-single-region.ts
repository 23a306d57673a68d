/**
 * health-rule-single-region: EventBridge rules on `aws.health` events that all live in one region.
 * AWS Health delivers each region's events to a rule in that region, with us-west-2 as the backup
 * region (us-east-1 for us-west-2), and global events (IAM, CloudFront, Route 53) only to
 * us-east-1 with us-west-2 as backup. A single rule in one region goes silent in exactly the outage
 * it should report.
 *
 * The regions are those the workspace deploys the rules to (their region and candidate regions); a
 * rule whose region is unknown counts as one region. A rule deployed by a StackSet defined outside
 * the workspace is a known false positive.
 */
import type { Dependency } from '../model';
import { everyDeployRegion, iacResources, nameOf, relatedAt, textListAttribute } from './iacPredicates';
import type { Rule } from './types';

function watchesHealth(dep: Dependency): boolean {
  return textListAttribute(dep, 'eventSources').some((s) => s.trim() === 'aws.health');
}

export const rule: Rule = {
  meta: {
    id: 'health-rule-single-region',
    title: 'AWS Health rule in one region only',
    description: 'AWS Health events reach EventBridge in the affected region (and us-west-2 as backup); a health rule in one region only misses the outage of that region, and global events arrive only in us-east-1 and us-west-2.',
    defaultSeverity: 'medium',
    category: 'global',
    scope: 'resources',
    source: 'https://docs.aws.amazon.com/health/latest/ug/choosing-a-region.html',
  },
  check(context) {
    const rules = iacResources(context).filter(watchesHealth);
    if (rules.length === 0) return;
    const regions = new Set<string>();
    let unknown = false;
    for (const r of rules) {
      const where = everyDeployRegion(r);
      if (where.length === 0) unknown = true;
      for (const w of where) regions.add(w);
    }
    if (regions.size >= 2) return;
    const [first, ...others] = rules;
    const where = regions.size === 1 ? [...regions][0] : undefined;
    const advice = where === 'us-west-2'
      ? 'add the same rule in us-east-1 (global events and us-west-2\'s backup region)'
      : where === 'us-east-1'
        ? 'add the same rule in us-west-2, the backup region AWS Health delivers to when us-east-1 is impaired'
        : 'add the same rule in us-west-2 (the backup region for every region) and in us-east-1 for global events';
    context.report({
      dependency: first,
      related: others.map((o) => relatedAt(o, `aws.health rule ${nameOf(o)}`)),
      message: `AWS Health is watched only ${where ? `in ${where}` : unknown ? 'in the one region this stack is deployed to' : 'in one region'} (${rules.map(nameOf).join(', ')}): during an outage of that region its events never reach the rule. ${advice[0].toUpperCase()}${advice.slice(1)}.`,
    });
  },
};
