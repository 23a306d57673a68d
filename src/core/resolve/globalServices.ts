/**
 * Pins dependencies on global services to the region that hosts their control plane or endpoint
 * (IAM, Route 53, CloudFront … → us-east-1; Global Accelerator → us-west-2), whatever region the
 * caller configured: the hidden us-east-1 dependencies the report lists separately.
 */
import { globalServiceOf } from '../catalogue/globalServices';
import type { ResolutionPass } from './types';
import { traceStep } from '../trace';

export const globalServicePass: ResolutionPass = {
  id: 'global-services',
  run(workspace) {
    for (const dep of workspace.dependencies) {
      if (dep.kind === 'region-config' || dep.kind === 'arn') continue;
      const g = globalServiceOf(dep.service);
      if (!g) continue;
      const configured = dep.region;
      const trace = [...(dep.regionTrace ?? [])];
      trace.push(traceStep(dep, { kind: 'global-control-plane', service: dep.service, region: g.region, note: g.note, ...(configured && configured !== g.region ? { configuredRegion: configured } : {}) }));
      delete dep.regionRef;
      delete dep.candidateRegions;
      dep.region = g.region;
      dep.regionSource = 'global-service';
      dep.global = true;
      dep.regionTrace = trace;
    }
  },
};
