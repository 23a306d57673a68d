import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { contextAt, findEdit, moveTriviaEdit, scanKeepingTrivia, type TriviaState } from '../../src/core/incremental/trivia';
import { scanFile } from '../../src/core/scanners';
import { isScriptFile } from '../../src/core/scanners/javascript/parse';
import { fixtureFilesUnder } from '../support/fixtureFiles';

const REPO = path.resolve(__dirname, '..', '..');
const CONTEXT = { languages: {} };


const FILES = ['examples', 'test/fixtures'].flatMap((folder) => fixtureFilesUnder(path.join(REPO, folder), isScriptFile).map((f) => `${folder}/${f}`));

/** The comments typescript-estree finds: the oracle for the barrier's own lexing. */
function commentsOf(file: string, text: string): Array<{ type: 'Line' | 'Block'; start: number; end: number }> {
  for (const jsx of /\.(?:ts|mts|cts)$/.test(file) ? [false] : [true, false]) {
    try {
      return (parse(text, { comment: true, range: true, jsx }).comments ?? []).map((c) => ({ type: c.type, start: c.range[0], end: c.range[1] }));
    } catch {
      // try without JSX, as the scanner does
    }
  }
  return [];
}

function insert(text: string, at: number, s: string): string {
  return text.slice(0, at) + s + text.slice(at);
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

/** Edits that keep the tokens: words in comments, blank and comment lines, spaces beside spaces. */
function triviaEdits(file: string, text: string): Array<{ what: string; text: string }> {
  const edits: Array<{ what: string; text: string }> = [];
  for (const c of commentsOf(file, text)) {
    const middle = c.start + 2 + Math.floor((c.end - c.start - (c.type === 'Block' ? 4 : 2)) / 2);
    edits.push({ what: `word in the comment at ${c.start}`, text: insert(text, middle, ' revised') });
    edits.push({ what: `comment at ${c.start} shortened`, text: text.slice(0, c.start + 2) + text.slice(Math.min(c.start + 3, middle)) });
    if (c.type === 'Block') edits.push({ what: `line break in the block comment at ${c.start}`, text: insert(text, middle, '\n * more') });
  }
  const starts = lineStarts(text);
  const step = Math.max(1, Math.floor(starts.length / 12));
  for (let i = 0; i < starts.length; i += step) {
    edits.push({ what: `blank line at line ${i + 1}`, text: insert(text, starts[i], '\n') });
    edits.push({ what: `comment line at line ${i + 1}`, text: insert(text, starts[i], '  // note about the next line\n') });
    const end = starts[i + 1];
    if (end !== undefined && text.slice(starts[i], end).trim() === '') edits.push({ what: `blank line ${i + 1} removed`, text: text.slice(0, starts[i]) + text.slice(end) });
    const space = text.indexOf(' ', starts[i]);
    if (space >= 0 && space < (end ?? text.length)) {
      edits.push({ what: `space added at ${space}`, text: insert(text, space, ' ') });
      edits.push({ what: `space removed at ${space}`, text: text.slice(0, space) + text.slice(space + 1) });
    }
  }
  return edits;
}

function stateOf(file: string, text: string): TriviaState | undefined {
  return scanKeepingTrivia(file, text, CONTEXT).state;
}

describe('trivia edits (the invalidation barrier)', () => {
  it('keeps the scan result a full scan gives, for comment, line and space edits in every JavaScript/TypeScript file of the examples and fixtures', function () {
    this.timeout(300_000);
    let moved = 0;
    let refused = 0;
    let withState = 0;
    for (const file of FILES) {
      const text = readFileSync(path.join(REPO, file), 'utf8');
      const scanned = scanKeepingTrivia(file, text, CONTEXT);
      assert.deepEqual(scanned.result, scanFile(file, text, CONTEXT), `${file}: keeping trivia changes the scan`);
      const state = scanned.state;
      if (!state) continue;
      withState++;
      for (const edit of triviaEdits(file, text)) {
        const outcome = moveTriviaEdit(state, edit.text);
        if (outcome.kind === 'refused') {
          refused++;
          continue;
        }
        moved++;
        assert.deepEqual(outcome.state.result, scanFile(file, edit.text, CONTEXT), `${file}, ${edit.what}: the moved result differs from a rescan`);
        // The moved state answers the next edit as a fresh scan's state would.
        const next = insert(edit.text, 0, '\n');
        const again = moveTriviaEdit(outcome.state, next);
        if (again.kind === 'moved') assert.deepEqual(again.state.result, scanFile(file, next, CONTEXT), `${file}, ${edit.what} then a blank first line`);
      }
    }
    // Not vacuous: most files keep a state and most of these edits are moved.
    assert.ok(withState >= 20, `only ${withState} files kept a state`);
    assert.ok(moved > 500 && moved > refused, `moved ${moved}, refused ${refused}`);
  });

  it('finds the comments typescript-estree finds, and code between them', function () {
    this.timeout(120_000);
    for (const file of FILES) {
      const text = readFileSync(path.join(REPO, file), 'utf8');
      const state = stateOf(file, text);
      if (!state) continue;
      const comments = commentsOf(file, text);
      for (const c of comments) {
        const at = contextAt(text, state.opaque, c.start + 2);
        assert.deepEqual(at, { kind: c.type === 'Line' ? 'line-comment' : 'block-comment', start: c.start, end: c.end }, `${file}: comment at ${c.start}`);
        assert.deepEqual(contextAt(text, state.opaque, c.start), { kind: 'code' }, `${file}: before the comment at ${c.start}`);
      }
    }
  });

  it('sees every slice of the text the JavaScript scanner takes (they go through ScanState.read)', () => {
    const dir = path.join(REPO, 'src/core/scanners/javascript');
    for (const name of readdirSync(dir)) {
      const source = readFileSync(path.join(dir, name), 'utf8');
      const slices = [...source.matchAll(/\b(?:state|ctx|this|builder)\.text\.(?:slice|substring|substr|charAt|charCodeAt|codePointAt|indexOf|lastIndexOf|match|matchAll|split|search|at)\(/g)];
      const allowed = name === 'scanState.ts' ? 1 : 0;
      assert.equal(slices.length, allowed, `${name} reads the text without recording it: use ScanState.read`);
    }
  });

  it('finds the one replacement between two texts, across its chunked comparison', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const base = Array.from({ length: 5000 }, () => 'ab \n'[random(4)]).join('');
    for (let i = 0; i < 300; i++) {
      const at = random(base.length);
      const removed = random(3) === 0 ? 0 : random(2100);
      const inserted = Array.from({ length: random(3) === 0 ? 0 : random(2100) }, () => 'ab \n'[random(4)]).join('');
      const after = base.slice(0, at) + inserted + base.slice(Math.min(base.length, at + removed));
      const edit = findEdit(base, after);
      assert.equal(base.slice(0, edit.start) + after.slice(edit.start, edit.newEnd) + base.slice(edit.oldEnd), after);
      assert.equal(base.length - edit.oldEnd, after.length - edit.newEnd);
      assert.ok(edit.oldEnd - edit.start <= Math.min(removed, base.length - at) && edit.newEnd - edit.start <= inserted.length, 'no larger than the edit made');
    }
  });

  const FILE = 'src/orders.ts';
  const SOURCE = [
    "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
    '',
    '/** The orders table. */',
    "const client = new DynamoDBClient({ region: 'eu-west-1' /* pinned */ });",
    '',
    'export async function handler(id: string) {',
    '  // read the order',
    "  const label = `order ${id} // not a comment`;",
    "  const pattern = /\\/\\/ still not a comment/;",
    '  return client.send(new GetItemCommand({ TableName: label, Key: { pk: { S: id } } }));',
    '}',
    '',
  ].join('\n');

  const outcome = (text: string) => {
    const state = stateOf(FILE, SOURCE);
    assert.ok(state, 'the source keeps a state');
    return moveTriviaEdit(state, text);
  };

  it('moves the positions after a comment line added above the client', () => {
    const text = SOURCE.replace('/** The orders table. */', '/** The orders table. */\n// owned by the orders team');
    const moved = outcome(text);
    assert.equal(moved.kind, 'moved');
    const rescanned = scanFile(FILE, text, CONTEXT);
    assert.deepEqual(moved.kind === 'moved' && moved.state.result, rescanned);
    assert.equal(rescanned.dependencies[0].line, 5);
  });

  it('keeps the very result when nothing moved (a comment\'s words), so the early cutoff compares nothing', () => {
    const state = stateOf(FILE, SOURCE);
    assert.ok(state);
    const text = SOURCE.replace('read the order', 'read the whole order');
    const got = moveTriviaEdit(state, text);
    assert.equal(got.kind === 'moved' && got.state.result, state.result);
    assert.deepEqual(state.result, scanFile(FILE, text, CONTEXT));
  });

  it('moves the columns after spaces added on the line of a call', () => {
    const text = SOURCE.replace('  return client.send', '    return client.send');
    const moved = outcome(text);
    assert.equal(moved.kind, 'moved');
    assert.deepEqual(moved.kind === 'moved' && moved.state.result, scanFile(FILE, text, CONTEXT));
  });

  it('refuses edits it cannot prove', () => {
    const cases: Array<[string, string, string]> = [
      ['a word in a template literal', SOURCE.replace('// not a comment`', '// not a comment!`'), 'inside-literal'],
      ['a word in a regular expression', SOURCE.replace('still not', 'still never'), 'inside-literal'],
      ['a comment inside the client construction (its id hashes that text)', SOURCE.replace('/* pinned */', '/* pinned here */'), 'read-by-scanner'],
      ['a line break in a line comment', SOURCE.replace('// read the order', '// read the\n order'), 'not-trivia'],
      ['a block comment ended early', SOURCE.replace('/** The orders table. */', '/** The */ orders table. */'), 'not-trivia'],
      ['a first line break in a block comment', SOURCE.replace('/** The orders table. */', '/** The orders\n table. */'), 'not-trivia'],
      ['a suppression comment', SOURCE.replace('// read the order', '// outage-radar-ignore region-pinned: reviewed'), 'whole-text'],
      ['an SDK v2 switch in a comment', SOURCE.replace('// read the order', '// read the order (was AWS.config)'), 'whole-text'],
      ['a space inside a token', SOURCE.replace('GetItemCommand({', 'GetItemCommand( {').replace('export async', 'export as ync'), 'not-trivia'],
      ['a code line', SOURCE.replace('// read the order', 'const x = 1;'), 'not-trivia'],
    ];
    for (const [what, text, reason] of cases) {
      assert.notEqual(text, SOURCE, what);
      const got = outcome(text);
      assert.deepEqual(got.kind === 'refused' ? got.reason : 'moved', reason, what);
    }
  });

  it('keeps no state where any edit would be refused', () => {
    assert.equal(stateOf(FILE, SOURCE.replace('// read the order', '// outage-radar-ignore region-pinned: reviewed')), undefined, 'suppression');
    assert.equal(stateOf(FILE, `${SOURCE}\nconst broken = ;\n`), undefined, 'parse error');
    assert.equal(stateOf('template.yaml', 'Resources: {}\n'), undefined, 'not a script');
    assert.ok(stateOf(FILE, SOURCE));
  });

  it('keeps a hashbang line first and unchanged', () => {
    const withHashbang = `#!/usr/bin/env node\n${SOURCE}`;
    const state = stateOf(FILE, withHashbang);
    assert.ok(state);
    for (const [what, text] of [['blank line before it', `\n${withHashbang}`], ['word in it', withHashbang.replace('env node', 'env  node')]]) {
      const got = moveTriviaEdit(state, text);
      assert.equal(got.kind === 'refused' && got.reason, 'inside-literal', what);
    }
    const below = withHashbang.replace('\n', '\n\n');
    const got = moveTriviaEdit(state, below);
    assert.deepEqual(got.kind === 'moved' && got.state.result, scanFile(FILE, below, CONTEXT));
  });

  it('refuses an edit near a region-keyed table, which is found by reading lines', () => {
    const table = [
      "import { LambdaClient } from '@aws-sdk/client-lambda';",
      'const layers = {',
      "  'us-east-1': 'arn:aws:lambda:us-east-1:123456789012:layer:insights:38',",
      '  // the same layer in Europe',
      "  'eu-west-1': 'arn:aws:lambda:eu-west-1:123456789012:layer:insights:38',",
      '};',
      'export const client = new LambdaClient({});',
      '',
    ].join('\n');
    const state = stateOf('src/layers.ts', table);
    assert.ok(state);
    const got = moveTriviaEdit(state, table.replace('in Europe', 'in Ireland'));
    assert.equal(got.kind === 'refused' && got.reason, 'near-table');
  });
});
