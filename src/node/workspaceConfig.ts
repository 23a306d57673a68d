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
import { errorCode, isInside, toPosix } from './workspaceFiles';

export const CONFIG_FILE_NAMES = ['.outage-radar.yaml', '.outage-radar.yml'];

export async function loadWorkspaceConfig(root: string, explicitFile?: string): Promise<{ config: OutageRadarConfig; problems: Problem[] }> {
  const candidates = explicitFile ? [path.resolve(root, explicitFile)] : CONFIG_FILE_NAMES.map((n) => path.join(root, n));
  for (const abs of candidates) {
    let text: string;
    try {
      // The workspace's own config file may not be a link out of the workspace (an explicit
      // --config is the user's choice, not the repository's).
      if (!explicitFile && !isInside(await fs.realpath(root), await fs.realpath(abs))) {
        return { config: defaultConfig(), problems: [{ file: path.basename(abs), reason: 'the configuration file links outside the workspace: ignored', severity: 'skipped' }] };
      }
      text = await fs.readFile(abs, 'utf8');
    } catch (error) {
      if (explicitFile) return { config: defaultConfig(), problems: [{ file: toPosix(explicitFile), reason: `config file not readable: ${errorCode(error)}`, severity: 'skipped' }] };
      continue;
    }
    const rel = toPosix(path.relative(root, abs)) || path.basename(abs);
    return parseConfigFile(text, rel, new Set(RULES.map((r) => r.meta.id)));
  }
  return { config: defaultConfig(), problems: [] };
}
