/**
 * The workspace configuration (`.outage-radar.yaml`, CONTRACTS.md "Configuration") after parsing
 * and validation, merged with editor settings. Parsing lives in `configFile.ts`; this module only
 * defines the resolved shape and its defaults, so every layer can depend on it cheaply.
 */
import type { Severity, Tier } from './model';

export type RuleSetting = 'off' | { severity?: Severity; enabled?: boolean };

export interface ConfigSuppression {
  rule: string;
  file: string;
  resource?: string;
  line?: number;
  reason: string | null;
  /** where the entry is written in the config file (for unused-suppression findings) */
  at?: { file: string; line: number; column: number };
}

export interface OutageRadarConfig {
  tier: Tier;
  regions: { primary?: string; secondary: string[] };
  rules: Record<string, RuleSetting>;
  ignore: string[];
  suppress: ConfigSuppression[];
  azIds: Record<string, string>;
  /** scanner ids switched off (editor settings `outageRadar.sources.*`) */
  disabledSources: string[];
  /** report findings in test code and sample payloads too (`includeTests`; off by default, see testCode.ts) */
  includeTests?: boolean;
  /** the config file, when one was read (workspace-relative) */
  file?: string;
}

export function defaultConfig(): OutageRadarConfig {
  return { tier: 'Important', regions: { secondary: [] }, rules: {}, ignore: [], suppress: [], azIds: {}, disabledSources: [] };
}
