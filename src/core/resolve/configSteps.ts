/**
 * The trace step that points at a region setting (a `region-config`): what kind of evidence the
 * setting is follows from where it is written — a CI job's environment or deploy step, a runtime
 * environment file, or deploy configuration (samconfig, Serverless, Pulumi, cdk.json, AWS config).
 */
import type { Dependency, TraceStep } from '../model';
import { traceStep } from '../trace';

const CI_ORIGINS = new Set(['github-actions', 'gitlab-ci']);
const RUNTIME_ENV_ORIGINS = new Set(['dotenv', 'docker-compose', 'dockerfile']);

/** A step at a region setting; `environment` is shown when it is not the primary one. */
export function configTraceStep(config: Dependency, environment?: string): TraceStep {
  const setting = config.name ?? 'region';
  const value = config.text ?? config.region ?? '?';
  const region = config.region ?? undefined;
  const regions = !config.region && config.candidateRegions?.length ? config.candidateRegions : undefined;
  const fields = { ...(region ? { region } : {}), ...(regions ? { regions: [...regions] } : {}) };
  const origin = config.origin ?? '';
  if (CI_ORIGINS.has(origin) && setting === 'deploy command') {
    return traceStep(config, { kind: 'ci-deploy', tool: config.container ?? 'deploy', command: value, ...(config.scope?.environment ? { job: config.scope.environment } : {}), ...fields });
  }
  if (CI_ORIGINS.has(origin) && setting === 'run command') {
    return traceStep(config, { kind: 'ci-run', command: value, ...(config.scope?.environment ? { job: config.scope.environment } : {}), ...fields });
  }
  if (CI_ORIGINS.has(origin)) return traceStep(config, { kind: 'ci-env', variable: setting, value, form: 'setting', ...(environment ? { job: environment } : {}), ...(region ? { region } : {}) });
  if (RUNTIME_ENV_ORIGINS.has(origin) && config.setsEnv) return traceStep(config, { kind: 'env-assignment', variable: setting, value, form: 'setting', ...(region ? { region } : {}) });
  return traceStep(config, { kind: 'deploy-config', setting, value, ...(environment ? { environment } : {}), ...fields });
}
