/**
 * Shared by the config scanner tests: reads a fixture under test/fixtures/config, scans it under
 * the workspace-relative path the scanner would see, and turns dependencies into readable shapes
 * (the anchored source text instead of the id) for exact comparisons.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency } from '../../../src/core/model';
import { LineIndex } from '../../../src/core/positions';
import type { Scanner, ScanOutput } from '../../../src/core/scanners/types';
import { displayed, type DisplayedStep } from '../../support/trace';

const FIXTURES = join(__dirname, '../../fixtures/config');

export function fixture(relative: string): string {
  return readFileSync(join(FIXTURES, relative), 'utf8');
}

export type DependencyShape = Omit<Dependency, 'id' | 'provider' | 'file' | 'regionTrace'> & { at: string; regionTrace?: DisplayedStep[] };

/** A dependency as a test states it: `at` is the source text its span covers. */
export function shape(text: string, d: Dependency): DependencyShape {
  const lines = new LineIndex(text);
  const { id: _id, provider: _provider, file: _file, ...rest } = d;
  const at = text.slice(lines.offset(d.line, d.column), lines.offset(d.endLine, d.endColumn));
  const { regionTrace, ...others } = rest;
  return { at, ...others, ...(regionTrace ? { regionTrace: displayed(regionTrace) } : {}) };
}

export interface FixtureScan extends ScanOutput {
  text: string;
  shapes: DependencyShape[];
}

/** Scans a fixture as `file`; the scanner must accept it. */
export function scanFixture(scanner: Scanner, relative: string, file: string): FixtureScan {
  const text = fixture(relative);
  assert.equal(scanner.accepts(file, text), true, `${scanner.id} should accept ${file}`);
  const out = scanner.scan(file, text, { languages: {} });
  for (const d of out.dependencies) {
    assert.equal(d.file, file);
    assert.equal(d.provider, 'aws');
  }
  return { ...out, text, shapes: out.dependencies.map((d) => shape(text, d)) };
}
