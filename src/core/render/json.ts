/**
 * The `--format json` document: the dependency map exactly as `dependency-map.schema.json`
 * describes it, with internal scanner bookkeeping removed.
 */
import type { DependencyMap } from '../model';
import { escapeJsonInvisibles } from './sanitise';

export function renderJson(map: DependencyMap): string {
  // Bidi controls stay raw in JSON.stringify's output; written as escapes, a reader of the file sees them.
  return `${escapeJsonInvisibles(JSON.stringify(map, (key, value) => (key === 'regionRef' ? undefined : value), 2))}\n`;
}
