/**
 * Loads `.outage-radar.yaml` from the workspace root (or an explicit file), confined to the
 * workspace, and merges editor settings over it. An invalid file yields problems and defaults.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { defaultConfig, type OutageRadarConfig } from '../core/config';
import { parseConfigFile } from '../core/configFile';
import type { Problem } from '../core/model';
import { RULES } from '../core/rules';
import { readWorkspaceText } from './safeRead';
import { toPosix } from './workspaceFiles';

export const CONFIG_FILE_NAMES = ['.outage-radar.yaml', '.outage-radar.yml'];

export async function loadWorkspaceConfig(root: string, explicitFile?: string): Promise<{ config: OutageRadarConfig; problems: Problem[] }> {
  const candidates = explicitFile ? [path.resolve(root, explicitFile)] : CONFIG_FILE_NAMES.map((n) => path.join(root, n));
  const realRoot = await fs.realpath(root).catch(() => path.resolve(root));
  for (const abs of candidates) {
    // The one safe-read rule (src/node/safeRead.ts): a regular file under the 2 MiB limit; the
    // workspace's own file may not be a link out of the workspace (an explicit --config is the
    // user's choice, not the repository's, and is followed wherever it points).
    const read = await readWorkspaceText(abs, explicitFile ? { followLinks: true } : { realRoot });
    if (read.text === undefined) {
      if (explicitFile) return { config: defaultConfig(), problems: [{ file: toPosix(explicitFile), reason: `config file not readable: ${read.reason}`, severity: 'skipped' }] };
      if (read.missing) continue;
      const reason = read.outside ? 'the configuration file links outside the workspace: ignored' : `the configuration file is ${read.reason}: ignored`;
      return { config: defaultConfig(), problems: [{ file: path.basename(abs), reason, severity: 'skipped' }] };
    }
    const rel = toPosix(path.relative(root, abs)) || path.basename(abs);
    return parseConfigFile(read.text, rel, new Set(RULES.map((r) => r.meta.id)));
  }
  return { config: defaultConfig(), problems: [] };
}
