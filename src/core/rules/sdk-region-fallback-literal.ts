/**
 * sdk-region-fallback-literal: code that reads the region from the environment but falls back to
 * a literal (`process.env.AWS_REGION ?? "us-east-1"`, `os.environ.get("AWS_REGION", "us-east-1")`).
 * The construct is reported whatever the resolution decided: the silent default exists in the code.
 */
import { describe, fallbackOf, isApplicationCode } from './predicates';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'sdk-region-fallback-literal',
    title: 'Region read from the environment with a literal fallback',
    description: 'When the variable is unset the code silently uses one fixed region, so every deployment that forgets it shares that region\'s blast radius.',
    defaultSeverity: 'medium',
    category: 'code',
    scope: 'file',
    source: 'https://docs.aws.amazon.com/sdk-for-javascript/latest/developer-guide/setting-region.html',
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind === 'endpoint' || dep.kind === 'arn' || dep.kind === 'sdk-call') continue;
      if (!isApplicationCode(dep, context.dependencies)) continue;
      const fallback = fallbackOf(dep);
      if (!fallback) continue;
      const variable = fallback.variable ?? 'AWS_REGION';
      const region = fallback.region ? `"${fallback.region}"` : 'a hard-coded region';
      const showStep = !(fallback.step.file === dep.file && fallback.step.line === dep.line && fallback.step.column === dep.column);
      context.report({
        dependency: dep,
        message: `${describe(dep)} falls back to ${region} when ${variable} is unset: a process started without ${variable} silently runs in ${fallback.region ?? 'that region'} instead of failing, and every such deployment concentrates there. Fail fast when ${variable} is unset, or read the region from configuration.`,
        related: showStep ? [{ file: fallback.step.file, line: fallback.step.line, column: fallback.step.column, message: `fallback region${fallback.region ? ` "${fallback.region}"` : ''}` }] : undefined,
      });
    }
  },
};
