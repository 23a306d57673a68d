/**
 * The editor settings' one source of truth (STYLE.md habit 8): every `outageRadar.*` setting with
 * its type, default, scope and description. `package.json`'s `contributes.configuration` is
 * generated from {@link SETTINGS} by `npm run sync-manifest`, and a test fails when they differ.
 *
 * The server reads the same list: {@link normaliseSettings} turns whatever an editor sends (VS
 * Code's `workspace/configuration`, Neovim's `settings`, nothing at all) into
 * {@link OutageRadarSettings}, and {@link applySettings} lays them over `.outage-radar.yaml`
 * (settings in the editor override the file, CONTRACTS.md "Configuration").
 */
import type { OutageRadarConfig, RuleSetting } from '../core/config';
import { SEVERITIES, TIERS, type Severity, type Tier } from '../core/model';

/** The configuration section every setting lives under. */
export const SETTINGS_SECTION = 'outageRadar';

/**
 * The scanner ids that `outageRadar.sources.<id>` switches. A test checks this list against the
 * scanner registry (src/core/scanners), which the extension bundle does not import.
 */
export const SOURCE_IDS = [
  'javascript', 'python', 'cloudformation', 'samconfig', 'serverless', 'terraform', 'github-actions',
  'gitlab-ci', 'dotenv', 'docker-compose', 'dockerfile', 'aws-config', 'cdk-json', 'pulumi-yaml',
] as const;

const SOURCE_TITLES: Record<(typeof SOURCE_IDS)[number], string> = {
  javascript: 'JavaScript and TypeScript code (AWS SDK v2 and v3, CDK, Pulumi)',
  python: 'Python code (boto3)',
  cloudformation: 'CloudFormation and SAM templates',
  samconfig: 'SAM deploy configuration (`samconfig.toml` / `samconfig.yaml`)',
  serverless: 'Serverless Framework (`serverless.yml`)',
  terraform: 'Terraform (`.tf`, `.tfvars`)',
  'github-actions': 'GitHub Actions workflows',
  'gitlab-ci': 'GitLab CI (`.gitlab-ci.yml`)',
  dotenv: '`.env` files',
  'docker-compose': 'Docker Compose files',
  dockerfile: 'Dockerfiles',
  'aws-config': 'AWS CLI/SDK config files committed to the workspace',
  'cdk-json': 'CDK app settings (`cdk.json`, `cdk.context.json`)',
  'pulumi-yaml': 'Pulumi project and stack files',
};

export const HEALTH_SOURCES = ['auto', 'api', 'public', 'off'] as const;
export type HealthSourceSetting = (typeof HEALTH_SOURCES)[number];
export const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;

/** One setting as VS Code's `contributes.configuration` describes it. */
export interface SettingSpec {
  /** the full key: `outageRadar.tier` */
  key: string;
  type: string | string[];
  default: unknown;
  scope: 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource' | 'language-overridable';
  markdownDescription: string;
  enum?: readonly unknown[];
  enumDescriptions?: string[];
  minimum?: number;
  items?: Record<string, unknown>;
  additionalProperties?: unknown;
  /**
   * A workspace could use the setting to send requests elsewhere or with other credentials: VS
   * Code ignores its workspace value until the workspace is trusted
   * (`capabilities.untrustedWorkspaces.restrictedConfigurations`).
   */
  restricted?: boolean;
}

const RULE_SETTING_SCHEMA = {
  anyOf: [
    { type: 'string', enum: ['off'], description: 'Switch the rule off.' },
    {
      type: 'object',
      properties: {
        severity: { type: 'string', enum: [...SEVERITIES] },
        enabled: { type: 'boolean' },
      },
      additionalProperties: false,
    },
  ],
};

