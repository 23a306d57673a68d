import { strict as assert } from 'node:assert';
import { defaultConfig } from '../../src/core/config';
import type { DependencyMap, Finding } from '../../src/core/model';
import { summariseMap } from '../../src/core/summary';
import { computeRisk } from '../../src/core/risk';
import { dep } from '../support/deps';

function finding(ruleId: string, severity: Finding['severity'], dependencyIds: string[]): Finding {
  return { ruleId, severity, message: 'm', file: 'a', line: 1, column: 1, endLine: 1, endColumn: 2, dependencyIds };
}

describe('risk model', () => {
  const deps = [
    dep({ id: 'd1', kind: 'sdk-client', service: 'dynamodb', file: 'a.ts', line: 1, region: 'us-east-1', regionSource: 'literal' }),
    dep({ id: 'd2', kind: 'sdk-client', service: 'sqs', file: 'a.ts', line: 2, region: 'us-east-1', regionSource: 'literal' }),
    dep({ id: 'd3', kind: 'sdk-client', service: 'iam', file: 'a.ts', line: 3, region: 'us-east-1', regionSource: 'global-service', global: true }),
    dep({ id: 'd4', kind: 'sdk-client', service: 'sqs', file: 'b.ts', line: 1, region: 'eu-west-1', regionSource: 'literal' }),
    dep({ id: 'd5', kind: 'sdk-client', service: 'sqs', file: 'c.ts', line: 1, region: null, regionSource: 'unresolved' }),
    dep({ id: 'r1', kind: 'region-config', service: '*', file: '.env', line: 1, region: 'us-east-1', regionSource: 'env' }),
  ];
  const map = (findings: Finding[]): DependencyMap => ({ version: 1, root: '.', dependencies: deps, findings, problems: [], summary: summariseMap(deps, findings, { scanned: 3, skipped: 0 }) });

  it('computes per-region figures, concentration and hidden control-plane dependencies', () => {
    const risk = computeRisk(map([finding('x', 'high', ['d1'])]), defaultConfig());
    assert.deepEqual(risk.regions.map((r) => [r.region, r.dependencies, r.findings, r.viaGlobalControlPlanes]), [['us-east-1', 3, 1, 1], ['eu-west-1', 1, 0, 0]]);
    assert.equal(risk.concentration.region, 'us-east-1');
    assert.equal(risk.concentration.share, 0.75);
    assert.match(risk.concentration.explanation, /75% of the 4 dependencies whose region is known are in us-east-1 \(1 more could not be resolved\)/);
    assert.deepEqual(risk.hiddenDependencies, [{ service: 'iam', region: 'us-east-1', count: 1, dependencyIds: ['d3'] }]);
  });

  it('deducts points per finding by severity, capped per rule, and explains them', () => {
    const findings = [finding('a', 'critical', []), finding('a', 'critical', []), finding('b', 'medium', []), finding('c', 'info', [])];
    const risk = computeRisk(map(findings), defaultConfig());
    assert.deepEqual(risk.resilienceScore.deductions, [{ ruleId: 'a', findings: 2, points: 25 }, { ruleId: 'b', findings: 1, points: 5 }]);
    // 30 points: 100 × e^(−0.3) = 74
    assert.equal(risk.resilienceScore.score, 74);
    assert.match(risk.resilienceScore.explanation, /for 30 points/);
    assert.equal(computeRisk(map([]), defaultConfig()).resilienceScore.score, 100);
  });
});
