/** Builds plain model objects for tests of the passes, rules engine, risk model and simulation. */
import type { Dependency, FileScanResult } from '../../src/core/model';

let counter = 0;

export function dep(fields: Partial<Dependency> & Pick<Dependency, 'kind' | 'service' | 'file' | 'line'>): Dependency {
  return {
    id: fields.id ?? `${fields.kind}:${++counter}`,
    provider: 'aws',
    column: 1,
    endLine: fields.line,
    endColumn: 10,
    region: null,
    regionSource: 'unresolved',
    ...fields,
  };
}

export function fileResult(file: string, fields: Partial<FileScanResult> = {}): FileScanResult {
  return { file, formats: ['test'], dependencies: [], problems: [], suppressions: [], ...fields };
}

/** The region fields of a dependency, for exact assertions (candidates and a pending reference only when present). */
export function regionOf(d: Dependency): Record<string, unknown> {
  const r: Record<string, unknown> = { region: d.region, regionSource: d.regionSource };
  if (d.candidateRegions) r.candidateRegions = d.candidateRegions;
  if (d.regionRef) r.regionRef = d.regionRef;
  return r;
}
