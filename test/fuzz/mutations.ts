/**
 * fast-check arbitraries for hostile input: random text made of a format's own words (so that it
 * gets past `accepts` and deep into the parser), and real files damaged the ways files are
 * damaged in practice — a flipped byte, a file cut off mid-write, a deleted or duplicated block,
 * shuffled lines, stray brackets, quotes, tabs and tags, very deep nesting, very long lines,
 * other line endings, byte order marks and lone surrogates.
 */
import fc from 'fast-check';
import { AWS_WORDS, type FuzzTarget, type SeedFile } from './seeds';

/** Characters that break parsers: controls, quotes, brackets, a BOM, line separators, lone surrogates. */
const NASTY_CHARACTERS = ['\0', '\u0001', '\u001b', '\t', '\r', '\n', '\v', '\f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff', '\ud83d', '\ude00', '\ufffd', '"', "'", '`', '\\', '{', '}', '[', ']', '(', ')', '<', '>', ':', '#', '&', '*', '!', '%', '$', '|', '='];

const GENERIC_TOKENS = ['{', '}', '[', ']', '(', ')', '"', "'", '`', '\t', '\n', '\r\n', '\r', '<x>', '</x>', '<!--', '-->', '\\', '${', '#', '//', '/*', ': ', '- ', '&anchor ', '*anchor', '<<: *anchor', '!Ref', '!GetAtt x.y', '""""', '${{', '}}', '%{', '<<EOF\n', '\u2028', '\ufeff'];

/** One damage done to a text. */
export type Mutation =
  | { kind: 'flip'; at: number; char: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'shuffleLines'; seed: number }
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'nest'; at: number; opener: string; closer: string; depth: number }
  | { kind: 'longLine'; at: number; unit: string; count: number }
  | { kind: 'lineEndings'; to: '\r\n' | '\r' | '\n' }
  | { kind: 'indent'; with: string };

/** Openers that nest (and the closers that would end them; half the time they are left open). */
const NESTERS: Array<[string, string]> = [['[', ']'], ['{', '}'], ['(', ')'], ['{"a":', '}'], ['- ', ''], ['a:\n' + ' ', ''], ['  ', ''], ['${', '}'], ['f(', ')'], ['x = {', '}\n'], ['"${', '}"']];

export function mutationArbitrary(target: FuzzTarget): fc.Arbitrary<Mutation> {
  const position = fc.nat({ max: 1 << 20 });
  const token = fc.constantFrom(...GENERIC_TOKENS, ...target.tokens);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: position, char: fc.oneof(fc.constantFrom(...NASTY_CHARACTERS), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 400 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 600 }), to: position }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('swapLines' as const), a: position, b: position }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('shuffleLines' as const), seed: fc.nat() }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, token }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('nest' as const),
        at: position,
        pair: fc.constantFrom(...NESTERS),
        closed: fc.boolean(),
        depth: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 200, max: 3000 })),
      }).map(({ at, pair, closed, depth }) => ({ kind: 'nest' as const, at, opener: pair[0], closer: closed ? pair[1] : '', depth })),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('longLine' as const), at: position, unit: fc.oneof(token, fc.constantFrom('x', ' ', 'a-', '\\', '"', '${')), count: fc.integer({ min: 100, max: 20000 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('lineEndings' as const), to: fc.constantFrom('\r\n' as const, '\r' as const, '\n' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('indent' as const), with: fc.constantFrom('\t', ' ', '   ', '\u00a0') }) },
  );
}

/** A deterministic shuffle (Fisher–Yates with a small LCG) so that a failing case replays exactly. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function applyMutation(text: string, m: Mutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (m.kind) {
    case 'flip': {
      const i = text.length ? m.at % text.length : 0;
      return text.slice(0, i) + m.char + text.slice(i + 1);
    }
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'delete': {
      const i = at(m.at);
      return text.slice(0, i) + text.slice(i + m.length);
    }
    case 'duplicate': {
      const i = at(m.at);
      const block = text.slice(i, i + m.length);
      const to = at(m.to);
      return text.slice(0, to) + block + text.slice(to);
    }
    case 'swapLines': {
      const lines = text.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'shuffleLines':
      return shuffled(text.split('\n'), m.seed).join('\n');
    case 'insert': {
      const i = at(m.at);
      return text.slice(0, i) + m.token + text.slice(i);
    }
    case 'nest': {
      const i = at(m.at);
      return text.slice(0, i) + m.opener.repeat(m.depth) + m.closer.repeat(m.depth) + text.slice(i);
    }
    case 'longLine': {
      const i = at(m.at);
      return text.slice(0, i) + m.unit.repeat(m.count) + text.slice(i);
    }
    case 'lineEndings':
      return text.replace(/\r\n|\r|\n/g, m.to);
    case 'indent':
      return text.replace(/^ {2}/gm, m.with);
  }
}

/** A real file with one to five mutations applied. */
export function mutatedFileArbitrary(target: FuzzTarget, seeds: SeedFile[]): fc.Arbitrary<SeedFile & { mutations: Mutation[] }> {
  return fc.record({
    seed: fc.constantFrom(...seeds),
    mutations: fc.array(mutationArbitrary(target), { minLength: 1, maxLength: 5 }),
    bom: fc.boolean(),
  }).map(({ seed, mutations, bom }) => ({
    file: seed.file,
    text: (bom ? '\ufeff' : '') + mutations.reduce(applyMutation, seed.text),
    mutations,
  }));
}

/** Random text in a scanner's format: an opening it accepts, then its words mixed with random characters. */
export function formatTextArbitrary(target: FuzzTarget): fc.Arbitrary<SeedFile> {
  const piece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...target.tokens) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_CHARACTERS, ...GENERIC_TOKENS) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    { weight: 2, arbitrary: fc.constantFrom(...AWS_WORDS) },
  );
  return fc.record({
    file: fc.constantFrom(...target.names),
    preamble: fc.constantFrom(...target.preambles),
    pieces: fc.array(piece, { maxLength: 80 }),
  }).map(({ file, preamble, pieces }) => ({ file, text: preamble + pieces.join('') }));
}
