/**
 * The prefilter's one promise over real files: a file some scanner accepts is never filtered out.
 * Shared by the prefilter test (fixtures and examples) and the slow suite (the whole public corpus).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SCANNERS } from '../../../src/core/scanners';
import { mayHoldDependency } from '../../../src/core/scanners/candidates';

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(p, out);
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/** The scanners that would accept the file (the registry's own guard: a throwing accepts is a no). */
export function acceptedBy(file: string, text: string): string[] {
  return SCANNERS.filter((s) => {
    try {
      return s.accepts(file, text);
    } catch {
      return false;
    }
  }).map((s) => s.id);
}

/** Asserts the prefilter lets through every accepted file under the roots; returns how many were accepted. */
export function assertPrefilterKeeps(roots: string[]): number {
  let accepted = 0;
  for (const root of roots) {
    for (const absolute of filesUnder(root)) {
      const file = path.relative(root, absolute).split(path.sep).join('/');
      const text = readFileSync(absolute, 'utf8');
      const by = acceptedBy(file, text);
      if (by.length === 0) continue;
      accepted++;
      assert.ok(mayHoldDependency(file, text), `${file} is accepted by ${by.join(', ')} but the prefilter rejects it`);
    }
  }
  return accepted;
}
