/**
 * Hand-built dependencies for the Health tests, shaped like the scanners' output after
 * cross-file resolution (ids, spans, region sources, resource facts).
 */
import type { Dependency } from '../../../src/core/model';

let counter = 0;

export function dep(fields: Partial<Dependency> & Pick<Dependency, 'file' | 'line' | 'kind' | 'service'>): Dependency {
  counter++;
  return {
    id: `${fields.kind}:${counter.toString(16).padStart(12, '0')}`,
    provider: 'aws',
    column: 1,
    endLine: fields.line,
    endColumn: 40,
    region: null,
    regionSource: 'unresolved',
    ...fields,
  };
}
