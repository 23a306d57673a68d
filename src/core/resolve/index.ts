/**
 * Cross-file region resolution: the passes run in order over the whole workspace. Format passes
 * first (they know their own wiring: Terraform providers and modules, CDK stacks, Pulumi stacks),
 * then SDK clients imported from other modules, then the deploy pass (code → the function that deploys it → the stack's deploy region; runtime
 * environment files), then the global-service pass, which pins global services to the region that
 * hosts their control plane whatever the caller's region.
 */
import type { FileScanResult, Problem } from '../model';
import { errorMessage, WORKSPACE_PROBLEM_FILE } from '../rules/engine';
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

/**
 * Resolves regions in place over the given results (callers pass copies of cached results). A pass
 * that throws is reported through `onFailure` and the later passes still run: what it had settled
 * stays, what it had not stays unresolved (and says so), and the rest of the map stands.
 */
export function resolveRegions(results: readonly FileScanResult[], passes: readonly ResolutionPass[] = RESOLUTION_PASSES, onFailure?: (problem: Problem) => void): ResolutionWorkspace {
  const workspace = new ResolutionWorkspace(results);
  for (const pass of passes) {
    try {
      pass.run(workspace);
    } catch (error) {
      // A pass works over the whole workspace at once, so the file it was on is not known: the
      // problem is reported at the workspace root and names the pass.
      onFailure?.({ file: WORKSPACE_PROBLEM_FILE, reason: `resolution pass ${pass.id} failed (${errorMessage(error)}); regions it had not settled are unresolved`, severity: 'partial' });
    }
  }
  // Whatever no pass understood stays unknown, without the internal reference.
  for (const dep of workspace.dependencies) {
    if (dep.regionRef) {
      delete dep.regionRef;
      if (dep.region === null && dep.regionSource !== 'parameter' && dep.regionSource !== 'default') dep.regionSource = 'unresolved';
    }
  }
  return workspace;
}
