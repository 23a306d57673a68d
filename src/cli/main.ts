/**
 * The command-line tool: `outage-radar scan | simulate | health | baseline`. The only module
 * that calls `process.exit`; every command returns its exit code (CONTRACTS.md "Command line"):
 * 0 done, 1 findings at or above `--fail-on`, 2 usage error or nothing could be scanned.
 */
import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { applyBaseline, createBaseline, parseBaseline, type BaselineFile } from '../core/baseline';
import type { DependencyMap, Severity } from '../core/model';
import { SEVERITIES } from '../core/model';
import { summariseMap } from '../core/summary';
import { renderHtml } from '../core/render/html';
import { renderJsonChunks } from '../core/render/json';
import { renderMarkdown } from '../core/render/markdown';
import { forTerminal } from '../core/render/sanitise';
import { renderSarif } from '../core/render/sarif';
import { atOrAbove } from '../core/render/severity';
import { renderText } from '../core/render/text';
import { simulateOutage, simulationJson, simulationText } from '../core/simulate';
import { isAvailabilityZone, isRegion } from '../core/regions';
import { docsBaseUrl } from '../node/docsLocation';
import { defaultCacheDirectory } from '../node/scanCache';
import { readWorkspaceText } from '../node/safeRead';
import { checkWriteTarget, WriteTargetError, writeFileSafely } from '../node/safeWrite';
import { loadWorkspaceConfig } from '../node/workspaceConfig';
import { scanWorkspace } from '../node/workspaceIndex';
import { runHealthCommand } from './health';
import { VERSION } from './version';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

const HELP = `Outage Radar ${VERSION} — where your AWS workspace depends on one region

Usage:
  outage-radar scan [paths…] [--format text|json|sarif|markdown|html] [--output FILE]
                    [--fail-on critical|high|medium|low|info] [--config FILE] [--baseline FILE] [--no-cache]
  outage-radar simulate --region R [--az NAME] [paths…] [--format text|json] [--no-cache]
  outage-radar health [paths…] [--format text|json] [--source auto|api|public] [--profile NAME]
  outage-radar baseline [paths…] [--output FILE] [--no-cache]

Exit codes: 0 done · 1 findings at or above --fail-on · 2 usage error, or nothing could be scanned / no health source worked
Docs: ${docsBaseUrl()}
`;

/** Root and targets: the directory argument when exactly one is given, else the current directory. */
export function rootAndTargets(cwd: string, positionals: string[]): { root: string; targets: string[] } {
  if (positionals.length === 1) return { root: path.resolve(cwd, positionals[0]), targets: [] };
  return { root: cwd, targets: positionals };
}

async function scan(io: CliIo, positionals: string[], options: { config?: string; noCache?: boolean }): Promise<{ map: DependencyMap; root: string; scannedNothing: boolean }> {
  const { root, targets } = rootAndTargets(io.cwd, positionals);
  let rootStat;
  try {
    rootStat = await fs.stat(root);
  } catch {
    throw new UsageError(`cannot scan ${positionals[0] ?? root}: no such file or folder`);
  }
  // One named file (or FIFO, socket …) is scanned from its folder, so that its problem names it.
  const single = positionals.length === 1 && !rootStat.isDirectory();
  const scanRoot = single ? path.dirname(root) : root;
  const showProgress = io.stderr.isTTY === true;
  const map = await scanWorkspace(scanRoot, {
    paths: single ? [path.basename(root)] : targets,
    configFile: options.config,
    cacheDirectory: options.noCache ? undefined : defaultCacheDirectory(io.env),
    onProgress: showProgress ? (done, total) => { if (done === total || done % 50 === 0) io.stderr.write(`\rscanning ${done}/${total} files`); } : undefined,
  });
  if (showProgress) io.stderr.write('\r\u001b[K');
  const namedTargets = single ? 1 : targets.length;
  const targetsUnusable = map.problems.filter((p) => p.severity === 'skipped' && (p.reason.startsWith('not found') || p.reason === 'not a regular file')).length;
  const scannedNothing = map.summary.filesScanned === 0 && targetsUnusable > 0 && targetsUnusable >= Math.max(1, namedTargets);
  // The schema's `root` is the scanned folder as the user gave it, not this machine's absolute path.
  map.root = positionals.length === 1 ? (single ? path.dirname(positionals[0]) || '.' : positionals[0]) : '.';
  return { map, root: scanRoot, scannedNothing };
}

