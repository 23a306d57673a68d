/**
 * Stable identifiers and fingerprints. Pure (no node:crypto): FNV-1a over UTF-16 code units is
 * enough to tell places apart in one workspace and is identical in every host.
 */

/** 64-bit FNV-1a as 16 hex digits (two 32-bit halves with different offsets, for spread). */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c ^ (i & 0xff), 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** Collapses whitespace so that re-indenting a construct does not change its fingerprint. */
export function normaliseConstructText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Builds dependency ids for one file: the same kind, service and construct text in the same file
 * gets the same id across runs; repeats of identical text are told apart by their order.
 */
export class DependencyIdFactory {
  private readonly seen = new Map<string, number>();

  constructor(private readonly file: string) {}

  next(kind: string, service: string, constructText: string): string {
    const key = `${this.file}\u0000${kind}\u0000${service}\u0000${normaliseConstructText(constructText)}`;
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return `${kind}:${hashText(`${key}\u0000${n}`).slice(0, 12)}`;
  }
}
