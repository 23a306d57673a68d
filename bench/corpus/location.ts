/**
 * Where the bench keeps its generated and copied corpora (1.7 GB after a full run):
 * `$OUTAGE_RADAR_BENCH_CORPORA`, else `bench-corpora` in the user's cache folder
 * (`$XDG_CACHE_HOME/outage-radar`, else `~/.cache/outage-radar`). Outside the repository: `vsce`
 * lists every file of the tree before it applies `.vscodeignore`, and walking the corpora made
 * packaging take about two minutes after a bench.
 */
import path from 'node:path';
import { defaultCacheDirectory } from '../../src/node/scanCache';

export function benchCorporaDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OUTAGE_RADAR_BENCH_CORPORA) return path.resolve(env.OUTAGE_RADAR_BENCH_CORPORA);
  // Not OUTAGE_RADAR_CACHE_DIR: that is the scan cache, which the bench points elsewhere per run.
  return path.join(defaultCacheDirectory({ ...env, OUTAGE_RADAR_CACHE_DIR: undefined }), 'bench-corpora');
}
