/**
 * The SAM CLI deploy configuration (`samconfig.toml`, `samconfig.yaml`/`.yml`): per environment
 * (`default`, `prod` …), the region `sam deploy` (or `sam sync`) deploys the stack to. Each
 * region setting becomes a `region-config` scoped to the template beside the file (or the one its
 * `template_file` names), which the deploy pass gives to every resource of that template.
 *
 * TOML parsers do not report positions, so values come from smol-toml and each `region = …`
 * line is found by a scan of the text that tracks `[env.command.parameters]` headers.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Problem } from '../model';
import { isRegion } from '../regions';
import { DependencyBuilder } from './builder';
import { joinWorkspacePath } from './cloudformation/deployUnits';
import { getValue, literalString, type TemplateNode } from './cloudformation/templateTree';
import { parseYamlTemplate } from './cloudformation/yamlTemplate';
import { findSuppressions } from './suppressions';
import type { ScanOutput, Scanner } from './types';
import { folderOf } from '../paths';

const FILE_NAME = /(^|\/)samconfig(?:[.-][\w-]+)?\.(toml|ya?ml)$/i;

/**
 * Commands whose `region` decides where the stack is deployed. `global` applies to every command
 * unless the command's own table sets the key (SAM CLI "Configuration file" documentation:
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-config.html).
 */
const DEPLOY_COMMANDS = ['deploy', 'sync'];

/** One `region` setting found in the file, wherever its value and position came from. */
interface RegionSetting {
  environment: string;
  command: string;
  value: string;
  start: number;
  end: number;
}

interface EnvironmentSettings {
  name: string;
  /** `template_file` / `template` of any command of the environment */
  template?: string;
  regions: RegionSetting[];
}

export const samconfigScanner: Scanner = {
  id: 'samconfig',
  accepts(file: string): boolean {
    return FILE_NAME.test(file);
  },
  scan(file: string, text: string): ScanOutput {
    const problems: Problem[] = [];
    const builder = new DependencyBuilder(file, text);
    const environments = /\.toml$/i.test(file) ? readToml(file, text, problems) : readYaml(file, text, builder, problems);
    const dir = folderOf(file);
    for (const env of environments) {
      const stackFile = templateOf(dir, env.template);
      // The deploy command's own region wins over `global`; `global` counts only when no deploy command sets one.
      const own = env.regions.filter((r) => DEPLOY_COMMANDS.includes(r.command));
      const settings = own.length ? own : env.regions.filter((r) => r.command === 'global');
      for (const s of settings) {
        const region = isRegion(s.value.trim()) ? s.value.trim() : null;
        builder.add(
          {
            kind: 'region-config',
            service: '*',
            name: 'region',
            text: s.value,
            region,
            regionSource: region ? 'deploy-config' : 'unresolved',
            origin: 'samconfig',
            scope: { stackFile, environment: env.name, appliesTo: 'deploy' },
          },
          s.start,
          s.end,
        );
      }
    }
    return { dependencies: builder.dependencies, problems, suppressions: findSuppressions(file, text, 'hash') };
  },
};

