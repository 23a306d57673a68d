/**
 * sdk-literal-region: an SDK client whose region is written in the code, directly or through a
 * constant. Failing over then needs a code change and a redeploy, during the outage.
 */
import type { Dependency, Fix } from '../model';
import { DATA_PLANE_SERVICES, describe, fallbackOf, isFallbackStep, isGlobalService, literalRegionOfStep } from './predicates';
import type { Rule } from './types';

const SOURCE = 'https://docs.aws.amazon.com/sdk-for-javascript/latest/developer-guide/setting-region.html';

/** The expression that replaces the literal: the region the runtime gives the process. */
function runtimeRegionExpression(dep: Dependency): string {
  return dep.origin === 'boto3' || dep.file.endsWith('.py') ? 'os.environ["AWS_REGION"]' : 'process.env.AWS_REGION';
}

/**
 * A quick fix for a region written directly as the client's option value. The scanner records a
 * trace step `region "us-east-1" written here` at the literal token (its opening quote) inside the
 * construction expression; the literal is the region between quotes, so its end is known without
 * the source text. Constants
 * (`variable`) are not rewritten: the constant may serve other code. Python needs an `import os`
 * the fix cannot add, so it is offered for JavaScript and TypeScript only.
 */
function fixFor(dep: Dependency): Fix | undefined {
  if (dep.regionSource !== 'literal' || !dep.region || dep.file.endsWith('.py')) return undefined;
  const step = dep.regionTrace?.find(
    (s) =>
      s.file === dep.file &&
      s.column !== undefined &&
      (s.line > dep.line || (s.line === dep.line && s.column > dep.column)) &&
      (s.line < dep.endLine || (s.line === dep.endLine && s.column < dep.endColumn)) &&
      literalRegionOfStep(s) === dep.region,
  );
  if (!step || step.column === undefined) return undefined;
  return {
    description: `Read the region from AWS_REGION instead of "${dep.region}"`,
    edits: [{ file: dep.file, line: step.line, column: step.column, endLine: step.line, endColumn: step.column + dep.region.length + 2, newText: runtimeRegionExpression(dep) }],
  };
}

export const rule: Rule = {
  meta: {
    id: 'sdk-literal-region',
    title: 'SDK client with a hard-coded region',
    description: 'The client always calls one region; moving traffic to another region during an outage needs a code change and a redeploy.',
    defaultSeverity: 'medium',
    category: 'code',
    scope: 'dependency',
    source: SOURCE,
  },
  check(context) {
    for (const dep of context.dependencies) {
      if (dep.kind !== 'sdk-client' || dep.global || isGlobalService(dep.service)) continue;
      if (dep.regionSource !== 'literal' && dep.regionSource !== 'variable') continue;
      if (!dep.region || fallbackOf(dep)) continue;
      // A wrapper (`DynamoDBDocumentClient.from(client)`) takes the region of the client it wraps,
      // which is reported itself: one finding per place the region is written.
      if (dep.links?.some((id) => context.byId.get(id)?.kind === 'sdk-client')) continue;
      // Say how the region reached the client when it went through code (a constant, AWS.config);
      // the literal's own "written here" step adds nothing to the message.
      const via = dep.regionTrace?.find((s) => s.file === dep.file && !literalRegionOfStep(s) && !isFallbackStep(s));
      const how = via ? ` (${via.reason}, line ${via.line})` : '';
      const escalated = dep.region === 'us-east-1' && DATA_PLANE_SERVICES.has(dep.service);
      context.report({
        dependency: dep,
        message: `${describe(dep)} is pinned to ${dep.region}${how}: if ${dep.region} fails, moving this client to another region needs a code change and a redeploy.${escalated ? ` ${dep.service} in us-east-1 is the data path that failed on 20 October 2025.` : ''}`,
        severity: escalated ? 'high' : undefined,
        fix: fixFor(dep),
      });
    }
  },
};
