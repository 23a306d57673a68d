/**
 * Deploy commands in CI scripts (GitHub Actions `run:`, GitLab `script:`): `sam deploy`,
 * `sls deploy` / `serverless deploy`, `cdk deploy`, `terraform apply`, and AWS CLI commands that
 * name a region or deploy a CloudFormation stack. Each becomes a `region-config` named
 * `deploy command` whose `container` is the tool, so that the rule ci-single-region-deploy can
 * tell a one-region deploy from a matrix.
 *
 * The script is read the way a shell would read it, approximately: continuation lines (`\`) are
 * joined, commands are split at `&&`, `||`, `;` and `|`, quotes are removed, `cd dir` moves the
 * folder the next commands run in, and `for r in us-east-1 us-west-2` or `export AWS_REGION=…`
 * give values to the variables later commands use. Tokenising is a single left-to-right pass.
 */
import type { TraceEvidence, TraceStep } from '../../model';
import type { LineIndex } from '../../positions';
import { joinFolder, OPEN_SET, regionFields, resolveShellValue, unionSets, withStep, type RegionFields, type RegionSet } from './envAssignments';
import type { SourceLine } from './yamlPositions';
import { traceStep } from '../../trace';

export type DeployTool = 'sam' | 'serverless' | 'cdk' | 'aws' | 'terraform' | 'pulumi' | 'script';

export interface DeployCommand {
  tool: DeployTool;
  /** file offsets of the command, from its first word to its last argument */
  start: number;
  end: number;
  /** the command as one line: continuations joined, whitespace collapsed */
  text: string;
  /** the regions of its `--region` (`-r` for Serverless) argument; undefined when it has none */
  region?: RegionSet;
  /**
   * whether it deploys code or a stack (`sam deploy`, `cdk deploy`, `terraform apply`,
   * `aws cloudformation deploy` …) rather than only calling AWS in a region (`aws lambda invoke --region`)
   */
  deploys: boolean;
  /** AWS_REGION (else AWS_DEFAULT_REGION) as the command sees it: the job's, or the script's `export` */
  environmentRegion?: RegionSet;
  /** tool `script`: the workspace file it runs (`python scripts/stats.py`, `npx tsx scripts/export.ts`) */
  script?: string;
  /** the folder it runs in after `cd`s and `terraform -chdir`, relative to the workspace; undefined when unknown */
  directory?: string;
  /** `sam deploy --template-file x` / `-t x`: the template, workspace-relative */
  templateFile?: string;
}

