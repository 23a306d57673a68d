/** Stub: replaced by the `.outage-radar.yaml` parser. */
import { defaultConfig, type OutageRadarConfig } from './config';
import type { Problem } from './model';

export function parseConfigFile(_text: string, file: string, _knownRuleIds?: ReadonlySet<string>): { config: OutageRadarConfig; problems: Problem[] } {
  return { config: { ...defaultConfig(), file }, problems: [] };
}