/**
 * Where `--output` goes, checked before the scan runs: a link, a folder, a device such as
 * `/dev/full` or a folder that takes no new file fails at once, in one line (src/node/safeWrite.ts).
 */
async function outputTarget(io: CliIo, output: string | undefined): Promise<string | undefined> {
  if (output === undefined) return undefined;
  const target = path.resolve(io.cwd, output);
  await checkWriteTarget(target, { base: io.cwd, display: output });
  return target;
}

async function write(io: CliIo, output: { target: string; shown: string } | undefined, text: string): Promise<void> {
  if (output) await writeFileSafely(output.target, text, { base: io.cwd, display: output.shown });
  else io.stdout.write(text);
}

/**
 * Writes a document given in pieces (the JSON map of a large workspace is tens of megabytes):
 * gathered into blocks of about 64 KiB, so that neither the whole text nor a write per piece is
 * needed, and waiting for stdout to drain when it asks to.
 */
async function writeChunks(io: CliIo, output: { target: string; shown: string } | undefined, chunks: Iterable<string>): Promise<void> {
  const blocks = inBlocks(chunks, 64 * 1024);
  if (output) {
    await writeFileSafely(output.target, blocks, { base: io.cwd, display: output.shown });
    return;
  }
  for (const block of blocks) if (io.stdout.write(block) === false) await once(io.stdout, 'drain');
}

function* inBlocks(chunks: Iterable<string>, size: number): Generator<string> {
  let pending: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
  }
  if (pending.length) yield pending.join('');
}

function parseSeverity(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (!(SEVERITIES as readonly string[]).includes(value)) throw new UsageError(`--fail-on takes one of ${SEVERITIES.join(', ')}`);
  return value as Severity;
}

async function scanCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string', short: 'o' },
      'fail-on': { type: 'string' },
      config: { type: 'string' },
      baseline: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
    },
  });
  const format = values.format as string;
  if (!['text', 'json', 'sarif', 'markdown', 'html'].includes(format)) throw new UsageError(`unknown --format ${format}`);
  const failOn = parseSeverity(values['fail-on']);
  const output = await outputTarget(io, values.output);
  const baseline = values.baseline === undefined ? undefined : await readBaseline(io, positionals, values.baseline);
  const { map, root, scannedNothing } = await scan(io, positionals, { config: values.config, noCache: values['no-cache'] });
  if (baseline) {
    map.findings = applyBaseline(map.findings, baseline);
    // The one summary every view reads, recounted over the findings that are left.
    const { filesScanned, filesSkipped, durationMs } = map.summary;
    map.summary = summariseMap(map.dependencies, map.findings, { scanned: filesScanned, skipped: filesSkipped }, durationMs);
  }
  const color = !values['no-color'] && !values.output && io.stdout.isTTY === true && !io.env.NO_COLOR;
  const target = output && values.output ? { target: output, shown: values.output } : undefined;
  if (format === 'json') {
    await writeChunks(io, target, renderJsonChunks(map));
  } else {
    const rendered =
      format === 'sarif' ? renderSarif(map, { toolVersion: VERSION, docsBaseUrl: docsBaseUrl(), rootUri: pathToFileURL(root).href })
      : format === 'markdown' ? renderMarkdown(map)
      : format === 'html' ? renderHtml(map)
      : renderText(map, { color });
    await write(io, target, rendered);
  }
  if (scannedNothing) {
    io.stderr.write('outage-radar: nothing could be scanned\n');
    return 2;
  }
  if (failOn && map.findings.some((f) => atOrAbove(f.severity, failOn))) return 1;
  return 0;
}

