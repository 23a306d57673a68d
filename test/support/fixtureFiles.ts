/**
 * The files of a fixture folder that differential tests edit one by one: relative paths, sorted,
 * those the given test accepts (by default the ones the scanners could read) and under 256 KiB.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isCandidatePath } from '../../src/core/scanners/candidates';

export function fixtureFilesUnder(dir: string, accept: (relativePath: string) => boolean = isCandidatePath): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && accept(child) && statSync(path.join(dir, child)).size < 256 * 1024) out.push(child);
    }
  };
  walk('');
  return out.sort();
}