export interface ScriptContext {
  file: string;
  lines: LineIndex;
  /** the folder the script starts in (workspace-relative, '' = root) */
  baseFolder: string;
  /** variables set outside the script (job env, CI variables); undefined when not set there */
  outerVariable: (name: string) => RegionSet | undefined;
  /** values holding CI template expressions (`${{ matrix.region }}`); open when absent */
  resolveExpression?: (raw: string) => RegionSet;
  /** the literal text of a variable set outside the script (`TF_DIR: terraform`), for folders */
  outerText?: (name: string) => string | undefined;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

interface LogicalLine {
  text: string;
  /** pieces of the logical text and where they start in the file */
  pieces: Array<{ at: number; fileStart: number }>;
}

/** Joins continuation lines (`\` at the end) into logical lines that remember file offsets. */
function logicalLines(lines: SourceLine[]): LogicalLine[] {
  const out: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  for (const line of lines) {
    let text = line.text;
    const continues = /(?:^|[^\\])(?:\\\\)*\\$/.test(text);
    if (continues) text = text.slice(0, -1);
    if (!current) current = { text: '', pieces: [] };
    else current.text += ' ';
    current.pieces.push({ at: current.text.length, fileStart: line.start });
    current.text += text;
    if (!continues) {
      out.push(current);
      current = undefined;
    }
  }
  if (current) out.push(current);
  return out;
}

function fileOffset(line: LogicalLine, at: number): number {
  let piece = line.pieces[0];
  for (const p of line.pieces) if (p.at <= at) piece = p;
  return piece.fileStart + Math.max(0, at - piece.at);
}

/**
 * Splits a logical line into commands made of words. Quotes are removed from words; `${{ … }}`,
 * `$(…)` and backquoted text stay inside the word they are in. A `#` starting a word ends the line.
 */
function commands(text: string): Token[][] {
  const out: Token[][] = [];
  let words: Token[] = [];
  let word = '';
  let wordStart = -1;
  let i = 0;
  const endWord = (at: number): void => {
    if (wordStart >= 0) words.push({ text: word, start: wordStart, end: at });
    word = '';
    wordStart = -1;
  };
  const endCommand = (): void => {
    if (words.length) out.push(words);
    words = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      endWord(i);
      i++;
      continue;
    }
    if (wordStart < 0 && c === '#') break;
    if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      endWord(i);
      endCommand();
      i++;
      continue;
    }
    if (wordStart < 0) wordStart = i;
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      const stop = close < 0 ? text.length : close;
      word += text.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '$' && (text[i + 1] === '{' || text[i + 1] === '(')) {
      const open = text[i + 1];
      const closer = open === '{' ? '}' : ')';
      const twice = open === '{' && text[i + 2] === '{';
      const close = twice ? text.indexOf('}}', i + 3) : text.indexOf(closer, i + 2);
      const stop = close < 0 ? text.length : close + (twice ? 2 : 1);
      word += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const stop = close < 0 ? text.length : close + 1;
      word += text.slice(i, stop);
      i = stop;
      continue;
    }
    word += c;
    i++;
  }
  endWord(Math.min(i, text.length));
  endCommand();
  return out;
}

/** Words that run the next words as a command: package runners and shell builtins. */
const RUNNERS = new Set(['npx', 'bunx', 'yarn', 'pnpm', 'exec', 'time', 'sudo', 'command', 'env', 'dotenv']);
/** Shell keywords that may begin a command without being part of it. */
const KEYWORDS = new Set(['then', 'do', 'else', '{', '!']);
/** Runner words that take a subcommand first (`pnpm exec`, `poetry run`). */
const RUNNER_SUBCOMMANDS = new Set(['exec', 'dlx', 'run']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
/** AWS CLI global options that take a value (so the value is not the service name). */
const AWS_OPTIONS_WITH_VALUE = new Set(['--region', '--profile', '--output', '--endpoint-url', '--query', '--cli-read-timeout', '--cli-connect-timeout', '--ca-bundle', '--color', '--cli-binary-format']);
/** `aws cloudformation` operations that deploy a stack. */
const CLOUDFORMATION_DEPLOYS = new Set(['deploy', 'create-stack', 'update-stack', 'create-change-set', 'execute-change-set']);

function toolOf(word: string): DeployTool | 'other' {
  switch (word) {
    case 'sam':
      return 'sam';
    case 'sls':
    case 'serverless':
      return 'serverless';
    case 'cdk':
    case 'aws-cdk':
      return 'cdk';
    case 'terraform':
    case 'tofu':
      return 'terraform';
    case 'aws':
      return 'aws';
    case 'pulumi':
      return 'pulumi';
    default:
      return 'other';
  }
}

function optionValue(words: Token[], names: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i].text;
    for (const n of names) {
      if (w === n && i + 1 < words.length) return words[i + 1].text;
      if (w.startsWith(`${n}=`)) return w.slice(n.length + 1);
    }
  }
  return undefined;
}

