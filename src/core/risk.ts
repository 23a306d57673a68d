/** Stub: the risk model (issue 4) replaces this. */
import type { OutageRadarConfig } from './config';
import type { DependencyMap } from './model';

export function computeRisk(_map: DependencyMap, _config: OutageRadarConfig): unknown {
  return undefined;
}