/** The template a samconfig applies to: its `template_file`, else `template.yaml` beside it. */
function templateOf(dir: string, template: string | undefined): string {
  const fallback = joinWorkspacePath(dir, 'template.yaml') ?? 'template.yaml';
  if (!template) return fallback;
  const t = template.replace(/\\/g, '/');
  // `sam build` output and absolute paths written by older SAM CLIs name a copy of the template beside this file.
  const built = /(^|\/)\.aws-sam\/build\/([^/]+)$/.exec(t);
  if (built) return joinWorkspacePath(dir, built[2]) ?? fallback;
  if (t.startsWith('/') || /^[A-Za-z]:\//.test(t)) return joinWorkspacePath(dir, t.slice(t.lastIndexOf('/') + 1)) ?? fallback;
  return joinWorkspacePath(dir, t) ?? fallback;
}

// ---------------------------------------------------------------------------------------------
// TOML

const HEADER = /^\s*\[([^\][]+)\]\s*(?:#.*)?$/;
const ASSIGNMENT = /^(\s*)((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=\s*/;

function splitKeyPath(path: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)/g;
  for (let m = re.exec(path); m; m = re.exec(path)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** `"us-east-1"` (basic or literal string) at the start of `rest` → the value and its length. */
function tomlStringValue(rest: string): { value: string; length: number } | undefined {
  const m = /^"((?:[^"\\]|\\.)*)"|^'([^']*)'/.exec(rest);
  if (!m) return undefined;
  return { value: m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2], length: m[0].length };
}

interface TomlLine {
  path: string[];
  value?: string;
  start: number;
  end: number;
}

/** Every `key = "string"` line with its full key path (table header + dotted key) and offsets. */
function scanTomlLines(text: string): TomlLine[] {
  const out: TomlLine[] = [];
  let table: string[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line);
    if (header) table = splitKeyPath(header[1]);
    else {
      const a = ASSIGNMENT.exec(line);
      if (a) {
        const rest = line.slice(a[0].length);
        const str = tomlStringValue(rest);
        const start = offset + a[1].length;
        const end = str ? offset + a[0].length + str.length : offset + line.replace(/\s*(#.*)?\r?$/, '').length;
        out.push({ path: [...table, ...splitKeyPath(a[2])], value: str?.value, start, end: Math.max(start, end) });
      }
    }
    offset += line.length + 1;
  }
  return out;
}

function readToml(file: string, text: string, problems: Problem[]): EnvironmentSettings[] {
  let data: Record<string, unknown> | undefined;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    problems.push({ file, line, reason: `TOML syntax error: ${firstLine(error)}; region lines were read line by line`, severity: 'partial' });
  }
  const lines = scanTomlLines(text);
  const envs = new Map<string, EnvironmentSettings>();
  const envOf = (name: string): EnvironmentSettings => {
    let e = envs.get(name);
    if (!e) envs.set(name, (e = { name, regions: [] }));
    return e;
  };
  for (const l of lines) {
    if (l.path.length !== 4 || l.path[2] !== 'parameters') continue;
    const [env, command, , key] = l.path;
    // Values come from the TOML parser when it succeeded; the line scan only places them.
    const parsed = data ? valueAt(data, l.path) : l.value;
    if (typeof parsed !== 'string') continue;
    if (key === 'region') envOf(env).regions.push({ environment: env, command, value: parsed, start: l.start, end: l.end });
    else if ((key === 'template_file' || key === 'template') && envOf(env).template === undefined) envOf(env).template = parsed;
  }
  return [...envs.values()];
}

function valueAt(data: Record<string, unknown>, path: string[]): unknown {
  let cur: unknown = data;
  for (const k of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].trim();
}

// ---------------------------------------------------------------------------------------------
// YAML

function readYaml(file: string, text: string, builder: DependencyBuilder, problems: Problem[]): EnvironmentSettings[] {
  const parsed = parseYamlTemplate(text);
  for (const p of parsed.problems) problems.push({ file, ...builder.lines.position(p.offset), reason: p.message, severity: 'partial' });
  const root = parsed.root;
  if (root?.kind !== 'map') return [];
  const out: EnvironmentSettings[] = [];
  for (const envPair of root.pairs) {
    if (envPair.key === 'version' || envPair.value?.kind !== 'map') continue;
    const env: EnvironmentSettings = { name: envPair.key, regions: [] };
    for (const commandPair of envPair.value.pairs) {
      const parameters = getValue(commandPair.value, 'parameters');
      if (parameters?.kind !== 'map') continue;
      for (const p of parameters.pairs) {
        const value = literalString(p.value);
        if (value === undefined) continue;
        if (p.key === 'region') env.regions.push({ environment: env.name, command: commandPair.key, value, start: p.keyStart, end: endOf(p.value) ?? p.keyEnd });
        else if ((p.key === 'template_file' || p.key === 'template') && env.template === undefined) env.template = value;
      }
    }
    out.push(env);
  }
  return out;
}

function endOf(node: TemplateNode | undefined): number | undefined {
  return node?.end;
}
