/**
 * The Pulumi pass: resources of a TypeScript/JavaScript Pulumi program that use the default
 * provider (or a provider configured from the stack config) take the stack's `aws:region`.
 *
 * The scanner settles resources whose explicit provider has a literal region itself
 * (`regionSource: 'provider'`) and leaves the rest with `regionRef { format: 'pulumi', key: 'stack' }`.
 * Here the stack settings come from the `Pulumi.yaml` / `Pulumi.<stack>.yaml` region-configs
 * (`aws:region`, origin `pulumi-yaml`) of the nearest folder that contains the program: one region
 * across the stacks → that region (`config-file`); several stacks in different regions →
 * candidates; none → `parameter` (given with `pulumi config set` or AWS_REGION at deploy time).
 * Code deployed as a Pulumi Lambda function then reads AWS_REGION from that function's region.
 */
import type { Dependency } from '../model';
import { combineOptions, settleFunctionCode, type RegionOption } from './cdk';
import type { Resolution, ResolutionPass, ResolutionWorkspace } from './types';
import { isInFolder } from '../paths';
import { traceStep } from '../trace';

/** The `aws:region` settings of the Pulumi project whose folder is nearest above `file`. */
function stackRegionConfigs(workspace: ResolutionWorkspace, file: string): Dependency[] {
  const configs = workspace.regionConfigs().filter((c) => c.origin === 'pulumi-yaml' && c.name === 'aws:region' && c.scope?.directory !== undefined && isInFolder(file, c.scope.directory));
  if (configs.length === 0) return [];
  const depth = (c: Dependency): number => (c.scope?.directory ?? '').split('/').filter(Boolean).length;
  const best = Math.max(...configs.map(depth));
  return configs.filter((c) => depth(c) === best);
}

function stackResolution(workspace: ResolutionWorkspace, file: string): Resolution {
  const configs = stackRegionConfigs(workspace, file);
  const options = configs.flatMap((c): RegionOption[] => {
    const stack = c.scope?.environment && c.scope.environment !== 'default' ? `stack ${c.scope.environment}` : 'project default';
    const step = traceStep(c, { kind: 'deploy-config', setting: 'aws:region', value: c.text ?? c.region ?? '?', environment: stack, ...(c.region ? { region: c.region } : {}) });
    if (c.region) return [{ region: c.region, source: 'config-file', trace: [step] }];
    if (c.candidateRegions?.length) return c.candidateRegions.map((r) => ({ region: r, source: 'config-file', trace: [step] }));
    return [{ region: null, source: 'unresolved', trace: [step] }];
  });
  const combined = combineOptions(options);
  if (combined && (combined.region || combined.candidateRegions?.length)) return combined;
  return { region: null, regionSource: 'parameter', trace: [traceStep({ file, line: 1 }, { kind: 'deploy-time', subject: 'pulumi-stack' })] };
}

export const pulumiPass: ResolutionPass = {
  id: 'pulumi',
  run(workspace) {
    const pending = workspace.pending('format').filter((d) => d.regionRef?.kind === 'format' && d.regionRef.format === 'pulumi');
    const cache = new Map<string, Resolution>();
    for (const dep of pending) {
      // Every key the scanner leaves names the stack configuration.
      if (!cache.has(dep.file)) cache.set(dep.file, stackResolution(workspace, dep.file));
      const r = cache.get(dep.file) as Resolution;
      workspace.settle(dep, { ...r, trace: r.trace.map((t) => ({ ...t })) });
    }
    settleFunctionCode(workspace, 'pulumi');
  },
};
