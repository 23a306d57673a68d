import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Dependency } from '../../../src/core/model';
import { decidedBy, stepIsAt } from '../../../src/core/rules/predicates';

/** The definition: every other non-config dependency with a trace step at the config. */
function decidedByFilter(config: Dependency, dependencies: readonly Dependency[]): Dependency[] {
  return dependencies.filter((d) => d !== config && d.kind !== 'region-config' && (d.regionTrace ?? []).some((s) => stepIsAt(s, config)));
}

function dep(id: string, kind: Dependency['kind'], file: string, line: number, column: number, trace: [string, number, number | undefined][] = []): Dependency {
  return {
    id, provider: 'aws', service: 's3', kind, file, line, column, endLine: line, endColumn: column + 1, region: null, regionSource: 'unresolved',
    ...(trace.length ? { regionTrace: trace.map(([f, l, c]) => ({ file: f, line: l, ...(c === undefined ? {} : { column: c }), reason: 'r' })) } : {}),
  } as Dependency;
}

describe('decidedBy (indexed by trace step line)', () => {
  it('finds the dependencies a region setting decided, and not those traced to another column of its line', () => {
    const config = dep('c', 'region-config', 'template.yaml', 3, 5);
    const byIt = dep('a', 'sdk-client', 'src/a.ts', 10, 1, [['src/a.ts', 10, 1], ['template.yaml', 3, 5]]);
    const byLineOnly = dep('b', 'sdk-client', 'src/b.ts', 4, 1, [['template.yaml', 3, undefined]]);
    const otherColumn = dep('d', 'sdk-client', 'src/d.ts', 4, 1, [['template.yaml', 3, 9]]);
    const otherConfig = dep('e', 'region-config', 'src/e.ts', 1, 1, [['template.yaml', 3, 5]]);
    const list = [byIt, otherColumn, byLineOnly, otherConfig, config];
    assert.deepEqual(decidedBy(config, list).map((d) => d.id), ['a', 'b']);
    // A list that grew since it was indexed is indexed again.
    const late = dep('f', 'sdk-call', 'src/f.ts', 2, 1, [['template.yaml', 3, 5]]);
    list.push(late);
    assert.deepEqual(decidedBy(config, list).map((d) => d.id), ['a', 'b', 'f']);
  });

  it('agrees with filtering every dependency, on generated workspaces', () => {
    const place = fc.tuple(fc.constantFrom('a.ts', 'b.py', 'template.yaml'), fc.integer({ min: 1, max: 4 }), fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }));
    const arbitrary = fc.array(
      fc.tuple(fc.constantFrom<Dependency['kind']>('region-config', 'sdk-client', 'sdk-call', 'iac-resource'), place, fc.array(place, { maxLength: 4 })),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(arbitrary, (specs) => {
        const deps = specs.map(([kind, [file, line, column], trace], i) => dep(`d${i}`, kind, file, line, column ?? 1, trace));
        for (const config of deps) assert.deepEqual(decidedBy(config, deps), decidedByFilter(config, deps));
      }),
      { numRuns: 400, seed: 14 },
    );
  });
});
