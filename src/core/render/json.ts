/**
 * The `--format json` document: the dependency map exactly as `dependency-map.schema.json`
 * describes it, with internal scanner bookkeeping removed.
 */
import type { DependencyMap } from '../model';

export function renderJson(map: DependencyMap): string {
  return `${JSON.stringify(map, (key, value) => (key === 'regionRef' ? undefined : value), 2)}\n`;
}