export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'outageRadar.tier',
    type: 'string',
    default: '',
    scope: 'resource',
    enum: ['', ...TIERS],
    enumDescriptions: [
      'Use the tier of `.outage-radar.yaml` (`Important` when it names none).',
      'Raises tier-aware findings by one step.',
      'Raises tier-aware findings by one step.',
      'The default: tier-aware findings keep their documented severity.',
      'Lowers tier-aware findings by one step.',
      'Lowers tier-aware findings by one step.',
    ],
    markdownDescription: 'The workload tier (as in AWS Resilience Hub). Tier-aware rules, such as missing replication, raise or lower their severity with it. Overrides `tier` in `.outage-radar.yaml`.',
  },
  {
    key: 'outageRadar.regions.primary',
    type: 'string',
    default: '',
    scope: 'resource',
    markdownDescription: 'The region the workload is meant to run in, e.g. `us-east-1`. Empty: use `regions.primary` of `.outage-radar.yaml`.',
  },
  {
    key: 'outageRadar.regions.secondary',
    type: 'array',
    default: [],
    scope: 'resource',
    items: { type: 'string' },
    markdownDescription: 'Regions the workload can fail over to, e.g. `["us-west-2"]`. Empty: use `regions.secondary` of `.outage-radar.yaml`.',
  },
  {
    key: 'outageRadar.rules',
    type: 'object',
    default: {},
    scope: 'resource',
    additionalProperties: RULE_SETTING_SCHEMA,
    markdownDescription: 'Per-rule overrides, merged over `rules` of `.outage-radar.yaml`: `"off"` or `{ "severity": "high" }`, keyed by rule id (e.g. `"sdk-literal-region"`).',
  },
  {
    key: 'outageRadar.ignore',
    type: 'array',
    default: [],
    scope: 'resource',
    items: { type: 'string' },
    markdownDescription: 'Glob patterns (relative to the workspace folder) that are not scanned, added to `ignore` of `.outage-radar.yaml`, e.g. `["legacy/**"]`.',
  },
  {
    key: 'outageRadar.includeTests',
    type: 'boolean',
    default: false,
    scope: 'resource',
    markdownDescription: 'Also report findings in test code and sample payloads (`test/`, `tests/`, `__tests__/`, `*.test.*`, `*.spec.*`, `test_*.py`, `conftest.py`, `events/*.json`), which are not deployed. On when either this setting or `includeTests` of `.outage-radar.yaml` is on.',
  },
  ...SOURCE_IDS.map((id): SettingSpec => ({
    key: `outageRadar.sources.${id}`,
    type: 'boolean',
    default: true,
    scope: 'resource',
    markdownDescription: `Scan ${SOURCE_TITLES[id]}.`,
  })),
  {
    key: 'outageRadar.codeLens.enabled',
    type: 'boolean',
    default: true,
    scope: 'window',
    markdownDescription: 'Show a code lens above SDK clients and infrastructure resources: region, replication and risk count (`us-east-1 · not replicated · 2 risks`).',
  },
  {
    key: 'outageRadar.health.source',
    type: 'string',
    default: 'auto',
    scope: 'window',
    enum: [...HEALTH_SOURCES],
    enumDescriptions: [
      'The AWS Health API with your AWS profile when it works, else the public AWS Health Dashboard. Asks once per workspace before polling.',
      'The AWS Health API only (needs a Business, Enterprise On-Ramp or Enterprise Support plan).',
      'The public AWS Health Dashboard only (no credentials).',
      'No live AWS Health events.',
    ],
    markdownDescription: 'Where live AWS Health events come from. Nothing is polled until you accept the one-time prompt, and never in a restricted (untrusted) workspace.',
    restricted: true,
  },
  {
    key: 'outageRadar.health.pollIntervalSeconds',
    type: 'number',
    default: 300,
    minimum: 60,
    scope: 'window',
    markdownDescription: 'How often AWS Health is polled, in seconds (at least 60).',
    restricted: true,
  },
  {
    key: 'outageRadar.aws.profile',
    type: 'string',
    default: '',
    scope: 'window',
    markdownDescription: 'The AWS profile used for the AWS Health API. Empty: the default credential chain (`AWS_PROFILE`, then `default`).',
    restricted: true,
  },
  {
    key: 'outageRadar.trace.server',
    type: 'string',
    default: 'off',
    scope: 'window',
    enum: [...TRACE_LEVELS],
    markdownDescription: 'Traces the messages between VS Code and the Outage Radar language server in the "Outage Radar" output channel.',
  },
];

/** `contributes.configuration` as it must appear in package.json. */
export function configurationContribution(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const entry: Record<string, unknown> = { type: s.type, default: s.default, scope: s.scope, markdownDescription: s.markdownDescription };
    if (s.enum) entry.enum = [...s.enum];
    if (s.enumDescriptions) entry.enumDescriptions = s.enumDescriptions;
    if (s.minimum !== undefined) entry.minimum = s.minimum;
    if (s.items) entry.items = s.items;
    if (s.additionalProperties !== undefined) entry.additionalProperties = s.additionalProperties;
    properties[s.key] = entry;
  }
  return { title: 'Outage Radar', properties };
}

/** The settings whose workspace values wait for Workspace Trust. */
export function restrictedSettingKeys(): string[] {
  return SETTINGS.filter((s) => s.restricted).map((s) => s.key);
}

