/**
 * The risk model: per-region figures, the concentration score, an explainable resilience score,
 * and the hidden dependencies on global control planes, listed apart from explicit ones.
 *
 * Resilience score: points for each finding by severity (critical 20, high 10, medium 5, low 2,
 * info 0), at most 25 points from any one rule so that one noisy rule cannot dominate; the score is
 * 100 × e^(−points/100), so it never bottoms out and every fix moves it (25 points → 78, 100 → 37,
 * 200 → 14). Every point is listed in `deductions`.
 */
import type { OutageRadarConfig } from './config';
import type { DependencyMap, RiskModel, Severity } from './model';

export const SEVERITY_POINTS: Record<Severity, number> = { critical: 20, high: 10, medium: 5, low: 2, info: 0 };
export const MAX_POINTS_PER_RULE = 25;
/** Points at which the score falls to 100/e ≈ 37. */
export const SCORE_SCALE = 100;

export function computeRisk(map: DependencyMap, _config: OutageRadarConfig): RiskModel {
  const deps = map.dependencies.filter((d) => d.kind !== 'region-config');
  const byId = new Map(deps.map((d) => [d.id, d] as const));
  const regions = new Map<string, RiskModel['regions'][number]>();
  for (const d of deps) {
    if (!d.region) continue;
    const r = regions.get(d.region) ?? { region: d.region, dependencies: 0, findings: 0, services: {}, viaGlobalControlPlanes: 0 };
    r.dependencies++;
    r.services[d.service] = (r.services[d.service] ?? 0) + 1;
    if (d.regionSource === 'global-service') r.viaGlobalControlPlanes++;
    regions.set(d.region, r);
  }
  for (const f of map.findings) {
    const region = f.dependencyIds.map((id) => byId.get(id)?.region).find((r): r is string => !!r);
    const r = region ? regions.get(region) : undefined;
    if (r) r.findings++;
  }
  const regionList = [...regions.values()].sort((a, b) => b.dependencies - a.dependencies || (a.region < b.region ? -1 : 1));
  const resolved = deps.filter((d) => d.region).length;
  const top = regionList[0];
  const share = top && resolved ? top.dependencies / resolved : 0;
  const concentration: RiskModel['concentration'] = {
    region: top?.region ?? null,
    share: Math.round(share * 1000) / 1000,
    resolved,
    total: deps.length,
    explanation: top
      ? `${Math.round(share * 100)}% of the ${resolved} dependencies whose region is known are in ${top.region}${resolved < deps.length ? ` (${deps.length - resolved} more could not be resolved)` : ''}.`
      : 'No dependency has a known region.',
  };

  const perRule = new Map<string, { findings: number; points: number }>();
  for (const f of map.findings) {
    const e = perRule.get(f.ruleId) ?? { findings: 0, points: 0 };
    e.findings++;
    e.points = Math.min(MAX_POINTS_PER_RULE, e.points + SEVERITY_POINTS[f.severity]);
    perRule.set(f.ruleId, e);
  }
  const deductions = [...perRule.entries()].map(([ruleId, e]) => ({ ruleId, ...e })).filter((d) => d.points > 0).sort((a, b) => b.points - a.points || (a.ruleId < b.ruleId ? -1 : 1));
  const lost = deductions.reduce((n, d) => n + d.points, 0);
  const score = Math.round(100 * Math.exp(-lost / SCORE_SCALE));
  const worst = deductions.slice(0, 3).map((d) => `${d.ruleId} −${d.points}`).join(', ');
  const resilienceScore = { score, explanation: deductions.length ? `100 × e^(−points/${SCORE_SCALE}) for ${lost} points from findings by severity (at most ${MAX_POINTS_PER_RULE} per rule); largest: ${worst}.` : 'No findings that cost points.', deductions };

  const hidden = new Map<string, RiskModel['hiddenDependencies'][number]>();
  for (const d of deps) {
    if (d.regionSource !== 'global-service' || !d.region) continue;
    const key = `${d.service}|${d.region}`;
    const h = hidden.get(key) ?? { service: d.service, region: d.region, count: 0, dependencyIds: [] };
    h.count++;
    h.dependencyIds.push(d.id);
    hidden.set(key, h);
  }
  return { regions: regionList, concentration, resilienceScore, hiddenDependencies: [...hidden.values()].sort((a, b) => b.count - a.count || (a.service < b.service ? -1 : 1)) };
}