function positionals(words: Token[], withValue: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i].text;
    if (w.startsWith('-')) {
      if (!w.includes('=') && withValue.has(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** Interpreters whose first file argument is the program a CI step runs. */
const INTERPRETERS = new Set(['node', 'python', 'python3', 'ts-node', 'tsx', 'bun', 'deno']);
const PROGRAM_FILE = /\.(?:[cm]?[jt]s|py)$/;

/** `python scripts/stats.py`, `node dist/report.js`, `npx tsx scripts/export.ts`: the job runs that code with its environment. */
function runsScript(words: Token[], start: number, line: LogicalLine, ctx: ScriptContext, state: ScriptState, local: Map<string, RegionSet>): DeployCommand | undefined {
  if (!INTERPRETERS.has(words[0].text.replace(/^.*\//, ''))) return undefined;
  const program = words.slice(1).find((w) => !w.text.startsWith('-') && w.text !== 'run');
  if (!program || !PROGRAM_FILE.test(program.text)) return undefined;
  const script = folderWord(state.directory, program.text, ctx, state);
  if (script === undefined) return undefined;
  const last = words[words.length - 1];
  const command: DeployCommand = { tool: 'script', start: fileOffset(line, start), end: fileOffset(line, last.end), text: line.text.slice(start, last.end).replace(/\s+/g, ' '), directory: state.directory, deploys: false, script };
  const environmentRegion = ['AWS_REGION', 'AWS_DEFAULT_REGION'].map((name) => local.get(name) ?? state.variables.get(name) ?? ctx.outerVariable(name)).find((set) => set !== undefined);
  if (environmentRegion) command.environmentRegion = environmentRegion;
  return command;
}

/**
 * The region of a deploy command's `region-config`: its `--region` (`deploy-config`), else, for a
 * command that deploys, the AWS_REGION it runs with (`env`; the job's environment reaches a stack
 * only through such a step). The Serverless Framework does not read AWS_REGION (its default is
 * us-east-1), so its environment gives nothing. A command that only calls AWS
 * (`aws lambda invoke --region`) applies to what it runs, never to what is deployed.
 */
export function deployCommandRegion(c: DeployCommand): RegionFields & { appliesTo: 'deploy' | 'runtime' } {
  const appliesTo = c.deploys ? 'deploy' : 'runtime';
  // A program the job runs sees the job's AWS_REGION: the region of its SDK clients.
  if (c.tool === 'script') return c.environmentRegion ? { ...regionFields(c.environmentRegion, 'env'), appliesTo } : { region: null, regionSource: 'unresolved', appliesTo };
  if (c.region) return { ...regionFields(c.region, 'deploy-config'), appliesTo };
  if (c.deploys && c.tool !== 'serverless' && c.environmentRegion) return { ...regionFields(c.environmentRegion, 'env'), appliesTo };
  return { region: null, regionSource: 'unresolved', appliesTo };
}

/** Finds the deploy commands of one script (the lines of a `run:` block or of one `script:` item). */
export function findDeployCommands(lines: SourceLine[], ctx: ScriptContext, state: ScriptState = newScriptState(ctx.baseFolder)): DeployCommand[] {
  const out: DeployCommand[] = [];
  for (const line of logicalLines(lines)) {
    if (line.text.trimStart().startsWith('#')) continue;
    for (const words of commands(line.text)) {
      const found = readCommand(words, line, ctx, state);
      if (found) out.push(found);
    }
  }
  return out;
}

/** What earlier commands of the same job left behind: the folder and the shell variables. */
export interface ScriptState {
  directory: string | undefined;
  variables: Map<string, RegionSet>;
  /** literal values of variables the script set (`DIR=infra`), for folders */
  texts: Map<string, string>;
}

export function newScriptState(baseFolder: string): ScriptState {
  return { directory: baseFolder, variables: new Map(), texts: new Map() };
}

const VARIABLE_IN_WORD = /\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** A word with its variables replaced by their literal values; undefined when one is not known. */
function expandWord(word: string, ctx: ScriptContext, state: ScriptState): string | undefined {
  let unknown = false;
  const out = word.replace(VARIABLE_IN_WORD, (_m, env: string | undefined, braced: string | undefined, bare: string | undefined) => {
    const name = env ?? braced ?? bare ?? '';
    const value = (env === undefined ? state.texts.get(name) : undefined) ?? ctx.outerText?.(name);
    if (value === undefined || value.includes('$')) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : out;
}

/** `base` joined with a folder word of the script; undefined when either is unknown. */
function folderWord(base: string | undefined, word: string, ctx: ScriptContext, state: ScriptState): string | undefined {
  const expanded = expandWord(word, ctx, state);
  return base === undefined || expanded === undefined ? undefined : joinFolder(base, expanded);
}

function resolveWord(raw: string, ctx: ScriptContext, state: ScriptState, local?: Map<string, RegionSet>): RegionSet {
  if (raw.includes('${{')) return ctx.resolveExpression ? ctx.resolveExpression(raw) : OPEN_SET;
  return resolveShellValue(raw, (name) => local?.get(name) ?? state.variables.get(name) ?? ctx.outerVariable(name));
}

function step(ctx: ScriptContext, line: LogicalLine, at: number, evidence: TraceEvidence): TraceStep {
  const pos = ctx.lines.position(fileOffset(line, at));
  return traceStep({ file: ctx.file, line: pos.line, column: pos.column }, evidence);
}

function readCommand(all: Token[], line: LogicalLine, ctx: ScriptContext, state: ScriptState): DeployCommand | undefined {
  let words = all;
  while (words.length && KEYWORDS.has(words[0].text)) words = words.slice(1);
  // `for r in us-east-1 us-west-2` (the `do` part is the next command).
  if (words[0]?.text === 'for' && words.length >= 3 && words[2].text === 'in') {
    const values = words.slice(3).map((w) => resolveWord(w.text, ctx, state));
    const listed = words.slice(3).map((w) => w.text).join(' ');
    state.variables.set(words[1].text, withStep(unionSets(values), step(ctx, line, words[0].start, { kind: 'shell-loop', variable: words[1].text, values: listed })));
    return undefined;
  }
  if (words[0]?.text === 'export' || words[0]?.text === 'declare') words = words.slice(1);
  // Leading `NAME=value` words set variables for this command only, or for the script when alone.
  const local = new Map<string, RegionSet>();
  let start = words[0]?.start ?? 0;
  let assignmentsOnly = true;
  for (;;) {
    const m = words.length ? ASSIGNMENT.exec(words[0].text) : null;
    if (m) {
      local.set(m[1], withStep(resolveWord(m[2], ctx, state, local), step(ctx, line, words[0].start, { kind: 'env-assignment', variable: m[1], value: m[2] })));
      words = words.slice(1);
      continue;
    }
    if (words.length && RUNNERS.has(words[0].text)) {
      if (assignmentsOnly) start = words[0].start;
      assignmentsOnly = false;
      const runner = words[0].text;
      words = words.slice(1);
      while (words.length && words[0].text.startsWith('-')) words = words.slice(1);
      if ((runner === 'pnpm' || runner === 'yarn') && words.length && RUNNER_SUBCOMMANDS.has(words[0].text)) words = words.slice(1);
      continue;
    }
    break;
  }
  if (words.length === 0) {
    if (assignmentsOnly) {
      for (const [k, v] of local) state.variables.set(k, v);
      for (const w of all) {
        const m = ASSIGNMENT.exec(w.text);
        if (!m) continue;
        const text = expandWord(m[2], ctx, state);
        if (text === undefined) state.texts.delete(m[1]);
        else state.texts.set(m[1], text);
      }
    }
    return undefined;
  }
  if (assignmentsOnly) start = words[0].start;
  const head = words[0].text;
  if (head === 'cd' || head === 'pushd') {
    const target = words[1]?.text;
    if (target === undefined || target === '~') state.directory = undefined;
    else if (target !== '-') state.directory = folderWord(state.directory, target, ctx, state);
    return undefined;
  }
  // `npm run cdk -- deploy` runs the package script named after the tool.
  if ((head === 'npm' || head === 'bun') && (words[1]?.text === 'run' || words[1]?.text === 'run-script') && words.length > 2 && toolOf(words[2].text) !== 'other') {
    words = words.slice(2);
  }
  // `./node_modules/.bin/cdk`, `aws-cdk@2`, `serverless@3`: the tool is the name without folder or version.
  const tool = toolOf(words[0].text.replace(/^.*\//, '').replace(/@[^@/]*$/, ''));
  if (tool === 'other') return runsScript(words, start, line, ctx, state, local);
  const args = words.slice(1);
  let directory = state.directory;
  let regionName: string[] = ['--region'];
  let templateFile: string | undefined;
  let deploysStack = true;
  if (tool === 'sam') {
    if (positionals(args, new Set(['--region', '--profile', '--stack-name', '--template-file', '-t', '--template', '--config-env', '--config-file', '--s3-bucket', '--capabilities'])).at(0) !== 'deploy') return undefined;
    const template = optionValue(args, ['--template-file', '--template', '-t']);
    if (template) templateFile = folderWord(directory, template, ctx, state);
  } else if (tool === 'serverless') {
    if (positionals(args, new Set(['--region', '-r', '--stage', '-s', '--config', '-c', '--aws-profile', '--function', '-f', '--param'])).at(0) !== 'deploy') return undefined;
    regionName = ['--region', '-r'];
  } else if (tool === 'cdk') {
    if (positionals(args, new Set(['--app', '-a', '--profile', '--context', '-c', '--output', '-o', '--require-approval', '--exclusively', '-e', '--outputs-file', '-O', '--role-arn', '-r', '--toolkit-stack-name', '--parameters', '--method', '-m', '--concurrency'])).at(0) !== 'deploy') return undefined;
    regionName = [];
  } else if (tool === 'terraform') {
    const chdir = optionValue(args, ['-chdir']);
    if (chdir !== undefined) directory = folderWord(directory, chdir, ctx, state);
    if (positionals(args, new Set()).at(0) !== 'apply') return undefined;
    regionName = [];
  } else if (tool === 'pulumi') {
    const cwd = optionValue(args, ['--cwd', '-C']);
    if (cwd !== undefined) directory = folderWord(directory, cwd, ctx, state);
    const verb = positionals(args, new Set(['--cwd', '-C', '--stack', '-s', '--config-file', '--message', '-m', '--parallel', '-p', '--target', '-t'])).at(0);
    if (verb !== 'up' && verb !== 'update') return undefined;
    regionName = [];
  } else {
    const [service, operation] = positionals(args, AWS_OPTIONS_WITH_VALUE);
    deploysStack = service === 'cloudformation' && operation !== undefined && CLOUDFORMATION_DEPLOYS.has(operation);
    // `--template-file packaged.yaml` names the output of `aws cloudformation package`, not the
    // template of the workspace: the folder it runs in says which stack it deploys.
    if (!service || (!deploysStack && optionValue(args, ['--region']) === undefined)) return undefined;
  }
  const last = words[words.length - 1];
  const regionRaw = regionName.length ? optionValue(args, regionName) : undefined;
  const command: DeployCommand = {
    tool,
    start: fileOffset(line, start),
    end: fileOffset(line, last.end),
    text: line.text.slice(start, last.end).replace(/\s+/g, ' '),
    directory,
    deploys: deploysStack,
  };
  if (regionRaw !== undefined) command.region = resolveWord(regionRaw, ctx, state, local);
  const environmentRegion = ['AWS_REGION', 'AWS_DEFAULT_REGION'].map((name) => local.get(name) ?? state.variables.get(name) ?? ctx.outerVariable(name)).find((set) => set !== undefined);
  if (environmentRegion) command.environmentRegion = environmentRegion;
  if (templateFile !== undefined) command.templateFile = templateFile;
  return command;
}