/** The settings after validation, with defaults for anything missing or malformed. */
export interface OutageRadarSettings {
  /** '' = from the config file */
  tier: Tier | '';
  regions: { primary: string; secondary: string[] };
  rules: Record<string, RuleSetting>;
  ignore: string[];
  /** report findings in test code too */
  includeTests: boolean;
  /** scanner id → enabled */
  sources: Record<string, boolean>;
  codeLens: { enabled: boolean };
  health: { source: HealthSourceSetting; pollIntervalSeconds: number };
  aws: { profile: string };
}

export function defaultSettings(): OutageRadarSettings {
  return normaliseSettings(undefined);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

/**
 * Reads the `outageRadar` section as an editor sends it: nested objects (`{ regions: { primary } }`,
 * VS Code's form) or flat dotted keys (`{ "regions.primary": … }`, which some clients send). Never
 * throws; anything malformed falls back to its default.
 */
export function normaliseSettings(raw: unknown): OutageRadarSettings {
  const flat = new Map<string, unknown>();
  const walk = (value: unknown, prefix: string) => {
    if (!isObject(value)) return;
    for (const [k, v] of Object.entries(value)) {
      const key = prefix ? `${prefix}.${k}` : k;
      // `rules` is a map whose values are objects: keep it whole instead of flattening it.
      if (isObject(v) && key !== 'rules') walk(v, key);
      else flat.set(key, v);
    }
  };
  walk(raw, '');
  const get = (key: string) => flat.get(key);

  const tier = get('tier');
  const source = get('health.source');
  const interval = get('health.pollIntervalSeconds');
  const rules: Record<string, RuleSetting> = {};
  const rawRules = get('rules');
  if (isObject(rawRules)) {
    for (const [id, v] of Object.entries(rawRules)) {
      if (v === 'off') rules[id] = 'off';
      else if (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v)) rules[id] = { severity: v as Severity };
      else if (isObject(v)) {
        const setting: { severity?: Severity; enabled?: boolean } = {};
        if (typeof v.severity === 'string' && (SEVERITIES as readonly string[]).includes(v.severity)) setting.severity = v.severity as Severity;
        if (typeof v.enabled === 'boolean') setting.enabled = v.enabled;
        rules[id] = setting;
      }
    }
  }
  const sources: Record<string, boolean> = {};
  for (const id of SOURCE_IDS) {
    const v = get(`sources.${id}`);
    sources[id] = typeof v === 'boolean' ? v : true;
  }
  const primary = get('regions.primary');
  const codeLens = get('codeLens.enabled');
  const profile = get('aws.profile');
  const includeTests = get('includeTests');
  return {
    tier: typeof tier === 'string' && (TIERS as readonly string[]).includes(tier) ? (tier as Tier) : '',
    regions: { primary: typeof primary === 'string' ? primary.trim() : '', secondary: stringArray(get('regions.secondary')) },
    rules,
    ignore: stringArray(get('ignore')),
    includeTests: includeTests === true,
    sources,
    codeLens: { enabled: typeof codeLens === 'boolean' ? codeLens : true },
    health: {
      source: typeof source === 'string' && (HEALTH_SOURCES as readonly string[]).includes(source) ? (source as HealthSourceSetting) : 'auto',
      pollIntervalSeconds: typeof interval === 'number' && Number.isFinite(interval) ? Math.max(60, interval) : 300,
    },
    aws: { profile: typeof profile === 'string' ? profile.trim() : '' },
  };
}

/**
 * The configuration the engine runs with: `.outage-radar.yaml` with the editor settings laid over
 * it. A setting left at its default does not override the file; `rules` merge per rule (the
 * setting wins), `ignore` patterns add up, and switched-off sources join `disabledSources`.
 */
export function applySettings(fileConfig: OutageRadarConfig, settings: OutageRadarSettings): OutageRadarConfig {
  const disabled = new Set(fileConfig.disabledSources);
  for (const [id, enabled] of Object.entries(settings.sources)) if (!enabled) disabled.add(id);
  return {
    ...fileConfig,
    tier: settings.tier || fileConfig.tier,
    regions: {
      primary: settings.regions.primary || fileConfig.regions.primary,
      secondary: settings.regions.secondary.length ? settings.regions.secondary : fileConfig.regions.secondary,
    },
    rules: { ...fileConfig.rules, ...settings.rules },
    ignore: [...new Set([...fileConfig.ignore, ...settings.ignore])],
    disabledSources: [...disabled],
    // A setting left at its default (off) does not switch off what the file turns on.
    ...(settings.includeTests ? { includeTests: true } : {}),
  };
}
