/** Stub: replaced by the `health` command. */
import type { DependencyMap } from '../core/model';

export async function runHealthCommand(
  _argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string; env: NodeJS.ProcessEnv },
  _scanWorkspace: (root: string, paths: string[]) => Promise<DependencyMap>,
): Promise<number> {
  io.stderr.write('outage-radar: health is not available in this build\n');
  return 2;
}
