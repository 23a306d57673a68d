/**
 * Test support: scans an in-memory workspace (file path → text) through the real scanners, the
 * real cross-file resolution and the real rule engine, exactly as the CLI does, so that rule and
 * resolution tests read as specifications over realistic files.
 */
import type { OutageRadarConfig } from '../../src/core/config';
import { defaultConfig } from '../../src/core/config';
import { analyseWorkspace } from '../../src/core/analysis';
import type { DependencyMap, Finding } from '../../src/core/model';
import { scanFile } from '../../src/core/scanners';
import type { Rule } from '../../src/core/rules/types';
import { loadLanguages } from '../../src/node/languages';

export async function analyseFiles(
  files: Record<string, string>,
  options: { config?: Partial<OutageRadarConfig>; rules?: readonly Rule[]; keepSuppressed?: boolean } = {},
): Promise<DependencyMap> {
  const languages = await loadLanguages();
  const results = Object.entries(files).map(([file, text]) => scanFile(file, text, { languages }));
  return analyseWorkspace(results, {
    root: '.',
    config: { ...defaultConfig(), ...options.config },
    rules: options.rules,
    keepSuppressed: options.keepSuppressed,
  });
}

/** The findings of one rule, as `file:line:column` strings plus messages, for exact assertions. */
export function findingsOf(map: DependencyMap, ruleId: string): Finding[] {
  return map.findings.filter((f) => f.ruleId === ruleId);
}

export function locations(findings: Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}`);
}
