/**
 * The environment the extension starts the language server with: the editor's own, plus
 * `MALLOC_ARENA_MAX=2` unless the user set it. glibc gives each thread that allocates its own
 * malloc arena; the server's two scan workers and their WebAssembly parsers left most of the
 * peak in arenas that are never returned. Two arenas cost no measurable CPU and took the
 * server's peak at 10k files from 636 to 541 MB and its resident memory after indexing from 332
 * to 241 MB (README, Performance). Other allocators ignore the variable.
 */
export function serverEnvironment(base: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return { ...base, MALLOC_ARENA_MAX: base.MALLOC_ARENA_MAX ?? '2' };
}