async function simulateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { region: { type: 'string' }, az: { type: 'string' }, format: { type: 'string', default: 'text' }, config: { type: 'string' }, output: { type: 'string', short: 'o' }, 'no-cache': { type: 'boolean', default: false } },
  });
  const region = values.region;
  if (!region || !isRegion(region)) throw new UsageError('simulate needs --region with a region name, e.g. --region us-east-1');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown --format ${values.format}`);
  const output = await outputTarget(io, values.output);
  const { map, root, scannedNothing } = await scan(io, positionals, { config: values.config, noCache: values['no-cache'] });
  let az: string | null = null;
  if (values.az) {
    if (isAvailabilityZone(values.az)) az = values.az;
    else {
      // AZ IDs (use1-az4) name the same physical zone in every account; the config maps names to them.
      const { config } = await loadWorkspaceConfig(root, values.config);
      az = Object.entries(config.azIds).find(([, id]) => id === values.az)?.[0] ?? null;
      if (!az) throw new UsageError(`--az takes an availability zone name such as ${region}a (AZ IDs like use1-az4 need azIds in .outage-radar.yaml)`);
    }
  }
  const result = simulateOutage(map, region, az);
  await write(io, output && values.output ? { target: output, shown: values.output } : undefined, values.format === 'json' ? simulationJson(result) : simulationText(result));
  return scannedNothing ? 2 : 0;
}

async function baselineCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { output: { type: 'string', short: 'o' }, config: { type: 'string' }, 'no-cache': { type: 'boolean', default: false } } });
  // The default file is the repository's own name in the scanned root: checked from that root, so
  // that neither it nor a folder on the way may be a link the repository planted.
  const destination = values.output
    ? { target: path.resolve(io.cwd, values.output), base: io.cwd, shown: values.output }
    : await defaultBaselineTarget(io, positionals);
  await checkWriteTarget(destination.target, { base: destination.base, display: destination.shown });
  const { map, scannedNothing } = await scan(io, positionals, { config: values.config, noCache: values['no-cache'] });
  const target = destination.target;
  await writeFileSafely(target, `${JSON.stringify(createBaseline(map), null, 2)}\n`, { base: destination.base, display: destination.shown });
  io.stderr.write(`outage-radar: wrote ${map.findings.length} findings to ${forTerminal(path.relative(io.cwd, target) || target)}\n`);
  return scannedNothing ? 2 : 0;
}

/** The folder `scan` takes as its root (a single named file is scanned from its folder). */
async function scanFolderOf(io: CliIo, positionals: string[]): Promise<string> {
  const { root } = rootAndTargets(io.cwd, positionals);
  const single = positionals.length === 1 && !(await fs.stat(root).then((st) => st.isDirectory(), () => true));
  return single ? path.dirname(root) : root;
}

/**
 * `--baseline FILE`, read before the scan through the one safe-read rule (src/node/safeRead.ts):
 * a regular file under the 2 MiB limit, reached through a link only when the link stays inside
 * the scanned folder (the name is often the repository's own). No error quotes the file.
 */
async function readBaseline(io: CliIo, positionals: string[], file: string): Promise<BaselineFile> {
  const folder = await scanFolderOf(io, positionals);
  const realRoot = await fs.realpath(folder).catch(() => folder);
  const read = await readWorkspaceText(path.resolve(io.cwd, file), { realRoot });
  if (read.text === undefined) throw new UsageError(`cannot read the baseline ${forTerminal(file)}: ${read.reason}`);
  const parsed = parseBaseline(read.text);
  if ('error' in parsed) throw new UsageError(`${forTerminal(file)} is not a baseline file: ${parsed.error}`);
  return parsed.baseline;
}

/** `.outage-radar-baseline.json` in the folder `scan` would take as its root. */
async function defaultBaselineTarget(io: CliIo, positionals: string[]): Promise<{ target: string; base: string; shown: string }> {
  const folder = await scanFolderOf(io, positionals);
  const target = path.join(folder, '.outage-radar-baseline.json');
  return { target, base: folder, shown: path.relative(io.cwd, target) || target };
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(rest, io);
      case 'simulate':
        return await simulateCommand(rest, io);
      case 'health':
        return await runHealthCommand(rest, io, async (root, paths) => scanWorkspace(root, { paths, cacheDirectory: defaultCacheDirectory(io.env) }));
      case 'baseline':
        return await baselineCommand(rest, io);
      case '--version':
      case '-v':
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`outage-radar: ${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    if (error instanceof WriteTargetError) {
      io.stderr.write(`outage-radar: ${forTerminal(error.message)}\n`);
      return 2;
    }
    io.stderr.write(`outage-radar: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  // The SDK's notice about its own future Node support says nothing a user of this tool can act on.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`outage-radar: ${String(error)}\n`);
      process.exit(2);
    },
  );
}
