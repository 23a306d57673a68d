import { strict as assert } from 'node:assert';
import { LineIndex } from '../../src/core/positions';

describe('LineIndex', () => {
  it('gives 1-based lines and UTF-16 columns across LF, CRLF and CR line breaks', () => {
    const idx = new LineIndex('a\r\nbc\nd\re😀f');
    assert.deepEqual(idx.position(0), { line: 1, column: 1 });
    assert.deepEqual(idx.position(3), { line: 2, column: 1 });
    assert.deepEqual(idx.position(7), { line: 3, column: 2 });
    // the emoji is two UTF-16 code units, so `f` sits at column 4 of line 4
    assert.deepEqual(idx.position(11), { line: 4, column: 4 });
    assert.equal(idx.lineText(2), 'bc');
    assert.equal(idx.lineCount, 4);
  });

  it('makes exclusive end positions and round-trips offsets', () => {
    const idx = new LineIndex('const x = "us-east-1";\n');
    assert.deepEqual(idx.span(10, 21), { line: 1, column: 11, endLine: 1, endColumn: 22 });
    assert.equal(idx.offset(1, 11), 10);
  });
});
