/**
 * The scanner registry and the one function that scans a file: every scanner that accepts the
 * file runs, and their outputs are merged. A scanner that throws is turned into a visible
 * problem: parsing never fails the scan.
 */
import type { FileScanResult } from '../model';
import { mayHoldDependency } from './candidates';
import { collapseRegionKeyedTables } from './literals';
import { cloudFormationScanner } from './cloudformation';
import { awsConfigScanner } from './config/aws-config';
import { cdkJsonScanner } from './config/cdk-json';
import { dockerComposeScanner } from './config/docker-compose';
import { dockerfileScanner } from './config/dockerfile';
import { dotenvScanner } from './config/dotenv';
import { githubActionsScanner } from './config/github-actions';
import { gitlabCiScanner } from './config/gitlab-ci';
import { pulumiYamlScanner } from './config/pulumi-yaml';
import { javascriptScanner } from './javascript';
import { pythonScanner } from './python';
import { samconfigScanner } from './samconfig';
import { serverlessScanner } from './serverless';
import { terraformScanner } from './terraform';
import type { ScanContext, Scanner } from './types';

export const SCANNERS: readonly Scanner[] = [
  javascriptScanner,
  pythonScanner,
  cloudFormationScanner,
  samconfigScanner,
  serverlessScanner,
  terraformScanner,
  githubActionsScanner,
  gitlabCiScanner,
  dotenvScanner,
  dockerComposeScanner,
  dockerfileScanner,
  awsConfigScanner,
  cdkJsonScanner,
  pulumiYamlScanner,
];

export interface ScanFileOptions {
  /** scanner ids switched off by the user (`outageRadar.sources.*`) */
  disabled?: ReadonlySet<string>;
}

/**
 * Scans one file's text with every scanner that accepts it. Never throws. The shared trigger
 * test ({@link mayHoldDependency}) runs first: one pass over the text rejects the files that no
 * scanner would accept, before each scanner's own `accepts` scans the text again.
 */
export function scanFile(file: string, text: string, context: ScanContext, options: ScanFileOptions = {}): FileScanResult {
  const result: FileScanResult = { file, formats: [], dependencies: [], problems: [], suppressions: [] };
  for (const scanner of acceptingScanners(file, text, options)) {
    try {
      const out = scanner.scan(file, text, context);
      result.formats.push(scanner.id);
      result.dependencies.push(...out.dependencies);
      result.problems.push(...out.problems);
      if (out.suppressions) result.suppressions.push(...out.suppressions);
      if (out.deployUnits?.length) (result.deployUnits ??= []).push(...out.deployUnits);
      if (out.formatFacts !== undefined) (result.formatFacts ??= {})[scanner.id] = out.formatFacts;
    } catch (error) {
      result.problems.push({ file, reason: `${scanner.id} scanner failed: ${error instanceof Error ? error.message : String(error)}`, severity: 'partial' });
    }
  }
  result.dependencies = collapseRegionKeyedTables(file, result.dependencies, text);
  // Two scanners may both see one comment (a TypeScript CDK app is also SDK code): keep one.
  const seen = new Set<string>();
  result.suppressions = result.suppressions.filter((s) => {
    const k = `${s.line}:${s.column}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return result;
}

/** The scanners that would scan this text: the shared trigger test, then each enabled scanner's `accepts`. */
export function acceptingScanners(file: string, text: string, options: ScanFileOptions = {}): Scanner[] {
  if (!mayHoldDependency(file, text)) return [];
  return SCANNERS.filter((scanner) => {
    if (options.disabled?.has(scanner.id)) return false;
    try {
      return scanner.accepts(file, text);
    } catch {
      return false;
    }
  });
}

export type { ScanContext, Scanner } from './types';
