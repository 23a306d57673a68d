/**
 * `outage-radar health [paths…] [--format text|json] [--source auto|api|public] [--profile NAME]
 * [--organization]`: the open and upcoming AWS Health events and, for each, the workspace
 * dependencies it affects (CONTRACTS.md "health --format json"). Running the command is the
 * user's consent to the requests it makes (docs/health.md lists them).
 *
 * Exit codes: 0 when a source worked (whatever the events say), 2 on a usage error, when the
 * workspace cannot be scanned, or when no source worked. Which source answered and why goes to
 * stderr as one line when it is not simply the one asked for (and into the JSON as `note`).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildHealthDocument, renderHealthText } from '../core/health/document';
import { scrubSecrets } from '../core/health/scrub';
import { escapeJsonInvisibles, forTerminal } from '../core/render/sanitise';
import type { HealthFetchResult } from '../core/health/types';
import type { DependencyMap } from '../core/model';
import { HealthSourceError, knownSecrets } from '../node/health/errors';
import type { HealthSourceChoice } from '../node/health/source';
import { HealthSource } from '../node/health/source';

export interface HealthCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export type ScanWorkspace = (root: string, paths: string[]) => Promise<DependencyMap>;

const USAGE = 'usage: outage-radar health [paths…] [--format text|json] [--source auto|api|public] [--profile NAME] [--organization]\n';
const FORMATS = ['text', 'json'] as const;
const SOURCES: readonly HealthSourceChoice[] = ['auto', 'api', 'public'];

class UsageError extends Error {}

interface HealthArgs {
  format: (typeof FORMATS)[number];
  source: HealthSourceChoice;
  profile?: string;
  organization: boolean;
  positionals: string[];
  help: boolean;
}

function parseHealthArgs(argv: string[]): HealthArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        source: { type: 'string', default: 'auto' },
        profile: { type: 'string' },
        organization: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (!(FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`--format takes ${FORMATS.join(' or ')}, not "${values.format}"`);
  if (!(SOURCES as readonly string[]).includes(values.source)) throw new UsageError(`--source takes ${SOURCES.join(', ')}, not "${values.source}"`);
  if (values.profile !== undefined && !values.profile.trim()) throw new UsageError('--profile needs a profile name');
  return {
    format: values.format as HealthArgs['format'],
    source: values.source as HealthSourceChoice,
    profile: values.profile?.trim(),
    organization: values.organization,
    positionals,
    help: values.help,
  };
}

/** The root and the paths inside it to scan, as the other commands decide them (CONTRACTS.md "Paths and positions"). */
async function scanTarget(cwd: string, positionals: string[]): Promise<{ root: string; paths: string[] }> {
  if (positionals.length !== 1) return { root: cwd, paths: positionals };
  const target = path.resolve(cwd, positionals[0]);
  let stat;
  try {
    stat = await fs.stat(target);
  } catch {
    throw new UsageError(`cannot scan ${positionals[0]}: no such file or folder`);
  }
  return stat.isFile() ? { root: path.dirname(target), paths: [path.basename(target)] } : { root: target, paths: [] };
}

export async function runHealthCommand(argv: string[], io: HealthCommandIo, scanWorkspace: ScanWorkspace): Promise<number> {
  let args: HealthArgs;
  let target: { root: string; paths: string[] };
  try {
    args = parseHealthArgs(argv);
    if (args.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    target = await scanTarget(io.cwd, args.positionals);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`outage-radar: ${error.message}\n${USAGE}`);
    return 2;
  }

  const profile = args.profile ?? (io.env.AWS_PROFILE?.trim() || undefined);
  const source = new HealthSource({ source: args.source, env: io.env, profile, organization: args.organization });
  // The scan and the fetch do not depend on each other; run them side by side.
  const [scan, health] = await Promise.allSettled([scanWorkspace(target.root, target.paths), source.fetch()]);
  const secrets = knownSecrets(io.env);

  if (health.status === 'rejected') {
    io.stderr.write(`outage-radar: no AWS Health source worked. ${forTerminal(describeFailure(health.reason, args.source, secrets))}\n`);
    return 2;
  }
  if (scan.status === 'rejected') {
    const reason = scan.reason instanceof Error ? scan.reason.message : String(scan.reason);
    io.stderr.write(`outage-radar: cannot scan ${forTerminal(target.root)}: ${forTerminal(scrubSecrets(reason, secrets))}\n`);
    return 2;
  }
  const result: HealthFetchResult = health.value;
  if (result.note) io.stderr.write(`outage-radar: ${forTerminal(result.note)}\n`);
  const doc = buildHealthDocument(result, scan.value.dependencies);
  io.stdout.write(args.format === 'json' ? `${escapeJsonInvisibles(JSON.stringify(doc, null, 2))}\n` : renderHealthText(doc));
  return 0;
}

function describeFailure(error: unknown, choice: HealthSourceChoice, secrets: readonly string[]): string {
  if (!(error instanceof HealthSourceError)) {
    return scrubSecrets(error instanceof Error ? error.message : String(error), secrets);
  }
  const hints: string[] = [];
  if (choice === 'api' && (error.kind === 'subscription' || error.kind === 'credentials' || error.kind === 'access-denied')) {
    hints.push('Use --source public (or auto) to read the public AWS Health Dashboard, which needs no credentials or support plan.');
  }
  if (error.kind === 'credentials' || error.details.apiErrorKind === 'credentials') hints.push('Pick a profile with --profile NAME, or sign in (e.g. aws sso login).');
  return [scrubSecrets(error.message, secrets), ...hints].join(' ');
}
