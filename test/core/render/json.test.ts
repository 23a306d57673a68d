import { strict as assert } from 'node:assert';
import path from 'node:path';
import fc from 'fast-check';
import type { DependencyMap } from '../../../src/core/model';
import { renderJson, renderJsonChunks } from '../../../src/core/render/json';
import { scanWorkspace } from '../../../src/node/workspaceIndex';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');

describe('JSON output in chunks', () => {
  it('is the JSON document character for character, for the scanned examples workspace', async () => {
    const map = await scanWorkspace(EXAMPLES);
    assert.ok(map.dependencies.length > 20 && map.findings.length > 5, 'the examples must give a map worth comparing');
    const chunks = [...renderJsonChunks(map)];
    assert.equal(chunks.join(''), renderJson(map));
    // Pieces of about one dependency each, not one string: that is the point.
    assert.ok(chunks.length > map.dependencies.length, `${chunks.length} chunks`);
    assert.ok(Math.max(...chunks.map((c) => c.length)) < renderJson(map).length / 4);
  });

  it('leaves out what JSON.stringify leaves out (regionRef, undefined) and keeps empty arrays and objects as it writes them', () => {
    const odd = {
      version: 1,
      root: '.',
      dependencies: [{ id: 'a', regionRef: { internal: true }, region: null, note: undefined, nested: [[], {}, [1, [2]], { regionRef: 1, x: 'line\nbreak' }] }],
      findings: [],
      problems: [undefined, 'x'],
      summary: { byRegion: {}, list: [{}] },
      empty: {},
      skipped: undefined,
    } as unknown as DependencyMap;
    assert.equal([...renderJsonChunks(odd)].join(''), renderJson(odd));
  });

  it('agrees with JSON.stringify on generated JSON values', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const map = value as unknown as DependencyMap;
        assert.equal([...renderJsonChunks(map)].join(''), renderJson(map));
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
