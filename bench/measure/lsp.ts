/**
 * Language-server figures, measured from the client's side over stdio with the project's test
 * client (test/support/lspClient.ts) against the built server (`node dist/server.js --stdio`):
 *
 * - time to first diagnostics: from spawning the server (and from its `initialize` answer) to the
 *   first `textDocument/publishDiagnostics` of a freshly opened workspace;
 * - memory after indexing: the server process's `VmHWM` (peak) and `VmRSS` from /proc (the
 *   server has no request for it);
 * - re-analysis latency of one file: `didChange` sent → that file's `publishDiagnostics`
 *   received, over a series of edits. Each edit inserts a line near the top, so every diagnostic
 *   moves and the server must publish (it skips unchanged diagnostics). Two series: as typed (the
 *   server waits its keystroke debounce before analysing) and flushed (a hover request right after
 *   the change makes the server analyse at once — the re-analysis itself).
 */
import { readFileSync } from 'node:fs';
import { LspTestClient } from '../../test/support/lspClient';
import { percentile, round } from './stats';

export interface FirstDiagnostics {
  fromSpawnMs: number;
  fromInitializeMs: number;
  indexReadyFromSpawnMs: number;
  filesIndexed: number;
  peakRssMb: number | null;
  rssMb: number | null;
}

export interface EditLatency {
  file: string;
  lines: number;
  edits: number;
  mode: 'typed' | 'flushed';
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** `VmHWM` and `VmRSS` of a process, in MiB (null where /proc is not there). */
export function processMemory(pid: number | undefined): { peakRssMb: number | null; rssMb: number | null } {
  if (!pid) return { peakRssMb: null, rssMb: null };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) / 1024 : null;
    };
    return { peakRssMb: kb('VmHWM'), rssMb: kb('VmRSS') };
  } catch {
    return { peakRssMb: null, rssMb: null };
  }
}

/** Opens the workspace in a fresh server and times its first diagnostics and its index. */
export async function firstDiagnostics(root: string, timeoutMs: number): Promise<FirstDiagnostics> {
  const spawned = performance.now();
  const { client } = await LspTestClient.start({ rootPath: root });
  const initialized = performance.now();
  try {
    let first = 0;
    await client.waitFor('first diagnostics', () => {
      if (client.published.length > 0 && first === 0) first = performance.now();
      return first > 0;
    }, timeoutMs);
    await client.waitFor('index ready', () => client.statuses.some((s) => s.state === 'ready' && s.filesIndexed > 0), timeoutMs);
    const ready = performance.now();
    const status = [...client.statuses].reverse().find((s) => s.state === 'ready');
    return {
      fromSpawnMs: round(first - spawned),
      fromInitializeMs: round(first - initialized),
      indexReadyFromSpawnMs: round(ready - spawned),
      filesIndexed: status?.filesIndexed ?? 0,
      ...processMemory(client.child.pid),
    };
  } finally {
    await client.stop();
  }
}

/**
 * Edits `file` (workspace-relative, already on disk under `root`) `edits` times and returns the
 * latency percentiles of both series. The first analysis after opening is not counted.
 */
export async function editLatency(root: string, file: string, languageId: string, edits: number, timeoutMs: number): Promise<EditLatency[]> {
  const original = readFileSync(`${root}/${file}`, 'utf8');
  const lines = original.split('\n');
  const { client } = await LspTestClient.start({ rootPath: root });
  try {
    // A large workspace takes longer to index than the client's default wait, on a loaded machine more so.
    await client.waitFor('index ready', () => client.statuses.some((st) => st.state === 'ready' && st.filesIndexed > 0), timeoutMs);
    await client.open(file, original, languageId);
    await client.diagnosticsOf(file, (d) => d.length > 0, 0);
    const uri = client.uri(file);
    // Insert after the first line (the template header, the module comment): every diagnostic moves.
    const at = 1;
    const out: EditLatency[] = [];
    let inserted = 0;
    for (const mode of ['typed', 'flushed'] as const) {
      const samples: number[] = [];
      for (let i = 0; i < edits; i++) {
        inserted++;
        const extra = Array.from({ length: inserted }, (_, k) => (languageId === 'yaml' ? `# edit ${k}` : `// edit ${k}`));
        const text = [...lines.slice(0, at), ...extra, ...lines.slice(at)].join('\n');
        const since = client.published.length;
        const sent = performance.now();
        await client.change(file, text);
        if (mode === 'flushed') void client.hover(file, at + inserted + 2, 0).catch(() => null);
        await client.waitFor(`diagnostics of ${file} after edit ${i}`, () => client.published.slice(since).some((p) => p.uri === uri), timeoutMs);
        samples.push(performance.now() - sent);
      }
      out.push({
        file,
        lines: lines.length,
        edits,
        mode,
        p50Ms: round(percentile(samples, 50)),
        p95Ms: round(percentile(samples, 95)),
        p99Ms: round(percentile(samples, 99)),
        maxMs: round(Math.max(...samples)),
      });
    }
    return out;
  } finally {
    await client.stop();
  }
}
