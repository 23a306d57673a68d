/**
 * Cross-file region resolution: the passes run in order over the whole workspace. Format passes
 * first (they know their own wiring: Terraform providers and modules, CDK stacks, Pulumi stacks),
 * then SDK clients imported from other modules, then the deploy pass (code → the function that deploys it → the stack's deploy region; runtime
 * environment files), then the global-service pass, which pins global services to the region that
 * hosts their control plane whatever the caller's region.
 */
import type { FileScanResult } from '../model';
import { cdkPass } from './cdk';
import { deployPass } from './deploy';
import { globalServicePass } from './globalServices';
import { importedClientPass } from './importedClients';
import { linkPass } from './links';
import { pulumiPass } from './pulumi';
import { terraformPass } from './terraform';
import { ResolutionWorkspace, type ResolutionPass } from './types';

// Imported clients run after the format passes (a CDK app's shared client takes its stack's region)
// and before the deploy pass (calls through them must carry the client's pending reference by then).
export const RESOLUTION_PASSES: readonly ResolutionPass[] = [terraformPass, cdkPass, pulumiPass, importedClientPass, deployPass, globalServicePass, linkPass];

/** Resolves regions in place over the given results (callers pass copies of cached results). */
export function resolveRegions(results: readonly FileScanResult[]): ResolutionWorkspace {
  const workspace = new ResolutionWorkspace(results);
  for (const pass of RESOLUTION_PASSES) pass.run(workspace);
  // Whatever no pass understood stays unknown, without the internal reference.
  for (const dep of workspace.dependencies) {
    if (dep.regionRef) {
      delete dep.regionRef;
      if (dep.region === null && dep.regionSource !== 'parameter' && dep.regionSource !== 'default') dep.regionSource = 'unresolved';
    }
  }
  return workspace;
}
